import { seededRandom } from '../../local/seeded-random.js';
import type { ReleaseFacts } from '../../shared/auto-upgrade/release-facts.js';
import { releaseEventTypes } from '../../shared/auto-upgrade/release-facts.js';

/** A CloudEvents 1.0 `DurableFleet.Releases.CatalogChanged` event as Event Grid delivers it. */
export interface CatalogEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: typeof releaseEventTypes.catalogChanged;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: ReleaseFacts;
}

/** The stream of events the bench delivers, in delivery order. */
export interface ReleaseStream {
  events: CatalogEvent[];
  /** Distinct releases (offers) in the stream. */
  distinct: number;
  /** The Rapid target release `k` gives (`1.33.{firstPatch + k}`). */
  targetOf(k: number): string;
}

/** What to generate: `distinct` offers of `region`, each delivered `copies` times. */
export interface StreamOptions {
  region: string;
  distinct: number;
  copies: number;
  /** How far (in releases) a duplicate may trail its release's first delivery. */
  duplicateWindow: number;
  seed: number;
}

/** The first 1.33 patch the stream releases (the demo fixture offers up to 1.33.2). */
const firstPatch = 3;


/**
 * Release `k`: the region's whole offer after 1.33.{firstPatch + k} shipped — the two newest
 * 1.33 patches (as AKS keeps a sliding window per minor) over an unchanged rest. Every release
 * moves Rapid (latest patch of the newest minor) to a new, higher target.
 */
function offer(region: string, k: number): ReleaseFacts {
  const patch = firstPatch + k;
  return {
    region,
    kubernetesVersions: [
      { version: '1.30.12', isPreview: false, isLts: true },
      { version: '1.31.8', isPreview: false, isLts: false },
      { version: '1.32.6', isPreview: false, isLts: false },
      { version: `1.33.${patch - 1}`, isPreview: false, isLts: false },
      { version: `1.33.${patch}`, isPreview: false, isLts: false },
      { version: '1.34.0', isPreview: true, isLts: false },
    ],
    nodeImages: { 'AKSUbuntu-2204gen2containerd': '202611.01.0', 'AKSAzureLinux-V3gen2': '202611.01.0' },
  };
}

/** The same offer as another publisher might serialize it: versions and image families in reverse order. */
function reordered(facts: ReleaseFacts): ReleaseFacts {
  return { region: facts.region, kubernetesVersions: [...facts.kubernetesVersions].reverse(), nodeImages: Object.fromEntries(Object.entries(facts.nodeImages).reverse()) };
}

/**
 * `distinct × copies` events: each release's first delivery in release order (release `k`
 * before `k + 1`), and its `copies - 1` duplicates (same content, new event id; every other one
 * serialized in another order) at random points up to `duplicateWindow` releases later, as
 * redeliveries and re-publishes trail the original. Seeded, so every run delivers the same stream.
 */
export function releaseStream(options: StreamOptions): ReleaseStream {
  const next = seededRandom(options.seed);
  const slots: { at: number; k: number; copy: number }[] = [];
  for (let k = 0; k < options.distinct; k++) {
    slots.push({ at: k, k, copy: 0 });
    // Strictly after the first delivery (at = k), so no duplicate precedes its original.
    for (let copy = 1; copy < options.copies; copy++) slots.push({ at: k + 1e-6 + next() * options.duplicateWindow, k, copy });
  }
  slots.sort((a, b) => a.at - b.at);
  const time = new Date('2026-11-30T10:00:00Z').toISOString();
  const events = slots.map(({ k, copy }): CatalogEvent => {
    const facts = offer(options.region, k);
    return {
      specversion: '1.0',
      id: `release-${k}-copy-${copy}`,
      source: '/durable-fleet/release-watcher',
      type: releaseEventTypes.catalogChanged,
      subject: options.region,
      time,
      datacontenttype: 'application/json',
      data: copy % 2 === 1 ? reordered(facts) : facts,
    };
  });
  return { events, distinct: options.distinct, targetOf: (k) => `1.33.${firstPatch + k}` };
}

/** Splits `items` into consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
