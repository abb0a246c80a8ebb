import type { MaintenanceWindow as SdkMaintenanceWindow } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../shared/maintenance-window/maintenance-window.js';
import { toMaintenanceWindow } from '../../shared/maintenance-window/to-maintenance-window.js';
import { orderByWindowPriority, windowPriority } from '../../shared/maintenance-window/window-priority.js';

/** Daily from 10:00 UTC for 4 hours, unless overridden. */
function window(fields: Partial<SdkMaintenanceWindow> = {}): MaintenanceWindow {
  const w = toMaintenanceWindow({ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { schedule: { daily: { intervalDays: 1 } }, durationHours: 4, startTime: '10:00', startDate: new Date('2026-01-01'), ...fields } });
  if (!w) throw new Error('expected a window');
  return w;
}
const daily10 = window();
const blockedForever = window({ notAllowedDates: [{ start: new Date('2026-01-01'), end: new Date('2030-12-31') }] });

describe('windowPriority', () => {
  it.each([
    { name: 'open', input: { w: daily10, t: '2026-03-10T11:00:00Z' }, want: 0 },
    { name: 'open at its first instant', input: { w: daily10, t: '2026-03-10T10:00:00Z' }, want: 0 },
    { name: 'opens in 3 hours', input: { w: daily10, t: '2026-03-10T07:00:00Z' }, want: 1 },
    { name: 'opens in exactly 4 hours', input: { w: daily10, t: '2026-03-10T06:00:00Z' }, want: 1 },
    { name: 'opens in 4 hours and a minute', input: { w: daily10, t: '2026-03-10T05:59:00Z' }, want: 3 },
    { name: 'just closed', input: { w: daily10, t: '2026-03-10T14:00:00Z' }, want: 3 },
    { name: 'no window', input: { w: undefined, t: '2026-03-10T05:59:00Z' }, want: 2 },
    { name: 'never opens within two years', input: { w: blockedForever, t: '2026-03-10T07:00:00Z' }, want: 3 },
    { name: '+05:30: opens 04:30 UTC, 2 h away', input: { w: window({ utcOffset: '+05:30' }), t: '2026-03-10T02:30:00Z' }, want: 1 },
  ])('$name', ({ input, want }) => {
    expect(windowPriority(input.w, new Date(input.t))).toBe(want);
  });
});

describe('orderByWindowPriority', () => {
  const members: Record<string, MaintenanceWindow | undefined> = {
    open: daily10,
    soon: window({ startTime: '13:00' }),
    none: undefined,
    closed: window({ startTime: '20:00' }),
    open2: window({ startTime: '09:00' }),
    none2: undefined,
    closed2: blockedForever,
  };
  const t = new Date('2026-03-10T11:00:00Z');
  it.each([
    { name: 'open, opening soon, none, closed', input: ['closed', 'none', 'soon', 'open'], want: ['open', 'soon', 'none', 'closed'] },
    { name: 'ties keep input order', input: ['none2', 'closed2', 'open2', 'none', 'closed', 'open'], want: ['open2', 'open', 'none2', 'none', 'closed2', 'closed'] },
    { name: 'already ordered', input: ['open', 'open2', 'soon', 'none', 'closed'], want: ['open', 'open2', 'soon', 'none', 'closed'] },
    { name: 'all without windows', input: ['none2', 'none'], want: ['none2', 'none'] },
    { name: 'empty', input: [], want: [] },
  ])('$name', ({ input, want }) => {
    expect(orderByWindowPriority(input, (name) => members[name], t)).toEqual(want);
  });

  it('returns a new array and leaves the input alone', () => {
    const input = ['closed', 'open'];
    const out = orderByWindowPriority(input, (name) => members[name], t);
    expect({ input, out, same: out === input }).toEqual({ input: ['closed', 'open'], out: ['open', 'closed'], same: false });
  });
});
