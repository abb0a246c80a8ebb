import type { AutoUpgradeProfile } from '../fleet/models.js';
import type { ChannelTarget } from './channel-target.js';
import type { ReleaseFacts } from './release-facts.js';

/** What auto-upgrade keeps on a profile besides its ARM shape (never served by the API). */
export interface ProfileRuntime {
  /** The newest target a run was generated for: an older or equal release that arrived after that triggers nothing. */
  lastTarget?: ChannelTarget;
  /** When `lastTarget` was recorded (wall clock, as {@link ReleaseSignal}'s `arrivedAt`). */
  lastTargetRecordedAt?: string;
}

/** A profile document as stored. */
export type StoredProfile = AutoUpgradeProfile & { runtime?: ProfileRuntime };

/**
 * What starts auto-upgrade work: a region's new offer, a cluster's AKS announcement, or the
 * watcher's catch-up tick. `arrivedAt` is when the release reached us (wall clock, when the
 * webhook handled it or the watcher found it): it tells a stale release — delivered after the
 * profile had already moved to a newer target; triggers nothing — from one that was in flight
 * while a newer one was acted on (intakes run concurrently), which still gets its run.
 */
export type ReleaseSignal =
  | { kind: 'catalog'; facts: ReleaseFacts; arrivedAt?: string }
  | { kind: 'cluster'; clusterId: string; eventType: string; /** Only profiles that opted in (`catchUp`) act on it (support-ending notices). */ optInOnly: boolean; arrivedAt?: string }
  | { kind: 'catchUp'; at: string };
