/** A parsed Kubernetes version: `1.30` (no patch) or `1.30.5`. */
export interface KubernetesVersionParts {
  major: number;
  minor: number;
  patch: number | undefined;
}

/** Parses `major.minor[.patch]` (an optional leading `v` is accepted); undefined when malformed. */
export function parseKubernetesVersion(version: string): KubernetesVersionParts | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: match[3] === undefined ? undefined : Number(match[3]) };
}

const partsOrThrow = (version: string): KubernetesVersionParts => {
  const parts = parseKubernetesVersion(version);
  if (!parts) throw new TypeError(`Not a Kubernetes version: '${version}'`);
  return parts;
};

/** Orders two versions (negative, zero, positive); a missing patch sorts before patch 0. Throws on malformed input. */
export function compareKubernetesVersions(a: string, b: string): number {
  const x = partsOrThrow(a);
  const y = partsOrThrow(b);
  return x.major - y.major || x.minor - y.minor || (x.patch ?? -1) - (y.patch ?? -1);
}

/** The `major.minor` of a version (`1.30.5` → `1.30`). Throws on malformed input. */
export function minorOf(version: string): string {
  const { major, minor } = partsOrThrow(version);
  return `${major}.${minor}`;
}

/** How many minors `to` is ahead of `from` (negative when behind); majors other than 1 count 100 minors. */
export function minorDistance(from: string, to: string): number {
  const x = partsOrThrow(from);
  const y = partsOrThrow(to);
  return (y.major - x.major) * 100 + (y.minor - x.minor);
}

/** Why a Kubernetes upgrade from one version to another is or is not allowed. */
export type UpgradePathCheck = { allowed: true } | { allowed: false; reason: 'Downgrade' | 'SameVersion' | 'SkipsMinor' };

/**
 * The AKS rule for a control plane or pool upgrade: no downgrades and no skipped minors
 * (LTS lets a cluster stay on a minor longer; it does not let it skip one). `SameVersion` is
 * reported so callers can treat it as "already there".
 */
export function checkUpgradePath(current: string, target: string): UpgradePathCheck {
  const order = compareKubernetesVersions(target, current);
  if (order === 0) return { allowed: false, reason: 'SameVersion' };
  if (order < 0) return { allowed: false, reason: 'Downgrade' };
  if (minorDistance(current, target) > 1) return { allowed: false, reason: 'SkipsMinor' };
  return { allowed: true };
}

/** The highest version of a list, or undefined for an empty list. */
export function latestKubernetesVersion(versions: readonly string[]): string | undefined {
  return versions.reduce<string | undefined>((best, v) => (best === undefined || compareKubernetesVersions(v, best) > 0 ? v : best), undefined);
}
