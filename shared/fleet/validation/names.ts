/**
 * Resource-name rules (reference §1, §2.1, §3, §4.1, §5.1, §9.1): lowercase RFC 1123 labels,
 * 1–63 characters for fleets and 1–50 for children; gate names are lowercase GUIDs.
 */
import { armErrors } from '../../arm/arm-error.js';

/** The pattern of fleet, child-resource, stage, group and member-group names. */
export const namePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A lowercase GUID, the name of a gate. */
export const gateNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The kinds of resource whose names {@link assertResourceName} checks. */
export type NamedResourceKind = 'fleet' | 'member' | 'updateRun' | 'updateStrategy' | 'autoUpgradeProfile' | 'gate';

const kindLabels: Readonly<Record<NamedResourceKind, string>> = {
  fleet: 'fleet',
  member: 'fleet member',
  updateRun: 'update run',
  updateStrategy: 'update strategy',
  autoUpgradeProfile: 'auto-upgrade profile',
  gate: 'gate',
};

/** The name rule of `kind`, as a message fragment, or undefined when `name` satisfies it. */
export function nameProblem(kind: NamedResourceKind, name: string): string | undefined {
  if (kind === 'gate') return gateNamePattern.test(name) ? undefined : 'it must be a lowercase GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).';
  const max = kind === 'fleet' ? 63 : 50;
  if (name.length < 1 || name.length > max) return `it must be 1 to ${max} characters long.`;
  if (!namePattern.test(name)) return `it must consist of lowercase letters, digits and '-', and start and end with a letter or digit (${namePattern.source}).`;
  return undefined;
}

/**
 * Throws a 400 `InvalidResourceName` (target `target`, default `name`) unless `name` is a valid
 * name for a resource of `kind`: `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$` with 1–63 characters for a
 * fleet and 1–50 for the others, or a lowercase GUID for a gate.
 */
export function assertResourceName(kind: NamedResourceKind, name: string, target = 'name'): void {
  const problem = nameProblem(kind, name);
  if (problem !== undefined) throw armErrors.invalidResourceName(name, kindLabels[kind], problem, target);
}
