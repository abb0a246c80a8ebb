import { armErrors } from '../arm/arm-error.js';
import type { ArmRequest, ArmResponse } from '../arm/arm-request.js';
import { checkConditions } from '../arm/conditions.js';
import { isLookupName } from '../arm/path-params.js';
import type { AutoUpgradeProfile, UpdateRun } from '../fleet/models.js';
import type { ApiContext } from './api-context.js';
import { childIdOf, loadFleetScope, param } from './fleet-scope.js';
import { runState } from './update-runs.js';

const skipTypes = ['Member', 'Group', 'Stage', 'AfterStageWait'] as const;

/** Checks a skip body: `targets` of known types naming stages, groups or members of the run. */
function validateSkipTargets(body: unknown, run: UpdateRun): void {
  const targets = (body as { targets?: unknown } | undefined)?.targets;
  if (!Array.isArray(targets) || targets.length === 0) throw armErrors.invalidRequestContent('Skip needs a non-empty targets array.', 'targets');
  const stages = run.properties.status?.stages ?? [];
  const names: Record<(typeof skipTypes)[number], Set<string>> = {
    Stage: new Set(stages.map((s) => s.name ?? '')),
    AfterStageWait: new Set(stages.map((s) => s.name ?? '')),
    Group: new Set(stages.flatMap((s) => (s.groups ?? []).map((g) => g.name ?? ''))),
    Member: new Set(stages.flatMap((s) => (s.groups ?? []).flatMap((g) => (g.members ?? []).map((m) => m.name ?? '')))),
  };
  targets.forEach((target: unknown, i) => {
    const { type, name } = (target ?? {}) as { type?: unknown; name?: unknown };
    if (typeof type !== 'string' || !(skipTypes as readonly string[]).includes(type)) {
      throw armErrors.invalidRequestContent(`Skip target type must be one of ${skipTypes.join(', ')}.`, `targets[${i}].type`);
    }
    if (typeof name !== 'string' || !names[type as (typeof skipTypes)[number]].has(name)) {
      throw armErrors.invalidRequestContent(`Update run '${run.name}' has no ${type} named '${String(name)}'.`, `targets[${i}].name`);
    }
  });
}

const startableStates = new Set(['NotStarted', 'Failed', 'Stopped']);

/**
 * The run actions `start`, `stop` and `skip`, and the profile action `generateUpdateRun`. They
 * are validated in full (existence, `If-Match`, state, skip targets). Executing them belongs to
 * the update-run orchestration, which this build does not contain yet: they answer 409 and
 * change nothing rather than pretend to have acted.
 */
export async function runAction(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
  const scope = await loadFleetScope(ctx, request);
  const action = param(request, 'action');
  const name = param(request, 'childName');
  const segment = param(request, 'childType').toLowerCase();
  const load = async <T>(kind: 'autoUpgradeProfile' | 'updateRun') => (isLookupName(name, 'child') ? ctx.store.get<T>(childIdOf(scope, kind, name)) : undefined);
  if (segment === 'autoupgradeprofiles' && action.toLowerCase() === 'generateupdaterun') {
    const profile = await load<AutoUpgradeProfile>('autoUpgradeProfile');
    if (!profile) throw armErrors.resourceNotFound(`Microsoft.ContainerService/fleets/${scope.fleet.value.name}/autoUpgradeProfiles`, name);
    throw armErrors.operationNotAllowed('generateUpdateRun needs the release catalogue of the auto-upgrade feature, which this build does not contain yet; nothing was created.');
  }
  if (segment !== 'updateruns' || !['start', 'stop', 'skip'].includes(action.toLowerCase())) throw armErrors.methodNotAllowed('POST');
  const run = await load<UpdateRun>('updateRun');
  if (!run) throw armErrors.resourceNotFound(`Microsoft.ContainerService/fleets/${scope.fleet.value.name}/updateRuns`, name);
  checkConditions(request.headers, run.etag);
  const state = runState(run.value);
  switch (action.toLowerCase()) {
    case 'start':
      if (!startableStates.has(state)) throw armErrors.operationNotAllowed(`Update run '${name}' is ${state}; only NotStarted, Failed or Stopped runs can be started.`);
      break;
    case 'stop':
      if (!['Running', 'Pending'].includes(state)) throw armErrors.operationNotAllowed(`Update run '${name}' is ${state}; only Running or Pending runs can be stopped.`);
      break;
    default:
      validateSkipTargets(request.body, run.value);
  }
  throw armErrors.operationNotAllowed(`Update run '${name}' cannot ${action.toLowerCase()}: the update-run orchestration is not part of this build yet; nothing was changed.`);
}
