/**
 * Matches what a replay schedules against what history recorded, as the Durable Task
 * Framework does (NonDeterministicOrchestrationException): same kind and name at every
 * sequence id. Pure.
 */
import { EventType, isSchedulingEvent, type HistoryEvent } from './history.js';
import type { Scheduled } from './sequencer-nodes.js';

/** New work, or the reason the replay is not deterministic. */
export type ReconcileResult = { newWork: Scheduled[]; error?: undefined } | { newWork: Scheduled[]; error: string };

const describeScheduled = (s: Scheduled): string =>
  s.kind === 'timer' ? 'a durable timer' : s.kind === 'activity' ? `activity '${s.name}'` : `sub-orchestration '${s.name}'`;

const describeRecorded = (e: HistoryEvent): string =>
  e.EventType === EventType.TimerCreated
    ? 'a durable timer'
    : e.EventType === EventType.TaskScheduled
      ? `activity '${e.Name ?? ''}'`
      : `sub-orchestration '${e.Name ?? ''}'`;

const kindOf = (e: HistoryEvent): Scheduled['kind'] =>
  e.EventType === EventType.TimerCreated ? 'timer' : e.EventType === EventType.TaskScheduled ? 'activity' : 'subOrchestration';

const suffix = ' Was a change made to the orchestrator code after this instance had already started running?';

/**
 * Splits `scheduled` into what history already holds and what is new; reports the first id
 * whose kind or name differs from the recorded scheduling event, or a recorded id the replay
 * never reached.
 */
export function reconcile(history: readonly HistoryEvent[], scheduled: readonly Scheduled[]): ReconcileResult {
  const recorded = new Map<number, HistoryEvent>();
  for (const event of history) if (isSchedulingEvent(event)) recorded.set(event.EventId, event);
  const newWork: Scheduled[] = [];
  for (const s of scheduled) {
    const past = recorded.get(s.id);
    if (!past) {
      newWork.push(s);
      continue;
    }
    recorded.delete(s.id);
    const sameName = s.kind === 'timer' || past.Name === s.name;
    if (kindOf(past) !== s.kind || !sameName) {
      return {
        newWork: [],
        error:
          `Non-Deterministic workflow detected: A previous execution of this orchestration scheduled ${describeRecorded(past)} with sequence ID ${s.id}, ` +
          `but the current replay execution scheduled ${describeScheduled(s)} at that sequence ID.${suffix}`,
      };
    }
  }
  const [missing] = recorded.values();
  if (missing) {
    return {
      newWork: [],
      error:
        `Non-Deterministic workflow detected: A previous execution of this orchestration scheduled ${describeRecorded(missing)} with sequence ID ${missing.EventId}, ` +
        `but the current replay execution hasn't (yet?) scheduled this task.${suffix}`,
    };
  }
  return { newWork };
}
