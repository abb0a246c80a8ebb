
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const minute = 60_000;

/**
 * When a ScheduledStart gate reached at `now` completes (reference §4.2): the next occurrence of
 * its day and time in its UTC offset — now itself when it is exactly that moment, otherwise
 * strictly later (a Wednesday 02:00 gate reached Wednesday 03:00 waits a week).
 */
export function nextScheduledStart(config: { startDay: string; startTime: string; utcOffset: string }, now: Date): Date {
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(config.utcOffset);
  const clock = /^(\d{2}):(\d{2})$/.exec(config.startTime);
  const day = days.indexOf(config.startDay);
  if (!offset || !clock || day < 0) throw new Error(`Invalid scheduled start configuration ${JSON.stringify(config)}.`);
  const offsetMs = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * minute;
  const local = new Date(now.getTime() + offsetMs);
  const candidate = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), Number(clock[1]), Number(clock[2])));
  candidate.setUTCDate(candidate.getUTCDate() + ((day - candidate.getUTCDay() + 7) % 7));
  if (candidate.getTime() < local.getTime()) candidate.setUTCDate(candidate.getUTCDate() + 7);
  return new Date(candidate.getTime() - offsetMs);
}
