import type { MaintenanceWindow as SdkMaintenanceWindow } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { toMaintenanceWindow } from '../../shared/maintenance-window/to-maintenance-window.js';
import { windowAt } from '../../shared/maintenance-window/window-at.js';

/** A window from SDK fields; 4 hours from 00:00 UTC, effective 2026-01-01, unless overridden. */
function window(fields: Partial<SdkMaintenanceWindow> & Pick<SdkMaintenanceWindow, 'schedule'>) {
  const w = toMaintenanceWindow({ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { durationHours: 4, startTime: '00:00', startDate: new Date('2026-01-01'), ...fields } });
  if (!w) throw new Error('expected a window');
  return w;
}

/** windowAt with ISO strings, so whole objects compare readably. */
function stateAt(w: ReturnType<typeof window>, t: string) {
  const s = windowAt(w, new Date(t));
  return { open: s.open, ...(s.opensAt && { opensAt: s.opensAt.toISOString() }), ...(s.closesAt && { closesAt: s.closesAt.toISOString() }) };
}

const absolute = (intervalMonths: number, dayOfMonth: number) => ({ absoluteMonthly: { intervalMonths, dayOfMonth } });
const relative = (intervalMonths: number, weekIndex: string, dayOfWeek: string) => ({ relativeMonthly: { intervalMonths, weekIndex, dayOfWeek } });

describe('windowAt: absoluteMonthly', () => {
  it.each([
    { name: 'the 15th', input: { w: { schedule: absolute(1, 15) }, t: '2026-03-10T00:00:00Z' }, want: { open: false, opensAt: '2026-03-15T00:00:00.000Z' } },
    { name: 'the 15th, open', input: { w: { schedule: absolute(1, 15) }, t: '2026-03-15T03:00:00Z' }, want: { open: true, closesAt: '2026-03-15T04:00:00.000Z' } },
    { name: '31st in February runs on the 28th', input: { w: { schedule: absolute(1, 31) }, t: '2026-02-15T00:00:00Z' }, want: { open: false, opensAt: '2026-02-28T00:00:00.000Z' } },
    { name: '29th in a non-leap February runs on the 28th', input: { w: { schedule: absolute(1, 29) }, t: '2026-02-15T00:00:00Z' }, want: { open: false, opensAt: '2026-02-28T00:00:00.000Z' } },
    { name: '30th in a leap February runs on the 29th', input: { w: { schedule: absolute(1, 30), startDate: new Date('2024-01-01') }, t: '2024-02-10T00:00:00Z' }, want: { open: false, opensAt: '2024-02-29T00:00:00.000Z' } },
    { name: '29th in a leap February is the 29th', input: { w: { schedule: absolute(1, 29), startDate: new Date('2024-01-01') }, t: '2024-02-29T02:00:00Z' }, want: { open: true, closesAt: '2024-02-29T04:00:00.000Z' } },
    { name: '31st in April runs on the 30th', input: { w: { schedule: absolute(1, 31) }, t: '2026-04-05T00:00:00Z' }, want: { open: false, opensAt: '2026-04-30T00:00:00.000Z' } },
    { name: '31st in May is the 31st', input: { w: { schedule: absolute(1, 31) }, t: '2026-05-05T00:00:00Z' }, want: { open: false, opensAt: '2026-05-31T00:00:00.000Z' } },
    { name: '31st spanning midnight into the next month', input: { w: { schedule: absolute(1, 31), startTime: '22:00', durationHours: 6 }, t: '2026-06-01T03:00:00Z' }, want: { open: true, closesAt: '2026-06-01T04:00:00.000Z' } },
    { name: 'every 2nd month on the 31st skips February', input: { w: { schedule: absolute(2, 31) }, t: '2026-02-01T00:00:00Z' }, want: { open: false, opensAt: '2026-03-31T00:00:00.000Z' } },
    { name: 'every 3rd month, startDate before the day: month 0 counts', input: { w: { schedule: absolute(3, 15), startDate: new Date('2026-01-10') }, t: '2026-01-10T00:00:00Z' }, want: { open: false, opensAt: '2026-01-15T00:00:00.000Z' } },
    { name: 'every 3rd month, after month 0: startDate month + 3', input: { w: { schedule: absolute(3, 15), startDate: new Date('2026-01-10') }, t: '2026-01-16T00:00:00Z' }, want: { open: false, opensAt: '2026-04-15T00:00:00.000Z' } },
    { name: 'every 3rd month, startDate after the day: month 0 skipped', input: { w: { schedule: absolute(3, 15), startDate: new Date('2026-01-20') }, t: '2026-01-01T00:00:00Z' }, want: { open: false, opensAt: '2026-04-15T00:00:00.000Z' } },
    { name: 'every 4th month across a year end', input: { w: { schedule: absolute(4, 5), startDate: new Date('2025-10-01') }, t: '2025-10-06T00:00:00Z' }, want: { open: false, opensAt: '2026-02-05T00:00:00.000Z' } },
    { name: 'every 5th month', input: { w: { schedule: absolute(5, 1) }, t: '2026-01-02T00:00:00Z' }, want: { open: false, opensAt: '2026-06-01T00:00:00.000Z' } },
    { name: 'every 6th month anchored in the previous year', input: { w: { schedule: absolute(6, 1), startDate: new Date('2025-11-01') }, t: '2026-03-01T00:00:00Z' }, want: { open: false, opensAt: '2026-05-01T00:00:00.000Z' } },
  ])('$name', ({ input, want }) => {
    expect(stateAt(window(input.w), input.t)).toEqual(want);
  });
});

describe('windowAt: relativeMonthly', () => {
  it.each([
    { name: 'First Monday (Mar 1 2026 is a Sunday)', input: { w: { schedule: relative(1, 'First', 'Monday') }, t: '2026-03-01T00:00:00Z' }, want: { open: false, opensAt: '2026-03-02T00:00:00.000Z' } },
    { name: 'First Sunday on the 1st', input: { w: { schedule: relative(1, 'First', 'Sunday') }, t: '2026-02-25T00:00:00Z' }, want: { open: false, opensAt: '2026-03-01T00:00:00.000Z' } },
    { name: 'Second Wednesday', input: { w: { schedule: relative(1, 'Second', 'Wednesday') }, t: '2026-04-01T00:00:00Z' }, want: { open: false, opensAt: '2026-04-08T00:00:00.000Z' } },
    { name: 'Third Thursday', input: { w: { schedule: relative(1, 'Third', 'Thursday') }, t: '2026-03-19T01:00:00Z' }, want: { open: true, closesAt: '2026-03-19T04:00:00.000Z' } },
    { name: 'Fourth Tuesday (a month with five)', input: { w: { schedule: relative(1, 'Fourth', 'Tuesday') }, t: '2026-03-01T00:00:00Z' }, want: { open: false, opensAt: '2026-03-24T00:00:00.000Z' } },
    { name: 'Last Tuesday (the fifth)', input: { w: { schedule: relative(1, 'Last', 'Tuesday') }, t: '2026-03-01T00:00:00Z' }, want: { open: false, opensAt: '2026-03-31T00:00:00.000Z' } },
    { name: 'Fourth Sunday of February 2026', input: { w: { schedule: relative(1, 'Fourth', 'Sunday') }, t: '2026-02-01T06:00:00Z' }, want: { open: false, opensAt: '2026-02-22T00:00:00.000Z' } },
    { name: 'Last Sunday of February 2026 equals the Fourth', input: { w: { schedule: relative(1, 'Last', 'Sunday') }, t: '2026-02-01T06:00:00Z' }, want: { open: false, opensAt: '2026-02-22T00:00:00.000Z' } },
    { name: 'Last Thursday of leap February is the 29th', input: { w: { schedule: relative(1, 'Last', 'Thursday'), startDate: new Date('2024-01-01') }, t: '2024-02-01T06:00:00Z' }, want: { open: false, opensAt: '2024-02-29T00:00:00.000Z' } },
    { name: 'Last Friday, spanning midnight into the 1st', input: { w: { schedule: relative(1, 'Last', 'Friday'), startTime: '23:00', durationHours: 5 }, t: '2026-02-28T01:00:00Z' }, want: { open: true, closesAt: '2026-02-28T04:00:00.000Z' } },
    { name: 'every 3rd month, Second Wednesday from January', input: { w: { schedule: relative(3, 'Second', 'Wednesday') }, t: '2026-01-15T00:00:00Z' }, want: { open: false, opensAt: '2026-04-08T00:00:00.000Z' } },
    { name: 'every 2nd month, First Monday, startDate after it skips month 0', input: { w: { schedule: relative(2, 'First', 'Monday'), startDate: new Date('2026-03-03') }, t: '2026-03-03T00:00:00Z' }, want: { open: false, opensAt: '2026-05-04T00:00:00.000Z' } },
    { name: 'every 6th month, Last Saturday', input: { w: { schedule: relative(6, 'Last', 'Saturday') }, t: '2026-02-01T00:00:00Z' }, want: { open: false, opensAt: '2026-07-25T00:00:00.000Z' } },
    { name: '-08:00 Last Tuesday 20:00 is Wednesday UTC', input: { w: { schedule: relative(1, 'Last', 'Tuesday'), utcOffset: '-08:00', startTime: '20:00' }, t: '2026-03-20T00:00:00Z' }, want: { open: false, opensAt: '2026-04-01T04:00:00.000Z' } },
  ])('$name', ({ input, want }) => {
    expect(stateAt(window(input.w), input.t)).toEqual(want);
  });
});
