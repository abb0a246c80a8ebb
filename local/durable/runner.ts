/**
 * How the engine calls the app: orchestrators with the extension's trigger payload, activities
 * with their input. {@link hostRunner} adapts the local host's invoker; tests may fake it.
 */
import type { RegisteredFunction, RpcTypedData } from '../host/core-api.js';
import type { FunctionIndex } from '../host/function-index.js';
import type { Invoker } from '../host/invoker.js';
import { extractFailureState, parseOrchestratorState, type OrchestratorState } from './actions.js';
import type { HistoryEvent } from './history.js';

/** The orchestrationTrigger payload the Durable extension sends (reference B.5). */
export interface OrchestrationTriggerInput {
  history: HistoryEvent[];
  input: unknown;
  instanceId: string;
  isReplaying: boolean;
  parentInstanceId: string | null;
  upperSchemaVersion: 1;
  upperSchemaVersionNew: 2;
  longRunningTimerIntervalDuration: string;
  maximumShortTimerDuration: string;
  defaultHttpAsyncRequestSleepTimeMillseconds: number;
}

/** An orchestrator run: its state, or a failure (with the state embedded in the error, if any). */
export type OrchestratorOutcome =
  | { ok: true; state: OrchestratorState }
  | { ok: false; state: OrchestratorState | undefined; error: string; details: string };

/** An activity run: JSON text of the result, or the failure as TaskFailed carries it. */
export type ActivityOutcome = { ok: true; result: string } | { ok: false; reason: string; details: string };

/** The app's durable functions, as the engine sees them. */
export interface FunctionRunner {
  /** The registered name of an orchestrator (names are case-insensitive), or undefined. */
  orchestratorName(name: string): string | undefined;
  runOrchestrator(name: string, trigger: OrchestrationTriggerInput): Promise<OrchestratorOutcome>;
  /** Runs an activity; `input` is JSON text (undefined for none). Never rejects. */
  runActivity(name: string, input: string | undefined): Promise<ActivityOutcome>;
}

/** Decodes RPC typed data as the Durable extension reads a function's return value. */
export function decodeTypedData(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data ?? undefined;
  const d = data as RpcTypedData;
  if (d.json !== undefined) return JSON.parse(d.json) as unknown;
  if (d.string !== undefined) return d.string;
  if (d.int !== undefined) return Number(d.int);
  if (d.double !== undefined) return Number(d.double);
  if (d.bytes !== undefined) return Buffer.from(d.bytes).toString('base64');
  return undefined;
}

const errorParts = (error: unknown): { message: string; details: string } =>
  error instanceof Error ? { message: error.message, details: error.stack ?? '' } : { message: String(error), details: '' };

/** A {@link FunctionRunner} over the local host's registrations and invoker. */
export function hostRunner(index: FunctionIndex, invoker: Invoker): FunctionRunner {
  const byName = (type: string): Map<string, RegisteredFunction> =>
    new Map((index.byTrigger.get(type) ?? []).map((fn) => [fn.metadata.name.toLowerCase(), fn]));
  const orchestrators = byName('orchestrationtrigger');
  const activities = byName('activitytrigger');
  return {
    orchestratorName: (name) => orchestrators.get(name.toLowerCase())?.metadata.name,
    async runOrchestrator(name, trigger) {
      const fn = orchestrators.get(name.toLowerCase());
      if (!fn) return { ok: false, state: undefined, error: `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`, details: '' };
      try {
        const outcome = await invoker.invokeTrigger(fn, { string: JSON.stringify(trigger) });
        return { ok: true, state: parseOrchestratorState(decodeTypedData(outcome.response.returnValue)) };
      } catch (error) {
        const { message, details } = errorParts(error);
        const state = extractFailureState(message);
        return { ok: false, state, error: state?.error ?? message, details };
      }
    },
    async runActivity(name, input) {
      const fn = activities.get(name.toLowerCase());
      if (!fn) return { ok: false, reason: `The function '${name}' doesn't exist, is disabled, or is not an activity function.`, details: '' };
      try {
        const outcome = await invoker.invokeTrigger(fn, { json: input ?? 'null' });
        const result = decodeTypedData(outcome.response.returnValue);
        return { ok: true, result: JSON.stringify(result ?? null) };
      } catch (error) {
        const { message, details } = errorParts(error);
        return { ok: false, reason: `Activity function '${fn.metadata.name}' failed: ${message}`, details };
      }
    },
  };
}
