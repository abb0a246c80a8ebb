/**
 * Turns an ARM emulator release into AKS system events: one
 * `Microsoft.ContainerService.NewKubernetesVersionAvailable` per cluster of the region, with
 * `topic` = the cluster's resource id and `subject` = its name (update-orchestration.md §6.1),
 * and data computed from the region's catalogue.
 */
import { randomUUID } from 'node:crypto';
import { compareKubernetesVersions, latestKubernetesVersion } from '../../../shared/aks/kubernetes-version.js';
import type { KubernetesRelease } from '../arm/release-hook.js';
import type { KubernetesMinorFacts } from '../arm/regional-catalogue.js';
import type { AcceptedEvent } from './model.js';

/** The event type AKS publishes when a region's Kubernetes versions change. */
export const newKubernetesVersionAvailable = 'Microsoft.ContainerService.NewKubernetesVersionAvailable';

/** The event's data, as Event Grid's AKS schema names it. */
export interface NewKubernetesVersionAvailableData {
  latestSupportedKubernetesVersion: string;
  latestStableKubernetesVersion: string;
  lowestMinorKubernetesVersion: string;
  latestPreviewKubernetesVersion?: string;
}

/**
 * The data from a region's minors: supported = the newest patch of the newest non-preview minor;
 * stable = the newest patch of the minor before it (AKS's `stable` channel, N-1; the newest when
 * there is only one); lowest = the newest patch of the oldest non-preview minor; preview = the
 * newest patch of any preview minor, absent when none. Undefined when no minor is generally available.
 */
export function versionAvailableData(minors: readonly KubernetesMinorFacts[]): NewKubernetesVersionAvailableData | undefined {
  const ga = minors.filter((m) => !m.preview && m.patches.length > 0).sort((a, b) => compareKubernetesVersions(a.minor, b.minor));
  const newest = ga[ga.length - 1];
  const stable = ga[ga.length - 2] ?? newest;
  const oldest = ga[0];
  if (!newest || !stable || !oldest) return undefined;
  const top = (m: KubernetesMinorFacts): string => latestKubernetesVersion(m.patches) ?? m.minor;
  const preview = latestKubernetesVersion(minors.filter((m) => m.preview).flatMap((m) => m.patches));
  return {
    latestSupportedKubernetesVersion: top(newest),
    latestStableKubernetesVersion: top(stable),
    lowestMinorKubernetesVersion: top(oldest),
    ...(preview === undefined ? {} : { latestPreviewKubernetesVersion: preview }),
  };
}

/** The Event Grid-schema events of a release, one per cluster of the region, stamped at `now`. */
export function kubernetesReleaseEvents(release: KubernetesRelease, now: Date): AcceptedEvent[] {
  const data = versionAvailableData(release.minors);
  if (!data) return [];
  return release.clusters.map((cluster) => {
    const id = randomUUID();
    const body = { id, topic: cluster.id, subject: cluster.name, data, eventType: newKubernetesVersionAvailable, eventTime: now.toISOString(), metadataVersion: '1', dataVersion: '1' };
    return { id, eventType: newKubernetesVersionAvailable, subject: cluster.name, dataVersion: '1', metadataVersion: '1', body };
  });
}
