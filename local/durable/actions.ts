/**
 * The OrchestratorState a `durable-functions` orchestrator returns (reference B.6), parsed
 * from the function's return value into plain typed data.
 */

/** `ActionType` numbers (durable-js src/actions/ActionType.ts). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

/** Retry options as the SDK serialises them. */
export interface RetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

/** One action, as serialised by the SDK (only the fields the engine reads). */
export interface Action {
  actionType: number;
  functionName?: string;
  input?: unknown;
  instanceId?: string;
  retryOptions?: RetryOptions;
  fireAt?: string;
  isCanceled?: boolean;
  externalEventName?: string;
  compoundActions?: Action[];
}

/** The orchestrator's returned (or thrown) state. */
export interface OrchestratorState {
  isDone: boolean;
  /** The V3 layout's single inner list: every action since the execution began. */
  actions: Action[];
  output: unknown;
  error: string | undefined;
  customStatus: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Flattens V1 (`[[a],[b,c]]`) or V2/V3 (`[[a,b,c]]`) layouts into one ordered list. */
const flatten = (actions: unknown): Action[] => {
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((inner: unknown) => (Array.isArray(inner) ? inner : [inner])).filter(isRecord) as unknown as Action[];
};

/** Parses an OrchestratorState; throws when `value` is not one. */
export function parseOrchestratorState(value: unknown): OrchestratorState {
  if (!isRecord(value) || typeof value.isDone !== 'boolean') {
    throw new Error(`The orchestrator returned something that is not an OrchestratorState: ${JSON.stringify(value)?.slice(0, 200)}`);
  }
  return {
    isDone: value.isDone,
    actions: flatten(value.actions),
    output: value.output,
    error: typeof value.error === 'string' ? value.error : undefined,
    customStatus: value.customStatus,
  };
}

/** The marker the extension splits a failed orchestrator's error message on. */
export const outOfProcDataLabel = '$OutOfProcData$:';

/**
 * Extracts the state embedded in an OrchestrationFailureError message
 * (`"<error>$OutOfProcData$:" + JSON`), or undefined when there is none.
 */
export function extractFailureState(message: string): OrchestratorState | undefined {
  const at = message.indexOf(outOfProcDataLabel);
  if (at < 0) return undefined;
  try {
    return parseOrchestratorState(JSON.parse(message.slice(at + outOfProcDataLabel.length)));
  } catch {
    return undefined;
  }
}

/**
 * The value an activity (or a continued-as-new execution) receives for an action input: the
 * SDK JSON-encodes string inputs once more (`Utils.processInput`), and Azure hands the
 * activity the original string, so one level of encoding is undone here.
 */
export function unwrapProcessedInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}
