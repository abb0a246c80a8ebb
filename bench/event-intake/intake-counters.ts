import type { DurableEngine } from '../../local/durable/engine.js';
import type { Logger } from '../../local/host/logger.js';

/** What the release handler reported per event, from its log lines. */
export interface HandlerCounts {
  /** `startNew` created (or replaced a finished) intake instance. */
  started: number;
  /** `startNew` answered 409: the intake of that release was still running. */
  duplicateRunning: number;
  /** Skipped before `startNew`: the handler accepted that release lately. */
  duplicateRecent: number;
  /** Malformed or foreign events (logged, consumed). */
  rejected: number;
}

/**
 * A silent logger that counts the release handler's outcomes per event (its `context.log`
 * lines), so the bench can tell duplicates absorbed by a running intake from duplicates that
 * arrived after it finished and started it again.
 */
export function countingLogger(): { logger: Logger; counts: HandlerCounts } {
  const counts: HandlerCounts = { started: 0, duplicateRunning: 0, duplicateRecent: 0, rejected: 0 };
  const logger: Logger = {
    log(_level, category, message) {
      if (!category.startsWith('Function.releaseEvents')) return;
      if (message.includes('accepted lately (duplicate delivery)')) counts.duplicateRecent++;
      else if (message.includes('already running (duplicate delivery)')) counts.duplicateRunning++;
      else if (/: intake .* started\.$/.test(message)) counts.started++;
      else if (message.startsWith('Rejected a release event')) counts.rejected++;
    },
  };
  return { logger, counts };
}

/** Instances by runtime status, and auto-upgrade trigger outcomes by kind. */
export interface EngineCounts {
  intakes: Record<string, number>;
  triggers: Record<string, number>;
  triggerOutcomes: Record<string, number>;
  runs: Record<string, number>;
}

const tally = (into: Record<string, number>, key: string): void => {
  into[key] = (into[key] ?? 0) + 1;
};

/** Counts the instances the intake left in the engine (the last execution of each id). */
export async function engineCounts(engine: DurableEngine): Promise<EngineCounts> {
  const counts: EngineCounts = { intakes: {}, triggers: {}, triggerOutcomes: {}, runs: {} };
  for (const [prefix, into] of [['release|', counts.intakes], ['autoupgrade|', counts.triggers], ['updaterun|', counts.runs]] as const) {
    const { instances } = await engine.query({ instanceIdPrefix: prefix, showInput: false });
    for (const instance of instances) {
      // Only the run orchestrations themselves, not their group/batch sub-orchestrations.
      if (prefix === 'updaterun|' && instance.instanceId.split('|').length !== 6) continue;
      tally(into, instance.runtimeStatus);
      if (prefix === 'autoupgrade|') tally(counts.triggerOutcomes, (instance.output as { kind?: string } | null)?.kind ?? 'none');
    }
  }
  return counts;
}
