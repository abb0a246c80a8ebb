import type { ControlEvent } from '../update-run/runtime.js';

/**
 * What the Fleet API needs from Durable Functions to drive runs: start a run's orchestration and
 * raise events on running instances. The HTTP functions implement it with the durable client;
 * tests may give a fake typed against it.
 */
export interface RunControl {
  /** Starts generation `generation` of a run's orchestration (a deterministic instance id). */
  startRun(runId: string, generation: number): Promise<void>;
  /** Raises an event on each instance; instances that finished meanwhile are ignored. */
  raise(instanceIds: readonly string[], eventName: string, data: ControlEvent | Record<string, unknown>): Promise<void>;
}
