import path from 'node:path';
import type { Clock } from '../host/clock.js';
import type { FunctionIndex } from '../host/function-index.js';
import type { Invoker } from '../host/invoker.js';
import type { Logger } from '../host/logger.js';
import { DurableEngine } from './engine.js';
import { MemoryStore } from './memory-store.js';
import { hostRunner } from './runner.js';
import { SqliteStore } from './sqlite-store.js';

/** What the host hands the engine. */
export interface HostEngineSettings {
  index: FunctionIndex;
  invoker: Invoker;
  clock: Clock;
  logger: Logger;
  /** host.json `extensions.durableTask`. */
  durableTask: Record<string, unknown>;
  store: 'sqlite' | 'memory';
  dataDir: string;
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && value > 0 ? value : undefined);

/**
 * Builds the host's durable engine over the app's orchestration and activity functions,
 * honouring host.json `maxConcurrentActivityFunctions` / `maxConcurrentOrchestratorFunctions`.
 * The SQLite store lives at `<dataDir>/durable.sqlite`. Not started.
 */
export function createDurableEngine(settings: HostEngineSettings): DurableEngine {
  const { durableTask, logger } = settings;
  const activities = positive(durableTask.maxConcurrentActivityFunctions);
  const orchestrators = positive(durableTask.maxConcurrentOrchestratorFunctions);
  return new DurableEngine({
    store: settings.store === 'memory' ? new MemoryStore() : new SqliteStore(path.join(settings.dataDir, 'durable.sqlite')),
    runner: hostRunner(settings.index, settings.invoker),
    clock: settings.clock,
    ...(activities ? { maxConcurrentActivityFunctions: activities } : {}),
    ...(orchestrators ? { maxConcurrentOrchestratorFunctions: orchestrators } : {}),
    onError: (message, error) => logger.log('error', 'Host.Durable', `${message} ${(error as Error)?.stack ?? String(error)}`),
  });
}
