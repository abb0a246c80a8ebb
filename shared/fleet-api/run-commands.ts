import { armErrors } from '../arm/arm-error.js';
import type { StoredDocument } from '../store/fleet-store.js';
import { updateRunDocument } from '../update-run/run-document.js';
import { controlEventName, newRuntime, type SkipTarget, type StoredUpdateRun } from '../update-run/runtime.js';
import type { ApiContext } from './api-context.js';
import type { RunControl } from './run-control.js';

/** Run states a start is allowed from (reference §2.5). */
export const startableStates: ReadonlySet<string> = new Set(['NotStarted', 'Failed', 'Stopped']);
/** Run states a stop is allowed from. */
export const stoppableStates: ReadonlySet<string> = new Set(['Running', 'Pending']);
/** Run states a skip is allowed in. */
export const skippableStates: ReadonlySet<string> = new Set(['NotStarted', 'Failed', 'Running', 'Pending', 'Stopped']);

const stateOf = (run: StoredUpdateRun): string => run.properties.status?.status?.state ?? 'NotStarted';

/** The run control, or a clear 409 when this API has none (it cannot act on runs). */
function control(ctx: ApiContext & { runs?: RunControl }): RunControl {
  if (!ctx.runs) throw armErrors.operationNotAllowed('This Fleet API instance has no durable client to run update runs with; nothing was changed.');
  return ctx.runs;
}

/**
 * `start`: from NotStarted, Stopped or Failed. Counts a new generation on the run (so the new
 * orchestration instances never collide with the last start's), forgets an earlier stop, then
 * starts the orchestration; a restarted run continues with its unprocessed members.
 */
export async function startRun(ctx: ApiContext & { runs?: RunControl }, run: StoredDocument<StoredUpdateRun>): Promise<void> {
  const runs = control(ctx);
  const generation = await updateRunDocument(ctx.store, run.value.id, (current) => {
    const state = stateOf(current);
    if (!startableStates.has(state)) throw armErrors.operationNotAllowed(`Update run '${current.name}' is ${state}; only NotStarted, Failed or Stopped runs can be started.`);
    const runtime = current.runtime ?? newRuntime();
    const next = runtime.generation + 1;
    current.runtime = { ...runtime, generation: next, stopRequested: false, listeners: [] };
    current.properties.status = { ...current.properties.status, status: { ...current.properties.status?.status, state: 'Running' } };
    return { run: current, result: next };
  });
  await runs.startRun(run.value.id, generation);
}

/** `stop`: from Running or Pending; the run shows Stopping until in-flight members finish. */
export async function stopRun(ctx: ApiContext & { runs?: RunControl }, run: StoredDocument<StoredUpdateRun>): Promise<void> {
  const runs = control(ctx);
  const listeners = await updateRunDocument(ctx.store, run.value.id, (current) => {
    const state = stateOf(current);
    if (!stoppableStates.has(state)) throw armErrors.operationNotAllowed(`Update run '${current.name}' is ${state}; only Running or Pending runs can be stopped.`);
    const runtime = current.runtime ?? newRuntime();
    current.runtime = { ...runtime, stopRequested: true };
    current.properties.status = { ...current.properties.status, status: { ...current.properties.status?.status, state: 'Stopping' } };
    return { run: current, result: runtime.listeners };
  });
  await runs.raise(listeners, controlEventName, { type: 'stop' });
}

/**
 * `skip`: records the targets on the run (a run not started yet applies them when it starts) and
 * tells the listening instances, which skip what they have not started (gates of skipped groups
 * and stages become Skipped; members in flight finish).
 */
export async function skipRun(ctx: ApiContext & { runs?: RunControl }, run: StoredDocument<StoredUpdateRun>, targets: SkipTarget[]): Promise<void> {
  const listeners = await updateRunDocument(ctx.store, run.value.id, (current) => {
    const state = stateOf(current);
    if (!skippableStates.has(state)) throw armErrors.operationNotAllowed(`Update run '${current.name}' is ${state}; it cannot skip anything now.`);
    const runtime = current.runtime ?? newRuntime();
    const fresh = targets.filter((t) => !runtime.skips.some((s) => s.type === t.type && s.name === t.name));
    current.runtime = { ...runtime, skips: [...runtime.skips, ...fresh] };
    return { run: current, result: runtime.listeners };
  });
  if (listeners.length) await control(ctx).raise(listeners, controlEventName, { type: 'skip', targets });
}
