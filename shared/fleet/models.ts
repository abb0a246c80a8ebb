/**
 * The Fleet resources as durable-fleet stores and serves them: the ARM shapes of
 * `Microsoft.ContainerService/fleets` and its children, in the newest API version's form
 * (older api-versions are served a subset, see `shared/arm/api-versions.ts`). Enumerations
 * read back from Azure stay open strings.
 */

/** ARM `systemData`. */
export interface SystemData {
  createdBy?: string;
  createdByType?: string;
  createdAt?: string;
  lastModifiedBy?: string;
  lastModifiedByType?: string;
  lastModifiedAt?: string;
}

/** ARM `ErrorDetail` as kept in statuses. */
export interface ErrorDetail {
  code?: string;
  message?: string;
  target?: string;
  details?: ErrorDetail[];
  additionalInfo?: { type?: string; info?: unknown }[];
}

/** What every stored resource carries. */
export interface ArmResource<P> {
  id: string;
  name: string;
  type: string;
  systemData?: SystemData;
  eTag?: string;
  properties: P;
}

/** A tracked (top-level) resource. */
export interface TrackedResource<P> extends ArmResource<P> {
  location: string;
  tags?: Record<string, string>;
}

/** `provisioningState` values (open string). */
export type ProvisioningState = 'Succeeded' | 'Failed' | 'Canceled' | 'Creating' | 'Updating' | 'Deleting' | 'Joining' | 'Leaving' | (string & {});

/** A resource's last operation (fleet and member `status`, 2025-03-01). */
export interface ResourceStatus {
  lastOperationId?: string;
  lastOperationError?: ErrorDetail;
}

/** `ManagedServiceIdentity`. */
export interface ManagedServiceIdentity {
  type: 'None' | 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned' | (string & {});
  principalId?: string;
  tenantId?: string;
  userAssignedIdentities?: Record<string, { principalId?: string; clientId?: string }>;
}

/** Fleet hub settings (create-only). */
export interface FleetHubProfile {
  dnsPrefix?: string;
  apiServerAccessProfile?: { enablePrivateCluster?: boolean; enableVnetIntegration?: boolean; subnetId?: string };
  agentProfile?: { subnetId?: string; vmSize?: string };
  fqdn?: string;
  kubernetesVersion?: string;
  portalFqdn?: string;
}

/** `fleets` properties. */
export interface FleetProperties {
  provisioningState?: ProvisioningState;
  hubProfile?: FleetHubProfile;
  status?: ResourceStatus;
}
/** A fleet. */
export interface Fleet extends TrackedResource<FleetProperties> {
  identity?: ManagedServiceIdentity;
}

/** `fleets/members` properties. */
export interface FleetMemberProperties {
  clusterResourceId: string;
  group?: string;
  labels?: Record<string, string>;
  provisioningState?: ProvisioningState;
  status?: ResourceStatus;
}
/** A fleet member. */
export type FleetMember = ArmResource<FleetMemberProperties>;

/** Gate kinds. */
export type GateType = 'Approval' | 'ScheduledStart' | (string & {});
/** A day of the week as the API spells it. */
export type DayOfWeek = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

/** When a ScheduledStart gate opens. */
export interface ScheduledStartConfiguration {
  startDay: DayOfWeek;
  /** `HH:mm`, 24-hour. */
  startTime: string;
  /** `±HH:mm`. */
  utcOffset: string;
}

/** A gate in a strategy. */
export interface GateConfiguration {
  displayName?: string;
  type: GateType;
  scheduledStartConfiguration?: ScheduledStartConfiguration;
}

/** A label selector on members. */
export interface MemberSelector {
  byLabel: string;
}

/** A group of a stage. */
export interface UpdateGroup {
  name: string;
  memberSelector?: MemberSelector;
  maxConcurrency?: string;
  maxAllowedFailures?: string;
  beforeGates?: GateConfiguration[];
  afterGates?: GateConfiguration[];
}

/** A stage of a strategy. */
export interface UpdateStage {
  name: string;
  groups?: UpdateGroup[];
  memberSelector?: MemberSelector;
  afterStageWaitInSeconds?: number;
  maxConcurrency?: string;
  maxAllowedFailures?: string;
  beforeGates?: GateConfiguration[];
  afterGates?: GateConfiguration[];
}

/** The stages of a run or strategy. */
export interface UpdateRunStrategy {
  stages: UpdateStage[];
}

/** `fleets/updateStrategies` properties. */
export interface UpdateStrategyProperties {
  provisioningState?: ProvisioningState;
  strategy: UpdateRunStrategy;
}
/** An update strategy. */
export type UpdateStrategy = ArmResource<UpdateStrategyProperties>;

/** Upgrade kinds. */
export type UpgradeType = 'Full' | 'NodeImageOnly' | 'ControlPlaneOnly' | (string & {});
/** Node image selection kinds. */
export type NodeImageSelectionType = 'Latest' | 'Consistent' | 'Custom' | (string & {});

/** What a run upgrades. */
export interface ManagedClusterUpdate {
  upgrade: { type: UpgradeType; kubernetesVersion?: string };
  nodeImageSelection?: { type: NodeImageSelectionType; customNodeImageVersions?: { version: string }[] };
}

/** Update states (open string). */
export type UpdateState = 'NotStarted' | 'Running' | 'Stopping' | 'Stopped' | 'Skipped' | 'Failed' | 'Pending' | 'Completed' | (string & {});

/** A status node. */
export interface UpdateStatus {
  startTime?: string;
  completedTime?: string;
  state?: UpdateState;
  error?: ErrorDetail;
}

/** A gate as the run status shows it. */
export interface UpdateRunGateStatus {
  displayName?: string;
  gateId?: string;
  status?: UpdateStatus;
}

/** A member in the run status. */
export interface MemberUpdateStatus {
  status?: UpdateStatus;
  name?: string;
  clusterResourceId?: string;
  operationId?: string;
  message?: string;
}

/** A group in the run status. */
export interface UpdateGroupStatus {
  status?: UpdateStatus;
  name?: string;
  failureCount?: number;
  maxAllowedFailures?: number;
  maxConcurrency?: number;
  members?: MemberUpdateStatus[];
  beforeGates?: UpdateRunGateStatus[];
  afterGates?: UpdateRunGateStatus[];
}

/** A stage in the run status. */
export interface UpdateStageStatus {
  status?: UpdateStatus;
  name?: string;
  failureCount?: number;
  maxAllowedFailures?: number;
  maxConcurrency?: number;
  groups?: UpdateGroupStatus[];
  beforeGates?: UpdateRunGateStatus[];
  afterGates?: UpdateRunGateStatus[];
  afterStageWaitStatus?: { status?: UpdateStatus; waitDurationInSeconds?: number };
}

/** The run status tree. */
export interface UpdateRunStatus {
  status?: UpdateStatus;
  stages?: UpdateStageStatus[];
  nodeImageSelection?: { selectedNodeImageVersions?: { version: string }[] };
  failureCount?: number;
}

/** `fleets/updateRuns` properties. */
export interface UpdateRunProperties {
  provisioningState?: ProvisioningState;
  updateStrategyId?: string;
  strategy?: UpdateRunStrategy;
  managedClusterUpdate: ManagedClusterUpdate;
  status?: UpdateRunStatus;
  autoUpgradeProfileId?: string;
}
/** An update run. */
export type UpdateRun = ArmResource<UpdateRunProperties>;

/** Gate states (open string). */
export type GateState = 'Pending' | 'Skipped' | 'Completed' | (string & {});

/** `fleets/gates` properties. */
export interface GateProperties {
  provisioningState?: ProvisioningState;
  displayName?: string;
  gateType: GateType;
  scheduledStartProperties?: ScheduledStartConfiguration & { absoluteStartTime?: string };
  target: { id: string; updateRunProperties?: { name: string; stage?: string; group?: string; timing: 'Before' | 'After' } };
  state: GateState;
}
/** A gate. */
export type Gate = ArmResource<GateProperties>;

/** Auto-upgrade channels (open string). */
export type UpgradeChannel = 'Stable' | 'Rapid' | 'NodeImage' | 'TargetKubernetesVersion' | 'SecurityPatch' | (string & {});

/** `fleets/autoUpgradeProfiles` properties. */
export interface AutoUpgradeProfileProperties {
  provisioningState?: ProvisioningState;
  updateStrategyId?: string;
  channel: UpgradeChannel;
  nodeImageSelection?: { type: NodeImageSelectionType };
  disabled?: boolean;
  autoUpgradeProfileStatus?: {
    lastTriggeredAt?: string;
    lastTriggerStatus?: 'Succeeded' | 'Failed' | (string & {});
    lastTriggerError?: ErrorDetail;
    lastTriggerUpgradeVersions?: string[];
    lastTriggerMessage?: string;
  };
  targetKubernetesVersion?: string;
  longTermSupport?: boolean;
  /** durable-fleet extension: bring members behind the channel target into a run on each watcher tick. */
  catchUp?: boolean;
}
/** An auto-upgrade profile. */
export type AutoUpgradeProfile = ArmResource<AutoUpgradeProfileProperties>;

/** The ARM resource types, as `type` spells them. */
export const resourceTypes = {
  fleet: 'Microsoft.ContainerService/fleets',
  member: 'Microsoft.ContainerService/fleets/members',
  updateStrategy: 'Microsoft.ContainerService/fleets/updateStrategies',
  updateRun: 'Microsoft.ContainerService/fleets/updateRuns',
  gate: 'Microsoft.ContainerService/fleets/gates',
  autoUpgradeProfile: 'Microsoft.ContainerService/fleets/autoUpgradeProfiles',
} as const;
/** A key of {@link resourceTypes}. */
export type ResourceKind = keyof typeof resourceTypes;
