import type { AutoUpgradeProfile } from '../fleet/models.js';
import type { ChannelTarget } from './channel-target.js';
import type { ReleaseFacts } from './release-facts.js';

/** What auto-upgrade keeps on a profile besides its ARM shape (never served by the API). */
export interface ProfileRuntime {
  /** The newest target a run was generated for: an older or equal release triggers nothing. */
  lastTarget?: ChannelTarget;
}

/** A profile document as stored. */
export type StoredProfile = AutoUpgradeProfile & { runtime?: ProfileRuntime };

/** What starts auto-upgrade work: a region's new offer, a cluster's AKS announcement, or the watcher's catch-up tick. */
export type ReleaseSignal =
  | { kind: 'catalog'; facts: ReleaseFacts }
  | { kind: 'cluster'; clusterId: string; eventType: string; /** Only profiles that opted in (`catchUp`) act on it (support-ending notices). */ optInOnly: boolean }
  | { kind: 'catchUp'; at: string };
