import type { KubernetesVersion } from '@azure/arm-containerservice';
import type { AvailableKubernetesVersion } from './aks-gateway.js';
import { compareKubernetesVersions } from './kubernetes-version.js';

/** The support plan value that marks a minor as LTS. */
export const ltsSupportPlan = 'AKSLongTermSupport';

/** Flattens `listKubernetesVersions` values into one entry per patch version, oldest first. */
export function flattenKubernetesVersions(values: readonly KubernetesVersion[]): AvailableKubernetesVersion[] {
  const out: AvailableKubernetesVersion[] = [];
  for (const minor of values) {
    if (!minor.version) continue;
    const isLts = (minor.capabilities?.supportPlan ?? []).includes(ltsSupportPlan);
    for (const [version, patch] of Object.entries(minor.patchVersions ?? {})) {
      out.push({ version, minor: minor.version, isPreview: minor.isPreview ?? false, isDefault: minor.isDefault ?? false, isLts, upgrades: patch.upgrades ?? [] });
    }
  }
  return out.sort((a, b) => compareKubernetesVersions(a.version, b.version));
}
