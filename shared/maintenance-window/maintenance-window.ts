import type {
  AbsoluteMonthlySchedule,
  DailySchedule,
  RelativeMonthlySchedule,
  Schedule,
  MaintenanceWindow as SdkMaintenanceWindow,
  WeeklySchedule,
} from '@azure/arm-containerservice';

/**
 * Days of the week as AKS spells them (the SDK's `KnownWeekDay`). Declared Sunday first: the
 * position is the JavaScript `getUTCDay()` number, and AKS's weeks run Sunday to Saturday.
 */
export const WeekDay = {
  Sunday: 'Sunday',
  Monday: 'Monday',
  Tuesday: 'Tuesday',
  Wednesday: 'Wednesday',
  Thursday: 'Thursday',
  Friday: 'Friday',
  Saturday: 'Saturday',
} as const;
/** One of {@link WeekDay}. */
export type WeekDay = (typeof WeekDay)[keyof typeof WeekDay];
/** {@link WeekDay} values in `getUTCDay()` order (index 0 is Sunday). */
export const weekDays: readonly WeekDay[] = Object.values(WeekDay);

/** Which occurrence of a weekday in a month a `relativeMonthly` schedule means (the SDK's `KnownType`). */
export const WeekIndex = { First: 'First', Second: 'Second', Third: 'Third', Fourth: 'Fourth', Last: 'Last' } as const;
/** One of {@link WeekIndex}. */
export type WeekIndex = (typeof WeekIndex)[keyof typeof WeekIndex];
/** {@link WeekIndex} values in order; the position of First–Fourth is the number of weeks to add. */
export const weekIndexes: readonly WeekIndex[] = Object.values(WeekIndex);

/** The schedule kinds, named as the SDK's `Schedule` properties. */
export type ScheduleKind = keyof Schedule;

/**
 * Exactly one recurrence, tagged by the SDK property it came from. Fields are the SDK's own,
 * with `dayOfWeek` and `weekIndex` narrowed from `string` to their known values.
 */
export type MaintenanceSchedule =
  | ({ kind: 'daily' } & DailySchedule)
  | ({ kind: 'weekly' } & Omit<WeeklySchedule, 'dayOfWeek'> & { dayOfWeek: WeekDay })
  | ({ kind: 'absoluteMonthly' } & AbsoluteMonthlySchedule)
  | ({ kind: 'relativeMonthly' } & Omit<RelativeMonthlySchedule, 'dayOfWeek' | 'weekIndex'> & { dayOfWeek: WeekDay; weekIndex: WeekIndex });

/** An inclusive range of civil dates (`YYYY-MM-DD`, in the window's `utcOffset`) when no occurrence may run. */
export interface NotAllowedDates {
  start: string;
  end: string;
}

/**
 * A validated AKS `maintenanceWindow` as plain, JSON-safe data (safe in orchestration input).
 * Build it with `toMaintenanceWindow`; the math functions assume its invariants.
 */
export interface MaintenanceWindow extends Pick<SdkMaintenanceWindow, 'durationHours' | 'startTime'> {
  schedule: MaintenanceSchedule;
  /** An integer 4–24 (SDK field). */
  durationHours: number;
  /** `HH:mm` in `utcOffset` (SDK field). */
  startTime: string;
  /** `±HH:mm`, defaulted to `+00:00`. */
  utcOffset: string;
  /**
   * `YYYY-MM-DD` in `utcOffset`: no occurrence before it, and intervals count from it. Undefined
   * only when AKS gave neither `startDate` nor `systemData.createdAt`; intervals then count from 1970-01-01.
   */
  startDate: string | undefined;
  /** Never undefined; empty when AKS gave none. */
  notAllowedDates: NotAllowedDates[];
}
