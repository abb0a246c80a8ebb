/**
 * Delivers one subscription's events: a queue ordered by due time, worked one attempt at a time
 * on the emulator's clock. Each attempt is recorded; failures are retried on Event Grid's
 * schedule or dead-lettered (see retry-policy.ts); the chaos settings add copies and hold-backs.
 */
import type { Clock } from '../../host/clock.js';
import { seededRandom } from '../../seeded-random.js';
import { planCopies } from './chaos.js';
import type { AcceptedEvent, ChaosSettings, DeadLetterRecord, DeliveryRecord, InputSchema, SubscriptionInfo } from './model.js';
import { decideAfterAttempt, expiresAt, type AttemptResult } from './retry-policy.js';
import { callWebhook } from './webhook-call.js';

/** What a dispatcher needs from the emulator. */
export interface DispatcherDeps {
  clock: Clock;
  speedFactor: number;
  /** How long an attempt may wait for an answer (emulator clock); Event Grid waits 30 s. */
  responseTimeoutMs: number;
  deadLetter(record: DeadLetterRecord): void;
  /** Called whenever the dispatcher may have become idle. */
  changed(): void;
}

interface Job {
  seq: number;
  event: AcceptedEvent;
  copy: number;
  attempts: number;
  publishedAt: number;
  dueAt: number;
}

/** Records kept per subscription; older ones are dropped first. */
const maxRecords = 10_000;

/** Resolves when the signal aborts (a parked loop uses no clock timer, so it never shows as a sleeper). */
const untilAborted = (signal: AbortSignal): Promise<void> => new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

const toAttemptResult = (r: Awaited<ReturnType<typeof callWebhook>>): AttemptResult => (r.kind === 'response' ? { kind: 'response', status: r.status } : r);

/** The delivery loop of one subscription. Starts at construction; `close()` stops it. */
export class SubscriptionDispatcher {
  readonly #deliveries: DeliveryRecord[] = [];
  #jobs: Job[] = [];
  #seq = 0;
  #delivering = false;
  #wake = new AbortController();
  #random: () => number;
  readonly #closed = new AbortController();

  constructor(
    readonly info: SubscriptionInfo,
    private readonly schema: InputSchema,
    private readonly deps: DispatcherDeps,
  ) {
    this.#random = seededRandom(info.chaos.seed);
    void this.#run();
  }

  /** Attempts so far, oldest first. */
  get deliveries(): DeliveryRecord[] {
    return [...this.#deliveries];
  }

  /** True when nothing is being delivered and nothing is due: all done, or waiting on a timer. */
  get idle(): boolean {
    const first = this.#jobs[0];
    return !this.#delivering && (first === undefined || first.dueAt > this.deps.clock.now().getTime());
  }

  /** Replaces the chaos settings (for events published from now on). */
  setChaos(chaos: ChaosSettings): void {
    this.info.chaos = chaos;
    this.#random = seededRandom(chaos.seed);
  }

  /** Queues an accepted event (and its chaos copies). */
  enqueue(event: AcceptedEvent): void {
    const now = this.deps.clock.now().getTime();
    for (const { copy, holdMs } of planCopies(this.info.chaos, this.#random)) this.#insert({ seq: this.#seq++, event, copy, attempts: 0, publishedAt: now, dueAt: now + holdMs });
    this.#wake.abort();
  }

  /** Stops delivering; queued events are dropped and an attempt in flight is aborted. */
  close(): void {
    this.#closed.abort();
    this.#jobs = [];
  }

  #insert(job: Job): void {
    const at = this.#jobs.findIndex((j) => j.dueAt > job.dueAt || (j.dueAt === job.dueAt && j.seq > job.seq));
    if (at < 0) this.#jobs.push(job);
    else this.#jobs.splice(at, 0, job);
  }

  async #run(): Promise<void> {
    const { clock } = this.deps;
    while (!this.#closed.signal.aborted) {
      const next = this.#jobs[0];
      if (!next || next.dueAt > clock.now().getTime()) {
        this.#wake = new AbortController();
        const woken = AbortSignal.any([this.#wake.signal, this.#closed.signal]);
        this.deps.changed();
        // A new job (it may be due earlier) or close() ends the wait.
        await (next ? clock.sleepUntil(new Date(next.dueAt), woken) : untilAborted(woken));
        continue;
      }
      this.#jobs.shift();
      this.#delivering = true;
      await this.#attempt(next);
      this.#delivering = false;
    }
    this.deps.changed();
  }

  async #attempt(job: Job): Promise<void> {
    const { clock, speedFactor } = this.deps;
    const policy = this.info.retryPolicy;
    if (clock.now().getTime() > expiresAt(job.publishedAt, policy, speedFactor)) return this.#giveUp(job, 'TimeToLiveExceeded', undefined, 'the event expired before it could be attempted');
    const { event } = job;
    const headers: Record<string, string> = {
      'content-type': this.schema === 'CloudEventSchemaV1_0' ? 'application/cloudevents+json; charset=utf-8' : 'application/json; charset=utf-8',
      'aeg-event-type': 'Notification',
      'aeg-subscription-name': this.info.name.toUpperCase(),
      'aeg-delivery-count': String(job.attempts),
      'aeg-metadata-version': event.metadataVersion,
      'aeg-output-event-id': event.id,
      ...(event.dataVersion === undefined ? {} : { 'aeg-data-version': event.dataVersion }),
    };
    // Batch size 1: Event Grid-schema deliveries are a one-event array; CloudEvents a single structured event.
    const body = JSON.stringify(this.schema === 'EventGridSchema' ? [event.body] : event.body);
    const raw = await callWebhook({ method: 'POST', url: this.info.endpoint, headers, body }, clock, this.deps.responseTimeoutMs, this.#closed.signal);
    if (this.#closed.signal.aborted) return;
    const attempts = job.attempts + 1;
    const now = clock.now().getTime();
    const decision = decideAfterAttempt({ result: toAttemptResult(raw), attempts, publishedAt: job.publishedAt, now, policy, speedFactor });
    const statusCode = raw.kind === 'response' ? raw.status : undefined;
    const error = raw.kind === 'timeout' ? 'timeout' : raw.kind === 'error' ? raw.message : undefined;
    const outcome = decision.kind === 'delivered' ? 'delivered' : decision.kind === 'retry' ? 'retrying' : 'deadLettered';
    this.#record({ eventId: event.id, copy: job.copy, attempt: attempts, statusCode, error, outcome, at: new Date(now).toISOString() });
    if (decision.kind === 'retry') this.#insert({ ...job, attempts, dueAt: decision.at });
    else if (decision.kind === 'deadLetter') this.#giveUp({ ...job, attempts }, decision.reason, statusCode, error);
  }

  #giveUp(job: Job, reason: DeadLetterRecord['deadLetterReason'], lastHttpStatusCode: number | undefined, lastError: string | undefined): void {
    const now = this.deps.clock.now().toISOString();
    this.deps.deadLetter({ topic: this.info.topic, subscription: this.info.name, event: job.event.body, copy: job.copy, deadLetterReason: reason, deliveryAttempts: job.attempts, lastHttpStatusCode, lastError, publishedAt: new Date(job.publishedAt).toISOString(), deadLetteredAt: now });
  }

  #record(record: DeliveryRecord): void {
    this.#deliveries.push(record);
    if (this.#deliveries.length > maxRecords) this.#deliveries.shift();
  }
}
