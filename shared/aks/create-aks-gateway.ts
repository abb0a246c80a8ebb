import { ContainerServiceClient, type ContainerServiceClientOptionalParams } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/identity';
import { AksError, AksErrorKind } from './aks-error.js';
import { AksUpgradeKind, type AksGateway, type AksOperationHandle, type AksStartResult, type AksUpgradeRequest } from './aks-gateway.js';
import { aksCall, operationUrlOf, pollOnce, stoppedError } from './aks-operations.js';
import { parseRetryAfter } from './classify-aks-error.js';
import { flattenKubernetesVersions } from './available-versions.js';
import { isStopped, toMemberState } from './member-state.js';
import { nodeImageReached } from './node-image-version.js';
import { checkPostConditions } from './post-conditions.js';
import { agentPoolIdOf, parseClusterId, type ClusterRef } from './resource-id.js';
import { upgradeBody } from './upgrade-body.js';

/** How to reach AKS. */
export interface AksGatewayOptions {
  credential: TokenCredential;
  /** ARM endpoint (default https://management.azure.com), e.g. from `armEndpointFrom()`. */
  endpoint?: string;
  /** Per-request timeout; a request still unanswered then fails as `Timeout` (default 30 s). */
  requestTimeoutMs?: number;
  /** The SDK's own retry policy settings (it stays in the pipeline; `maxRetries: 0` leaves retries to Durable). */
  retryOptions?: ContainerServiceClientOptionalParams['retryOptions'];
}

/** Creates the {@link AksGateway} over `@azure/arm-containerservice`, one SDK client per subscription. */
export function createAksGateway(options: AksGatewayOptions): AksGateway {
  const timeout = options.requestTimeoutMs ?? 30_000;
  const clients = new Map<string, ContainerServiceClient>();
  const clientFor = (subscriptionId: string): ContainerServiceClient => {
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new ContainerServiceClient(options.credential, subscriptionId, { endpoint: options.endpoint, retryOptions: options.retryOptions });
      clients.set(subscriptionId, client);
    }
    return client;
  };
  const requestOptions = () => ({ requestOptions: { timeout } });
  const refOf = (clusterId: string): ClusterRef => {
    const ref = parseClusterId(clusterId);
    if (!ref) throw new AksError({ kind: AksErrorKind.Permanent, code: 'InvalidResourceId', message: `Not a managed cluster resource id: ${clusterId}` });
    return ref;
  };
  const readCluster = (ref: ClusterRef) => aksCall(() => clientFor(ref.subscriptionId).managedClusters.get(ref.resourceGroup, ref.name, requestOptions()));

  /**
   * Starts the SDK's LRO, waits only for the initial response and keeps its serialized state and
   * the `Retry-After` ARM asked pollers to wait.
   */
  async function started(kind: AksUpgradeKind, clusterId: string, resourceId: string, begin: (onResponse: (raw: { headers: { get(name: string): string | undefined } }) => void) => { submitted(): Promise<void>; serialize(): Promise<string> }, target: AksOperationHandle['target'], poolName?: string): Promise<AksStartResult> {
    let retryAfter: string | undefined;
    const poller = begin((raw) => (retryAfter ??= raw.headers.get('retry-after')));
    await aksCall(() => poller.submitted());
    const pollerState = await poller.serialize();
    const handle: AksOperationHandle = { kind, clusterId, resourceId, operationUrl: operationUrlOf(pollerState), pollerState, target };
    const retryAfterMs = parseRetryAfter(retryAfter, Date.now());
    if (retryAfterMs !== undefined) handle.retryAfterMs = retryAfterMs;
    if (poolName !== undefined) handle.poolName = poolName;
    return { status: 'Started', handle };
  }

  async function startKubernetesUpgrade(ref: ClusterRef, clusterId: string, kind: typeof AksUpgradeKind.ControlPlaneOnly | typeof AksUpgradeKind.Full, target: string): Promise<AksStartResult> {
    const cluster = await readCluster(ref);
    if (isStopped(cluster)) throw stoppedError(clusterId);
    const poolsDone = kind === AksUpgradeKind.ControlPlaneOnly || (cluster.agentPoolProfiles ?? []).every((p) => p.currentOrchestratorVersion === target && p.orchestratorVersion === target);
    if (cluster.provisioningState === 'Succeeded' && cluster.currentKubernetesVersion === target && poolsDone) return { status: 'AlreadyAtTarget' };
    const body = upgradeBody(cluster, kind, target);
    const client = clientFor(ref.subscriptionId);
    return started(kind, clusterId, clusterId, (onResponse) => client.managedClusters.createOrUpdate(ref.resourceGroup, ref.name, body, { ifMatch: cluster.eTag, ...requestOptions(), onResponse }), { kubernetesVersion: target });
  }

  async function startNodeImageUpgrade(ref: ClusterRef, clusterId: string, poolName: string): Promise<AksStartResult> {
    const cluster = await readCluster(ref);
    if (isStopped(cluster)) throw stoppedError(clusterId);
    const pool = (cluster.agentPoolProfiles ?? []).find((p) => p.name === poolName);
    if (!pool) throw new AksError({ kind: AksErrorKind.NotFound, code: 'AgentPoolNotFound', message: `Agent pool ${poolName} not found in ${clusterId}` });
    const client = clientFor(ref.subscriptionId);
    const profile = await aksCall(() => client.agentPools.getUpgradeProfile(ref.resourceGroup, ref.name, poolName, requestOptions()));
    const latest = profile.latestNodeImageVersion;
    if (latest && pool.provisioningState === 'Succeeded' && nodeImageReached(pool.nodeImageVersion, latest)) return { status: 'AlreadyAtTarget' };
    const target = latest ? { nodeImageVersion: latest } : {};
    return started(AksUpgradeKind.NodeImageOnly, clusterId, agentPoolIdOf(ref, poolName), (onResponse) => client.agentPools.upgradeNodeImageVersion(ref.resourceGroup, ref.name, poolName, { ...requestOptions(), onResponse }), target, poolName);
  }

  return {
    async getMember(clusterId) {
      return toMemberState(await readCluster(refOf(clusterId)), clusterId);
    },
    async listMaintenanceConfigurations(clusterId) {
      const ref = refOf(clusterId);
      return aksCall(async () => {
        const out = [];
        for await (const config of clientFor(ref.subscriptionId).maintenanceConfigurations.listByManagedCluster(ref.resourceGroup, ref.name, requestOptions())) out.push(config);
        return out;
      });
    },
    async listKubernetesVersions(subscriptionId, location) {
      const result = await aksCall(() => clientFor(subscriptionId).managedClusters.listKubernetesVersions(location, requestOptions()));
      return result.values ?? [];
    },
    async listAvailableVersions(subscriptionId, location) {
      return flattenKubernetesVersions(await this.listKubernetesVersions(subscriptionId, location));
    },
    async getLatestNodeImage(clusterId, poolName) {
      const ref = refOf(clusterId);
      const profile = await aksCall(() => clientFor(ref.subscriptionId).agentPools.getUpgradeProfile(ref.resourceGroup, ref.name, poolName, requestOptions()));
      return profile.latestNodeImageVersion;
    },
    async startUpgrade(request: AksUpgradeRequest) {
      const ref = refOf(request.clusterId);
      return request.kind === AksUpgradeKind.NodeImageOnly ? startNodeImageUpgrade(ref, request.clusterId, request.poolName) : startKubernetesUpgrade(ref, request.clusterId, request.kind, request.kubernetesVersion);
    },
    async pollOperation(handle) {
      return pollOnce(clientFor(refOf(handle.clusterId).subscriptionId), handle, timeout);
    },
    async verifyUpgrade(handle) {
      return checkPostConditions(await this.getMember(handle.clusterId), handle);
    },
    async getKubeconfig(clusterId) {
      const ref = refOf(clusterId);
      const result = await aksCall(() => clientFor(ref.subscriptionId).managedClusters.listClusterUserCredentials(ref.resourceGroup, ref.name, requestOptions()));
      const value = result.kubeconfigs?.[0]?.value;
      if (!value) throw new AksError({ kind: AksErrorKind.Permanent, code: 'NoKubeconfig', message: `AKS returned no user kubeconfig for ${clusterId}` });
      return Buffer.from(value).toString('utf8');
    },
  };
}
