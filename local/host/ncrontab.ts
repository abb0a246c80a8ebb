import { Cron } from 'croner';

/** A timer-trigger schedule: when it next fires after a given instant. */
export interface TimerSchedule {
  readonly expression: string;
  /** The first occurrence strictly after `after`. */
  next(after: Date): Date;
}

const timeSpanPattern = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/;

/** Parses a .NET TimeSpan (`hh:mm:ss` or `d.hh:mm:ss`) into milliseconds, or undefined. */
function parseTimeSpan(expression: string): number | undefined {
  const match = timeSpanPattern.exec(expression);
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  const ms = (((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  if (ms <= 0) throw new Error(`Timer schedule "${expression}" is a zero interval.`);
  return ms;
}

/**
 * Parses an Azure Functions timer schedule: an NCRONTAB expression with six fields
 * (`{second} {minute} {hour} {day} {month} {day-of-week}`, with ranges, lists, steps and
 * month/day names), or a TimeSpan interval such as `00:05:00`. As NCrontab does, a restricted
 * day-of-month and day-of-week must both match. `timeZone` is an IANA name (default UTC).
 * Throws an error naming the expression when it is not valid.
 */
export function parseTimerSchedule(expression: string, timeZone = 'UTC'): TimerSchedule {
  const trimmed = expression.trim();
  const interval = parseTimeSpan(trimmed);
  if (interval !== undefined) {
    return { expression: trimmed, next: (after) => new Date(after.getTime() + interval) };
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(
      `Timer schedule "${expression}" has ${fields.length} fields; NCRONTAB needs six: {second} {minute} {hour} {day} {month} {day-of-week}.`,
    );
  }
  let cron: Cron;
  try {
    cron = new Cron(trimmed, { mode: '6-part', domAndDow: true, timezone: timeZone, paused: true });
  } catch (error) {
    throw new Error(`Timer schedule "${expression}" is not a valid NCRONTAB expression: ${(error as Error).message}`);
  }
  return {
    expression: trimmed,
    next(after) {
      const next = cron.nextRun(after);
      if (!next) throw new Error(`Timer schedule "${expression}" has no occurrence after ${after.toISOString()}.`);
      return next;
    },
  };
}
