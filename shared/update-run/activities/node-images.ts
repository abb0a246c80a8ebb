import type { AksGateway } from '../../aks/aks-gateway.js';
import { compareImageVersions, parseNodeImageVersion } from '../../aks/node-image-version.js';
import type { RunPlan } from '../plan.js';

/** Node image targets per family from a Custom selection (`family-version` entries). */
export function customNodeImages(versions: readonly { version: string }[]): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const { version } of versions) {
    const parts = parseNodeImageVersion(version);
    if (parts) targets[parts.family] = parts.version;
  }
  return targets;
}

/** Runs `work` over `items` with at most `limit` calls in flight. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The `Consistent` selection (reference §2.3): for each image family used by the run's members,
 * the latest version available in every region involved — the oldest of the regions' latest.
 */
export async function consistentNodeImages(aks: AksGateway, plan: RunPlan): Promise<Record<string, string>> {
  const members = plan.stages.flatMap((s) => s.groups.flatMap((g) => g.members));
  const latestPerPool = await mapLimited(members, 16, async (member) => {
    const state = await aks.getMember(member.clusterResourceId);
    return Promise.all(state.pools.map(async (pool) => (pool.name ? await aks.getLatestNodeImage(member.clusterResourceId, pool.name) : undefined)));
  });
  const targets: Record<string, string> = {};
  for (const image of latestPerPool.flat()) {
    const parts = image ? parseNodeImageVersion(image) : undefined;
    if (!parts) continue;
    const current = targets[parts.family];
    if (current === undefined || compareImageVersions(parts.version, current) < 0) targets[parts.family] = parts.version;
  }
  return targets;
}
