/**
 * When a ScheduledStart gate completes (reference §4.2): the next occurrence of its day and time
 * in its UTC offset, counted from the moment the run reaches it.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduledStartConfiguration } from '../../shared/fleet/models.js';
import { nextScheduledStart } from '../../shared/update-run/scheduled-start.js';

// 2026-11-30 is a Monday, 2026-12-02 a Wednesday.
const wednesday2am: ScheduledStartConfiguration = { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+00:00' };

describe('nextScheduledStart', () => {
  it.each<{ name: string; input: { config: ScheduledStartConfiguration; now: string }; want: string }>([
    { name: 'the reference example: a Wednesday 02:00 gate reached Monday waits until Wednesday', input: { config: wednesday2am, now: '2026-11-30T10:00:00.000Z' }, want: '2026-12-02T02:00:00.000Z' },
    { name: 'the reference example: reached Wednesday 03:00 it waits until the following Wednesday', input: { config: wednesday2am, now: '2026-12-02T03:00:00.000Z' }, want: '2026-12-09T02:00:00.000Z' },
    { name: 'reached exactly on time: now', input: { config: wednesday2am, now: '2026-12-02T02:00:00.000Z' }, want: '2026-12-02T02:00:00.000Z' },
    { name: 'reached a millisecond late: a week later', input: { config: wednesday2am, now: '2026-12-02T02:00:00.001Z' }, want: '2026-12-09T02:00:00.000Z' },
    { name: 'reached a minute early: the same day', input: { config: wednesday2am, now: '2026-12-02T01:59:00.000Z' }, want: '2026-12-02T02:00:00.000Z' },
    { name: 'reached the day after: six days on', input: { config: wednesday2am, now: '2026-12-03T00:00:00.000Z' }, want: '2026-12-09T02:00:00.000Z' },
    { name: 'across the year end', input: { config: { startDay: 'Thursday', startTime: '23:30', utcOffset: '+00:00' }, now: '2026-12-31T23:45:00.000Z' }, want: '2027-01-07T23:30:00.000Z' },
    {
      name: '+05:30: Wednesday 02:00 local is Tuesday 20:30 UTC',
      input: { config: { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+05:30' }, now: '2026-11-30T10:00:00.000Z' },
      want: '2026-12-01T20:30:00.000Z',
    },
    {
      name: '+05:30: reached on Tuesday evening UTC, already Wednesday 02:30 local, waits a week',
      input: { config: { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+05:30' }, now: '2026-12-01T21:00:00.000Z' },
      want: '2026-12-08T20:30:00.000Z',
    },
    {
      name: '-08:00: Sunday 20:00 local is Monday 04:00 UTC, reached Monday 03:00 UTC (Sunday 19:00 local)',
      input: { config: { startDay: 'Sunday', startTime: '20:00', utcOffset: '-08:00' }, now: '2026-11-30T03:00:00.000Z' },
      want: '2026-11-30T04:00:00.000Z',
    },
    {
      name: '-08:00: reached Monday 05:00 UTC (Sunday 21:00 local), waits a week',
      input: { config: { startDay: 'Sunday', startTime: '20:00', utcOffset: '-08:00' }, now: '2026-11-30T05:00:00.000Z' },
      want: '2026-12-07T04:00:00.000Z',
    },
    {
      name: '-08:00: reached Sunday 12:00 UTC, still Sunday morning local',
      input: { config: { startDay: 'Sunday', startTime: '20:00', utcOffset: '-08:00' }, now: '2026-12-06T12:00:00.000Z' },
      want: '2026-12-07T04:00:00.000Z',
    },
    {
      name: '+14:00: Monday 01:00 local is Sunday 11:00 UTC, reached Saturday 10:00 UTC (Sunday 00:00 local)',
      input: { config: { startDay: 'Monday', startTime: '01:00', utcOffset: '+14:00' }, now: '2026-12-05T10:00:00.000Z' },
      want: '2026-12-06T11:00:00.000Z',
    },
    {
      name: '+14:00: reached Sunday 12:00 UTC (Monday 02:00 local), waits a week',
      input: { config: { startDay: 'Monday', startTime: '01:00', utcOffset: '+14:00' }, now: '2026-12-06T12:00:00.000Z' },
      want: '2026-12-13T11:00:00.000Z',
    },
    {
      name: '-14:00: Saturday 23:00 local is Sunday 13:00 UTC',
      input: { config: { startDay: 'Saturday', startTime: '23:00', utcOffset: '-14:00' }, now: '2026-12-06T12:59:00.000Z' },
      want: '2026-12-06T13:00:00.000Z',
    },
  ])('$name', ({ input, want }) => {
    expect(nextScheduledStart(input.config, new Date(input.now)).toISOString()).toBe(want);
  });

  it.each<{ name: string; input: { startDay: string; startTime: string; utcOffset: string } }>([
    { name: 'an unknown day', input: { startDay: 'Funday', startTime: '02:00', utcOffset: '+00:00' } },
    { name: 'a time without two-digit hours', input: { startDay: 'Monday', startTime: '2:00', utcOffset: '+00:00' } },
    { name: 'an offset without a sign', input: { startDay: 'Monday', startTime: '02:00', utcOffset: '05:30' } },
  ])('rejects $name', ({ input }) => {
    expect(() => nextScheduledStart(input, new Date('2026-11-30T00:00:00Z'))).toThrow('Invalid scheduled start configuration');
  });
});
