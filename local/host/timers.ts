import type { Clock } from './clock.js';
import type { FunctionIndex } from './function-index.js';
import { resolveAppSettings } from './function-index.js';
import type { Invoker } from './invoker.js';
import type { Logger } from './logger.js';
import { parseTimerSchedule } from './ncrontab.js';
import { TimerRunner } from './timer-scheduler.js';

/** The running timers of the app. */
export interface TimerSet {
  runners: Map<string, TimerRunner>;
  stop(): Promise<void>;
}

/** What timers need from the host. */
export interface TimerDeps {
  invoker: Invoker;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  statusDir: string;
}

/**
 * Starts a {@link TimerRunner} for every timer trigger. Schedules may name an app setting
 * (`%SETTING%`); the time zone is `WEBSITE_TIME_ZONE` (IANA name) or UTC. A bad schedule
 * stops the host from starting, naming the function.
 */
export async function startTimers(index: FunctionIndex, deps: TimerDeps): Promise<TimerSet> {
  const runners = new Map<string, TimerRunner>();
  for (const { fn, binding } of index.timers) {
    const name = fn.metadata.name;
    let schedule;
    try {
      schedule = parseTimerSchedule(resolveAppSettings(String(binding.schedule ?? ''), deps.env), deps.env.WEBSITE_TIME_ZONE ?? 'UTC');
    } catch (error) {
      throw new Error(`Timer function "${name}": ${(error as Error).message}`);
    }
    const runner = new TimerRunner({
      functionName: name,
      schedule,
      runOnStartup: binding.runOnStartup === true,
      useMonitor: binding.useMonitor !== false,
      clock: deps.clock,
      statusDir: deps.statusDir,
      invoke: async (payload) => {
        await deps.invoker.invokeTrigger(fn, { json: JSON.stringify(payload) });
      },
      onError: (error) => deps.logger.log('error', `Function.${name}`, `Timer invocation failed: ${(error as Error)?.stack ?? String(error)}`),
    });
    runners.set(name, runner);
  }
  for (const runner of runners.values()) await runner.start();
  return {
    runners,
    stop: async () => {
      await Promise.all([...runners.values()].map((r) => r.stop()));
    },
  };
}
