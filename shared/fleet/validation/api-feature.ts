/**
 * Rejecting fields that the request's api-version does not have (reference §2.9), with a message
 * naming the first api-version that has them.
 */
import type { ApiFeatures } from '../../arm/api-versions.js';
import { apiVersions } from '../../arm/api-versions.js';
import { invalid } from './to-arm-error.js';

/** A feature flag of {@link ApiFeatures}. */
export type ApiFeature = keyof ApiFeatures;

/** The oldest api-version we serve that has `feature` (the table is ordered oldest first). */
export function firstApiVersionWith(feature: ApiFeature): string {
  const found = Object.entries(apiVersions).find(([, features]) => features[feature]);
  return found ? found[0] : 'a newer api-version';
}

/**
 * Throws a 400 naming `target` when `present` (the request sent the field or value `what`) but
 * the request's api-version lacks `feature`.
 */
export function assertFeature(features: ApiFeatures, feature: ApiFeature, present: boolean, target: string, what = `'${target}'`): void {
  if (!present || features[feature]) return;
  throw invalid(target, `${what} requires api-version ${firstApiVersionWith(feature)} or later; the request's api-version does not support it.`);
}
