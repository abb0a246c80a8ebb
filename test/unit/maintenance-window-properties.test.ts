import type { MaintenanceWindow as SdkMaintenanceWindow } from '@azure/arm-containerservice';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMaintenanceWindow } from '../../shared/maintenance-window/to-maintenance-window.js';
import { isOpen, nextOpening, windowAt } from '../../shared/maintenance-window/window-at.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const indexes = ['First', 'Second', 'Third', 'Fourth', 'Last'];
const from2024 = Date.UTC(2024, 0, 1);
const to2028 = Date.UTC(2028, 0, 1);

const schedule = fc.oneof(
  fc.record({ daily: fc.record({ intervalDays: fc.integer({ min: 1, max: 7 }) }) }),
  fc.record({ weekly: fc.record({ intervalWeeks: fc.integer({ min: 1, max: 4 }), dayOfWeek: fc.constantFrom(...days) }) }),
  fc.record({ absoluteMonthly: fc.record({ intervalMonths: fc.integer({ min: 1, max: 6 }), dayOfMonth: fc.integer({ min: 1, max: 31 }) }) }),
  fc.record({ relativeMonthly: fc.record({ intervalMonths: fc.integer({ min: 1, max: 6 }), dayOfWeek: fc.constantFrom(...days), weekIndex: fc.constantFrom(...indexes) }) }),
);
const pad = (n: number) => String(n).padStart(2, '0');

/** A random valid SDK window and an instant in 2024–2027; not-allowed ranges land near the instant. */
const scenario = fc
  .record({
    schedule,
    durationHours: fc.integer({ min: 4, max: 24 }),
    startTime: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h)}:${pad(m)}`),
    utcOffset: fc.constantFrom('+00:00', '+05:30', '+05:45', '-08:00', '+14:00', '-12:00', '-03:30'),
    startDay: fc.integer({ min: from2024 / DAY, max: to2028 / DAY }),
    t: fc.integer({ min: from2024, max: to2028 }),
    blocks: fc.array(fc.record({ from: fc.integer({ min: -10, max: 90 }), length: fc.integer({ min: 0, max: 20 }) }), { maxLength: 3 }),
  })
  .map(({ startDay, t, blocks, ...rest }) => {
    const tDay = Math.floor(t / DAY);
    const sdk: SdkMaintenanceWindow = {
      ...rest,
      startDate: new Date(startDay * DAY),
      notAllowedDates: blocks.map((b) => ({ start: new Date((tDay + b.from) * DAY), end: new Date((tDay + b.from + b.length) * DAY) })),
    };
    return { sdk, t };
  });

function build(sdk: SdkMaintenanceWindow) {
  const w = toMaintenanceWindow({ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: sdk });
  if (!w) throw new Error('expected a window');
  return w;
}

/** An independent, day-by-day oracle: is `day` (days since epoch, local) an occurrence day? */
function isOccurrenceDay(sdk: SdkMaintenanceWindow, day: number): boolean {
  const anchor = Math.floor((sdk.startDate ?? new Date(0)).getTime() / DAY);
  if (day < anchor) return false;
  const date = new Date(day * DAY);
  const a = new Date(anchor * DAY);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() - (a.getUTCFullYear() * 12 + a.getUTCMonth());
  const { daily, weekly, absoluteMonthly: abs, relativeMonthly: rel } = sdk.schedule;
  if (daily) return (day - anchor) % daily.intervalDays === 0;
  if (weekly) return date.getUTCDay() === days.indexOf(weekly.dayOfWeek) && Math.floor((day - (anchor - a.getUTCDay())) / 7) % weekly.intervalWeeks === 0;
  if (abs) return months % abs.intervalMonths === 0 && date.getUTCDate() === Math.min(abs.dayOfMonth, new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate());
  if (rel) {
    if (months % rel.intervalMonths !== 0 || date.getUTCDay() !== days.indexOf(rel.dayOfWeek)) return false;
    return rel.weekIndex === 'Last' ? new Date((day + 7) * DAY).getUTCMonth() !== date.getUTCMonth() : Math.floor((date.getUTCDate() - 1) / 7) === indexes.indexOf(rel.weekIndex);
  }
  return false;
}

/** The oracle's next allowed opening at or after `t`, scanning every local day for two years. */
function oracleNext(sdk: SdkMaintenanceWindow, t: number): number | undefined {
  const [sign, hh, mm] = [sdk.utcOffset?.[0], Number(sdk.utcOffset?.slice(1, 3)), Number(sdk.utcOffset?.slice(4, 6))];
  const offset = (sign === '-' ? -1 : 1) * (hh * 60 + mm) * MINUTE;
  const start = (Number(sdk.startTime.slice(0, 2)) * 60 + Number(sdk.startTime.slice(3, 5))) * MINUTE;
  const today = Math.floor((t + offset) / DAY);
  for (let day = today - 1; day <= today + 731; day++) {
    const at = day * DAY + start - offset;
    if (at < t || !isOccurrenceDay(sdk, day)) continue;
    const lastDay = Math.floor((day * DAY + start + sdk.durationHours * 60 * MINUTE - 1) / DAY);
    const blocked = (sdk.notAllowedDates ?? []).some((r) => r.start.getTime() / DAY <= lastDay && r.end.getTime() / DAY >= day);
    if (!blocked) return at;
  }
  return undefined;
}

describe('window math properties', () => {
  it('nextOpening(t) is at or after t, open, and the oracle agrees', () => {
    fc.assert(
      fc.property(scenario, ({ sdk, t }) => {
        const next = nextOpening(build(sdk), new Date(t))?.getTime();
        expect(next).toBe(oracleNext(sdk, t));
        if (next !== undefined) expect({ after: next >= t, open: isOpen(build(sdk), new Date(next)) }).toEqual({ after: true, open: true });
      }),
      { numRuns: 500 },
    );
  });

  it('windowAt: closed means opensAt = nextOpening; open means t in [closesAt - duration, closesAt)', () => {
    fc.assert(
      fc.property(scenario, ({ sdk, t }) => {
        const w = build(sdk);
        const state = windowAt(w, new Date(t));
        if (!state.open) {
          expect(state.opensAt?.getTime()).toBe(nextOpening(w, new Date(t))?.getTime());
          return;
        }
        const closes = state.closesAt?.getTime() ?? Number.NaN;
        expect({ before: t < closes, started: closes - sdk.durationHours * 3_600_000 <= t, stillOpen: isOpen(w, new Date(closes - 1)) }).toEqual({ before: true, started: true, stillOpen: true });
      }),
      { numRuns: 500 },
    );
  });

  it('no opening strictly between t and nextOpening(t), minute by minute (first 3 days)', () => {
    fc.assert(
      fc.property(scenario, ({ sdk, t }) => {
        const w = build(sdk);
        const next = nextOpening(w, new Date(t))?.getTime() ?? Number.POSITIVE_INFINITY;
        const end = Math.min(next, t + 3 * DAY);
        for (let m = Math.floor(t / MINUTE + 1) * MINUTE; m < end; m += MINUTE) {
          if (isOpen(w, new Date(m)) && !isOpen(w, new Date(m - MINUTE))) expect.fail(`opens at ${new Date(m).toISOString()}, before ${new Date(next).toISOString()}`);
        }
      }),
      { numRuns: 40 },
    );
  });
});
