import type { MaintenanceWindow as SdkMaintenanceWindow } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { toMaintenanceWindow } from '../../shared/maintenance-window/to-maintenance-window.js';
import { isOpen, nextOpening, windowAt } from '../../shared/maintenance-window/window-at.js';

/** A window from SDK fields; 4 hours from 01:00 UTC, effective 2026-01-01, unless overridden. */
function window(fields: Partial<SdkMaintenanceWindow> & Pick<SdkMaintenanceWindow, 'schedule'>) {
  const w = toMaintenanceWindow({ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { durationHours: 4, startTime: '01:00', startDate: new Date('2026-01-01'), ...fields } });
  if (!w) throw new Error('expected a window');
  return w;
}

/** windowAt with ISO strings, so whole objects compare readably. */
function stateAt(w: ReturnType<typeof window>, t: string) {
  const s = windowAt(w, new Date(t));
  return { open: s.open, ...(s.opensAt && { opensAt: s.opensAt.toISOString() }), ...(s.closesAt && { closesAt: s.closesAt.toISOString() }) };
}

const daily = (intervalDays: number) => ({ daily: { intervalDays } });
const weekly = (intervalWeeks: number, dayOfWeek: string) => ({ weekly: { intervalWeeks, dayOfWeek } });

describe('windowAt: daily', () => {
  it.each([
    { name: 'inside an occurrence', input: { w: { schedule: daily(1) }, t: '2026-03-10T02:00:00Z' }, want: { open: true, closesAt: '2026-03-10T05:00:00.000Z' } },
    { name: 'start is inclusive', input: { w: { schedule: daily(1) }, t: '2026-03-10T01:00:00Z' }, want: { open: true, closesAt: '2026-03-10T05:00:00.000Z' } },
    { name: 'end is exclusive', input: { w: { schedule: daily(1) }, t: '2026-03-10T05:00:00Z' }, want: { open: false, opensAt: '2026-03-11T01:00:00.000Z' } },
    { name: 'a millisecond before the start', input: { w: { schedule: daily(1) }, t: '2026-03-10T00:59:59.999Z' }, want: { open: false, opensAt: '2026-03-10T01:00:00.000Z' } },
    { name: 'every 2nd day: on an anchored day (Mar 10 is day 68)', input: { w: { schedule: daily(2) }, t: '2026-03-10T02:00:00Z' }, want: { open: true, closesAt: '2026-03-10T05:00:00.000Z' } },
    { name: 'every 2nd day: off day waits for the next', input: { w: { schedule: daily(2) }, t: '2026-03-11T02:00:00Z' }, want: { open: false, opensAt: '2026-03-12T01:00:00.000Z' } },
    { name: 'every 3rd day from Jan 2', input: { w: { schedule: daily(3), startDate: new Date('2026-01-02') }, t: '2026-03-10T00:00:00Z' }, want: { open: false, opensAt: '2026-03-12T01:00:00.000Z' } },
    { name: 'every 7th day is the startDate weekday (Thursday)', input: { w: { schedule: daily(7) }, t: '2026-03-10T00:00:00Z' }, want: { open: false, opensAt: '2026-03-12T01:00:00.000Z' } },
    { name: '24 hours: always open, closes at midnight', input: { w: { schedule: daily(1), durationHours: 24, startTime: '00:00' }, t: '2026-03-10T23:59:00Z' }, want: { open: true, closesAt: '2026-03-11T00:00:00.000Z' } },
    { name: 'spanning midnight: open after midnight', input: { w: { schedule: daily(1), startTime: '22:00', durationHours: 8 }, t: '2026-03-11T03:00:00Z' }, want: { open: true, closesAt: '2026-03-11T06:00:00.000Z' } },
    { name: 'spanning midnight: none from the day before startDate', input: { w: { schedule: daily(1), startTime: '22:00', durationHours: 8, startDate: new Date('2026-03-10') }, t: '2026-03-10T03:00:00Z' }, want: { open: false, opensAt: '2026-03-10T22:00:00.000Z' } },
    { name: 'startDate in the future', input: { w: { schedule: daily(1), startDate: new Date('2026-06-01') }, t: '2026-03-10T02:00:00Z' }, want: { open: false, opensAt: '2026-06-01T01:00:00.000Z' } },
  ])('$name', ({ input, want }) => {
    expect(stateAt(window(input.w), input.t)).toEqual(want);
  });
});

describe('windowAt: weekly', () => {
  it.each([
    { name: 'every Monday, from a Tuesday', input: { w: { schedule: weekly(1, 'Monday') }, t: '2026-03-10T00:00:00Z' }, want: { open: false, opensAt: '2026-03-16T01:00:00.000Z' } },
    { name: 'every Monday, on Monday', input: { w: { schedule: weekly(1, 'Monday') }, t: '2026-03-09T03:00:00Z' }, want: { open: true, closesAt: '2026-03-09T05:00:00.000Z' } },
    // Azure/AKS#5720: startDate Tue 2026-04-14, every 2nd Sunday: the week's Sunday (04-12) is past, so 04-26.
    { name: 'every 2nd Sunday, startDate after Sunday in its week', input: { w: { schedule: weekly(2, 'Sunday'), startDate: new Date('2026-04-14') }, t: '2026-04-14T00:00:00Z' }, want: { open: false, opensAt: '2026-04-26T01:00:00.000Z' } },
    { name: 'every 2nd Sunday, startDate on that Sunday', input: { w: { schedule: weekly(2, 'Sunday'), startDate: new Date('2026-04-12') }, t: '2026-04-11T00:00:00Z' }, want: { open: false, opensAt: '2026-04-12T01:00:00.000Z' } },
    { name: 'every 2nd Sunday, skips the week after', input: { w: { schedule: weekly(2, 'Sunday'), startDate: new Date('2026-04-12') }, t: '2026-04-12T06:00:00Z' }, want: { open: false, opensAt: '2026-04-26T01:00:00.000Z' } },
    { name: 'every 2nd Saturday, later in startDate week', input: { w: { schedule: weekly(2, 'Saturday'), startDate: new Date('2026-04-14') }, t: '2026-04-14T00:00:00Z' }, want: { open: false, opensAt: '2026-04-18T01:00:00.000Z' } },
    { name: 'every 2nd Saturday, the one after', input: { w: { schedule: weekly(2, 'Saturday'), startDate: new Date('2026-04-14') }, t: '2026-04-19T00:00:00Z' }, want: { open: false, opensAt: '2026-05-02T01:00:00.000Z' } },
    { name: 'every 3rd Wednesday (week 0 Wed before startDate)', input: { w: { schedule: weekly(3, 'Wednesday') }, t: '2026-03-10T00:00:00Z' }, want: { open: false, opensAt: '2026-03-25T01:00:00.000Z' } },
    { name: 'every 4th Friday', input: { w: { schedule: weekly(4, 'Friday') }, t: '2026-03-10T00:00:00Z' }, want: { open: false, opensAt: '2026-03-27T01:00:00.000Z' } },
    { name: 'every 4th Friday, open', input: { w: { schedule: weekly(4, 'Friday') }, t: '2026-02-27T04:59:00Z' }, want: { open: true, closesAt: '2026-02-27T05:00:00.000Z' } },
  ])('$name', ({ input, want }) => {
    expect(stateAt(window(input.w), input.t)).toEqual(want);
  });
});

describe('windowAt: UTC offsets', () => {
  it.each([
    { name: '+05:30 Monday 02:00 is Sunday 20:30 UTC', input: { w: { schedule: weekly(1, 'Monday'), utcOffset: '+05:30', startTime: '02:00' }, t: '2026-03-08T21:00:00Z' }, want: { open: true, closesAt: '2026-03-09T00:30:00.000Z' } },
    { name: '+05:30 closed on UTC Monday afternoon', input: { w: { schedule: weekly(1, 'Monday'), utcOffset: '+05:30', startTime: '02:00' }, t: '2026-03-09T12:00:00Z' }, want: { open: false, opensAt: '2026-03-15T20:30:00.000Z' } },
    { name: '+05:30 startDate is a local date', input: { w: { schedule: daily(1), utcOffset: '+05:30', startDate: new Date('2026-03-10') }, t: '2026-03-09T00:00:00Z' }, want: { open: false, opensAt: '2026-03-09T19:30:00.000Z' } },
    { name: '-08:00 daily 20:00 is 04:00 UTC next day', input: { w: { schedule: daily(1), utcOffset: '-08:00', startTime: '20:00', durationHours: 6, startDate: new Date('2026-03-10') }, t: '2026-03-10T12:00:00Z' }, want: { open: false, opensAt: '2026-03-11T04:00:00.000Z' } },
    { name: '-08:00 open after UTC midnight', input: { w: { schedule: daily(1), utcOffset: '-08:00', startTime: '20:00', durationHours: 6, startDate: new Date('2026-03-10') }, t: '2026-03-11T05:00:00Z' }, want: { open: true, closesAt: '2026-03-11T10:00:00.000Z' } },
    { name: '-08:00 Monday 22:00 for 8 h, open on UTC Tuesday', input: { w: { schedule: weekly(1, 'Monday'), utcOffset: '-08:00', startTime: '22:00', durationHours: 8 }, t: '2026-03-10T06:30:00Z' }, want: { open: true, closesAt: '2026-03-10T14:00:00.000Z' } },
    { name: '+14:00 the 1st at 00:00 is the 31st 10:00 UTC', input: { w: { schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 1 } }, utcOffset: '+14:00', startTime: '00:00' }, t: '2026-03-31T09:59:00Z' }, want: { open: false, opensAt: '2026-03-31T10:00:00.000Z' } },
    { name: '+14:00 open on UTC March 31', input: { w: { schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 1 } }, utcOffset: '+14:00', startTime: '00:00' }, t: '2026-03-31T12:00:00Z' }, want: { open: true, closesAt: '2026-03-31T14:00:00.000Z' } },
    { name: '+14:00 day 31 in February is Feb 27 UTC', input: { w: { schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 31 } }, utcOffset: '+14:00', startTime: '00:00' }, t: '2026-02-10T00:00:00Z' }, want: { open: false, opensAt: '2026-02-27T10:00:00.000Z' } },
  ])('$name', ({ input, want }) => {
    expect(stateAt(window(input.w), input.t)).toEqual(want);
  });
});

describe('isOpen and nextOpening', () => {
  const w = window({ schedule: daily(1) });
  it.each([
    { name: 'closed: next is today', input: '2026-03-10T00:00:00Z', want: { open: false, next: '2026-03-10T01:00:00.000Z' } },
    { name: 'exactly at the start: that start', input: '2026-03-10T01:00:00Z', want: { open: true, next: '2026-03-10T01:00:00.000Z' } },
    { name: 'open: next is the following occurrence', input: '2026-03-10T02:00:00Z', want: { open: true, next: '2026-03-11T01:00:00.000Z' } },
  ])('$name', ({ input, want }) => {
    expect({ open: isOpen(w, new Date(input)), next: nextOpening(w, new Date(input))?.toISOString() }).toEqual(want);
  });
});
