import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isArmError } from '../../shared/arm/arm-error.js';
import { formatPath, parseWith } from '../../shared/fleet/validation/to-arm-error.js';

const schema = z.strictObject({
  properties: z.strictObject({
    name: z.string().min(1).max(5),
    kind: z.enum(['A', 'B']),
    count: z.int32().min(0).optional(),
    items: z.array(z.strictObject({ version: z.string().regex(/^v\d$/, { error: 'it must look like v1' }) })).min(1).optional(),
  }),
});

const failure = (value: unknown): unknown => {
  try {
    parseWith(schema, value, '');
    return 'ok';
  } catch (e) {
    if (isArmError(e)) return { status: e.status, code: e.code, target: e.target, message: e.message, details: e.details?.length };
    throw e;
  }
};
const valid = { name: 'abc', kind: 'A' };

describe('formatPath', () => {
  it.each([
    { name: 'dotted keys and indexes', input: { base: 'properties', path: ['strategy', 'stages', 1, 'groups', 0, 'name'] }, want: 'properties.strategy.stages[1].groups[0].name' },
    { name: 'empty base', input: { base: '', path: ['location'] }, want: 'location' },
    { name: 'key that is not an identifier', input: { base: 'properties.labels', path: ['example.com/tier'] }, want: "properties.labels['example.com/tier']" },
    { name: 'nothing to add', input: { base: 'properties.strategy', path: [] }, want: 'properties.strategy' },
  ])('$name', ({ input, want }) => {
    expect(formatPath(input.base, input.path)).toBe(want);
  });
});

describe('parseWith', () => {
  it.each([
    { name: 'valid', input: { properties: valid }, want: 'ok' },
    { name: 'not an object', input: 7, want: { status: 400, code: 'InvalidRequestContent', target: undefined, message: 'The request body must be an object, not number 7.', details: undefined } },
    { name: 'required', input: { properties: { kind: 'A' } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.name', message: "'properties.name' is required.", details: undefined } },
    { name: 'wrong type', input: { properties: { ...valid, name: 5 } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.name', message: "'properties.name' must be a string, not number 5.", details: undefined } },
    { name: 'empty string', input: { properties: { ...valid, name: '' } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.name', message: "'properties.name' must not be empty.", details: undefined } },
    { name: 'too long', input: { properties: { ...valid, name: 'abcdef' } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.name', message: "'properties.name' must be at most 5 characters long.", details: undefined } },
    { name: 'enum', input: { properties: { ...valid, kind: 'C' } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.kind', message: "'properties.kind' must be one of 'A', 'B', not 'C'.", details: undefined } },
    { name: 'integer', input: { properties: { ...valid, count: 1.5 } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.count', message: "'properties.count' must be an integer, not number 1.5.", details: undefined } },
    { name: 'minimum', input: { properties: { ...valid, count: -1 } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.count', message: "'properties.count' must be at least 0.", details: undefined } },
    { name: 'empty array', input: { properties: { ...valid, items: [] } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.items', message: "'properties.items' must have at least 1 item.", details: undefined } },
    { name: 'pattern', input: { properties: { ...valid, items: [{ version: 'x' }] } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.items[0].version', message: "'properties.items[0].version' 'x' is invalid: it must look like v1.", details: undefined } },
    { name: 'unknown property', input: { properties: { ...valid, extra: 1 } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.extra', message: "'properties' does not allow the property 'extra'.", details: undefined } },
    { name: 'several issues: the first, all in details', input: { properties: { kind: 'C', extra: 1 } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.name', message: "'properties.name' is required.", details: 3 } },
  ])('$name', ({ input, want }) => {
    expect(failure(input)).toEqual(want);
  });
});
