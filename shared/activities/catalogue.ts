/**
 * The one typed catalogue of activities: names declared once, with their input and output.
 * Orchestrations call through `orchestrations/call-activity.ts`; registrations in
 * `functions/update-run-activities.ts` use `satisfies` against {@link ActivityImplementations}.
 */
import type { ErrorDetail } from '../fleet/models.js';
import type { AksOperationHandle, AksOperationStatus, AksVerification } from '../aks/aks-gateway.js';
import type { PlannedGate, PlannedMember, RunPlan } from '../update-run/plan.js';
import type { StatusPatch } from '../update-run/status-patch.js';
import type { SkipTarget } from '../update-run/runtime.js';
import type { RunFactsView } from '../update-run/run-facts.js';
import type { ChannelTarget } from '../auto-upgrade/channel-target.js';
import type { ReleaseSignal } from '../auto-upgrade/profile-runtime.js';
import type { PlannedTrigger } from '../auto-upgrade/activities/plan-auto-upgrades.js';
import type { TriggerOutcome } from '../auto-upgrade/activities/trigger-auto-upgrade.js';

/** Registered names (suffix `Activity`, as the house style asks). */
export const activityNames = {
  prepareRun: 'prepareRunActivity',
  recordRunStatus: 'recordRunStatusActivity',
  orderMembers: 'orderMembersActivity',
  checkMember: 'checkMemberActivity',
  startMemberUpgrade: 'startMemberUpgradeActivity',
  pollMemberUpgrade: 'pollMemberUpgradeActivity',
  verifyMemberUpgrade: 'verifyMemberUpgradeActivity',
  openGate: 'openGateActivity',
  closeGate: 'closeGateActivity',
  planAutoUpgrades: 'planAutoUpgradesActivity',
  triggerAutoUpgrade: 'triggerAutoUpgradeActivity',
} as const;
/** A key of {@link activityNames}. */
export type ActivityKey = keyof typeof activityNames;

/** The state of one member as a run left it (for restarts). */
export type MemberProgress = Record<string, string>;

/** One AKS operation a member needs. */
export type UpgradeStep = { kind: 'Full' | 'ControlPlaneOnly'; kubernetesVersion: string } | { kind: 'NodeImageOnly'; poolName: string; targetImage?: string };

/** What checking a member decided. */
export type MemberDecision =
  | { kind: 'skip'; message: string }
  | { kind: 'pending'; retryAt: string; message: string; error?: ErrorDetail }
  | { kind: 'fail'; error: ErrorDetail; message?: string }
  | { kind: 'upgrade'; steps: UpgradeStep[]; message?: string };

/** What an upgrade step's start did. */
export type StartOutcome =
  | { kind: 'started'; handle: AksOperationHandle }
  | { kind: 'alreadyAtTarget' }
  | { kind: 'busy'; message: string }
  | { kind: 'failed'; error: ErrorDetail };

/** Everything a member orchestration needs about the run's upgrade. */
export interface MemberUpgradeSpec {
  type: string;
  kubernetesVersion?: string;
  nodeImageSelection: string;
  /** Target per image family (Consistent, Custom); absent for Latest. */
  nodeImages?: Record<string, string>;
  /** Auto-upgrade runs never jump minors: members more than one minor behind are Skipped with a message. */
  leaveBehindMultiMinor?: boolean;
}

/** Input and output of every activity. */
export interface ActivityIO {
  prepareRun: {
    input: { runId: string; generation: number; now: string };
    output: { plan: RunPlan; progress: MemberProgress; skips: SkipTarget[]; nodeImages?: Record<string, string> } | { failed: ErrorDetail };
  };
  recordRunStatus: { input: { runId: string; patches: StatusPatch[]; listen?: string[]; unlisten?: string[] }; output: RunFactsView };
  orderMembers: { input: { members: PlannedMember[]; upgradeType: string; now: string }; output: string[] };
  checkMember: { input: { member: PlannedMember; upgrade: MemberUpgradeSpec; now: string }; output: MemberDecision };
  startMemberUpgrade: { input: { clusterResourceId: string; step: UpgradeStep }; output: StartOutcome };
  pollMemberUpgrade: { input: { handle: AksOperationHandle }; output: AksOperationStatus };
  verifyMemberUpgrade: { input: { handle: AksOperationHandle }; output: AksVerification };
  openGate: {
    input: { runId: string; gateName: string; gate: PlannedGate; stageName: string; groupName?: string; waiter: string; now: string };
    output: { state: string; completeAt?: string };
  };
  closeGate: { input: { runId: string; gateName: string; gate: PlannedGate; state: 'Completed' | 'Skipped'; now: string }; output: null };
  planAutoUpgrades: { input: ReleaseSignal; output: PlannedTrigger[] };
  triggerAutoUpgrade: { input: { profileId: string; target: ChannelTarget; variant: string; now: string }; output: TriggerOutcome };
}

/** The auto-upgrade activities. */
export const autoUpgradeActivityKeys = ['planAutoUpgrades', 'triggerAutoUpgrade'] as const;
/** One of {@link autoUpgradeActivityKeys}. */
export type AutoUpgradeActivityKey = (typeof autoUpgradeActivityKeys)[number];
/** The update-run activities. */
export type UpdateRunActivityKey = Exclude<ActivityKey, AutoUpgradeActivityKey>;
/** Every update-run activity key. */
export const updateRunActivityKeys = (Object.keys(activityNames) as ActivityKey[]).filter((key): key is UpdateRunActivityKey => !(autoUpgradeActivityKeys as readonly string[]).includes(key));

/** Implementations of some activities, typed against the catalogue. */
export type ActivityImplementations<Keys extends ActivityKey = ActivityKey> = { [K in Keys]: (input: ActivityIO[K]['input']) => Promise<ActivityIO[K]['output']> };
