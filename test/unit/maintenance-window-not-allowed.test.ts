import type { DateSpan, MaintenanceWindow as SdkMaintenanceWindow } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { toMaintenanceWindow } from '../../shared/maintenance-window/to-maintenance-window.js';
import { nextOpening, windowAt } from '../../shared/maintenance-window/window-at.js';

/** A window from SDK fields; daily, 4 hours from 01:00 UTC, effective 2026-01-01, unless overridden. */
function window(fields: Partial<SdkMaintenanceWindow>) {
  const w = toMaintenanceWindow({ name: 'aksManagedNodeOSUpgradeSchedule', maintenanceWindow: { schedule: { daily: { intervalDays: 1 } }, durationHours: 4, startTime: '01:00', startDate: new Date('2026-01-01'), ...fields } });
  if (!w) throw new Error('expected a window');
  return w;
}

function stateAt(w: ReturnType<typeof window>, t: string) {
  const s = windowAt(w, new Date(t));
  return { open: s.open, ...(s.opensAt && { opensAt: s.opensAt.toISOString() }), ...(s.closesAt && { closesAt: s.closesAt.toISOString() }) };
}

const span = (start: string, end: string): DateSpan => ({ start: new Date(start), end: new Date(end) });

// Rule: an occurrence is skipped when any local date it touches (start inclusive, end exclusive) is not allowed.
describe('windowAt: notAllowedDates', () => {
  it.each([
    { name: 'a range skips its days', input: { w: { notAllowedDates: [span('2026-03-10', '2026-03-12')] }, t: '2026-03-09T06:00:00Z' }, want: { open: false, opensAt: '2026-03-13T01:00:00.000Z' } },
    { name: 'inside a skipped occurrence: closed', input: { w: { notAllowedDates: [span('2026-03-10', '2026-03-12')] }, t: '2026-03-10T02:00:00Z' }, want: { open: false, opensAt: '2026-03-13T01:00:00.000Z' } },
    { name: 'the day before the range is open', input: { w: { notAllowedDates: [span('2026-03-10', '2026-03-12')] }, t: '2026-03-09T02:00:00Z' }, want: { open: true, closesAt: '2026-03-09T05:00:00.000Z' } },
    { name: 'a one-day range (start = end) is inclusive', input: { w: { notAllowedDates: [span('2026-03-10', '2026-03-10')] }, t: '2026-03-09T06:00:00Z' }, want: { open: false, opensAt: '2026-03-11T01:00:00.000Z' } },
    { name: 'several ranges', input: { w: { notAllowedDates: [span('2026-03-10', '2026-03-10'), span('2026-03-11', '2026-03-11'), span('2026-03-13', '2026-03-20')] }, t: '2026-03-09T06:00:00Z' }, want: { open: false, opensAt: '2026-03-12T01:00:00.000Z' } },
    { name: 'a past range changes nothing', input: { w: { notAllowedDates: [span('2026-01-01', '2026-02-01')] }, t: '2026-03-10T02:00:00Z' }, want: { open: true, closesAt: '2026-03-10T05:00:00.000Z' } },
    { name: 'spanning midnight into a blocked date: skipped', input: { w: { startTime: '22:00', durationHours: 8, notAllowedDates: [span('2026-03-11', '2026-03-11')] }, t: '2026-03-10T12:00:00Z' }, want: { open: false, opensAt: '2026-03-12T22:00:00.000Z' } },
    { name: 'spanning midnight out of a blocked date: skipped', input: { w: { startTime: '22:00', durationHours: 8, notAllowedDates: [span('2026-03-11', '2026-03-11')] }, t: '2026-03-12T03:00:00Z' }, want: { open: false, opensAt: '2026-03-12T22:00:00.000Z' } },
    { name: '24 h from 00:00 ends exactly at the blocked date: allowed', input: { w: { startTime: '00:00', durationHours: 24, notAllowedDates: [span('2026-03-11', '2026-03-11')] }, t: '2026-03-10T12:00:00Z' }, want: { open: true, closesAt: '2026-03-11T00:00:00.000Z' } },
    { name: '24 h from 00:00, on the blocked date', input: { w: { startTime: '00:00', durationHours: 24, notAllowedDates: [span('2026-03-11', '2026-03-11')] }, t: '2026-03-11T12:00:00Z' }, want: { open: false, opensAt: '2026-03-12T00:00:00.000Z' } },
    { name: '-08:00: dates are local (UTC Mar 11 04:00 is local Mar 10)', input: { w: { utcOffset: '-08:00', startTime: '20:00', notAllowedDates: [span('2026-03-10', '2026-03-10')] }, t: '2026-03-11T00:00:00Z' }, want: { open: false, opensAt: '2026-03-12T04:00:00.000Z' } },
    { name: '-08:00: UTC Mar 10 04:00 is local Mar 9, allowed', input: { w: { utcOffset: '-08:00', startTime: '20:00', notAllowedDates: [span('2026-03-10', '2026-03-10')] }, t: '2026-03-10T05:00:00Z' }, want: { open: true, closesAt: '2026-03-10T08:00:00.000Z' } },
    { name: '+05:30: UTC Mar 9 19:30 is local Mar 10, skipped', input: { w: { utcOffset: '+05:30', notAllowedDates: [span('2026-03-10', '2026-03-10')] }, t: '2026-03-09T12:00:00Z' }, want: { open: false, opensAt: '2026-03-10T19:30:00.000Z' } },
    { name: 'weekly over the year end', input: { w: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Saturday' } }, notAllowedDates: [span('2026-12-19', '2027-01-03')] }, t: '2026-12-18T00:00:00Z' }, want: { open: false, opensAt: '2027-01-09T01:00:00.000Z' } },
    { name: 'monthly: a blocked 1st waits a month', input: { w: { schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 1 } }, notAllowedDates: [span('2026-04-01', '2026-04-01')] }, t: '2026-03-10T00:00:00Z' }, want: { open: false, opensAt: '2026-05-01T01:00:00.000Z' } },
    { name: 'blocked beyond the 2-year horizon: no opening', input: { w: { notAllowedDates: [span('2026-01-01', '2029-12-31')] }, t: '2026-03-10T00:00:00Z' }, want: { open: false } },
  ])('$name', ({ input, want }) => {
    expect(stateAt(window(input.w), input.t)).toEqual(want);
  });

  it('nextOpening agrees: undefined when nothing opens within two years', () => {
    const w = window({ notAllowedDates: [span('2026-01-01', '2029-12-31')] });
    expect(nextOpening(w, new Date('2026-03-10T00:00:00Z'))).toBeUndefined();
  });

  it('nextOpening skips blocked occurrences', () => {
    const w = window({ notAllowedDates: [span('2026-03-10', '2026-03-12')] });
    expect(nextOpening(w, new Date('2026-03-09T02:00:00Z'))?.toISOString()).toBe('2026-03-13T01:00:00.000Z');
  });
});
