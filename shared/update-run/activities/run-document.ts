import { isStoreConditionError, type FleetStore, type StoredDocument } from '../../store/fleet-store.js';
import type { StoredUpdateRun } from '../runtime.js';

/** Thrown when the run document is gone (deleted while running): nothing more to record. */
export class RunMissingError extends Error {
  override readonly name = 'RunMissingError';
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier call for the same key in this process (status writes of one run stay in order locally). */
async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const current = previous.then(work, work);
  locks.set(key, current.catch(() => undefined));
  try {
    return await current;
  } finally {
    if (locks.get(key) === current) locks.delete(key);
  }
}

/**
 * Read-modify-write of a run document with optimistic concurrency: `change` gets the stored run
 * and returns the new one (or undefined for "no write"); a concurrent writer (another host) makes
 * it re-read and re-apply. Writes for one run are also serialized in this process.
 */
export async function updateRunDocument<R>(store: FleetStore, runId: string, change: (run: StoredUpdateRun) => { run?: StoredUpdateRun; result: R }): Promise<R> {
  return serialized(runId.toLowerCase(), async () => {
    for (let attempt = 0; ; attempt++) {
      const stored: StoredDocument<StoredUpdateRun> | undefined = await store.get<StoredUpdateRun>(runId);
      if (!stored) throw new RunMissingError(`Update run ${runId} no longer exists.`);
      const { run, result } = change(structuredClone(stored.value));
      if (!run) return result;
      try {
        await store.put(runId, run, { ifMatch: stored.etag });
        return result;
      } catch (error) {
        if (!isStoreConditionError(error) || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
      }
    }
  });
}
