/** A node image name split into its family and version (`AKSUbuntu-2204gen2containerd` / `202611.01.0`). */
export interface NodeImageParts {
  family: string;
  version: string;
}

/**
 * Splits a full node image version as AKS reports it (`AKSUbuntu-2204gen2containerd-202611.01.0`,
 * `AKSWindows-2022-containerd-20348.2762.241009`) into family and version; undefined when there
 * is no trailing dotted version.
 */
export function parseNodeImageVersion(fullName: string): NodeImageParts | undefined {
  const match = /^(.+)-(\d+(?:\.\d+)+)$/.exec(fullName.trim());
  if (!match) return undefined;
  return { family: match[1] ?? '', version: match[2] ?? '' };
}

/** Orders two dotted image versions numerically, segment by segment. */
export function compareImageVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * True when `actual` is the same family as `target` and at least as new: the NodeImageOnly /
 * Full post-condition (AKS moves pools to the newest image, which may be newer than asked).
 */
export function nodeImageReached(actual: string | undefined, target: string): boolean {
  const a = actual === undefined ? undefined : parseNodeImageVersion(actual);
  const t = parseNodeImageVersion(target);
  if (!a || !t) return actual === target;
  return a.family === t.family && compareImageVersions(a.version, t.version) >= 0;
}
