import { createHash } from 'node:crypto';
import { EventGridDeserializer, isSystemEvent, type CloudEvent, type EventGridEvent } from '@azure/eventgrid';
import type { ReleaseSignal } from './profile-runtime.js';
import { aksNewVersionEventType, aksSupportEventTypes, newKubernetesVersionDataSchema, releaseEventTypes, releaseFactsSchema, type ReleaseFacts } from './release-facts.js';

/** A delivered event that cannot be acted on: logged and dropped, never retried. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

/** An event reduced to what intake needs, whatever its schema, with the deserialized original. */
interface EventView {
  id: string;
  type: string;
  source: string;
  subject: string;
  data: unknown;
  /** When the event happened (`eventTime` / `time`), as sent. */
  time: string;
  original: EventGridEvent<unknown> | CloudEvent<unknown>;
}

/** Whether the event is the AKS system event of this type (`@azure/eventgrid`'s guard, for either schema). */
const isAksEvent = (type: typeof aksNewVersionEventType | (typeof aksSupportEventTypes)[number], e: EventView): boolean =>
  'eventType' in e.original ? isSystemEvent(type, e.original) : isSystemEvent(type, e.original);

const deserializer = new EventGridDeserializer();

/** Reads one delivered event (Event Grid schema or CloudEvents 1.0) with `@azure/eventgrid`, validating its envelope. */
async function view(event: unknown): Promise<EventView> {
  try {
    if (typeof event === 'object' && event !== null && 'specversion' in event) {
      const [cloud] = await deserializer.deserializeCloudEvents(event as Record<string, unknown>);
      if (!cloud) throw new Error('empty batch');
      return { id: cloud.id, type: cloud.type, source: cloud.source, subject: cloud.subject ?? '', data: cloud.data, time: cloud.time ? new Date(cloud.time).toISOString() : '', original: cloud };
    }
    const [grid] = await deserializer.deserializeEventGridEvents(event as Record<string, unknown>);
    if (!grid) throw new Error('empty batch');
    return { id: grid.id, type: grid.eventType, source: grid.topic ?? '', subject: grid.subject, data: grid.data, time: new Date(grid.eventTime).toISOString(), original: grid };
  } catch (error) {
    throw new MalformedEventError(`Not a valid Event Grid or CloudEvents event: ${(error as Error).message}`);
  }
}

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/** The same release facts however they were ordered on the wire. */
function canonical(facts: ReleaseFacts): ReleaseFacts {
  const kubernetesVersions = [...facts.kubernetesVersions].sort((a, b) => (a.version < b.version ? -1 : 1));
  const nodeImages = Object.fromEntries(Object.entries(facts.nodeImages).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { region: facts.region, kubernetesVersions, nodeImages };
}

/** The intake of a region's offer (from an event, or from the watcher when no topic is configured). */
export function catalogIntake(facts: ReleaseFacts, eventId: string, arrivedAt: Date): Intake {
  const ordered = canonical(facts);
  return { signal: { kind: 'catalog', facts: ordered, arrivedAt: arrivedAt.toISOString() }, instanceId: `release|catalog|${hash(ordered)}`, eventId };
}

/** A short content hash of release facts (what the watcher remembers per region). */
export const factsHash = (facts: ReleaseFacts): string => hash(canonical(facts));

/** What an event asks of auto-upgrade, and the intake instance id that makes redeliveries harmless. */
export interface Intake {
  signal: ReleaseSignal;
  instanceId: string;
  eventId: string;
}

/**
 * Turns a delivered release event into an intake: AKS's `NewKubernetesVersionAvailable` (per
 * cluster; `topic`/`source` is the cluster), `ClusterSupportEnding`/`Ended` (acted on by
 * profiles that opted in), or our own `DurableFleet.Releases.CatalogChanged` (a region's offer).
 * The instance id derives from the release's content, not the event id, so duplicates,
 * redeliveries and re-publishes of the same release share one intake (the first to arrive
 * stamps `arrivedAt`). Throws {@link MalformedEventError} for anything else.
 */
export async function toIntake(event: unknown, arrivedAt: Date): Promise<Intake> {
  const e = await view(event);
  if (e.type === releaseEventTypes.catalogChanged) {
    const parsed = releaseFactsSchema.safeParse(e.data);
    if (!parsed.success) throw new MalformedEventError(`${e.type} ${e.id}: data is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return catalogIntake(parsed.data, e.id, arrivedAt);
  }
  const clusterId = e.source;
  if (!/\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i.test(clusterId)) throw new MalformedEventError(`${e.type} ${e.id}: the topic/source '${clusterId}' is not a managed cluster.`);
  if (isAksEvent(aksNewVersionEventType, e)) {
    const parsed = newKubernetesVersionDataSchema.safeParse(e.data);
    if (!parsed.success) throw new MalformedEventError(`${e.type} ${e.id}: data is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    // The data names only the newest patches; a new patch of another minor leaves it unchanged, so
    // the event's time joins the key (redeliveries keep it, a new announcement does not).
    return { signal: { kind: 'cluster', clusterId, eventType: e.type, optInOnly: false, arrivedAt: arrivedAt.toISOString() }, instanceId: `release|cluster|${hash([clusterId.toLowerCase(), parsed.data, e.time])}`, eventId: e.id };
  }
  if (aksSupportEventTypes.some((type) => isAksEvent(type, e))) {
    return { signal: { kind: 'cluster', clusterId, eventType: e.type, optInOnly: true, arrivedAt: arrivedAt.toISOString() }, instanceId: `release|support|${hash([clusterId.toLowerCase(), e.type, e.data])}`, eventId: e.id };
  }
  throw new MalformedEventError(`Event ${e.id} has type '${e.type}', which durable-fleet does not handle.`);
}

/**
 * Intake instance ids this process accepted lately (started, or found running), so a duplicate
 * of the same release within `ttlMs` costs a parse and a hash, not a round trip to the durable
 * engine. Bounded: past `max` ids the oldest is forgotten. Only a shortcut — a duplicate it does
 * not know (another process, an older one) still meets the same deterministic instance id. The
 * one difference it makes: within `ttlMs`, a duplicate no longer restarts an intake that already
 * finished (or failed); it is dropped as the running intake's duplicates are.
 */
export class RecentIntakes {
  readonly #acceptedAt = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs: number, max: number) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  /** Whether `instanceId` was accepted less than `ttlMs` ago. */
  has(instanceId: string): boolean {
    const at = this.#acceptedAt.get(instanceId);
    if (at === undefined) return false;
    if (Date.now() - at < this.#ttlMs) return true;
    this.#acceptedAt.delete(instanceId);
    return false;
  }

  /** Remembers that `instanceId` was accepted now. */
  add(instanceId: string): void {
    this.#acceptedAt.delete(instanceId);
    this.#acceptedAt.set(instanceId, Date.now());
    if (this.#acceptedAt.size > this.#max) {
      const [oldest] = this.#acceptedAt.keys();
      if (oldest !== undefined) this.#acceptedAt.delete(oldest);
    }
  }
}
