/**
 * The stand-in for the Functions worker's built-in `@azure/functions-core` module.
 *
 * `@azure/functions` (v4 programming model) looks this module up lazily, sets its programming
 * model once and registers every function through it. The real worker forwards registrations
 * to the host over gRPC; here they land in a {@link FunctionRegistry} that the local host serves.
 */

/** A binding as `@azure/functions` describes it in function metadata (RPC shape). */
export interface RpcBindingInfo {
  type?: string | null;
  direction?: 'in' | 'out' | 'inout' | null;
  dataType?: string | null;
  properties?: Record<string, string> | null;
  [setting: string]: unknown;
}

/** The metadata `@azure/functions` passes to `registerFunction`. */
export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
  retryOptions?: unknown;
}

/** The callback registered for a function: the handler, called by the invocation model. */
export type FunctionCallback = (...args: unknown[]) => unknown;

/** One captured function registration. */
export interface RegisteredFunction {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

/** RPC typed data as the host sends it to the worker. */
export interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  int?: number;
  double?: number;
  http?: unknown;
}

/** What the invocation model receives as `coreCtx.request`. */
export interface RpcInvocationRequest {
  inputData?: { name: string; data: RpcTypedData }[];
  triggerMetadata?: Record<string, RpcTypedData>;
  retryContext?: unknown;
  traceContext?: unknown;
}

/** The result of `getResponse`: the RPC invocation response body. */
export interface RpcInvocationResponse {
  invocationId?: string;
  returnValue?: unknown;
  outputData?: { name: string; data: unknown }[];
}

/** The core context handed to `ProgrammingModel.getInvocationModel`. */
export interface CoreInvocationContext {
  invocationId: string;
  request: RpcInvocationRequest;
  metadata: FunctionMetadata;
  state?: 'preInvocationHooks' | 'postInvocationHooks' | 'invocation';
  log(level: string, category: string, message: string): void;
}

/** The invocation model the programming model creates per invocation. */
export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}

/** The programming model `@azure/functions` installs with `setProgrammingModel`. */
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: CoreInvocationContext): InvocationModel;
}

/** The hook names the worker runs. */
export const hookNames = ['appStart', 'appTerminate', 'preInvocation', 'postInvocation'] as const;
/** One of {@link hookNames}. */
export type HookName = (typeof hookNames)[number];
/** A hook callback as registered by `@azure/functions` `app.hook.*`. */
export type HookCallback = (context: Record<string, unknown>) => unknown;

/** Something to dispose, as the worker's `Disposable`. */
export class Disposable {
  readonly #callOnDispose: () => void;
  /** Creates a disposable that runs `callOnDispose` once. */
  constructor(callOnDispose: () => void) {
    this.#callOnDispose = callOnDispose;
  }
  /** Combines several disposables into one. */
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  /** Runs the dispose action. */
  dispose(): void {
    this.#callOnDispose();
  }
}

/** A log line from the app, the library or the host. */
export interface LogRecord {
  level: string;
  category: string;
  message: string;
  functionName?: string;
  invocationId?: string;
}

/** Everything the app registered through the core API. One per process, as in the worker. */
export class FunctionRegistry {
  readonly functions = new Map<string, RegisteredFunction>();
  readonly hooks = new Map<HookName, HookCallback[]>();
  programmingModel: ProgrammingModel | undefined;
  /** Shared by every hook of the app's lifetime, as the worker's `appHookData`. */
  readonly appHookData: Record<string, unknown> = {};
  /** Receives logs that the app or library emits outside an invocation. */
  logSink: (record: LogRecord) => void = () => undefined;

  /** Registers a function; duplicate names are an error, as in the worker. */
  register(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    const key = metadata.name.toLowerCase();
    if (this.functions.has(key)) {
      throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
    }
    this.functions.set(key, { metadata, callback });
    return new Disposable(() => this.functions.delete(key));
  }

  /** Finds a function by name, case-insensitively as the host does. */
  get(name: string): RegisteredFunction | undefined {
    return this.functions.get(name.toLowerCase());
  }

  /** Registers a hook callback. */
  addHook(name: HookName, callback: HookCallback): Disposable {
    const list = this.hooks.get(name) ?? [];
    list.push(callback);
    this.hooks.set(name, list);
    return new Disposable(() => list.splice(list.indexOf(callback), 1));
  }

  /** Runs the hooks of one kind in registration order. */
  async runHooks(name: HookName, context: Record<string, unknown>): Promise<void> {
    for (const hook of [...(this.hooks.get(name) ?? [])]) {
      await hook(context);
    }
  }
}

/** Builds the object that `require('@azure/functions-core')` returns. */
export function createCoreApi(registry: FunctionRegistry): Record<string, unknown> {
  return {
    version: '3.10.1',
    hostVersion: '4.1040.0',
    Disposable,
    registerFunction: (metadata: FunctionMetadata, callback: FunctionCallback) => registry.register(metadata, callback),
    setProgrammingModel: (model: ProgrammingModel) => {
      registry.programmingModel = model;
    },
    getProgrammingModel: () => registry.programmingModel,
    registerHook: (name: string, callback: HookCallback) => {
      if (!(hookNames as readonly string[]).includes(name)) {
        throw new RangeError(`Unknown hook "${name}". Supported: ${hookNames.join(', ')}.`);
      }
      return registry.addHook(name as HookName, callback);
    },
    log: (level: string, category: string, message: string) => registry.logSink({ level, category, message }),
  };
}
