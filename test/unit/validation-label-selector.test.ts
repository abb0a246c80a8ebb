import { describe, expect, it } from 'vitest';
import { isArmError } from '../../shared/arm/arm-error.js';
import { matchesLabels, parseLabelSelector } from '../../shared/fleet/validation/label-selector.js';

const target = 'properties.strategy.stages[0].memberSelector.byLabel';
const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = { code: 'InvalidRequestContent', target };

describe('parseLabelSelector', () => {
  it.each([
    { name: 'equals', input: 'env=staging', want: [{ key: 'env', operator: 'Equals', values: ['staging'] }] },
    { name: 'double equals', input: 'env==staging', want: [{ key: 'env', operator: 'Equals', values: ['staging'] }] },
    { name: 'not equals', input: 'env!=prod', want: [{ key: 'env', operator: 'NotEquals', values: ['prod'] }] },
    { name: 'in', input: 'tier in (frontend, backend)', want: [{ key: 'tier', operator: 'In', values: ['frontend', 'backend'] }] },
    { name: 'notin', input: 'tier notin (db)', want: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] },
    { name: 'exists', input: 'canary', want: [{ key: 'canary', operator: 'Exists', values: [] }] },
    { name: 'does not exist', input: '!canary', want: [{ key: 'canary', operator: 'DoesNotExist', values: [] }] },
    { name: 'empty value', input: 'env=', want: [{ key: 'env', operator: 'Equals', values: [''] }] },
    { name: 'prefixed key', input: 'example.com/tier=web', want: [{ key: 'example.com/tier', operator: 'Equals', values: ['web'] }] },
    {
      name: 'several requirements with spaces',
      input: ' env = production , tier in (frontend,backend), !legacy ',
      want: [
        { key: 'env', operator: 'Equals', values: ['production'] },
        { key: 'tier', operator: 'In', values: ['frontend', 'backend'] },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    },
    { name: 'value with dots, dashes, underscores', input: 'v=1.2_3-a', want: [{ key: 'v', operator: 'Equals', values: ['1.2_3-a'] }] },
  ])('parses $name', ({ input, want }) => {
    expect(parseLabelSelector(input, target)).toEqual({ requirements: want });
  });

  it.each([
    { name: 'empty', input: '' },
    { name: 'blank', input: '   ' },
    { name: 'stray comma', input: 'env=a,' },
    { name: 'empty in-set', input: 'env in ()' },
    { name: 'unclosed parenthesis', input: 'env in (a,b' },
    { name: 'nested parentheses', input: 'env in ((a))' },
    { name: 'unbalanced close', input: 'env=a)' },
    { name: 'greater-than operator', input: 'replicas>3' },
    { name: 'in without parentheses', input: 'env in a' },
    { name: 'space inside value', input: 'env=a b' },
    { name: 'bad key character', input: 'en$v=a' },
    { name: 'key name over 63 characters', input: `${'k'.repeat(64)}=a` },
    { name: 'uppercase prefix', input: 'Example.com/tier=web' },
    { name: 'empty prefix', input: '/tier=web' },
    { name: 'value starting with a dash', input: 'env=-a' },
    { name: 'value over 63 characters', input: `env=${'v'.repeat(64)}` },
    { name: 'bad value in a set', input: 'env in (a, -b)' },
    { name: 'over 512 characters', input: `env in (${Array.from({ length: 130 }, (_, i) => `v${i}`).join(',')})` },
  ])('rejects $name', ({ input }) => {
    expect(outcome(() => parseLabelSelector(input, target))).toEqual(bad);
  });

  it('names the bad requirement in its message', () => {
    expect(() => parseLabelSelector('env=a,tier in (x,-y)', target)).toThrow("in 'tier in (x,-y)', label value '-y'");
  });
});

describe('matchesLabels', () => {
  const labels = { env: 'production', tier: 'frontend', 'example.com/zone': 'a' };
  it.each([
    { name: 'equals, match', input: 'env=production', want: true },
    { name: 'equals, other value', input: 'env=staging', want: false },
    { name: 'equals, key absent', input: 'team=x', want: false },
    { name: 'not equals, other value', input: 'env!=staging', want: true },
    { name: 'not equals, same value', input: 'env!=production', want: false },
    { name: 'not equals, key absent (Kubernetes: matches)', input: 'team!=x', want: true },
    { name: 'in, match', input: 'tier in (frontend,backend)', want: true },
    { name: 'in, no match', input: 'tier in (backend)', want: false },
    { name: 'in, key absent', input: 'team in (x)', want: false },
    { name: 'notin, match', input: 'tier notin (backend)', want: true },
    { name: 'notin, excluded value', input: 'tier notin (frontend)', want: false },
    { name: 'notin, key absent (Kubernetes: matches)', input: 'team notin (x)', want: true },
    { name: 'exists', input: 'tier', want: true },
    { name: 'exists, absent', input: 'team', want: false },
    { name: 'does not exist', input: '!team', want: true },
    { name: 'does not exist, present', input: '!tier', want: false },
    { name: 'prefixed key', input: 'example.com/zone=a', want: true },
    { name: 'all requirements must hold', input: 'env=production,tier=backend', want: false },
    { name: 'production frontend', input: 'env=production,tier=frontend', want: true },
  ])('$name', ({ input, want }) => {
    expect(matchesLabels(parseLabelSelector(input, target), labels)).toBe(want);
  });

  it('does not match inherited object keys', () => {
    expect(matchesLabels(parseLabelSelector('constructor', target), {})).toBe(false);
  });
});
