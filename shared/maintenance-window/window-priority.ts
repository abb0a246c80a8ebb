import { MS_PER_MINUTE } from './civil-time.js';
import type { MaintenanceWindow } from './maintenance-window.js';
import { windowAt } from './window-at.js';

/** How soon "opening soon" is: a window opening within this much time ranks second. */
export const OPENING_SOON_MS = 4 * 60 * MS_PER_MINUTE;

/** Scheduling rank of a member by its window (lower goes first), reference §2.6. */
export const WindowPriority = { Open: 0, OpeningSoon: 1, NoWindow: 2, Closed: 3 } as const;
/** One of {@link WindowPriority}. */
export type WindowPriority = (typeof WindowPriority)[keyof typeof WindowPriority];

/**
 * 0 when `window` is open at `t`; 1 when closed and its next opening is at most 4 hours after
 * `t` (inclusive); 2 when there is no window; 3 when closed for longer, or with no opening in
 * the next two years.
 */
export function windowPriority(window: MaintenanceWindow | undefined, t: Date): WindowPriority {
  if (window === undefined) return WindowPriority.NoWindow;
  const state = windowAt(window, t);
  if (state.open) return WindowPriority.Open;
  if (state.opensAt !== undefined && state.opensAt.getTime() - t.getTime() <= OPENING_SOON_MS) return WindowPriority.OpeningSoon;
  return WindowPriority.Closed;
}

/**
 * `items` reordered by {@link windowPriority} at `t`, best first, as a new array. Stable: items
 * of equal priority keep their input order. `windowOf` is called once per item.
 */
export function orderByWindowPriority<T>(items: readonly T[], windowOf: (item: T) => MaintenanceWindow | undefined, t: Date): T[] {
  return items
    .map((item, index) => ({ item, index, priority: windowPriority(windowOf(item), t) }))
    .sort((a, b) => a.priority - b.priority || a.index - b.index)
    .map(({ item }) => item);
}
