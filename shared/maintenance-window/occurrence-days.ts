import { daysInMonth, firstDayOfMonth, monthIndexOf, parseIsoDate, weekdayOf } from './civil-time.js';
import type { MaintenanceSchedule, MaintenanceWindow, WeekDay } from './maintenance-window.js';
import { weekDays, weekIndexes } from './maintenance-window.js';

/**
 * The civil days (day numbers in the window's `utcOffset`) on which occurrences of `window`
 * start, ascending, from `max(fromDay, startDate)` on, without end (callers stop it). Intervals
 * are anchored at `startDate`:
 * - daily: `startDate`, then every `intervalDays` days;
 * - weekly: the week (Sunday to Saturday) that contains `startDate` is week 0, occurrences fall on
 *   `dayOfWeek` of weeks 0, n, 2n, …, and week 0's one is skipped when it precedes `startDate`
 *   (what AKS does, Azure/AKS#5720);
 * - monthly: `startDate`'s month is month 0, then every `intervalMonths` months, again skipping
 *   a month-0 day before `startDate`. `absoluteMonthly` beyond a month's length runs on its last day.
 */
export function* occurrenceDays(window: MaintenanceWindow, fromDay: number): Generator<number, never> {
  const anchor = window.startDate === undefined ? 0 : (parseIsoDate(window.startDate) ?? 0);
  const lower = Math.max(fromDay, anchor);
  const schedule = window.schedule;
  if (schedule.kind === 'daily' || schedule.kind === 'weekly') {
    const [first, step] =
      schedule.kind === 'daily'
        ? [anchor, schedule.intervalDays]
        : [anchor - weekdayOf(anchor) + weekdayNumber(schedule.dayOfWeek), 7 * schedule.intervalWeeks];
    for (let day = first + Math.max(0, Math.ceil((lower - first) / step)) * step; ; day += step) yield day;
  }
  const anchorMonth = monthIndexOf(anchor);
  const step = schedule.intervalMonths;
  let month = anchorMonth + Math.max(0, Math.floor((monthIndexOf(lower) - anchorMonth) / step)) * step;
  for (; ; month += step) {
    const day = dayInMonth(schedule, month);
    if (day >= lower) yield day;
  }
}

function weekdayNumber(day: WeekDay): number {
  return weekDays.indexOf(day);
}

function dayInMonth(schedule: Extract<MaintenanceSchedule, { kind: 'absoluteMonthly' | 'relativeMonthly' }>, month: number): number {
  const first = firstDayOfMonth(month);
  const length = daysInMonth(month);
  if (schedule.kind === 'absoluteMonthly') return first + Math.min(schedule.dayOfMonth, length) - 1;
  const dow = weekdayNumber(schedule.dayOfWeek);
  if (schedule.weekIndex === 'Last') {
    const last = first + length - 1;
    return last - ((weekdayOf(last) - dow + 7) % 7);
  }
  // First..Fourth always exist: every month has at least 28 days.
  return first + ((dow - weekdayOf(first) + 7) % 7) + 7 * weekIndexes.indexOf(schedule.weekIndex);
}
