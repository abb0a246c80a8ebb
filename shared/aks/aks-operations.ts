import { ContainerServiceClient, restorePoller } from '@azure/arm-containerservice';
import { AksError, AksErrorKind, type AksErrorInfo } from './aks-error.js';
import { AksUpgradeKind, type AksOperationHandle, type AksOperationStatus } from './aks-gateway.js';
import { toAksError } from './classify-aks-error.js';
import { parseClusterId } from './resource-id.js';

/** The parts of core-lro's serialized poller state the AKS layer reads. */
interface SerializedPollerState {
  state?: { config?: { operationLocation?: string; resourceLocation?: string } };
}

/** The URL a serialized poller polls (`Azure-AsyncOperation`, else `Location`), if it has one. */
export function operationUrlOf(pollerState: string): string | undefined {
  const parsed = JSON.parse(pollerState) as SerializedPollerState;
  return parsed.state?.config?.operationLocation ?? parsed.state?.config?.resourceLocation;
}

/** core-lro reports a failed operation only as text: `The long-running operation has failed. CODE. MESSAGE`. */
export function errorFromPollerMessage(message: string): AksErrorInfo {
  const match = /^The long-running operation has failed\. ([^.\s]+)\. ([\s\S]*)$/.exec(message);
  return { kind: AksErrorKind.Permanent, code: match?.[1] ?? 'OperationFailed', message: match?.[2] ?? message };
}

/** Rejects with an AksError (or the original error) instead of whatever the SDK threw. */
export async function aksCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAksError(error);
  }
}

/**
 * Polls a started operation once with a poller restored from the handle (the SDK's own LRO
 * logic), and reads ARM's error from the resource's `status.provisioningError` when it failed.
 */
export async function pollOnce(client: ContainerServiceClient, handle: AksOperationHandle, timeoutMs: number): Promise<AksOperationStatus> {
  const ref = parseClusterId(handle.clusterId);
  if (!ref) throw new TypeError(`Not a managed cluster id: ${handle.clusterId}`);
  // The source operation only names the operation in restorePoller's messages; the deserializer comes from the state.
  const poller =
    handle.kind === AksUpgradeKind.NodeImageOnly
      ? restorePoller(client, handle.pollerState, client.agentPools.upgradeNodeImageVersion)
      : restorePoller(client, handle.pollerState, client.managedClusters.createOrUpdate);
  try {
    await poller.poll({ abortSignal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (poller.operationState?.status !== 'failed') throw toAksError(error);
  }
  const status = poller.operationState?.status;
  if (status === 'succeeded') return { status: 'Succeeded' };
  if (status === 'canceled') return { status: 'Canceled' };
  if (status !== 'failed') return { status: 'InProgress' };
  const fallback = errorFromPollerMessage(poller.operationState?.error?.message ?? '');
  const detail = await aksCall(async () =>
    handle.kind === AksUpgradeKind.NodeImageOnly && handle.poolName
      ? (await client.agentPools.get(ref.resourceGroup, ref.name, handle.poolName)).status?.provisioningError
      : (await client.managedClusters.get(ref.resourceGroup, ref.name)).status?.provisioningError,
  );
  const error = detail?.code && detail.message !== undefined ? { kind: AksErrorKind.Permanent, code: detail.code, message: detail.message } : fallback;
  return { status: 'Failed', error };
}

/** An AksError for a stopped cluster (AKS refuses every upgrade until it is started). */
export function stoppedError(clusterId: string): AksError {
  return new AksError({ kind: AksErrorKind.Stopped, code: 'ClusterStopped', message: `Managed cluster ${clusterId} is stopped (powerState Stopped); start it before upgrading.` });
}
