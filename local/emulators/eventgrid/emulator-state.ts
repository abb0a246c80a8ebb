/**
 * The Event Grid emulator's in-memory state: topics with their subscriptions' dispatchers, the
 * dead letters, and the "idle" signal tests wait on. Publishing fans accepted events out to the
 * subscriptions whose filter matches.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../host/clock.js';
import { EventGridAdminError } from './eventgrid-errors.js';
import type { AcceptedEvent, DeadLetterRecord, InputSchema, SubscriptionInfo, TopicInfo } from './model.js';
import { matchesFilter } from './subscription-filter.js';
import { SubscriptionDispatcher } from './subscription-dispatcher.js';

/** The Azure subscription the emulator's topics pretend to live in (the ARM emulator's default). */
export const emulatorSubscriptionId = '00000000-0000-4000-8000-000000000001';

/** A topic as the state holds it: its key, schema and subscriptions' dispatchers. */
export interface TopicRecord {
  name: string;
  id: string;
  key: string | undefined;
  inputSchema: InputSchema;
  system: boolean;
  subscriptions: Map<string, SubscriptionDispatcher>;
}

/** What the state needs from the running emulator. */
export interface StateDeps {
  clock: Clock;
  speedFactor: number;
  responseTimeoutMs: number;
  /** The emulator's origin (known once it listens). */
  origin: () => string;
}

/** Topics, subscriptions, dead letters. Names are case-insensitive, as ARM names are. */
export class EventGridState {
  readonly #topics = new Map<string, TopicRecord>();
  readonly #deadLetters: DeadLetterRecord[] = [];
  #waiters: (() => void)[] = [];

  constructor(private readonly deps: StateDeps) {}

  /** The admin view of a topic. */
  info(topic: TopicRecord): TopicInfo {
    return { name: topic.name, id: topic.id, endpoint: topic.system ? undefined : `${this.deps.origin()}/topics/${topic.name}/api/events`, key: topic.key, inputSchema: topic.inputSchema, system: topic.system };
  }

  /** Creates a topic, or returns the existing one of that name (409 when its schema differs). */
  createTopic(name: string, inputSchema: InputSchema, system = false): TopicInfo {
    const existing = this.#topics.get(name.toLowerCase());
    if (existing) {
      if (existing.inputSchema !== inputSchema || existing.system !== system) throw new EventGridAdminError(409, `Topic ${name} exists with input schema ${existing.inputSchema}.`);
      return this.info(existing);
    }
    const kind = system ? 'systemTopics' : 'topics';
    const topic: TopicRecord = { name, id: `/subscriptions/${emulatorSubscriptionId}/resourceGroups/local/providers/Microsoft.EventGrid/${kind}/${name}`, key: system ? undefined : randomBytes(32).toString('base64'), inputSchema, system, subscriptions: new Map() };
    this.#topics.set(name.toLowerCase(), topic);
    return this.info(topic);
  }

  /** Deletes a topic and stops its subscriptions' deliveries; false when unknown. */
  deleteTopic(name: string): boolean {
    const topic = this.#topics.get(name.toLowerCase());
    for (const dispatcher of topic?.subscriptions.values() ?? []) dispatcher.close();
    return this.#topics.delete(name.toLowerCase());
  }

  /** A topic by name. */
  topic(name: string): TopicRecord | undefined {
    return this.#topics.get(name.toLowerCase());
  }

  /** A topic by name, or a 404. */
  requireTopic(name: string): TopicRecord {
    const topic = this.topic(name);
    if (!topic) throw new EventGridAdminError(404, `No topic ${name}.`);
    return topic;
  }

  /** Every topic. */
  topics(): TopicInfo[] {
    return [...this.#topics.values()].map((t) => this.info(t));
  }

  /** A subscription's dispatcher, or a 404. */
  requireSubscription(topicName: string, name: string): SubscriptionDispatcher {
    const dispatcher = this.requireTopic(topicName).subscriptions.get(name.toLowerCase());
    if (!dispatcher) throw new EventGridAdminError(404, `No subscription ${name} on topic ${topicName}.`);
    return dispatcher;
  }

  /** Adds (or replaces, dropping the old one's queue) a validated subscription and starts delivering to it. */
  addSubscription(info: SubscriptionInfo): SubscriptionInfo {
    const topic = this.requireTopic(info.topic);
    topic.subscriptions.get(info.name.toLowerCase())?.close();
    const dispatcher = new SubscriptionDispatcher(info, topic.inputSchema, {
      ...this.deps,
      deadLetter: (record) => this.#deadLetters.push(record),
      changed: () => this.#changed(),
    });
    topic.subscriptions.set(info.name.toLowerCase(), dispatcher);
    return info;
  }

  /** Removes a subscription; false when unknown. */
  removeSubscription(topicName: string, name: string): boolean {
    const subscriptions = this.requireTopic(topicName).subscriptions;
    subscriptions.get(name.toLowerCase())?.close();
    return subscriptions.delete(name.toLowerCase());
  }

  /** Queues accepted events for every matching subscription; returns how many (event, subscription) pairs matched. */
  publish(topic: TopicRecord, events: readonly AcceptedEvent[]): number {
    let matched = 0;
    for (const event of events) {
      for (const dispatcher of topic.subscriptions.values()) {
        if (!matchesFilter(dispatcher.info, event)) continue;
        dispatcher.enqueue(event);
        matched++;
      }
    }
    return matched;
  }

  /** Dead letters, oldest first, optionally of one topic and subscription. */
  deadLetters(filter: { topic?: string | undefined; subscription?: string | undefined } = {}): DeadLetterRecord[] {
    const same = (a: string, b: string | undefined): boolean => b === undefined || a.toLowerCase() === b.toLowerCase();
    return this.#deadLetters.filter((d) => same(d.topic, filter.topic) && same(d.subscription, filter.subscription));
  }

  /** True when no subscription is delivering or has an attempt due. */
  get idle(): boolean {
    return [...this.#topics.values()].every((t) => [...t.subscriptions.values()].every((d) => d.idle));
  }

  /** Resolves once idle: every delivery done or waiting on a retry (or hold-back) timer. */
  async whenIdle(): Promise<void> {
    while (!this.idle) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Stops every dispatcher. */
  close(): void {
    for (const topic of this.#topics.values()) for (const dispatcher of topic.subscriptions.values()) dispatcher.close();
    this.#changed();
  }

  #changed(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
