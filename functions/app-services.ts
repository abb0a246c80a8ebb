import type { AksGateway } from '../shared/aks/aks-gateway.js';
import { createAksGateway } from '../shared/aks/create-aks-gateway.js';
import { armEndpointFrom, createAzureCredential } from '../shared/azure-credential.js';
import { defaultFleetStore } from '../shared/store/default-store.js';
import type { FleetStore } from '../shared/store/fleet-store.js';
import { ReleaseFactsReader } from '../shared/auto-upgrade/region-facts.js';

/** The process's shared services, built on first use from app settings. */
export interface AppServices {
  store: FleetStore;
  aks: AksGateway;
  /** What regions offer and where clusters run (cluster regions remembered for a while). */
  releases: ReleaseFactsReader;
}

let services: AppServices | undefined;

/**
 * The store (`AzureWebJobsStorage`), the release facts reader and the AKS layer (`DefaultAzureCredential`, or the configured
 * client credential, against `AZURE_RESOURCE_MANAGER_ENDPOINT`), one of each per process.
 */
export function appServices(): AppServices {
  if (!services) {
    const aks = createAksGateway({ credential: createAzureCredential(), endpoint: armEndpointFrom() });
    services = { store: defaultFleetStore(), aks, releases: new ReleaseFactsReader(aks) };
  }
  return services;
}
