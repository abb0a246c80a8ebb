import type { KubernetesMinorFacts } from './regional-catalogue.js';

/** What the ARM emulator tells listeners when a Kubernetes version becomes available in a region. */
export interface KubernetesRelease {
  /** The region as the release named it (`eastus`). */
  region: string;
  /** The patch version that was added (`1.33.3`). */
  version: string;
  /** The region's catalogue after the release, minors ascending. */
  minors: KubernetesMinorFacts[];
  /** Every cluster of the region at the time of the release. */
  clusters: { id: string; name: string }[];
}

/**
 * Called after an admin release adds a Kubernetes version that the region did not offer yet
 * (re-releasing a known version, or only changing its flags, calls nothing). Must not throw;
 * if it does, the release still stands and the error is logged.
 */
export type OnKubernetesRelease = (release: KubernetesRelease) => void;
