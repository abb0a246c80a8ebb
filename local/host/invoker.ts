import type { FunctionRegistry, RegisteredFunction, RpcTypedData } from './core-api.js';
import type { DurableClientPayload } from './durable-client-binding.js';
import { triggerOf } from './function-index.js';
import { invokeFunction, type InvocationOutcome } from './invoke.js';
import { toLogLevel, type Logger } from './logger.js';

/** Builds the durable client payload for one binding (its `taskHub`/`connectionName` overrides). */
export type DurableClientFactory = (binding: Record<string, unknown>) => DurableClientPayload;

const durableClientTypes = new Set(['durableclient', 'orchestrationclient']);

/**
 * Invokes functions with their trigger value and every input binding the host supplies
 * (today: durable client bindings), logging each execution as the host does.
 */
export class Invoker {
  readonly registry: FunctionRegistry;
  readonly #logger: Logger;
  readonly #durableClient: DurableClientFactory;

  constructor(registry: FunctionRegistry, logger: Logger, durableClient: DurableClientFactory) {
    this.registry = registry;
    this.#logger = logger;
    this.#durableClient = durableClient;
  }

  /** Invokes `fn` with `trigger` as its trigger binding's data; rejects if the function fails. */
  async invokeTrigger(fn: RegisteredFunction, trigger: RpcTypedData, triggerMetadata?: Record<string, RpcTypedData>): Promise<InvocationOutcome> {
    const [triggerName] = triggerOf(fn);
    const inputData = [{ name: triggerName, data: trigger }];
    for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
      if (binding.direction === 'in' && durableClientTypes.has(String(binding.type).toLowerCase())) {
        inputData.push({ name, data: { string: JSON.stringify(this.#durableClient(binding)) } });
      }
    }
    const category = `Function.${fn.metadata.name}`;
    return invokeFunction(this.registry, fn, { inputData, ...(triggerMetadata ? { triggerMetadata } : {}) }, (record) => {
      this.#logger.log(toLogLevel(record.level), record.category === 'user' ? `${category}.User` : category, record.message);
    });
  }
}
