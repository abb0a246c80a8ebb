import { AksErrorKind, isAksError } from '../aks/aks-error.js';
import type { AksGateway, AksMemberState } from '../aks/aks-gateway.js';
import { compareImageVersions, parseNodeImageVersion } from '../aks/node-image-version.js';
import type { ReleaseFacts } from './release-facts.js';

/** Where a cluster runs. */
export interface ClusterPlace {
  subscriptionId: string;
  region: string;
}

const subscriptionOf = (clusterId: string): string => /\/subscriptions\/([^/]+)/i.exec(clusterId)?.[1] ?? '';

/**
 * Reads what regions offer and where clusters run, from the AKS layer, remembering cluster
 * regions for a while (a cluster does not move) so release intake does not ask AKS per event.
 */
export class ReleaseFactsReader {
  readonly #aks: AksGateway;
  readonly #places = new Map<string, { place: ClusterPlace | undefined; at: number }>();
  readonly #ttlMs: number;

  constructor(aks: AksGateway, ttlMs = 10 * 60_000) {
    this.#aks = aks;
    this.#ttlMs = ttlMs;
  }

  /** The cluster's subscription and region, or undefined when AKS does not know it. */
  async placeOf(clusterId: string): Promise<ClusterPlace | undefined> {
    const key = clusterId.toLowerCase();
    const cached = this.#places.get(key);
    if (cached && Date.now() - cached.at < this.#ttlMs) return cached.place;
    let place: ClusterPlace | undefined;
    try {
      const state = await this.#aks.getMember(clusterId);
      place = { subscriptionId: subscriptionOf(clusterId), region: state.location.toLowerCase() };
    } catch (error) {
      // Only "no such cluster" is an answer; a transient failure is thrown (the caller retries)
      // rather than remembered as an unknown cluster for the whole cache lifetime.
      if (!(isAksError(error) && error.kind === AksErrorKind.NotFound)) throw error;
      place = undefined;
    }
    this.#places.set(key, { place, at: Date.now() });
    return place;
  }

  /** A cluster's state now (not cached), or undefined when AKS does not know it or cannot be read. */
  async clusterState(clusterId: string): Promise<AksMemberState | undefined> {
    try {
      return await this.#aks.getMember(clusterId);
    } catch {
      return undefined;
    }
  }

  /**
   * What a region offers: its Kubernetes versions, and the newest node image per family as the
   * pools of `clusters` (members in that region) would get it — AKS has no GA per-region image list.
   */
  async factsFor(place: ClusterPlace, clusters: readonly string[]): Promise<ReleaseFacts> {
    const versions = await this.#aks.listAvailableVersions(place.subscriptionId, place.region);
    const nodeImages: Record<string, string> = {};
    for (const clusterId of clusters) {
      const state = await this.#aks.getMember(clusterId);
      for (const pool of state.pools) {
        const latest = pool.name ? await this.#aks.getLatestNodeImage(clusterId, pool.name) : undefined;
        const parts = latest ? parseNodeImageVersion(latest) : undefined;
        if (parts && (nodeImages[parts.family] === undefined || compareImageVersions(parts.version, nodeImages[parts.family] ?? '') > 0)) nodeImages[parts.family] = parts.version;
      }
    }
    return { region: place.region, kubernetesVersions: versions.map((v) => ({ version: v.version, isPreview: v.isPreview, isLts: v.isLts })), nodeImages };
  }
}

/** The regions a set of members' clusters run in, with the clusters in each (members AKS does not know are left out). */
export async function memberRegions(reader: ReleaseFactsReader, clusterIds: readonly string[]): Promise<Map<string, { place: ClusterPlace; clusters: string[] }>> {
  const regions = new Map<string, { place: ClusterPlace; clusters: string[] }>();
  for (const clusterId of clusterIds) {
    const place = await reader.placeOf(clusterId);
    if (!place) continue;
    const key = `${place.subscriptionId.toLowerCase()}/${place.region}`;
    const entry = regions.get(key) ?? { place, clusters: [] };
    entry.clusters.push(clusterId);
    regions.set(key, entry);
  }
  return regions;
}

/** What each region of these clusters offers (two sample clusters per region for node images). */
export async function offersFor(reader: ReleaseFactsReader, clusterIds: readonly string[]): Promise<ReleaseFacts[]> {
  const regions = await memberRegions(reader, clusterIds);
  return Promise.all([...regions.values()].map((r) => reader.factsFor(r.place, r.clusters.slice(0, 2))));
}
