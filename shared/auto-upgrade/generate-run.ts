import { childId, parentFleetId, parseFleetResourceId } from '../arm/resource-id.js';
import { listAll } from '../fleet-api/api-context.js';
import { resourceTypes, type ErrorDetail, type FleetMember, type UpdateRun, type UpdateStrategy } from '../fleet/models.js';
import { isStoreConditionError, type FleetStore, type StoredDocument } from '../store/fleet-store.js';
import { initialRunStatus } from '../update-run/initial-status.js';
import type { ChannelTarget } from './channel-target.js';
import { generatedRunName, generatedUpdate } from './generated-run.js';
import type { StoredProfile } from './profile-runtime.js';

/** A generated run: created now, or found from an earlier generation of the same specification. */
export type GeneratedRun = { kind: 'created' | 'existing'; run: StoredDocument<UpdateRun> } | { kind: 'failed'; error: ErrorDetail };

const app = { by: 'durable-fleet', type: 'Application' } as const;

/**
 * The run a profile generates for a target (reference §5.3): named from the upgrade
 * specification, so generating again returns the existing run unmodified; the profile's strategy
 * (or the default one-by-one) is snapshotted into it; `autoUpgradeProfileId` links it back.
 * Not started here.
 */
export async function ensureGeneratedRun(store: FleetStore, profile: StoredProfile, target: ChannelTarget, now: Date, variant = ''): Promise<GeneratedRun> {
  const parsed = parseFleetResourceId(profile.id);
  if (!parsed) return { kind: 'failed', error: { code: 'InvalidProfile', message: `'${profile.id}' is not a profile id.` } };
  const fleetId = parentFleetId(parsed);
  const name = generatedRunName(profile, target, variant);
  const runId = childId(fleetId, 'updateRun', name);
  const found = await store.get<UpdateRun>(runId);
  if (found) return { kind: 'existing', run: found };
  let strategy: UpdateStrategy['properties']['strategy'] | undefined;
  const strategyId = profile.properties.updateStrategyId;
  if (strategyId) {
    const referenced = await store.get<UpdateStrategy>(strategyId);
    if (!referenced) return { kind: 'failed', error: { code: 'UpdateStrategyNotFound', message: `The profile's update strategy '${strategyId}' no longer exists.` } };
    strategy = structuredClone(referenced.value.properties.strategy);
  }
  const members = (await listAll<FleetMember>(store, { kind: 'member', fleetId })).map((m) => m.value);
  const at = now.toISOString();
  const run: UpdateRun = {
    id: runId,
    name,
    type: resourceTypes.updateRun,
    systemData: { createdBy: app.by, createdByType: app.type, createdAt: at, lastModifiedBy: app.by, lastModifiedByType: app.type, lastModifiedAt: at },
    properties: {
      ...(strategyId ? { updateStrategyId: strategyId } : {}),
      ...(strategy ? { strategy } : {}),
      managedClusterUpdate: generatedUpdate(profile, target),
      autoUpgradeProfileId: profile.id,
      status: initialRunStatus(strategy, members),
      provisioningState: 'Succeeded',
    },
  };
  try {
    return { kind: 'created', run: await store.put(runId, run, { ifNoneMatch: '*' }) };
  } catch (error) {
    if (!isStoreConditionError(error)) throw error;
    const raced = await store.get<UpdateRun>(runId);
    if (!raced) throw error;
    return { kind: 'existing', run: raced };
  }
}
