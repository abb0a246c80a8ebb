/**
 * The Event Grid emulator's data, as plain types: topics, subscriptions, accepted events and
 * what happened to their deliveries. Names follow Event Grid's ARM and dead-letter vocabulary.
 */
import type { DeadLetterReason, RetryPolicy } from './retry-policy.js';

/** The schemas a topic accepts (and its subscriptions deliver), as ARM names them. */
export const inputSchemas = ['EventGridSchema', 'CloudEventSchemaV1_0'] as const;
/** A topic's input schema. */
export type InputSchema = (typeof inputSchemas)[number];

/** A topic as the admin API reports it. `endpoint` is what `EventGridPublisherClient` takes. */
export interface TopicInfo {
  name: string;
  /** The topic's ARM-style resource id (stamped as `topic` on Event Grid-schema events). */
  id: string;
  /** `https://localhost:PORT/topics/{name}/api/events`; undefined for a system topic (not publishable). */
  endpoint: string | undefined;
  /** The access key (`aeg-sas-key`, or the secret behind an `aeg-sas-token`); undefined for a system topic. */
  key: string | undefined;
  inputSchema: InputSchema;
  /** True for the emulator's AKS system topic, which only the ARM emulator's hook publishes to. */
  system: boolean;
}

/** Fault injection on one subscription, for exactly-once tests. Applies to events published afterwards. */
export interface ChaosSettings {
  /** Extra copies of each event (0 = none): each copy is delivered and retried on its own. */
  duplicates: number;
  /** Holds each event's first attempt back by a random 0…window ms on the clock (0 = no reordering). */
  reorderWindowMs: number;
  /** Seed of the random hold-backs, so a test's order is reproducible. */
  seed: number;
}

/** A subscription as the admin API reports it. */
export interface SubscriptionInfo {
  name: string;
  topic: string;
  endpoint: string;
  includedEventTypes: string[] | undefined;
  subjectBeginsWith: string | undefined;
  subjectEndsWith: string | undefined;
  retryPolicy: RetryPolicy;
  chaos: ChaosSettings;
}

/** An accepted event, ready to deliver: `body` is the event as delivered (one element of a batch). */
export interface AcceptedEvent {
  id: string;
  eventType: string;
  subject: string | undefined;
  /** Event Grid schema: the event's `dataVersion`; CloudEvents: none. */
  dataVersion: string | undefined;
  /** Event Grid schema: `1`; CloudEvents: the `specversion`. */
  metadataVersion: string;
  body: Record<string, unknown>;
}

/** One delivery attempt of one event (copy) to one subscription. */
export interface DeliveryRecord {
  eventId: string;
  /** 0 for the event itself, 1… for chaos duplicates. */
  copy: number;
  /** 1-based attempt number. */
  attempt: number;
  /** The endpoint's status; undefined when it timed out or the connection failed. */
  statusCode: number | undefined;
  /** `timeout` or the connection error, when there was no status. */
  error: string | undefined;
  outcome: 'delivered' | 'retrying' | 'deadLettered';
  /** When the attempt ended (emulator clock, ISO 8601). */
  at: string;
}

/** An event Event Grid gave up on, kept in memory (the emulator has no dead-letter storage account). */
export interface DeadLetterRecord {
  topic: string;
  subscription: string;
  event: Record<string, unknown>;
  copy: number;
  deadLetterReason: DeadLetterReason;
  deliveryAttempts: number;
  lastHttpStatusCode: number | undefined;
  lastError: string | undefined;
  publishedAt: string;
  deadLetteredAt: string;
}
