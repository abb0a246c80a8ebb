/**
 * `maxConcurrency` and `maxAllowedFailures` (reference §2.6, §9.1): parsing the `"N"` / `"P%"`
 * strings and resolving them against a number of clusters.
 */
import { invalid } from './to-arm-error.js';

/** A parsed limit: an absolute count or a percentage of the clusters in scope. */
export interface Limit {
  kind: 'count' | 'percent';
  value: number;
}

/** The `maxConcurrency` pattern of the spec: a count ≥ 1 or a percentage 1–100. */
export const maxConcurrencyPattern = /^(?:([1-9]\d*)|([1-9]\d?|100)%)$/;
/** The `maxAllowedFailures` pattern: a count ≥ 0 or a percentage 0–100. */
export const maxAllowedFailuresPattern = /^(?:(0|[1-9]\d*)|(0|[1-9]\d?|100)%)$/;

const int32Max = 2_147_483_647;

function parseLimit(value: string, pattern: RegExp, what: string, target: string): Limit {
  const match = pattern.exec(value);
  if (!match) throw invalid(target, `'${target}' '${value}' is invalid: ${what}.`);
  const [, count, percent] = match;
  if (percent !== undefined) return { kind: 'percent', value: Number(percent) };
  const n = Number(count);
  if (n > int32Max) throw invalid(target, `'${target}' '${value}' is too large: a count must be at most ${int32Max}.`);
  return { kind: 'count', value: n };
}

/**
 * Parses a `maxConcurrency` string: `"N"` (N ≥ 1, at most int32) or `"P%"` (P 1–100), per
 * `^(?:([1-9]\d*)|([1-9]\d?|100)%)$`. Throws a 400 naming `target` otherwise.
 */
export const parseMaxConcurrency = (value: string, target: string): Limit =>
  parseLimit(value, maxConcurrencyPattern, 'use a whole number of at least 1 ("3") or a percentage from 1% to 100% ("33%")', target);

/**
 * Parses a `maxAllowedFailures` string: `"N"` (N ≥ 0, at most int32) or `"P%"` (P 0–100).
 * Throws a 400 naming `target` otherwise.
 */
export const parseMaxAllowedFailures = (value: string, target: string): Limit =>
  parseLimit(value, maxAllowedFailuresPattern, 'use a whole number of at least 0 ("2") or a percentage from 0% to 100% ("25%")', target);

/**
 * How many of `clusters` may update at once: `fallback` when unset, the count as given, or the
 * percentage of `clusters` rounded DOWN with a minimum of 1 (33% of 10 → 3).
 */
export function resolveConcurrency(limit: Limit | undefined, clusters: number, fallback: number): number {
  if (limit === undefined) return fallback;
  if (limit.kind === 'count') return limit.value;
  return Math.max(1, Math.floor((clusters * limit.value) / 100));
}

/**
 * How many of `clusters` may fail before the segment fails: 0 (fail fast) when unset, the count
 * as given, or the percentage of `clusters` rounded UP (25% of 5 → 2).
 */
export function resolveAllowedFailures(limit: Limit | undefined, clusters: number): number {
  if (limit === undefined) return 0;
  if (limit.kind === 'count') return limit.value;
  return Math.floor((clusters * limit.value + 99) / 100);
}
