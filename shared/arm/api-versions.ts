/**
 * The Fleet api-versions we serve and the features each one has (reference §2.9). A request's
 * api-version decides which fields it may send and which fields its response shows.
 */

/** Optional features, each present from some api-version on. */
export interface ApiFeatures {
  /** Member `labels`, gates (before/after), `TargetKubernetesVersion` channel, `longTermSupport`. */
  gates: boolean;
  /** Fleet/member `status`, auto-upgrade `autoUpgradeProfileStatus`, `generateUpdateRun`, run `autoUpgradeProfileId`. */
  resourceStatus: boolean;
  /** Stage and group `maxConcurrency`. */
  maxConcurrency: boolean;
  /** `memberSelector`, `failureCount`, ScheduledStart gates. */
  memberSelector: boolean;
  /** `maxAllowedFailures`, `SecurityPatch` channel, `lastTriggerMessage`. */
  maxAllowedFailures: boolean;
}

const none: ApiFeatures = { gates: false, resourceStatus: false, maxConcurrency: false, memberSelector: false, maxAllowedFailures: false };

/** Every supported api-version, oldest first, with its features. */
export const apiVersions: Readonly<Record<string, ApiFeatures>> = {
  '2023-10-15': none,
  '2024-04-01': none,
  '2025-03-01': { ...none, resourceStatus: true },
  '2025-04-01-preview': { ...none, resourceStatus: true, gates: true },
  '2025-08-01-preview': { ...none, resourceStatus: true, gates: true },
  '2026-02-01-preview': { ...none, resourceStatus: true, gates: true, maxConcurrency: true },
  '2026-03-02-preview': { ...none, resourceStatus: true, gates: true, maxConcurrency: true, memberSelector: true },
  '2026-05-01-preview': { ...none, resourceStatus: true, gates: true, maxConcurrency: true, memberSelector: true },
  '2026-06-02-preview': { resourceStatus: true, gates: true, maxConcurrency: true, memberSelector: true, maxAllowedFailures: true },
};

/** The newest api-version (the full shape). */
export const latestApiVersion = '2026-06-02-preview';

/** The features of an api-version, or undefined when we do not serve it. */
export function featuresOf(apiVersion: string): ApiFeatures | undefined {
  return apiVersions[apiVersion];
}
