import { compareKubernetesVersions, latestKubernetesVersion, minorOf } from '../aks/kubernetes-version.js';
import { compareImageVersions } from '../aks/node-image-version.js';
import type { AutoUpgradeProfileProperties } from '../fleet/models.js';
import type { ReleaseFacts } from './release-facts.js';

/** What a profile's channel aims at now. */
export type ChannelTarget = { kind: 'kubernetes'; version: string } | { kind: 'nodeImage'; images: Record<string, string> };

/** A target, or why there is none. */
export type TargetResolution = { ok: true; target: ChannelTarget } | { ok: false; reason: string };

const minorsOf = (versions: string[]): string[] => [...new Set(versions.map(minorOf))].sort((a, b) => compareKubernetesVersions(`${a}.0`, `${b}.0`));

/**
 * A profile's channel target from what the regions offer (reference §5.2), GA versions only:
 * Rapid → latest patch of the newest minor N; Stable → latest patch of N-1; TargetKubernetesVersion
 * → latest patch of the given minor (a minor older than N-2 only with `longTermSupport` and when
 * the minor has LTS; never an unreleased minor); NodeImage → the newest image per family. Versions
 * are pooled across the regions given (a member whose region lacks the target waits Pending).
 */
export function channelTarget(profile: Pick<AutoUpgradeProfileProperties, 'channel' | 'targetKubernetesVersion' | 'longTermSupport'>, facts: readonly ReleaseFacts[]): TargetResolution {
  if (profile.channel === 'NodeImage') {
    const images: Record<string, string> = {};
    for (const region of facts) {
      for (const [family, version] of Object.entries(region.nodeImages)) {
        const current = images[family];
        if (current === undefined || compareImageVersions(version, current) > 0) images[family] = version;
      }
    }
    return Object.keys(images).length ? { ok: true, target: { kind: 'nodeImage', images } } : { ok: false, reason: 'No node images are published in the regions of this fleet.' };
  }
  const ga = facts.flatMap((f) => f.kubernetesVersions.filter((v) => !v.isPreview));
  const minors = minorsOf(ga.map((v) => v.version));
  const latestOf = (minor: string): string | undefined => latestKubernetesVersion(ga.filter((v) => minorOf(v.version) === minor).map((v) => v.version));
  const newest = minors.at(-1);
  if (!newest) return { ok: false, reason: 'No GA Kubernetes version is published in the regions of this fleet.' };
  switch (profile.channel) {
    case 'Rapid':
      return { ok: true, target: { kind: 'kubernetes', version: latestOf(newest) ?? '' } };
    case 'Stable': {
      const previous = minors.at(-2);
      return previous ? { ok: true, target: { kind: 'kubernetes', version: latestOf(previous) ?? '' } } : { ok: false, reason: `Only minor ${newest} is published; Stable follows the minor before the newest.` };
    }
    case 'TargetKubernetesVersion': {
      const minor = profile.targetKubernetesVersion ?? '';
      const index = minors.indexOf(minor);
      if (index < 0) return { ok: false, reason: `Kubernetes ${minor} is not published (GA) in the regions of this fleet.` };
      const supported = minors.length - 1 - index <= 2;
      const lts = ga.some((v) => minorOf(v.version) === minor && v.isLts);
      if (!supported && !(profile.longTermSupport && lts)) {
        return { ok: false, reason: `Kubernetes ${minor} is older than the three supported minors${profile.longTermSupport ? ' and has no long-term support' : '; enable longTermSupport to follow an LTS minor'}.` };
      }
      return { ok: true, target: { kind: 'kubernetes', version: latestOf(minor) ?? '' } };
    }
    default:
      return { ok: false, reason: `Channel ${profile.channel} is not supported by this fleet manager.` };
  }
}

/** Whether `next` moves past `last`: a higher Kubernetes version, or a newer image in some family. */
export function isNewerTarget(next: ChannelTarget, last: ChannelTarget | undefined): boolean {
  if (!last || last.kind !== next.kind) return true;
  if (next.kind === 'kubernetes' && last.kind === 'kubernetes') return compareKubernetesVersions(next.version, last.version) > 0;
  if (next.kind === 'nodeImage' && last.kind === 'nodeImage') {
    return Object.entries(next.images).some(([family, version]) => last.images[family] === undefined || compareImageVersions(version, last.images[family] ?? '') > 0);
  }
  return false;
}

/** The versions a target names, as `lastTriggerUpgradeVersions` lists them. */
export const targetVersions = (target: ChannelTarget): string[] =>
  target.kind === 'kubernetes' ? [target.version] : Object.entries(target.images).sort(([a], [b]) => (a < b ? -1 : 1)).map(([family, version]) => `${family}-${version}`);
