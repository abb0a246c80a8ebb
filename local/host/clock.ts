/**
 * Time for the local host. Production runs on {@link SystemClock}; tests pass a
 * {@link VirtualClock} and move time forward themselves, so no test sleeps on wall time.
 */
export interface Clock {
  now(): Date;
  /** Resolves when the clock reaches `when` (at once if it already has), or when `signal` aborts. */
  sleepUntil(when: Date, signal?: AbortSignal): Promise<void>;
}

/** The largest delay `setTimeout` accepts; longer sleeps are chained. */
const maxTimeoutMs = 2 ** 31 - 1;

/** Wall-clock time. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  sleepUntil(when: Date, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      let handle: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        clearTimeout(handle);
        resolve();
      };
      const arm = (): void => {
        const remaining = when.getTime() - Date.now();
        if (remaining <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        handle = setTimeout(arm, Math.min(remaining, maxTimeoutMs));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    });
  }
}

interface Sleeper {
  at: number;
  resolve: () => void;
}

/** Lets pending promise callbacks and I/O callbacks run before time moves again. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A clock that only moves when told to. Sleepers wake in time order as it advances. */
export class VirtualClock implements Clock {
  #now: number;
  #sleepers: Sleeper[] = [];

  constructor(start: Date = new Date('2026-01-01T00:00:00Z')) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** How many sleepers are waiting; lets tests wait until the system is idle on the clock. */
  get pendingSleepers(): number {
    return this.#sleepers.length;
  }

  /** The time the earliest sleeper wakes, if any. */
  get nextWake(): Date | undefined {
    const first = this.#sleepers[0];
    return first ? new Date(first.at) : undefined;
  }

  sleepUntil(when: Date, signal?: AbortSignal): Promise<void> {
    if (when.getTime() <= this.#now || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = { at: when.getTime(), resolve };
      this.#sleepers.push(sleeper);
      this.#sleepers.sort((a, b) => a.at - b.at);
      signal?.addEventListener('abort', () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        resolve();
      }, { once: true });
    });
  }

  /**
   * Resolves once at least `count` sleepers wait on the clock (work that does real I/O between
   * sleeps may need a moment to arm its next sleep). Rejects after `timeoutMs` of real time.
   */
  async whenSleeping(count = 1, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#sleepers.length < count) {
      if (Date.now() > deadline) throw new Error(`Expected ${count} sleeper(s) on the virtual clock, found ${this.#sleepers.length}.`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** Moves time forward by `ms`, waking each sleeper at its own time, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(new Date(this.#now + ms));
  }

  /** Moves time forward to `target` (never backwards). */
  async advanceTo(target: Date): Promise<void> {
    const end = target.getTime();
    await settle();
    for (;;) {
      const first = this.#sleepers[0];
      if (!first || first.at > end) break;
      this.#sleepers.shift();
      this.#now = Math.max(this.#now, first.at);
      first.resolve();
      await settle();
    }
    this.#now = Math.max(this.#now, end);
    await settle();
  }
}
