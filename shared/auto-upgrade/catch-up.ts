import { createHash } from 'node:crypto';
import type { AksMemberState } from '../aks/aks-gateway.js';
import { compareKubernetesVersions, minorDistance } from '../aks/kubernetes-version.js';
import { compareImageVersions, parseNodeImageVersion } from '../aks/node-image-version.js';
import type { UpdateRun } from '../fleet/models.js';
import type { ChannelTarget } from './channel-target.js';

const behindVersion = (current: string | undefined, target: string): boolean =>
  current !== undefined && current !== '' && compareKubernetesVersions(current, target) < 0 && minorDistance(current, target) <= 1;

/**
 * Whether a catch-up run could move this cluster to the target now: it runs (a stopped cluster
 * would only fail again), and its control plane or a pool is behind the Kubernetes target by at
 * most one minor (auto-upgrade never skips minors), or a pool's image is older than the target
 * of its family.
 */
export function isBehindTarget(target: ChannelTarget, cluster: AksMemberState): boolean {
  if (cluster.powerState?.code === 'Stopped') return false;
  if (target.kind === 'kubernetes') {
    const current = cluster.currentKubernetesVersion ?? cluster.kubernetesVersion;
    return behindVersion(current, target.version) || cluster.pools.some((p) => behindVersion(p.currentOrchestratorVersion ?? p.orchestratorVersion, target.version));
  }
  return cluster.pools.some((pool) => {
    const parts = pool.nodeImageVersion ? parseNodeImageVersion(pool.nodeImageVersion) : undefined;
    const wanted = parts ? target.images[parts.family] : undefined;
    return parts !== undefined && wanted !== undefined && compareImageVersions(parts.version, wanted) < 0;
  });
}

const settled = new Set(['NotStarted', 'Completed', 'Failed', 'Stopped', 'Skipped']);

/** Whether one of these runs is under way (a catch-up run would race it for the same clusters). */
export const hasRunInProgress = (runs: readonly UpdateRun[]): boolean => runs.some((r) => !settled.has(r.properties.status?.status?.state ?? 'NotStarted'));

/**
 * The variant of a catch-up run: named after the members it converges, so each tick finds the
 * same run while the same members lag (a member that keeps failing is not retried forever), and
 * a different set of lagging members gets a new run.
 */
export const catchUpVariant = (memberNames: readonly string[]): string =>
  `catchUp-${createHash('sha256').update(JSON.stringify([...memberNames].map((n) => n.toLowerCase()).sort())).digest('hex').slice(0, 12)}`;
