/**
 * Messages that become visible later (durable timers, retry delays), in fire order, and the
 * loop that sleeps on the clock until the earliest is due. Sleeping re-arms whenever an
 * earlier message arrives or the earliest is removed.
 */
import type { Clock } from '../host/clock.js';
import type { MessageRecord } from './store.js';

/** Future messages and the clock loop that releases them. */
export class TimerQueue {
  #messages: MessageRecord[] = [];
  #abort = new AbortController();
  #armedFor: number | null = null;
  #stopped = true;

  constructor(
    readonly clock: Clock,
    /** Receives due messages, oldest first. */
    readonly onDue: (messages: MessageRecord[]) => void,
  ) {}

  /** Whether the loop is asleep until the earliest message (so nothing is due right now). */
  get settled(): boolean {
    return this.#stopped || this.#armedFor === (this.#messages[0]?.visibleAt ?? null);
  }

  /** Queued messages of one instance. */
  forInstance(instanceId: string): MessageRecord[] {
    return this.#messages.filter((m) => m.instanceId === instanceId);
  }

  /** Adds a message, waking the loop when it is now the earliest. */
  add(m: MessageRecord): void {
    let i = this.#messages.length;
    while (i > 0 && (this.#messages[i - 1]?.visibleAt ?? 0) > m.visibleAt) i--;
    this.#messages.splice(i, 0, m);
    if (i === 0) this.#abort.abort();
  }

  /** Removes the messages with these ids. */
  remove(ids: ReadonlySet<number>): void {
    const before = this.#messages.length;
    this.#messages = this.#messages.filter((m) => !ids.has(m.id));
    if (this.#messages.length !== before) this.#abort.abort();
  }

  /** Starts the loop. */
  start(): void {
    this.#stopped = false;
    void this.#loop();
  }

  /** Stops the loop; queued messages stay queued. */
  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      this.#abort = new AbortController();
      const first = this.#messages[0];
      this.#armedFor = first?.visibleAt ?? null;
      this.onDue([]);
      const signal = this.#abort.signal;
      if (first) await this.clock.sleepUntil(new Date(first.visibleAt), signal);
      else await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      this.#armedFor = -1;
      const now = this.clock.now().getTime();
      const due: MessageRecord[] = [];
      while (this.#messages[0] && this.#messages[0].visibleAt <= now) {
        const next = this.#messages.shift();
        if (next) due.push(next);
      }
      this.onDue(due);
    }
  }
}
