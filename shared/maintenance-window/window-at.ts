import type { MaintenanceWindow } from './maintenance-window.js';
import { allowedOccurrences } from './occurrences.js';

/** Whether a window is open at an instant; `closesAt` when open, `opensAt` (if any) when closed. */
export interface WindowState {
  open: boolean;
  /** The next allowed occurrence's start, when closed; absent when none starts within two years. */
  opensAt?: Date;
  /** The end of the current occurrence, when open (an adjacent next occurrence is not merged in). */
  closesAt?: Date;
}

/**
 * The window at `t`: open when an allowed occurrence has `start <= t < end` (start inclusive,
 * end exclusive). A 24-hour daily window is therefore always open, closing (and at once
 * reopening) at each occurrence end. Pure: `t` is the only clock.
 */
export function windowAt(window: MaintenanceWindow, t: Date): WindowState {
  const now = t.getTime();
  for (const { startMs, endMs } of allowedOccurrences(window, now)) {
    if (endMs <= now) continue;
    return startMs <= now ? { open: true, closesAt: new Date(endMs) } : { open: false, opensAt: new Date(startMs) };
  }
  return { open: false };
}

/** True when `window` is open at `t` (see {@link windowAt}). */
export function isOpen(window: MaintenanceWindow, t: Date): boolean {
  return windowAt(window, t).open;
}

/**
 * The start of the first allowed occurrence at or after `t` — even when the window is open at
 * `t`, this is the next opening, not the current one (unless it starts exactly at `t`).
 * Undefined when none starts within two years of `t`.
 */
export function nextOpening(window: MaintenanceWindow, t: Date): Date | undefined {
  const now = t.getTime();
  for (const { startMs } of allowedOccurrences(window, now)) {
    if (startMs >= now) return new Date(startMs);
  }
  return undefined;
}
