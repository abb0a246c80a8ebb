/**
 * Request body of `PUT` on `fleets/{fleet}/updateRuns/{name}` (reference §2.2, §2.3): the run's
 * spec, editable until the run starts.
 */
import { z } from 'zod';
import type { ApiFeatures } from '../../arm/api-versions.js';
import { ArmError } from '../../arm/arm-error.js';
import type { FleetMember, ManagedClusterUpdate, UpdateRun, UpdateRunStrategy } from '../models.js';
import { assertUpdateStrategyReference, sameArmId } from './arm-ids.js';
import { validateManagedClusterUpdate } from './managed-cluster-update.js';
import { sameJson } from './same-json.js';
import { readOnly, resourceEnvelope } from './schemas.js';
import { validateStrategy } from './strategy.js';
import { invalid, parseWith } from './to-arm-error.js';

const updateRunPutSchema = z.strictObject({
  ...resourceEnvelope,
  properties: z.strictObject({
    updateStrategyId: z.string().optional(),
    strategy: z.unknown().optional(),
    managedClusterUpdate: z.unknown(),
    provisioningState: readOnly,
    status: readOnly,
    autoUpgradeProfileId: readOnly,
  }),
});

/** What an update-run PUT is checked against. */
export interface UpdateRunContext {
  /** The id of the run's fleet: `updateStrategyId` must name a strategy of this fleet. */
  fleetId: string;
  members: FleetMember[];
  /** The run being replaced, if any. */
  existing: UpdateRun | undefined;
  /** Whether the update strategy with this id exists. */
  strategyExists(id: string): boolean;
}

/** The validated spec of an update run. */
export interface UpdateRunPut {
  updateStrategyId?: string;
  strategy?: UpdateRunStrategy;
  managedClusterUpdate: ManagedClusterUpdate;
}

const notAllowed = (target: string, state: string): ArmError =>
  new ArmError(409, 'OperationNotAllowed', `'${target}' cannot be changed: the update run is ${state}, and its spec can only be edited while it is NotStarted.`, target);

/** Rejects (409) any change to the spec of a run that has started; the stored spec is kept. */
function assertUnchanged(requested: { updateStrategyId?: string | undefined; strategy?: unknown; managedClusterUpdate: unknown }, run: UpdateRun, state: string): UpdateRunPut {
  const stored = run.properties;
  if (!sameArmId(requested.updateStrategyId, stored.updateStrategyId)) throw notAllowed('properties.updateStrategyId', state);
  const strategyKept = requested.strategy === undefined ? stored.updateStrategyId !== undefined || stored.strategy === undefined : sameJson(requested.strategy, stored.strategy);
  if (!strategyKept) throw notAllowed('properties.strategy', state);
  const update = requested.managedClusterUpdate as { upgrade?: unknown; nodeImageSelection?: unknown } | undefined;
  if (!sameJson(update?.upgrade, stored.managedClusterUpdate.upgrade)) throw notAllowed('properties.managedClusterUpdate.upgrade', state);
  if (update?.nodeImageSelection !== undefined && !sameJson(update.nodeImageSelection, stored.managedClusterUpdate.nodeImageSelection)) {
    throw notAllowed('properties.managedClusterUpdate.nodeImageSelection', state);
  }
  return {
    ...(stored.updateStrategyId !== undefined ? { updateStrategyId: stored.updateStrategyId } : {}),
    ...(stored.strategy !== undefined ? { strategy: stored.strategy } : {}),
    managedClusterUpdate: stored.managedClusterUpdate,
  };
}

/** Applies the create-only rule to `nodeImageSelection`: a change is rejected, an omission keeps the stored one. */
function keepNodeImageSelection(update: ManagedClusterUpdate, requested: unknown, run: UpdateRun | undefined): ManagedClusterUpdate {
  const stored = run?.properties.managedClusterUpdate.nodeImageSelection;
  if (!stored) return update;
  const target = 'properties.managedClusterUpdate.nodeImageSelection';
  if ((requested as { nodeImageSelection?: unknown }).nodeImageSelection === undefined) return { ...update, nodeImageSelection: stored };
  if (!sameJson(update.nodeImageSelection, stored)) throw invalid(target, `'${target}' cannot be changed after the update run is created.`);
  return update;
}

/**
 * Validates an update-run PUT body. `strategy` (see {@link validateStrategy}) and
 * `updateStrategyId` are exclusive, except that re-sending an existing run's `updateStrategyId`
 * with its unchanged snapshot is accepted; `updateStrategyId` must name an existing update
 * strategy of `context.fleetId`; `managedClusterUpdate` is required (see
 * `validateManagedClusterUpdate`) and its `nodeImageSelection` is create-only (an omission keeps
 * the stored one). Once the existing run's state is neither absent nor `NotStarted`, any change
 * of `updateStrategyId`, `strategy` or `managedClusterUpdate` is a 409 `OperationNotAllowed`
 * naming the field, and an unchanged PUT returns the stored spec.
 */
export function parseUpdateRunPut(body: unknown, features: ApiFeatures, context: UpdateRunContext): UpdateRunPut {
  const { properties } = parseWith(updateRunPutSchema, body, '');
  const { existing } = context;
  const state = existing?.properties.status?.status?.state;
  if (existing && state !== undefined && state !== 'NotStarted') return assertUnchanged(properties, existing, state);
  const { updateStrategyId } = properties;
  const echo = existing !== undefined && updateStrategyId !== undefined && sameArmId(updateStrategyId, existing.properties.updateStrategyId) && sameJson(properties.strategy, existing.properties.strategy);
  if (updateStrategyId !== undefined && properties.strategy !== undefined && !echo) {
    throw invalid('properties.strategy', "'properties.strategy' and 'properties.updateStrategyId' cannot both be set: give an inline strategy or reference an update strategy.");
  }
  if (updateStrategyId !== undefined) assertUpdateStrategyReference(updateStrategyId, context.fleetId, (id) => context.strategyExists(id), 'properties.updateStrategyId');
  const strategy = properties.strategy === undefined || echo ? undefined : validateStrategy(properties.strategy, features, context, 'properties.strategy');
  const update = validateManagedClusterUpdate(properties.managedClusterUpdate, 'properties.managedClusterUpdate');
  return {
    ...(updateStrategyId !== undefined ? { updateStrategyId } : {}),
    ...(strategy !== undefined ? { strategy } : {}),
    managedClusterUpdate: keepNodeImageSelection(update, properties.managedClusterUpdate, existing),
  };
}
