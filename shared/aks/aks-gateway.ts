import type { AgentPool, KubernetesVersion, MaintenanceConfiguration, ManagedCluster } from '@azure/arm-containerservice';
import type { AksErrorInfo } from './aks-error.js';

/** The upgrade types Fleet's `managedClusterUpdate.upgrade.type` names. */
export const AksUpgradeKind = { ControlPlaneOnly: 'ControlPlaneOnly', Full: 'Full', NodeImageOnly: 'NodeImageOnly' } as const;
/** One of {@link AksUpgradeKind}. */
export type AksUpgradeKind = (typeof AksUpgradeKind)[keyof typeof AksUpgradeKind];

/** An agent pool as the fleet needs to see it (fields of the SDK's `AgentPool`). */
export type AksPoolState = Pick<AgentPool, 'name' | 'mode' | 'osType' | 'osSKU' | 'count' | 'orchestratorVersion' | 'currentOrchestratorVersion' | 'nodeImageVersion' | 'provisioningState' | 'powerState'>;

/** A member cluster's state (fields of the SDK's `ManagedCluster`), plain data. `id` and `location` are always set. */
export type AksMemberState = Pick<ManagedCluster, 'name' | 'kubernetesVersion' | 'currentKubernetesVersion' | 'provisioningState' | 'powerState' | 'supportPlan' | 'autoUpgradeProfile' | 'eTag' | 'status'> & {
  id: string;
  location: string;
  pools: AksPoolState[];
};

/** One Kubernetes patch version offered in a region, flattened from `listKubernetesVersions`. */
export interface AvailableKubernetesVersion {
  version: string;
  minor: string;
  isPreview: boolean;
  isDefault: boolean;
  /** True when the minor offers `AKSLongTermSupport`. */
  isLts: boolean;
  /** Patch versions this one can upgrade to, as the region states them. */
  upgrades: string[];
}

/** What to upgrade. NodeImageOnly is per pool (AKS's `upgradeNodeImageVersion`), so callers sequence pools. */
export type AksUpgradeRequest =
  | { kind: typeof AksUpgradeKind.ControlPlaneOnly | typeof AksUpgradeKind.Full; clusterId: string; kubernetesVersion: string }
  | { kind: typeof AksUpgradeKind.NodeImageOnly; clusterId: string; poolName: string };

/**
 * A started AKS operation as plain, serializable data: an activity starts it, returns this,
 * and later activities poll it (possibly on another host). Holds no poller.
 */
export interface AksOperationHandle {
  kind: AksUpgradeKind;
  clusterId: string;
  /** The resource being changed: the cluster, or the agent pool for NodeImageOnly. */
  resourceId: string;
  poolName?: string;
  /** The `Azure-AsyncOperation` (or `Location`) URL polled for status. */
  operationUrl: string | undefined;
  /** The SDK poller's serialized state (core-lro), restored on every poll. */
  pollerState: string;
  /** What the post-condition check expects. */
  target: { kubernetesVersion?: string; nodeImageVersion?: string };
  /** Suggested wait before the first poll, from `Retry-After`. */
  retryAfterMs?: number;
}

/** The result of starting an upgrade: started, or nothing to do (idempotent re-runs). */
export type AksStartResult = { status: 'Started'; handle: AksOperationHandle } | { status: 'AlreadyAtTarget' };

/** An operation's state; `Failed` carries ARM's code and message (a permanent outcome). */
export type AksOperationStatus =
  | { status: 'InProgress'; retryAfterMs?: number }
  | { status: 'Succeeded' }
  | { status: 'Canceled' }
  | { status: 'Failed'; error: AksErrorInfo };

/** The outcome of checking an upgrade's post-conditions. */
export type AksVerification = { ok: true } | { ok: false; problems: string[] };

/**
 * Everything durable-fleet asks of AKS. Each method throws `AksError` for service and
 * transport failures (`transient` says whether to retry) and rethrows anything else.
 */
export interface AksGateway {
  /** Reads a cluster with its pools. A stopped cluster is returned, not thrown. */
  getMember(clusterId: string): Promise<AksMemberState>;
  /** Lists the cluster's maintenance configurations (`default`, `aksManagedAutoUpgradeSchedule`, `aksManagedNodeOSUpgradeSchedule`). */
  listMaintenanceConfigurations(clusterId: string): Promise<MaintenanceConfiguration[]>;
  /** The Kubernetes versions a region offers, raw as AKS returns them. */
  listKubernetesVersions(subscriptionId: string, location: string): Promise<KubernetesVersion[]>;
  /** The Kubernetes versions a region offers, one entry per patch, oldest first. */
  listAvailableVersions(subscriptionId: string, location: string): Promise<AvailableKubernetesVersion[]>;
  /** The newest node image AKS would install on a pool (`agentPools.getUpgradeProfile`). */
  getLatestNodeImage(clusterId: string, poolName: string): Promise<string | undefined>;
  /**
   * Starts an upgrade; throws `AksError` kind `Stopped` for a stopped cluster and `Busy` while
   * another operation runs. Returns `AlreadyAtTarget` when there is nothing to do.
   */
  startUpgrade(request: AksUpgradeRequest): Promise<AksStartResult>;
  /** Polls a started operation once. */
  pollOperation(handle: AksOperationHandle): Promise<AksOperationStatus>;
  /** Checks the authoritative post-conditions (versions reached, provisioningState Succeeded). */
  verifyUpgrade(handle: AksOperationHandle): Promise<AksVerification>;
  /** The cluster user kubeconfig, decoded. A secret: never log it or persist it. */
  getKubeconfig(clusterId: string): Promise<string>;
}
