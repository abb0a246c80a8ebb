import type { Gate, UpdateRun } from '../fleet/models.js';
import type { RunPlan } from './plan.js';

/** A skip request (reference §2.7). */
export interface SkipTarget {
  type: 'Member' | 'Group' | 'Stage' | 'AfterStageWait';
  name: string;
}

/**
 * What the orchestration keeps on a run document besides its ARM shape (never served by the
 * API): how often it was started, the frozen plan, requested skips and stop, and the instances
 * that listen for control events (stop/skip) right now.
 */
export interface RunRuntime {
  generation: number;
  plan?: RunPlan;
  /** Node image versions chosen for `Consistent` (or given by `Custom`), per image family. */
  nodeImages?: Record<string, string>;
  skips: SkipTarget[];
  stopRequested?: boolean;
  listeners: string[];
}

/** A run document as stored. */
export type StoredUpdateRun = UpdateRun & { runtime?: RunRuntime };

/** What the orchestration keeps on a gate document: which instance waits for it, under which event. */
export interface GateRuntime {
  waiter: string;
  eventName: string;
}

/** A gate document as stored. */
export type StoredGate = Gate & { runtime?: GateRuntime };

/** The control events the API raises on a run's listening instances. */
export type ControlEvent = { type: 'stop' } | { type: 'skip'; targets: SkipTarget[] };

/** The event name orchestrations wait on for control events. */
export const controlEventName = 'control';

/** The event name of a gate's completion. */
export const gateEventName = (gateName: string): string => `gate:${gateName}`;

/** An empty runtime for a run that was never started. */
export const newRuntime = (): RunRuntime => ({ generation: 0, skips: [], listeners: [] });
