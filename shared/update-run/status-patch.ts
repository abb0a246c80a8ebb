import type { ErrorDetail, MemberUpdateStatus, UpdateGroupStatus, UpdateRunGateStatus, UpdateRunStatus, UpdateStatus } from '../fleet/models.js';
import { terminalStates } from './rollup.js';

/** A change to one status node; `error: null` (and a member's `message: null`) clears it. */
export interface StatusFields {
  state?: string;
  startTime?: string;
  completedTime?: string;
  error?: ErrorDetail | null;
}

/** One change to a run's status tree, addressed by stage/group index and member name. */
export type StatusPatch =
  | { kind: 'run'; status?: StatusFields; failureCount?: number; selectedNodeImageVersions?: string[] }
  | { kind: 'stage'; stage: number; status?: StatusFields; failureCount?: number }
  | { kind: 'group'; stage: number; group: number; status?: StatusFields; failureCount?: number }
  | { kind: 'member'; stage: number; group: number; member: string; status?: StatusFields; operationId?: string; message?: string | null }
  | { kind: 'gate'; stage: number; group?: number; timing: 'Before' | 'After'; index: number; status?: StatusFields; gateId?: string }
  | { kind: 'afterStageWait'; stage: number; status?: StatusFields }
  /**
   * A skipped stage (or one group of it, with `group`): every node under it that has not
   * finished — the segment itself, its groups, members, gates and the after-stage wait — becomes
   * Skipped at `at`; skipped members get `message`. Finished nodes keep their state.
   */
  | { kind: 'skipUnfinished'; stage: number; group?: number; at: string; message: string };

function merge(target: { status?: UpdateStatus }, fields: StatusFields | undefined): void {
  if (!fields) return;
  const status: UpdateStatus = { ...target.status };
  if (fields.state !== undefined) status.state = fields.state;
  if (fields.startTime !== undefined) status.startTime = fields.startTime;
  if (fields.completedTime !== undefined) status.completedTime = fields.completedTime;
  if (fields.error === null) delete status.error;
  else if (fields.error !== undefined) status.error = fields.error;
  target.status = status;
}

/** Raised when a patch addresses a node the tree does not have (a bug, never user input). */
export class StatusPatchError extends Error {
  override readonly name = 'StatusPatchError';
}

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new StatusPatchError(`The run status has no ${what}.`);
  return value;
};

type StatusNode = { status?: UpdateStatus };
const unfinished = (node: StatusNode): boolean => !terminalStates.has(node.status?.state ?? 'NotStarted');

function skipGroup(group: UpdateGroupStatus, at: string, message: string): void {
  const skipped: StatusFields = { state: 'Skipped', completedTime: at };
  for (const node of [group, ...(group.beforeGates ?? []), ...(group.afterGates ?? [])]) if (unfinished(node)) merge(node, skipped);
  for (const member of group.members ?? []) {
    if (!unfinished(member)) continue;
    merge(member, skipped);
    member.message = message;
  }
}

/** Applies patches in order to `status` (mutated and returned). */
export function applyStatusPatches(status: UpdateRunStatus, patches: readonly StatusPatch[]): UpdateRunStatus {
  for (const patch of patches) {
    if (patch.kind === 'run') {
      merge(status, patch.status);
      if (patch.failureCount !== undefined) status.failureCount = patch.failureCount;
      if (patch.selectedNodeImageVersions) status.nodeImageSelection = { selectedNodeImageVersions: patch.selectedNodeImageVersions.map((version) => ({ version })) };
      continue;
    }
    const stage = need(status.stages?.[patch.stage], `stage ${patch.stage}`);
    switch (patch.kind) {
      case 'stage':
        merge(stage, patch.status);
        if (patch.failureCount !== undefined) stage.failureCount = patch.failureCount;
        break;
      case 'afterStageWait':
        stage.afterStageWaitStatus ??= {};
        merge(stage.afterStageWaitStatus, patch.status);
        break;
      case 'skipUnfinished': {
        if (patch.group !== undefined) {
          skipGroup(need(stage.groups?.[patch.group], `group ${patch.group} in stage ${patch.stage}`), patch.at, patch.message);
          break;
        }
        for (const group of stage.groups ?? []) skipGroup(group, patch.at, patch.message);
        stage.afterStageWaitStatus ??= {};
        for (const node of [stage, ...(stage.beforeGates ?? []), ...(stage.afterGates ?? []), stage.afterStageWaitStatus]) if (unfinished(node)) merge(node, { state: 'Skipped', completedTime: patch.at });
        break;
      }
      case 'group': {
        const group = need(stage.groups?.[patch.group], `group ${patch.group} in stage ${patch.stage}`);
        merge(group, patch.status);
        if (patch.failureCount !== undefined) group.failureCount = patch.failureCount;
        break;
      }
      case 'member': {
        const group = need(stage.groups?.[patch.group], `group ${patch.group} in stage ${patch.stage}`);
        const member: MemberUpdateStatus = need(group.members?.find((m) => m.name === patch.member), `member ${patch.member}`);
        merge(member, patch.status);
        if (patch.operationId !== undefined) member.operationId = patch.operationId;
        if (patch.message === null) delete member.message;
        else if (patch.message !== undefined) member.message = patch.message;
        break;
      }
      case 'gate': {
        const owner = patch.group === undefined ? stage : need(stage.groups?.[patch.group], `group ${patch.group} in stage ${patch.stage}`);
        const list = patch.timing === 'Before' ? owner.beforeGates : owner.afterGates;
        const gate: UpdateRunGateStatus = need(list?.[patch.index], `${patch.timing.toLowerCase()} gate ${patch.index}`);
        merge(gate, patch.status);
        if (patch.gateId !== undefined) gate.gateId = patch.gateId;
        break;
      }
    }
  }
  return status;
}
