import type { MaintenanceConfiguration, MaintenanceWindow as SdkMaintenanceWindow } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { isInvalidMaintenanceWindowError } from '../../shared/maintenance-window/invalid-maintenance-window-error.js';
import { toMaintenanceWindow } from '../../shared/maintenance-window/to-maintenance-window.js';
import { applicableWindow, windowConfigurationFor } from '../../shared/maintenance-window/window-configuration.js';

const base: SdkMaintenanceWindow = { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } }, durationHours: 4, startTime: '01:00', startDate: new Date('2026-01-01') };
const config = (fields: Partial<SdkMaintenanceWindow>, extra: Partial<MaintenanceConfiguration> = {}): MaintenanceConfiguration => ({ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: { ...base, ...fields }, ...extra });
const defaults = { durationHours: 4, startTime: '01:00', utcOffset: '+00:00', startDate: '2026-01-01', notAllowedDates: [] };

/** The window, or the field an error names. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    if (isInvalidMaintenanceWindowError(e)) return { field: e.field };
    throw e;
  }
}

describe('toMaintenanceWindow: valid', () => {
  it.each([
    { name: 'weekly with defaults', input: config({}), want: { ...defaults, schedule: { kind: 'weekly', intervalWeeks: 1, dayOfWeek: 'Monday' } } },
    { name: 'daily', input: config({ schedule: { daily: { intervalDays: 7 } } }), want: { ...defaults, schedule: { kind: 'daily', intervalDays: 7 } } },
    { name: 'absoluteMonthly', input: config({ schedule: { absoluteMonthly: { intervalMonths: 6, dayOfMonth: 31 } } }), want: { ...defaults, schedule: { kind: 'absoluteMonthly', intervalMonths: 6, dayOfMonth: 31 } } },
    { name: 'relativeMonthly, names case-insensitive', input: config({ schedule: { relativeMonthly: { intervalMonths: 1, dayOfWeek: 'friday', weekIndex: 'last' } } }), want: { ...defaults, schedule: { kind: 'relativeMonthly', intervalMonths: 1, dayOfWeek: 'Friday', weekIndex: 'Last' } } },
    { name: 'all fields', input: config({ durationHours: 24, utcOffset: '-08:00', startTime: '23:30', notAllowedDates: [{ start: new Date('2026-12-23'), end: new Date('2027-01-05') }] }), want: { ...defaults, schedule: { kind: 'weekly', intervalWeeks: 1, dayOfWeek: 'Monday' }, durationHours: 24, utcOffset: '-08:00', startTime: '23:30', notAllowedDates: [{ start: '2026-12-23', end: '2027-01-05' }] } },
    { name: '+14:00 offset', input: config({ utcOffset: '+14:00' }), want: { ...defaults, schedule: { kind: 'weekly', intervalWeeks: 1, dayOfWeek: 'Monday' }, utcOffset: '+14:00' } },
    { name: 'no startDate: creation date in utcOffset', input: config({ startDate: undefined, utcOffset: '+05:30' }, { systemData: { createdAt: new Date('2026-03-10T20:00:00Z') } }), want: { ...defaults, schedule: { kind: 'weekly', intervalWeeks: 1, dayOfWeek: 'Monday' }, utcOffset: '+05:30', startDate: '2026-03-11' } },
    { name: 'no startDate, no creation date: unanchored', input: config({ startDate: undefined }), want: { ...defaults, schedule: { kind: 'weekly', intervalWeeks: 1, dayOfWeek: 'Monday' }, startDate: undefined } },
    { name: 'dates as JSON strings (fixtures)', input: JSON.parse('{"name":"x","maintenanceWindow":{"schedule":{"daily":{"intervalDays":1}},"durationHours":4,"startTime":"01:00","startDate":"2026-02-28","notAllowedDates":[{"start":"2026-03-01","end":"2026-03-02"}]}}') as MaintenanceConfiguration, want: { ...defaults, schedule: { kind: 'daily', intervalDays: 1 }, startDate: '2026-02-28', notAllowedDates: [{ start: '2026-03-01', end: '2026-03-02' }] } },
    { name: 'no maintenanceWindow (legacy timeInWeek only)', input: { name: 'default', timeInWeek: [{ day: 'Monday', hourSlots: [1, 2] }] }, want: undefined },
  ])('$name', ({ input, want }) => {
    expect(toMaintenanceWindow(input)).toEqual(want);
  });
});

describe('toMaintenanceWindow: invalid values name their field', () => {
  it.each([
    { name: 'duration 3 h', input: config({ durationHours: 3 }), want: { field: 'maintenanceWindow.durationHours' } },
    { name: 'duration 25 h', input: config({ durationHours: 25 }), want: { field: 'maintenanceWindow.durationHours' } },
    { name: 'fractional duration', input: config({ durationHours: 4.5 }), want: { field: 'maintenanceWindow.durationHours' } },
    { name: 'no schedule kind', input: config({ schedule: {} }), want: { field: 'maintenanceWindow.schedule' } },
    { name: 'two schedule kinds', input: config({ schedule: { daily: { intervalDays: 1 }, weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } } }), want: { field: 'maintenanceWindow.schedule' } },
    { name: 'intervalDays 0', input: config({ schedule: { daily: { intervalDays: 0 } } }), want: { field: 'maintenanceWindow.schedule.daily.intervalDays' } },
    { name: 'intervalDays 8', input: config({ schedule: { daily: { intervalDays: 8 } } }), want: { field: 'maintenanceWindow.schedule.daily.intervalDays' } },
    { name: 'intervalWeeks 5', input: config({ schedule: { weekly: { intervalWeeks: 5, dayOfWeek: 'Monday' } } }), want: { field: 'maintenanceWindow.schedule.weekly.intervalWeeks' } },
    { name: 'unknown weekday', input: config({ schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Funday' } } }), want: { field: 'maintenanceWindow.schedule.weekly.dayOfWeek' } },
    { name: 'intervalMonths 7', input: config({ schedule: { absoluteMonthly: { intervalMonths: 7, dayOfMonth: 1 } } }), want: { field: 'maintenanceWindow.schedule.absoluteMonthly.intervalMonths' } },
    { name: 'dayOfMonth 0', input: config({ schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 0 } } }), want: { field: 'maintenanceWindow.schedule.absoluteMonthly.dayOfMonth' } },
    { name: 'dayOfMonth 32', input: config({ schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 32 } } }), want: { field: 'maintenanceWindow.schedule.absoluteMonthly.dayOfMonth' } },
    { name: 'weekIndex Fifth', input: config({ schedule: { relativeMonthly: { intervalMonths: 1, dayOfWeek: 'Monday', weekIndex: 'Fifth' } } }), want: { field: 'maintenanceWindow.schedule.relativeMonthly.weekIndex' } },
    { name: 'relative intervalMonths 0', input: config({ schedule: { relativeMonthly: { intervalMonths: 0, dayOfWeek: 'Monday', weekIndex: 'First' } } }), want: { field: 'maintenanceWindow.schedule.relativeMonthly.intervalMonths' } },
    { name: 'utcOffset without sign', input: config({ utcOffset: '05:30' }), want: { field: 'maintenanceWindow.utcOffset' } },
    { name: 'utcOffset one-digit hour', input: config({ utcOffset: '+5:30' }), want: { field: 'maintenanceWindow.utcOffset' } },
    { name: 'utcOffset beyond +14:00', input: config({ utcOffset: '+14:30' }), want: { field: 'maintenanceWindow.utcOffset' } },
    { name: 'utcOffset minutes 60', input: config({ utcOffset: '+05:60' }), want: { field: 'maintenanceWindow.utcOffset' } },
    { name: 'startTime 24:00', input: config({ startTime: '24:00' }), want: { field: 'maintenanceWindow.startTime' } },
    { name: 'startTime 1:00', input: config({ startTime: '1:00' }), want: { field: 'maintenanceWindow.startTime' } },
    { name: 'invalid startDate', input: config({ startDate: new Date('not a date') }), want: { field: 'maintenanceWindow.startDate' } },
    { name: 'notAllowedDates ending before they start', input: config({ notAllowedDates: [{ start: new Date('2026-03-02'), end: new Date('2026-03-01') }] }), want: { field: 'maintenanceWindow.notAllowedDates[0]' } },
    { name: 'notAllowedDates with Feb 30 (JSON)', input: JSON.parse('{"maintenanceWindow":{"schedule":{"daily":{"intervalDays":1}},"durationHours":4,"startTime":"01:00","notAllowedDates":[{"start":"2026-02-30","end":"2026-03-02"}]}}') as MaintenanceConfiguration, want: { field: 'maintenanceWindow.notAllowedDates[0].start' } },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => toMaintenanceWindow(input))).toEqual(want);
  });

  it('the message names the configuration, field and value', () => {
    expect(() => toMaintenanceWindow(config({ durationHours: 2 }))).toThrow("maintenance configuration 'aksManagedAutoUpgradeSchedule': maintenanceWindow.durationHours must be an integer 4-24 (got 2)");
  });
});

describe('windowConfigurationFor', () => {
  it.each([
    { name: 'Full', input: 'Full', want: 'aksManagedAutoUpgradeSchedule' },
    { name: 'ControlPlaneOnly', input: 'ControlPlaneOnly', want: 'aksManagedAutoUpgradeSchedule' },
    { name: 'NodeImageOnly', input: 'NodeImageOnly', want: 'aksManagedNodeOSUpgradeSchedule' },
    { name: 'unknown type: the Kubernetes window', input: 'SomethingNew', want: 'aksManagedAutoUpgradeSchedule' },
  ])('$name', ({ input, want }) => {
    expect(windowConfigurationFor(input)).toBe(want);
  });
});

describe('applicableWindow', () => {
  const named = (name: string, dayOfWeek: string): MaintenanceConfiguration => ({ name, maintenanceWindow: { ...base, schedule: { weekly: { intervalWeeks: 1, dayOfWeek } } } });
  const all = [named('default', 'Sunday'), named('aksManagedAutoUpgradeSchedule', 'Monday'), named('aksManagedNodeOSUpgradeSchedule', 'Tuesday')];
  const dayOf = (configs: MaintenanceConfiguration[], type: string) => {
    const s = applicableWindow(configs, type)?.schedule;
    return s?.kind === 'weekly' ? s.dayOfWeek : s;
  };
  it.each([
    { name: 'Full uses the auto-upgrade schedule', input: { configs: all, type: 'Full' }, want: 'Monday' },
    { name: 'ControlPlaneOnly uses the auto-upgrade schedule', input: { configs: all, type: 'ControlPlaneOnly' }, want: 'Monday' },
    { name: 'NodeImageOnly uses the node OS schedule', input: { configs: all, type: 'NodeImageOnly' }, want: 'Tuesday' },
    { name: 'default alone is not used', input: { configs: [named('default', 'Sunday')], type: 'Full' }, want: undefined },
    { name: 'only the other kind: no window', input: { configs: [named('aksManagedNodeOSUpgradeSchedule', 'Tuesday')], type: 'Full' }, want: undefined },
    { name: 'no configurations', input: { configs: [], type: 'NodeImageOnly' }, want: undefined },
    { name: 'named configuration without maintenanceWindow', input: { configs: [{ name: 'aksManagedAutoUpgradeSchedule' }], type: 'Full' }, want: undefined },
    { name: 'name matched case-insensitively', input: { configs: [named('AKSManagedAutoUpgradeSchedule', 'Friday')], type: 'Full' }, want: 'Friday' },
    { name: 'an invalid configuration of the other kind is not read', input: { configs: [named('aksManagedAutoUpgradeSchedule', 'Monday'), named('aksManagedNodeOSUpgradeSchedule', 'Funday')], type: 'Full' }, want: 'Monday' },
  ])('$name', ({ input, want }) => {
    expect(dayOf(input.configs, input.type)).toEqual(want);
  });

  it('throws for an invalid chosen configuration', () => {
    expect(outcome(() => applicableWindow([named('aksManagedNodeOSUpgradeSchedule', 'Funday')], 'NodeImageOnly'))).toEqual({ field: 'maintenanceWindow.schedule.weekly.dayOfWeek' });
  });
});
