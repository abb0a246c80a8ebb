import { armErrors } from '../arm/arm-error.js';
import type { FleetMember, Gate, UpdateRun, UpdateRunProperties } from '../fleet/models.js';
import { parseUpdateRunPut } from '../fleet/validation/update-run-body.js';
import { initialRunStatus } from '../update-run/initial-status.js';
import { listAll } from './api-context.js';
import { childResourceHandlers } from './child-resources.js';
import { referencedStrategy } from './strategy-lookup.js';

/** Run states in which the orchestration is working on the run. */
export const activeRunStates: ReadonlySet<string> = new Set(['Running', 'Pending', 'Stopping']);

/** The state of a run's status tree (`NotStarted` when it has none). */
export const runState = (run: UpdateRun): string => run.properties.status?.status?.state ?? 'NotStarted';

/**
 * `fleets/updateRuns`: PUT creates or edits a run until it starts; a referenced strategy is copied
 * into `strategy` at each accepted PUT, so later strategy edits never reach the run. DELETE
 * removes the run and its gates, and is refused while the run is active.
 */
export const updateRunHandlers = childResourceHandlers<UpdateRunProperties>({
  kind: 'updateRun',
  async parsePut(request, scope, existing, ctx) {
    const members = (await listAll<FleetMember>(ctx.store, { kind: 'member', fleetId: scope.fleetId })).map((m) => m.value);
    const started = existing !== undefined && runState(existing.value as UpdateRun) !== 'NotStarted';
    const strategyDocument = await referencedStrategy(ctx, scope, request.body);
    const input = parseUpdateRunPut(request.body, request.features, {
      fleetId: scope.fleetId,
      members,
      existing: existing?.value as UpdateRun | undefined,
      strategyExists: (id) => strategyDocument !== undefined && strategyDocument.value.id.toLowerCase() === id.toLowerCase(),
    });
    // The validator accepts a started run's PUT only when its spec is unchanged: keep it as stored.
    if (started && existing) return existing.value.properties;
    const strategy = input.updateStrategyId ? structuredClone(strategyDocument?.value.properties.strategy) : input.strategy;
    const autoUpgradeProfileId = existing?.value.properties.autoUpgradeProfileId;
    return {
      ...(input.updateStrategyId ? { updateStrategyId: input.updateStrategyId } : {}),
      ...(strategy ? { strategy } : {}),
      managedClusterUpdate: input.managedClusterUpdate,
      ...(autoUpgradeProfileId ? { autoUpgradeProfileId } : {}),
      status: initialRunStatus(strategy, members),
      provisioningState: 'Succeeded',
    };
  },
  async beforeDelete(scope, existing, ctx) {
    const state = runState(existing.value as UpdateRun);
    if (activeRunStates.has(state)) {
      throw armErrors.operationNotAllowed(`Update run '${existing.value.name}' is ${state}; stop it before deleting it.`);
    }
    const gates = await listAll<Gate>(ctx.store, { kind: 'gate', fleetId: scope.fleetId });
    const runId = existing.value.id.toLowerCase();
    for (const gate of gates) {
      if (gate.value.properties.target.id.toLowerCase() === runId) await ctx.store.delete(gate.value.id);
    }
  },
});
