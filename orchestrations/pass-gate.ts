import type { OrchestrationContext, Task } from 'durable-functions';
import type { PlannedGate } from '../shared/update-run/plan.js';
import { gateEventName, type ControlEvent } from '../shared/update-run/runtime.js';
import { callActivity, nowIso } from './call-activity.js';
import { waitFor } from './wait-for.js';

/** Where a gate waits and how control events reach it. */
export interface GateContext {
  runId: string;
  stageName: string;
  groupName?: string;
  /** The open `control` event task of the waiting orchestration (kept across waits). */
  control: () => Task;
  /** Replaces the control task once it has fired. */
  renewControl: () => void;
  /** Whether a control event means this gate's stage or group is skipped or the run stops. */
  ends: (event: ControlEvent) => 'stopped' | 'skipped' | undefined;
  /** A timed wait that runs while the gate waits (the after-stage wait), ended here when it elapses or is skipped. */
  alongside?: AlongsideWait;
}

/** A timed wait running at the same time as a gate. */
export interface AlongsideWait {
  until: Date;
  /** Whether a control event skips the wait (and only the wait). */
  skippedBy: (event: ControlEvent) => boolean;
  /** Records the wait's end. */
  end: (state: 'Completed' | 'Skipped') => Generator<Task, void, unknown>;
}

/**
 * Passes one gate: creates the gate resource (a deterministic GUID name) when the run reaches it,
 * then waits for its approval (`PATCH state=Completed` raises the gate's event), for a
 * ScheduledStart gate's time, or for a stop or skip — whichever comes first. A wait running
 * `alongside` (the after-stage wait) is ended here when its time comes or it is skipped, so its
 * status is right while the gate still waits.
 */
export function* passGate(context: OrchestrationContext, gate: PlannedGate, gates: GateContext): Generator<Task, 'Completed' | 'stopped' | 'skipped', unknown> {
  const gateName = context.df.newGuid(`${context.df.instanceId}|${gate.stage}|${gate.group ?? '-'}|${gate.timing}|${gate.index}`);
  const opened = yield* callActivity(context, 'openGate', {
    runId: gates.runId,
    gateName,
    gate,
    stageName: gates.stageName,
    ...(gates.groupName !== undefined ? { groupName: gates.groupName } : {}),
    waiter: context.df.instanceId,
    now: nowIso(context),
  });
  if (opened.state === 'Completed') return 'Completed';
  const approval = context.df.waitForExternalEvent(gateEventName(gateName));
  const completeAt = opened.completeAt ? new Date(opened.completeAt) : undefined;
  let alongside = gates.alongside;
  for (;;) {
    // The wait that runs alongside ends on its own time, even while the gate still waits.
    const waitFirst = alongside !== undefined && (completeAt === undefined || alongside.until < completeAt) ? alongside : undefined;
    const outcome = yield* waitFor(context, { approval, control: gates.control() }, waitFirst ? waitFirst.until : completeAt);
    if (outcome.kind === 'timer' && waitFirst) {
      yield* waitFirst.end('Completed');
      alongside = undefined;
      continue;
    }
    if (outcome.kind === 'timer' || outcome.key === 'approval') {
      yield* callActivity(context, 'closeGate', { runId: gates.runId, gateName, gate, state: 'Completed', now: nowIso(context) });
      return 'Completed';
    }
    gates.renewControl();
    const event = outcome.data as ControlEvent;
    if (alongside?.skippedBy(event)) {
      yield* alongside.end('Skipped');
      alongside = undefined;
    }
    const ended = gates.ends(event);
    if (ended) {
      yield* callActivity(context, 'closeGate', { runId: gates.runId, gateName, gate, state: 'Skipped', now: nowIso(context) });
      return ended;
    }
  }
}
