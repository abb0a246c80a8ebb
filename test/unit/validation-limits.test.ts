import { describe, expect, it } from 'vitest';
import { isArmError } from '../../shared/arm/arm-error.js';
import type { Limit } from '../../shared/fleet/validation/limits.js';
import { parseMaxAllowedFailures, parseMaxConcurrency, resolveAllowedFailures, resolveConcurrency } from '../../shared/fleet/validation/limits.js';

const target = 'properties.strategy.stages[0].maxConcurrency';
const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = { code: 'InvalidRequestContent', target };

describe('parseMaxConcurrency', () => {
  it.each([
    { name: 'count', input: '3', want: { kind: 'count', value: 3 } },
    { name: 'count 1', input: '1', want: { kind: 'count', value: 1 } },
    { name: 'large count', input: '500', want: { kind: 'count', value: 500 } },
    { name: 'percent', input: '33%', want: { kind: 'percent', value: 33 } },
    { name: 'one percent', input: '1%', want: { kind: 'percent', value: 1 } },
    { name: '100 percent', input: '100%', want: { kind: 'percent', value: 100 } },
    { name: 'zero', input: '0', want: bad },
    { name: 'zero percent', input: '0%', want: bad },
    { name: '101 percent', input: '101%', want: bad },
    { name: 'leading zero', input: '03', want: bad },
    { name: 'negative', input: '-1', want: bad },
    { name: 'decimal', input: '1.5', want: bad },
    { name: 'spaces', input: ' 3', want: bad },
    { name: 'empty', input: '', want: bad },
    { name: 'beyond int32', input: '2147483648', want: bad },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseMaxConcurrency(input, target))).toEqual(want);
  });
});

describe('parseMaxAllowedFailures', () => {
  it.each([
    { name: 'zero (fail fast)', input: '0', want: { kind: 'count', value: 0 } },
    { name: 'count', input: '2', want: { kind: 'count', value: 2 } },
    { name: 'zero percent', input: '0%', want: { kind: 'percent', value: 0 } },
    { name: 'percent', input: '25%', want: { kind: 'percent', value: 25 } },
    { name: '100 percent', input: '100%', want: { kind: 'percent', value: 100 } },
    { name: '101 percent', input: '101%', want: bad },
    { name: 'leading zero', input: '01', want: bad },
    { name: 'negative', input: '-1', want: bad },
    { name: 'word', input: 'all', want: bad },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseMaxAllowedFailures(input, target))).toEqual(want);
  });
});

describe('resolveConcurrency', () => {
  it.each<{ name: string; input: { limit: Limit | undefined; clusters: number; fallback: number }; want: number }>([
    { name: 'reference: 33% of 10 rounds down to 3', input: { limit: { kind: 'percent', value: 33 }, clusters: 10, fallback: 1 }, want: 3 },
    { name: 'unset stage uses the fallback 50', input: { limit: undefined, clusters: 10, fallback: 50 }, want: 50 },
    { name: 'unset group uses the fallback 1', input: { limit: undefined, clusters: 10, fallback: 1 }, want: 1 },
    { name: 'count as given', input: { limit: { kind: 'count', value: 4 }, clusters: 10, fallback: 1 }, want: 4 },
    { name: 'count is not clamped to the clusters', input: { limit: { kind: 'count', value: 4 }, clusters: 2, fallback: 1 }, want: 4 },
    { name: 'small percent is at least 1', input: { limit: { kind: 'percent', value: 10 }, clusters: 5, fallback: 1 }, want: 1 },
    { name: 'percent of no clusters is 1', input: { limit: { kind: 'percent', value: 50 }, clusters: 0, fallback: 1 }, want: 1 },
    { name: '100% of 7', input: { limit: { kind: 'percent', value: 100 }, clusters: 7, fallback: 1 }, want: 7 },
    { name: '50% of 5 rounds down to 2', input: { limit: { kind: 'percent', value: 50 }, clusters: 5, fallback: 1 }, want: 2 },
  ])('$name', ({ input, want }) => {
    expect(resolveConcurrency(input.limit, input.clusters, input.fallback)).toBe(want);
  });
});

describe('resolveAllowedFailures', () => {
  it.each<{ name: string; input: { limit: Limit | undefined; clusters: number }; want: number }>([
    { name: 'reference: 25% of 5 rounds up to 2', input: { limit: { kind: 'percent', value: 25 }, clusters: 5 }, want: 2 },
    { name: 'unset means fail fast', input: { limit: undefined, clusters: 5 }, want: 0 },
    { name: 'count as given', input: { limit: { kind: 'count', value: 3 }, clusters: 5 }, want: 3 },
    { name: '0% is 0', input: { limit: { kind: 'percent', value: 0 }, clusters: 5 }, want: 0 },
    { name: 'exact percent is not rounded', input: { limit: { kind: 'percent', value: 20 }, clusters: 5 }, want: 1 },
    { name: '1% of 1 rounds up to 1', input: { limit: { kind: 'percent', value: 1 }, clusters: 1 }, want: 1 },
    { name: '100% of 4 is the group size', input: { limit: { kind: 'percent', value: 100 }, clusters: 4 }, want: 4 },
    { name: 'percent of no clusters is 0', input: { limit: { kind: 'percent', value: 50 }, clusters: 0 }, want: 0 },
  ])('$name', ({ input, want }) => {
    expect(resolveAllowedFailures(input.limit, input.clusters)).toBe(want);
  });
});
