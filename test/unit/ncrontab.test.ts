import { describe, expect, it } from 'vitest';
import { parseTimerSchedule } from '../../local/host/ncrontab.js';

describe('parseTimerSchedule: next occurrence', () => {
  it.each([
    { name: 'every 5 minutes', expression: '0 */5 * * * *', after: '2026-03-01T10:02:30Z', want: '2026-03-01T10:05:00Z' },
    { name: 'seconds field with a step', expression: '*/15 * * * * *', after: '2026-03-01T10:00:07Z', want: '2026-03-01T10:00:15Z' },
    { name: 'strictly after an exact match', expression: '0 0 * * * *', after: '2026-03-01T10:00:00Z', want: '2026-03-01T11:00:00Z' },
    { name: 'range of hours', expression: '0 0 9-17 * * *', after: '2026-03-01T17:30:00Z', want: '2026-03-02T09:00:00Z' },
    { name: 'list of minutes', expression: '0 5,35 * * * *', after: '2026-03-01T10:06:00Z', want: '2026-03-01T10:35:00Z' },
    { name: 'day-of-week names', expression: '0 30 9 * * MON-FRI', after: '2026-11-27T10:00:00Z', want: '2026-11-30T09:30:00Z' },
    { name: 'lower-case day names in a list', expression: '0 0 12 * * sat,sun', after: '2026-11-23T00:00:00Z', want: '2026-11-28T12:00:00Z' },
    { name: 'month names', expression: '0 0 0 1 JAN,JUL *', after: '2026-02-01T00:00:00Z', want: '2026-07-01T00:00:00Z' },
    { name: 'day 31 skips short months', expression: '0 0 0 31 * *', after: '2026-04-01T00:00:00Z', want: '2026-05-31T00:00:00Z' },
    { name: 'day 30 skips February', expression: '0 0 6 30 * *', after: '2027-01-31T00:00:00Z', want: '2027-03-30T06:00:00Z' },
    { name: '29 February waits for a leap year', expression: '0 0 0 29 2 *', after: '2026-01-01T00:00:00Z', want: '2028-02-29T00:00:00Z' },
    { name: 'month end rolls into a new year', expression: '0 0 0 1 * *', after: '2026-12-31T23:59:59Z', want: '2027-01-01T00:00:00Z' },
    { name: 'day-of-month AND day-of-week (NCrontab), Friday the 13th', expression: '0 0 0 13 * FRI', after: '2026-01-01T00:00:00Z', want: '2026-02-13T00:00:00Z' },
    { name: 'numeric day-of-week 0 is Sunday', expression: '0 0 0 * * 0', after: '2026-11-29T00:00:01Z', want: '2026-12-06T00:00:00Z' },
    { name: 'TimeSpan interval', expression: '00:05:00', after: '2026-03-01T10:02:30Z', want: '2026-03-01T10:07:30Z' },
    { name: 'TimeSpan with days', expression: '1.02:00:00', after: '2026-03-01T00:00:00Z', want: '2026-03-02T02:00:00Z' },
  ])('$name: $expression after $after', ({ expression, after, want }) => {
    expect(parseTimerSchedule(expression).next(new Date(after)).toISOString()).toBe(new Date(want).toISOString());
  });

  it('honours a time zone', () => {
    const schedule = parseTimerSchedule('0 0 9 * * *', 'Europe/Amsterdam');
    expect(schedule.next(new Date('2026-07-01T00:00:00Z')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('parseTimerSchedule: invalid schedules', () => {
  it.each([
    { expression: '*/5 * * * *', message: /has 5 fields; NCRONTAB needs six/ },
    { expression: '0 0 0 * * * 2026', message: /has 7 fields/ },
    { expression: '61 * * * * *', message: /not a valid NCRONTAB expression/ },
    { expression: '0 0 0 * * FUNDAY', message: /not a valid NCRONTAB expression/ },
    { expression: '00:00:00', message: /zero interval/ },
  ])('rejects "$expression"', ({ expression, message }) => {
    expect(() => parseTimerSchedule(expression)).toThrow(message);
  });
});
