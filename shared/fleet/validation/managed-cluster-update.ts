/** Validation of an update run's `managedClusterUpdate` (reference §2.3). */
import { z } from 'zod';
import type { ManagedClusterUpdate } from '../models.js';
import { nodeImageSelectionTypes } from './schemas.js';
import { invalid, parseWith } from './to-arm-error.js';

/** The upgrade types. */
export const upgradeTypes = ['Full', 'NodeImageOnly', 'ControlPlaneOnly'] as const;

/** A full Kubernetes version `x.y.z`, no leading `v`, no suffix. */
export const kubernetesVersionPattern = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** A node image version: `<family>-<n>.<n>.<n>` (Linux `…-202611.01.0`, Windows `…-20348.2655.240814`). */
const nodeImageVersion = /^([A-Za-z0-9][A-Za-z0-9-]*?)-\d+\.\d+\.\d+$/;

const managedClusterUpdateSchema = z.strictObject({
  upgrade: z.strictObject({ type: z.enum(upgradeTypes), kubernetesVersion: z.string().optional() }),
  nodeImageSelection: z
    .strictObject({ type: z.enum(nodeImageSelectionTypes), customNodeImageVersions: z.array(z.strictObject({ version: z.string() })).optional() })
    .optional(),
});

/** The image family of a node image version (the version without its trailing `-N.N.N`), or undefined when malformed. */
export const nodeImageFamily = (version: string): string | undefined => nodeImageVersion.exec(version)?.[1];

function checkKubernetesVersion(upgrade: ManagedClusterUpdate['upgrade'], path: string): void {
  const target = `${path}.upgrade.kubernetesVersion`;
  const version = upgrade.kubernetesVersion;
  if (upgrade.type === 'NodeImageOnly') {
    if (version !== undefined) throw invalid(target, `'${target}' must not be set when the upgrade type is NodeImageOnly.`);
    return;
  }
  if (version === undefined) throw invalid(target, `'${target}' is required when the upgrade type is ${upgrade.type}.`);
  if (!kubernetesVersionPattern.test(version)) throw invalid(target, `'${target}' '${version}' is invalid: use a full version major.minor.patch such as 1.33.2, without a leading 'v'.`);
}

function checkCustomVersions(versions: { version: string }[], path: string): void {
  const families = new Map<string, number>();
  versions.forEach(({ version }, j) => {
    const target = `${path}[${j}].version`;
    const family = nodeImageFamily(version);
    if (family === undefined) throw invalid(target, `'${target}' '${version}' is not a node image version such as AKSUbuntu-2204gen2containerd-202611.01.0.`);
    const first = families.get(family.toLowerCase());
    if (first !== undefined) throw invalid(target, `'${target}': image family '${family}' already has a version at ${path}[${first}]; list at most one version per family.`);
    families.set(family.toLowerCase(), j);
  });
}

/**
 * Validates the untrusted `managedClusterUpdate` at `path`, or throws a 400 naming the field:
 * `upgrade.type` Full | NodeImageOnly | ControlPlaneOnly; `kubernetesVersion` a full `x.y.z`,
 * required for Full and ControlPlaneOnly and forbidden for NodeImageOnly; `nodeImageSelection.type`
 * Latest | Consistent | Custom; `customNodeImageVersions` required and non-empty for Custom (at
 * most one version per image family) and forbidden otherwise; Custom not with ControlPlaneOnly.
 */
export function validateManagedClusterUpdate(value: unknown, path: string): ManagedClusterUpdate {
  const parsed = parseWith(managedClusterUpdateSchema, value, path);
  checkKubernetesVersion(parsed.upgrade, path);
  const selection = parsed.nodeImageSelection;
  const upgrade = { type: parsed.upgrade.type, ...(parsed.upgrade.kubernetesVersion !== undefined ? { kubernetesVersion: parsed.upgrade.kubernetesVersion } : {}) };
  if (!selection) return { upgrade };
  const versionsPath = `${path}.nodeImageSelection.customNodeImageVersions`;
  const versions = selection.customNodeImageVersions;
  if (selection.type === 'Custom') {
    if (upgrade.type === 'ControlPlaneOnly') {
      throw invalid(`${path}.nodeImageSelection.type`, `'${path}.nodeImageSelection.type' Custom needs an upgrade type that updates node images (Full or NodeImageOnly), not ControlPlaneOnly.`);
    }
    if (versions === undefined || versions.length === 0) throw invalid(versionsPath, `'${versionsPath}' must list at least one version when the node image selection type is Custom.`);
    checkCustomVersions(versions, versionsPath);
    return { upgrade, nodeImageSelection: { type: 'Custom', customNodeImageVersions: versions.map(({ version }) => ({ version })) } };
  }
  if (versions !== undefined) throw invalid(versionsPath, `'${versionsPath}' is only allowed when the node image selection type is Custom, not ${selection.type}.`);
  return { upgrade, nodeImageSelection: { type: selection.type } };
}
