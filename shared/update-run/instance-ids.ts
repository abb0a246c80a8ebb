import { parseFleetResourceId } from '../arm/resource-id.js';

/**
 * Deterministic orchestration instance ids of a run, from domain keys, so redelivered requests
 * and restarts address the same instances. Ids avoid `/`, `\`, `#` and `?` (not allowed by
 * Azure Storage task hubs). A run's generation counts its starts: each start is a new set of
 * instances, so a restarted run never collides with the finished instances of the last one.
 */
export function runInstanceId(runId: string): string {
  const parsed = parseFleetResourceId(runId);
  const name = parsed?.child?.name ?? runId;
  const key = parsed ? `${parsed.subscriptionId}|${parsed.resourceGroup}|${parsed.fleetName}|${name}` : runId;
  return `updaterun|${key.toLowerCase().replace(/[/\\#?]/g, '_')}`;
}

/** The run orchestration of one generation. */
export const runGenerationInstanceId = (runId: string, generation: number): string => `${runInstanceId(runId)}|g${generation}`;
/** A group orchestration. */
export const groupInstanceId = (runInstance: string, stage: number, group: number): string => `${runInstance}|s${stage}|g${group}`;
/** A batch of members of a group. */
export const batchInstanceId = (groupInstance: string, batch: number): string => `${groupInstance}|b${batch}`;
/** One attempt at one member. */
export const memberInstanceId = (batchInstance: string, member: string, attempt: number): string => `${batchInstance}|m|${member.toLowerCase()}|${attempt}`;
