import { describe, expect, it } from 'vitest';
import { isArmError } from '../../shared/arm/arm-error.js';
import { parseGatePatch } from '../../shared/fleet/validation/gate-patch.js';

const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = (target?: string) => ({ code: 'InvalidRequestContent', target });

describe('parseGatePatch', () => {
  it.each([
    { name: 'approve (reference body)', input: { properties: { state: 'Completed' } }, want: { state: 'Completed' } },
    { name: 'Pending is system-set', input: { properties: { state: 'Pending' } }, want: bad('properties.state') },
    { name: 'Skipped is system-set', input: { properties: { state: 'Skipped' } }, want: bad('properties.state') },
    { name: 'lowercase completed', input: { properties: { state: 'completed' } }, want: bad('properties.state') },
    { name: 'state not a string', input: { properties: { state: true } }, want: bad('properties.state') },
    { name: 'state missing', input: { properties: {} }, want: bad('properties.state') },
    { name: 'properties missing', input: {}, want: bad('properties') },
    { name: 'displayName is not patchable', input: { properties: { state: 'Completed', displayName: 'x' } }, want: bad('properties.displayName') },
    { name: 'top-level extra', input: { properties: { state: 'Completed' }, tags: {} }, want: bad('tags') },
    { name: 'not an object', input: null, want: bad(undefined) },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseGatePatch(input))).toEqual(want);
  });

  it('explains that Pending is set by the run', () => {
    expect(() => parseGatePatch({ properties: { state: 'Pending' } })).toThrow("'Pending' is set by the update run, not by users");
  });
});
