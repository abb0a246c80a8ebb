import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from './clock.js';
import type { TimerSchedule } from './ncrontab.js';

/** The schedule status the Functions host keeps per timer (its "schedule monitor"). */
export interface ScheduleStatus {
  Last: string;
  Next: string;
  LastUpdated: string;
}

/** The timer trigger value exactly as the host sends it (the library camel-cases it). */
export interface TimerTriggerPayload {
  Schedule: { AdjustForDST: boolean };
  ScheduleStatus: ScheduleStatus | null;
  IsPastDue: boolean;
}

/** How a timer is set up. */
export interface TimerOptions {
  functionName: string;
  schedule: TimerSchedule;
  runOnStartup: boolean;
  useMonitor: boolean;
  clock: Clock;
  /** Where schedule status is kept; `undefined` keeps it in memory only. */
  statusDir: string | undefined;
  invoke(payload: TimerTriggerPayload): Promise<void>;
  onError(error: unknown): void;
}

/**
 * Runs one timer trigger as the Functions host does: fires at each occurrence, one run at a
 * time (occurrences missed while a run is busy are skipped), keeps schedule status, runs once
 * at start when `runOnStartup`, and when the host was down over an occurrence, invokes once
 * with `IsPastDue: true` at start instead of replaying every missed occurrence.
 */
export class TimerRunner {
  readonly #options: TimerOptions;
  readonly #abort = new AbortController();
  #status: ScheduleStatus | undefined;
  #done: Promise<void> | undefined;

  constructor(options: TimerOptions) {
    this.#options = options;
  }

  /** The current schedule status (for `GET /admin/functions/{name}/status`-style inspection). */
  get status(): ScheduleStatus | undefined {
    return this.#status;
  }

  /** Starts the loop; resolves once the start-up decision (past due / run on startup) is made. */
  async start(): Promise<void> {
    const { clock, schedule } = this.#options;
    const stored = this.#options.useMonitor ? await this.#readStatus() : undefined;
    const now = clock.now();
    const pastDue = stored !== undefined && new Date(stored.Next).getTime() < now.getTime();
    this.#status = stored ?? { Last: new Date(0).toISOString(), Next: schedule.next(now).toISOString(), LastUpdated: now.toISOString() };
    const runNow = pastDue || this.#options.runOnStartup;
    this.#done = this.#loop(runNow, pastDue);
  }

  /** Stops the loop and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }

  async #loop(runNow: boolean, pastDue: boolean): Promise<void> {
    const { clock, schedule } = this.#options;
    const signal = this.#abort.signal;
    if (runNow) await this.#run(pastDue, clock.now());
    let next = schedule.next(clock.now());
    await this.#saveStatus({ ...this.#current(), Next: next.toISOString() });
    while (!signal.aborted) {
      await clock.sleepUntil(next, signal);
      if (signal.aborted) break;
      await this.#run(false, next);
      next = schedule.next(new Date(Math.max(clock.now().getTime(), next.getTime())));
      await this.#saveStatus({ ...this.#current(), Next: next.toISOString() });
    }
  }

  #current(): ScheduleStatus {
    return this.#status as ScheduleStatus;
  }

  async #run(isPastDue: boolean, occurrence: Date): Promise<void> {
    const payload: TimerTriggerPayload = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: this.#options.useMonitor ? { ...this.#current() } : null,
      IsPastDue: isPastDue,
    };
    try {
      await this.#options.invoke(payload);
    } catch (error) {
      this.#options.onError(error);
    }
    await this.#saveStatus({ ...this.#current(), Last: occurrence.toISOString() });
  }

  #statusFile(): string | undefined {
    const dir = this.#options.statusDir;
    return dir ? path.join(dir, `${this.#options.functionName}.status.json`) : undefined;
  }

  async #readStatus(): Promise<ScheduleStatus | undefined> {
    const file = this.#statusFile();
    if (!file) return undefined;
    try {
      return JSON.parse(await readFile(file, 'utf8')) as ScheduleStatus;
    } catch {
      return undefined;
    }
  }

  async #saveStatus(status: Omit<ScheduleStatus, 'LastUpdated'>): Promise<void> {
    this.#status = { ...status, LastUpdated: this.#options.clock.now().toISOString() };
    const file = this.#statusFile();
    if (!file || !this.#options.useMonitor) return;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(this.#status));
  }
}
