import { describe, expect, it } from 'vitest';
import { isArmError } from '../../shared/arm/arm-error.js';
import type { NamedResourceKind } from '../../shared/fleet/validation/names.js';
import { assertResourceName } from '../../shared/fleet/validation/names.js';

const outcome = (run: () => unknown): unknown => {
  try {
    return run() ?? 'ok';
  } catch (e) {
    if (isArmError(e)) return { status: e.status, code: e.code, target: e.target };
    throw e;
  }
};
const bad = (target = 'name') => ({ status: 400, code: 'InvalidResourceName', target });

describe('assertResourceName', () => {
  it.each<{ name: string; input: { kind: NamedResourceKind; name: string; target?: string }; want: unknown }>([
    { name: 'fleet, simple', input: { kind: 'fleet', name: 'fleet-1' }, want: 'ok' },
    { name: 'fleet, one character', input: { kind: 'fleet', name: 'a' }, want: 'ok' },
    { name: 'fleet, 63 characters', input: { kind: 'fleet', name: 'a'.repeat(63) }, want: 'ok' },
    { name: 'fleet, 64 characters', input: { kind: 'fleet', name: 'a'.repeat(64) }, want: bad() },
    { name: 'member, 50 characters', input: { kind: 'member', name: 'm'.repeat(50) }, want: 'ok' },
    { name: 'member, 51 characters', input: { kind: 'member', name: 'm'.repeat(51) }, want: bad() },
    { name: 'update run, 51 characters', input: { kind: 'updateRun', name: 'r'.repeat(51) }, want: bad() },
    { name: 'update strategy, 51 characters', input: { kind: 'updateStrategy', name: 's'.repeat(51) }, want: bad() },
    { name: 'auto-upgrade profile, 51 characters', input: { kind: 'autoUpgradeProfile', name: 'p'.repeat(51) }, want: bad() },
    { name: 'empty', input: { kind: 'member', name: '' }, want: bad() },
    { name: 'uppercase', input: { kind: 'updateRun', name: 'Run1' }, want: bad() },
    { name: 'leading dash', input: { kind: 'updateRun', name: '-run' }, want: bad() },
    { name: 'trailing dash', input: { kind: 'updateRun', name: 'run-' }, want: bad() },
    { name: 'underscore', input: { kind: 'updateRun', name: 'run_1' }, want: bad() },
    { name: 'dot', input: { kind: 'updateStrategy', name: 'a.b' }, want: bad() },
    { name: 'digits only', input: { kind: 'autoUpgradeProfile', name: '123' }, want: 'ok' },
    { name: 'custom target', input: { kind: 'member', name: 'X', target: 'properties.group' }, want: bad('properties.group') },
    { name: 'gate, lowercase GUID', input: { kind: 'gate', name: '12345678-910a-bcde-f000-000000000000' }, want: 'ok' },
    { name: 'gate, uppercase GUID', input: { kind: 'gate', name: '12345678-910A-BCDE-F000-000000000000' }, want: bad() },
    { name: 'gate, not a GUID', input: { kind: 'gate', name: 'gate-1' }, want: bad() },
    { name: 'gate, braces', input: { kind: 'gate', name: '{12345678-910a-bcde-f000-000000000000}' }, want: bad() },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => assertResourceName(input.kind, input.name, input.target))).toEqual(want);
  });

  it('says which rule the name breaks', () => {
    expect(() => assertResourceName('fleet', 'a'.repeat(64))).toThrow("The fleet name '" + 'a'.repeat(64) + "' is invalid: it must be 1 to 63 characters long.");
  });
});
