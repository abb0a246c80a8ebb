import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';

/** The default Azure Resource Manager endpoint (public cloud). */
export const defaultArmEndpoint = 'https://management.azure.com';

/** The environment variables that configure how durable-fleet reaches ARM. */
export type AzureEnvironment = Partial<
  Record<'AZURE_AUTHORITY_HOST' | 'AZURE_TENANT_ID' | 'AZURE_CLIENT_ID' | 'AZURE_CLIENT_SECRET' | 'AZURE_RESOURCE_MANAGER_ENDPOINT', string | undefined>
>;

const microsoftAuthorities = ['https://login.microsoftonline.com', 'https://login.microsoftonline.us', 'https://login.chinacloudapi.cn', 'https://login.partner.microsoftonline.cn'];

/** True when the authority is one of Microsoft's Entra clouds (instance discovery only works there). */
export function isMicrosoftAuthority(authorityHost: string): boolean {
  const normalized = authorityHost.replace(/\/+$/, '').toLowerCase();
  return microsoftAuthorities.includes(normalized);
}

/**
 * The credential durable-fleet calls ARM with. With `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and
 * `AZURE_CLIENT_SECRET` all set it is a `ClientSecretCredential` (against `AZURE_AUTHORITY_HOST`
 * when given, with instance discovery off for a non-Microsoft authority such as the local token
 * issuer); otherwise `DefaultAzureCredential` (managed identity on Azure).
 */
export function createAzureCredential(env: AzureEnvironment = process.env): TokenCredential {
  const { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: secret, AZURE_AUTHORITY_HOST: authorityHost } = env;
  if (tenant && clientId && secret) {
    const custom = authorityHost !== undefined && authorityHost !== '' && !isMicrosoftAuthority(authorityHost);
    return new ClientSecretCredential(tenant, clientId, secret, authorityHost ? { authorityHost, disableInstanceDiscovery: custom } : {});
  }
  return new DefaultAzureCredential();
}

/** The ARM endpoint: `AZURE_RESOURCE_MANAGER_ENDPOINT` (must be https) or {@link defaultArmEndpoint}. */
export function armEndpointFrom(env: AzureEnvironment = process.env): string {
  const configured = env.AZURE_RESOURCE_MANAGER_ENDPOINT?.trim();
  if (!configured) return defaultArmEndpoint;
  const url = new URL(configured);
  if (url.protocol !== 'https:') throw new Error(`AZURE_RESOURCE_MANAGER_ENDPOINT must be an https URL (bearer tokens are never sent over http): ${configured}`);
  return url.origin;
}
