import { isStoreConditionError, type FleetStore, type StoredDocument } from '../store/fleet-store.js';
import type { StoredUpdateRun } from './runtime.js';

/** Thrown when the run document is gone (deleted while running): nothing more to record. */
export class RunMissingError extends Error {
  override readonly name = 'RunMissingError';
}

/** A change to a run: mutate `run` and return it to write it, or return no `run` to write nothing. */
export type RunChange<R> = (run: StoredUpdateRun) => { run?: StoredUpdateRun; result: R };

interface Waiting {
  change: RunChange<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

interface RunQueue {
  waiting: Waiting[];
  draining: boolean;
}

const queues = new Map<string, RunQueue>();
/** The last version of each run this process wrote, so the next write skips a read. Small LRU. */
const recent = new Map<string, StoredDocument<StoredUpdateRun>>();
const recentLimit = 32;

function remember(key: string, document: StoredDocument<StoredUpdateRun>): void {
  recent.delete(key);
  recent.set(key, document);
  if (recent.size > recentLimit) recent.delete(recent.keys().next().value as string);
}

/** Applies one batch of changes to one version of the run and writes it once (retrying on a concurrent writer). */
async function writeBatch(store: FleetStore, runId: string, key: string, waiting: Waiting[]): Promise<void> {
  let batch = waiting;
  for (let attempt = 0; ; attempt++) {
    const current = recent.get(key) ?? (await store.get<StoredUpdateRun>(runId));
    if (!current) {
      for (const w of batch) w.reject(new RunMissingError(`Update run ${runId} no longer exists.`));
      return;
    }
    // Changes apply to the remembered version in place (a multi-megabyte clone per write costs more
    // than the write); a failed write forgets it, so the next attempt starts from the store.
    const run = current.value;
    let write = false;
    const outcomes = batch.map((w) => {
      try {
        const outcome = w.change(run);
        write ||= outcome.run !== undefined;
        return { ok: true as const, result: outcome.result };
      } catch (error) {
        return { ok: false as const, error };
      }
    });
    if (outcomes.some((o) => !o.ok)) {
      // A change that threw may have half-applied: forget this version and redo the others on a fresh read.
      recent.delete(key);
      batch.forEach((w, i) => {
        const outcome = outcomes[i];
        if (outcome && !outcome.ok) w.reject(outcome.error);
      });
      batch = batch.filter((_, i) => outcomes[i]?.ok);
      if (batch.length === 0) return;
      continue;
    }
    try {
      if (write) remember(key, await store.put(runId, run, { ifMatch: current.etag }));
    } catch (error) {
      recent.delete(key);
      if (isStoreConditionError(error) && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) w.resolve(outcome.result);
    });
    return;
  }
}

async function drain(store: FleetStore, runId: string, key: string, queue: RunQueue): Promise<void> {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) await writeBatch(store, runId, key, queue.waiting.splice(0));
  } finally {
    queue.draining = false;
    queues.delete(key);
  }
}

/**
 * Read-modify-write of a run document with optimistic concurrency. Changes arriving while a
 * write is in flight are applied together in the next write (one store write per batch, not per
 * change — a 10,000-member status tree is megabytes); a concurrent writer elsewhere makes the
 * batch re-read and re-apply. `change` must be a pure function of the run it is given.
 */
export function updateRunDocument<R>(store: FleetStore, runId: string, change: RunChange<R>): Promise<R> {
  const key = runId.toLowerCase();
  let queue = queues.get(key);
  if (!queue) {
    queue = { waiting: [], draining: false };
    queues.set(key, queue);
  }
  const promise = new Promise<R>((resolve, reject) => queue.waiting.push({ change: change as RunChange<unknown>, resolve: resolve as (r: unknown) => void, reject }));
  if (!queue.draining) void drain(store, runId, key, queue);
  return promise;
}
