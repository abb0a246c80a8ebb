import { compareKubernetesVersions, minorDistance, minorOf } from '../../../shared/aks/kubernetes-version.js';
import { compareImageVersions, parseNodeImageVersion } from '../../../shared/aks/node-image-version.js';
import type { FixtureRegion } from './fixture-schema.js';

const familyBySku: Record<string, string> = {
  Ubuntu: 'AKSUbuntu-2204gen2containerd',
  Ubuntu2204: 'AKSUbuntu-2204gen2containerd',
  Ubuntu2404: 'AKSUbuntu-2404gen2containerd',
  AzureLinux: 'AKSAzureLinux-V3gen2',
  AzureLinux3: 'AKSAzureLinux-V3gen2',
  Windows2019: 'AKSWindows-2019-containerd',
  Windows2022: 'AKSWindows-2022-containerd',
};

/** The node image family of a pool: from its image when given, else from its OS SKU (Windows pools default to 2022). */
export function imageFamilyOf(osSku: string, osType: string, nodeImageVersion?: string): string {
  const parsed = nodeImageVersion ? parseNodeImageVersion(nodeImageVersion) : undefined;
  if (parsed) return parsed.family;
  return familyBySku[osSku] ?? (osType === 'Windows' ? 'AKSWindows-2022-containerd' : `AKS${osSku}-gen2`);
}

/** One Kubernetes minor of a region's catalogue, as plain data (patches ascending). */
export interface KubernetesMinorFacts {
  minor: string;
  lts: boolean;
  preview: boolean;
  isDefault: boolean;
  patches: string[];
}

interface Minor {
  lts: boolean;
  preview: boolean;
  isDefault: boolean;
  patches: string[];
}

/** One region's Kubernetes versions and node images; releases are added at run time. */
export class RegionalCatalogue {
  private readonly minors = new Map<string, Minor>();
  private readonly images = new Map<string, string[]>();
  private body: string | undefined;

  constructor(region: FixtureRegion) {
    for (const m of region.kubernetesVersions) this.minors.set(m.minor, { lts: m.lts, preview: m.preview, isDefault: m.default, patches: [...m.patches].sort(compareKubernetesVersions) });
    for (const [family, versions] of Object.entries(region.nodeImages)) this.images.set(family, [...versions].sort(compareImageVersions));
  }

  /** Adds a Kubernetes patch (creating its minor with the given flags when new). */
  releaseKubernetesVersion(version: string, flags: { lts?: boolean; preview?: boolean } = {}): void {
    const minor = minorOf(version);
    const entry = this.minors.get(minor) ?? { lts: flags.lts ?? false, preview: flags.preview ?? false, isDefault: false, patches: [] };
    if (!entry.patches.includes(version)) entry.patches = [...entry.patches, version].sort(compareKubernetesVersions);
    if (flags.lts !== undefined) entry.lts = flags.lts;
    if (flags.preview !== undefined) entry.preview = flags.preview;
    this.minors.set(minor, entry);
    this.body = undefined;
  }

  /** Adds a node image version (`AKSUbuntu-2204gen2containerd-202612.01.0`). */
  releaseNodeImage(fullName: string): void {
    const parsed = parseNodeImageVersion(fullName);
    if (!parsed) throw new TypeError(`Not a node image version: ${fullName}`);
    const list = this.images.get(parsed.family) ?? [];
    if (!list.includes(parsed.version)) this.images.set(parsed.family, [...list, parsed.version].sort(compareImageVersions));
  }

  /** True when the region offers this exact patch version. */
  offers(version: string): boolean {
    return this.minors.get(minorOf(version))?.patches.includes(version) ?? false;
  }

  /** True when the version's minor is in preview. */
  isPreview(version: string): boolean {
    return this.minors.get(minorOf(version))?.preview ?? false;
  }

  /** Newer patches of the same minor and every patch of the next minor, as AKS offers upgrades. */
  upgradesFrom(version: string): string[] {
    const out: string[] = [];
    for (const [minor, entry] of this.minors) {
      const distance = minorDistance(version, `${minor}.0`);
      if (distance === 0 || distance === 1) out.push(...entry.patches.filter((p) => compareKubernetesVersions(p, version) > 0));
    }
    return out.sort(compareKubernetesVersions);
  }

  /** The newest image of a family, as a full name, or undefined when the family is unknown. */
  latestImage(family: string): string | undefined {
    const versions = this.images.get(family);
    const latest = versions?.[versions.length - 1];
    return latest === undefined ? undefined : `${family}-${latest}`;
  }

  /** The region's Kubernetes minors as plain data, ascending (a copy: later releases do not change it). */
  kubernetesMinors(): KubernetesMinorFacts[] {
    return [...this.minors.entries()]
      .sort(([a], [b]) => compareKubernetesVersions(a, b))
      .map(([minor, entry]) => ({ minor, lts: entry.lts, preview: entry.preview, isDefault: entry.isDefault, patches: [...entry.patches] }));
  }

  /** The `listKubernetesVersions` response body (cached until the next release). */
  kubernetesVersionsBody(): string {
    this.body ??= JSON.stringify({
      values: [...this.minors.entries()]
        .sort(([a], [b]) => compareKubernetesVersions(a, b))
        .map(([minor, entry]) => ({
          version: minor,
          ...(entry.isDefault ? { isDefault: true } : {}),
          ...(entry.preview ? { isPreview: true } : {}),
          capabilities: { supportPlan: entry.lts ? ['KubernetesOfficial', 'AKSLongTermSupport'] : ['KubernetesOfficial'] },
          patchVersions: Object.fromEntries(entry.patches.map((p) => [p, { upgrades: this.upgradesFrom(p) }])),
        })),
    });
    return this.body;
  }
}
