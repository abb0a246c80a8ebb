import type { MaintenanceConfiguration, Schedule } from '@azure/arm-containerservice';
import { MS_PER_DAY, MS_PER_MINUTE, formatIsoDate, parseClock, parseIsoDate, parseUtcOffset, utcDayOf } from './civil-time.js';
import { InvalidMaintenanceWindowError } from './invalid-maintenance-window-error.js';
import type { MaintenanceSchedule, MaintenanceWindow, NotAllowedDates, ScheduleKind } from './maintenance-window.js';
import { weekDays, weekIndexes } from './maintenance-window.js';

const scheduleKinds = ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly'] as const satisfies readonly ScheduleKind[];

type Fail = (field: string, problem: string) => never;

/**
 * Validates an SDK maintenance configuration into a {@link MaintenanceWindow}, or undefined
 * when it has no `maintenanceWindow` (legacy `timeInWeek` / `notAllowedTime` are ignored).
 * Enforces AKS's rules (exactly one schedule; intervals daily 1–7, weekly 1–4, monthly 1–6;
 * `dayOfMonth` 1–31; `durationHours` 4–24; `utcOffset` `±HH:mm` within ±14:00, default `+00:00`;
 * `startTime` `HH:mm`; real `YYYY-MM-DD` dates; `start <= end`). Weekday and week-index names
 * match case-insensitively and come out canonical. A missing `startDate` falls back to the
 * creation date (`systemData.createdAt`, as a date in `utcOffset`), which is AKS's default.
 * Throws {@link InvalidMaintenanceWindowError} naming the offending field.
 */
export function toMaintenanceWindow(config: MaintenanceConfiguration): MaintenanceWindow | undefined {
  const w = config.maintenanceWindow;
  if (!w) return undefined;
  const fail: Fail = (field, problem) => {
    throw new InvalidMaintenanceWindowError(`maintenanceWindow.${field}`, problem, config.name);
  };
  const utcOffset = w.utcOffset ?? '+00:00';
  const offsetMinutes = parseUtcOffset(utcOffset) ?? fail('utcOffset', `must be ±HH:mm within ±14:00 (got '${utcOffset}')`);
  if (typeof w.startTime !== 'string' || parseClock(w.startTime) === undefined) fail('startTime', `must be HH:mm (got '${String(w.startTime)}')`);
  const createdAt = config.systemData?.createdAt;
  const createdDay = createdAt instanceof Date && !Number.isNaN(createdAt.getTime()) ? Math.floor((createdAt.getTime() + offsetMinutes * MS_PER_MINUTE) / MS_PER_DAY) : undefined;
  const startDay = readDate(w.startDate, 'startDate', fail) ?? createdDay;
  return {
    schedule: readSchedule(w.schedule, fail),
    durationHours: readInt(w.durationHours, 4, 24, 'durationHours', fail),
    utcOffset,
    startDate: startDay === undefined ? undefined : formatIsoDate(startDay),
    startTime: w.startTime,
    notAllowedDates: (w.notAllowedDates ?? []).map((span, i): NotAllowedDates => {
      const start = readDate(span.start, `notAllowedDates[${i}].start`, fail) ?? fail(`notAllowedDates[${i}].start`, 'is required');
      const end = readDate(span.end, `notAllowedDates[${i}].end`, fail) ?? fail(`notAllowedDates[${i}].end`, 'is required');
      if (end < start) fail(`notAllowedDates[${i}]`, `ends (${formatIsoDate(end)}) before it starts (${formatIsoDate(start)})`);
      return { start: formatIsoDate(start), end: formatIsoDate(end) };
    }),
  };
}

function readSchedule(schedule: Schedule | undefined, fail: Fail): MaintenanceSchedule {
  if (!schedule) return fail('schedule', 'is required');
  const set = scheduleKinds.filter((k) => schedule[k] !== undefined && schedule[k] !== null);
  if (set.length !== 1) fail('schedule', `must set exactly one of ${scheduleKinds.join(', ')} (got ${set.length === 0 ? 'none' : set.join(', ')})`);
  const { daily, weekly, absoluteMonthly, relativeMonthly } = schedule;
  if (daily) return { kind: 'daily', intervalDays: readInt(daily.intervalDays, 1, 7, 'schedule.daily.intervalDays', fail) };
  if (weekly) {
    return {
      kind: 'weekly',
      intervalWeeks: readInt(weekly.intervalWeeks, 1, 4, 'schedule.weekly.intervalWeeks', fail),
      dayOfWeek: readName(weekly.dayOfWeek, weekDays, 'schedule.weekly.dayOfWeek', fail),
    };
  }
  if (absoluteMonthly) {
    return {
      kind: 'absoluteMonthly',
      intervalMonths: readInt(absoluteMonthly.intervalMonths, 1, 6, 'schedule.absoluteMonthly.intervalMonths', fail),
      dayOfMonth: readInt(absoluteMonthly.dayOfMonth, 1, 31, 'schedule.absoluteMonthly.dayOfMonth', fail),
    };
  }
  if (relativeMonthly) {
    return {
      kind: 'relativeMonthly',
      intervalMonths: readInt(relativeMonthly.intervalMonths, 1, 6, 'schedule.relativeMonthly.intervalMonths', fail),
      dayOfWeek: readName(relativeMonthly.dayOfWeek, weekDays, 'schedule.relativeMonthly.dayOfWeek', fail),
      weekIndex: readName(relativeMonthly.weekIndex, weekIndexes, 'schedule.relativeMonthly.weekIndex', fail),
    };
  }
  return fail('schedule', 'is required');
}

function readInt(value: unknown, min: number, max: number, field: string, fail: Fail): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  return fail(field, `must be an integer ${min}-${max} (got ${JSON.stringify(value) ?? 'nothing'})`);
}

function readName<T extends string>(value: unknown, names: readonly T[], field: string, fail: Fail): T {
  const found = typeof value === 'string' ? names.find((n) => n.toLowerCase() === value.toLowerCase()) : undefined;
  return found ?? fail(field, `must be one of ${names.join(', ')} (got ${JSON.stringify(value) ?? 'nothing'})`);
}

/** The SDK deserializes dates to `Date` at UTC midnight; plain JSON (fixtures) has `YYYY-MM-DD`. Both are accepted. */
function readDate(value: unknown, field: string, fail: Fail): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return utcDayOf(value);
  const day = typeof value === 'string' ? parseIsoDate(value) : undefined;
  return day ?? fail(field, `must be a date YYYY-MM-DD (got ${value instanceof Date ? 'an invalid Date' : JSON.stringify(value)})`);
}
