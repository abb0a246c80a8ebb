import { MS_PER_DAY, MS_PER_MINUTE, parseClock, parseIsoDate, parseUtcOffset } from './civil-time.js';
import { InvalidMaintenanceWindowError } from './invalid-maintenance-window-error.js';
import type { MaintenanceWindow } from './maintenance-window.js';
import { occurrenceDays } from './occurrence-days.js';

/** How far ahead the window math looks for an occurrence: two years of days. */
export const HORIZON_DAYS = 731;

/** One occurrence of a window as UTC epoch milliseconds, `[startMs, endMs)`. */
export interface Occurrence {
  startMs: number;
  endMs: number;
}

/**
 * The occurrences of `window` that are allowed (see below), ascending, starting with any that
 * could still be open at `fromMs` and ending `HORIZON_DAYS` after it.
 *
 * Not-allowed rule: an occurrence is dropped when any civil date it touches (in `utcOffset`,
 * from its start up to but excluding its end instant) lies inside a `notAllowedDates` range,
 * ends included. So the window never opens on, or stays open into, a not-allowed date.
 */
export function* allowedOccurrences(window: MaintenanceWindow, fromMs: number): Generator<Occurrence, void> {
  const offsetMs = (parseUtcOffset(window.utcOffset) ?? invalid('utcOffset')) * MS_PER_MINUTE;
  const startMs = (parseClock(window.startTime) ?? invalid('startTime')) * MS_PER_MINUTE;
  const durationMs = window.durationHours * 60 * MS_PER_MINUTE;
  const blocked = window.notAllowedDates.map((r) => [parseIsoDate(r.start) ?? invalid('notAllowedDates'), parseIsoDate(r.end) ?? invalid('notAllowedDates')] as const);
  const today = Math.floor((fromMs + offsetMs) / MS_PER_DAY);
  // An occurrence lasts at most 24 h from at most 23:59, so one open now started at most 2 civil days ago.
  for (const day of occurrenceDays(window, today - 2)) {
    if (day > today + HORIZON_DAYS) return;
    const localStart = day * MS_PER_DAY + startMs;
    const firstDay = day;
    const lastDay = Math.floor((localStart + durationMs - 1) / MS_PER_DAY);
    if (blocked.some(([from, to]) => from <= lastDay && to >= firstDay)) continue;
    yield { startMs: localStart - offsetMs, endMs: localStart - offsetMs + durationMs };
  }
}

function invalid(field: string): never {
  throw new InvalidMaintenanceWindowError(`maintenanceWindow.${field}`, 'is invalid: build windows with toMaintenanceWindow');
}
