/**
 * Calendar arithmetic on fixed UTC offsets, without time zones: a civil date is a "day number"
 * (days since 1970-01-01), a civil month a "month index" (`year * 12 + month - 1`), a clock
 * time minutes after midnight. All functions are total and pure.
 */

/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;
/** Milliseconds in a (civil, DST-free) day. */
export const MS_PER_DAY = 86_400_000;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const clock = /^(\d{2}):(\d{2})$/;
const offset = /^([+-])(\d{2}):(\d{2})$/;

/** The day number of a `YYYY-MM-DD` date, or undefined when it is not a real calendar date. */
export function parseIsoDate(text: string): number | undefined {
  const m = isoDate.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over into March; a round trip catches it.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

/** The `YYYY-MM-DD` spelling of a day number. */
export function formatIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day number of the UTC calendar date of an instant (how the SDK serializes its `Date` fields). */
export function utcDayOf(instant: Date): number {
  return Math.floor(instant.getTime() / MS_PER_DAY);
}

/** The day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The month index (`year * 12 + month - 1`) a day number falls in. */
export function monthIndexOf(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The day number of the first day of a month index. */
export function firstDayOfMonth(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / MS_PER_DAY;
}

/** How many days a month index has (leap years included). */
export function daysInMonth(monthIndex: number): number {
  return firstDayOfMonth(monthIndex + 1) - firstDayOfMonth(monthIndex);
}

/** Minutes after midnight of an `HH:mm` clock time (00:00–23:59), or undefined. */
export function parseClock(text: string): number | undefined {
  const m = clock.exec(text);
  if (!m) return undefined;
  const [hours, minutes] = [Number(m[1]), Number(m[2])];
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : undefined;
}

/** Signed minutes east of UTC of a `±HH:mm` offset between -14:00 and +14:00, or undefined. */
export function parseUtcOffset(text: string): number | undefined {
  const m = offset.exec(text);
  if (!m) return undefined;
  const total = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) > 59 || total > 14 * 60) return undefined;
  return m[1] === '-' ? -total : total;
}
