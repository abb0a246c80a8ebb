import { armErrors } from '../arm/arm-error.js';
import type { ArmRequest, ArmResponse } from '../arm/arm-request.js';
import { checkConditions } from '../arm/conditions.js';
import { isLookupName } from '../arm/path-params.js';
import type { AutoUpgradeProfile, FleetMember, UpdateRun } from '../fleet/models.js';
import { ensureGeneratedRun } from '../auto-upgrade/generate-run.js';
import { listAll } from './api-context.js';
import type { ApiContext } from './api-context.js';
import { childIdOf, loadFleetScope, param } from './fleet-scope.js';
import { encodeOperationId, operationHeaders } from '../arm/async-operations.js';
import type { StoredDocument } from '../store/fleet-store.js';
import type { SkipTarget, StoredUpdateRun } from '../update-run/runtime.js';
import { skipRun, startRun, stopRun } from './run-commands.js';

const skipTypes = ['Member', 'Group', 'Stage', 'AfterStageWait'] as const;

/** Checks a skip body: `targets` of known types naming stages, groups or members of the run. */
function validateSkipTargets(body: unknown, run: UpdateRun): SkipTarget[] {
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
  return (targets as SkipTarget[]).map(({ type, name }) => ({ type, name }));
}

/**
 * `generateUpdateRun` (reference §5.2): the run for the profile's current channel target, created
 * without starting it — or the one generated before for the same specification. Answers the
 * `GenerateResponse` (`{ id }`) at once.
 */
async function generateUpdateRun(ctx: ApiContext, fleetId: string, profile: AutoUpgradeProfile): Promise<ArmResponse> {
  if (!ctx.releases) throw armErrors.operationNotAllowed('This Fleet API instance cannot read release catalogues; nothing was generated.');
  const members = (await listAll<FleetMember>(ctx.store, { kind: 'member', fleetId })).map((m) => m.value);
  const resolved = await ctx.releases.targetFor(profile, members);
  if (!resolved.ok) throw armErrors.operationNotAllowed(`No update run can be generated: ${resolved.reason}`);
  const generated = await ensureGeneratedRun(ctx.store, profile, resolved.target, ctx.now());
  if (generated.kind === 'failed') throw armErrors.operationNotAllowed(generated.error.message ?? 'The update run could not be generated.');
  return { status: 200, body: { id: generated.run.value.id } };
}

/**
 * The run actions `start`, `stop` and `skip` (validated in full: existence, `If-Match`, state,
 * skip targets; then handed to the run's orchestration, answering 202 with an async operation),
 * and the profile action `generateUpdateRun`.
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
    return generateUpdateRun(ctx, scope.fleetId, profile.value);
  }
  if (segment !== 'updateruns' || !['start', 'stop', 'skip'].includes(action.toLowerCase())) throw armErrors.methodNotAllowed('POST');
  const run = await load<UpdateRun>('updateRun');
  if (!run) throw armErrors.resourceNotFound(`Microsoft.ContainerService/fleets/${scope.fleet.value.name}/updateRuns`, name);
  checkConditions(request.headers, run.etag);
  const stored = run as StoredDocument<StoredUpdateRun>;
  switch (action.toLowerCase()) {
    case 'start':
      await startRun(ctx, stored);
      break;
    case 'stop':
      await stopRun(ctx, stored);
      break;
    default:
      await skipRun(ctx, stored, validateSkipTargets(request.body, run.value));
  }
  const now = ctx.now();
  const operationId = encodeOperationId({ resourceId: run.value.id, kind: 'action', startTime: now.toISOString() });
  return { status: 202, headers: operationHeaders(request.url.origin, scope.subscriptionId, scope.fleet.value.location, operationId, request.apiVersion) };
}
