/**
 * The chaos switch as a pure plan: for one accepted event, which copies to deliver and how long
 * each copy's first attempt is held back. Randomness comes from a seeded generator so a test's
 * duplicates and order are reproducible.
 */
import type { ChaosSettings } from './model.js';

/** One copy of an event to deliver: `copy` 0 is the event itself. */
export interface PlannedCopy {
  copy: number;
  /** How long after publishing the first attempt is due. */
  holdMs: number;
}

/** The copies of one event under the settings, drawing hold-backs from `random`. */
export function planCopies(chaos: ChaosSettings, random: () => number): PlannedCopy[] {
  return Array.from({ length: 1 + chaos.duplicates }, (_, copy) => ({ copy, holdMs: chaos.reorderWindowMs > 0 ? Math.floor(random() * chaos.reorderWindowMs) : 0 }));
}
