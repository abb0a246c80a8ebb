/**
 * The Event Grid emulator's control surface, in process (the HTTP admin routes call the same
 * methods): topics, subscriptions (created only after their endpoint passes the validation
 * handshake), chaos, delivery records, dead letters, and waiting until deliveries settle.
 */
import { z } from 'zod';
import type { Clock } from '../../host/clock.js';
import type { KubernetesRelease } from '../arm/release-hook.js';
import type { EventGridState } from './emulator-state.js';
import { kubernetesReleaseEvents } from './kubernetes-release-events.js';
import { inputSchemas, type ChaosSettings, type DeadLetterRecord, type DeliveryRecord, type SubscriptionInfo, type TopicInfo } from './model.js';
import { defaultRetryPolicy } from './retry-policy.js';
import { performHandshake } from './validation-handshake.js';

/** The AKS system topic the ARM emulator's releases publish to (Event Grid schema). */
export const aksSystemTopic = 'aks-clusters';

/** A new topic: Event Grid's name rules, input schema defaulting to the Event Grid schema. */
export const createTopicSchema = z.object({ name: z.string().regex(/^[A-Za-z0-9-]{3,50}$/, '3–50 letters, digits or hyphens'), inputSchema: z.enum(inputSchemas).default('EventGridSchema') });

/** Chaos settings to merge over a subscription's current ones. */
export const chaosSchema = z.object({ duplicates: z.number().int().min(0).max(10).optional(), reorderWindowMs: z.number().int().min(0).optional(), seed: z.number().int().optional() });

/** A new webhook subscription of a topic. `http:` endpoints are allowed locally (Event Grid itself requires https). */
export const createSubscriptionSchema = z.object({
  topic: z.string().min(1),
  name: z.string().regex(/^[A-Za-z0-9-]{3,64}$/, '3–64 letters, digits or hyphens'),
  endpoint: z.url({ protocol: /^https?$/ }),
  includedEventTypes: z.array(z.string().min(1)).min(1).optional(),
  subjectBeginsWith: z.string().min(1).optional(),
  subjectEndsWith: z.string().min(1).optional(),
  maxDeliveryAttempts: z.number().int().min(1).max(30).default(defaultRetryPolicy.maxDeliveryAttempts),
  eventTimeToLiveInMinutes: z.number().int().min(1).max(1440).default(defaultRetryPolicy.eventTimeToLiveInMinutes),
  chaos: chaosSchema.optional(),
});

/** The emulator's admin methods. Invalid input throws a ZodError; unknown names an EventGridAdminError (404). */
export interface EventGridEmulatorAdmin {
  /** Creates a topic (or returns the existing one): its endpoint and access key. */
  createTopic(input: z.input<typeof createTopicSchema>): TopicInfo;
  /** Deletes a topic and its subscriptions; false when unknown. */
  deleteTopic(name: string): boolean;
  /** Every topic, the AKS system topic included. */
  listTopics(): TopicInfo[];
  /** Performs the validation handshake, then creates (or replaces) the subscription; rejects with a SubscriptionValidationError when the endpoint refuses. */
  createSubscription(input: z.input<typeof createSubscriptionSchema>): Promise<SubscriptionInfo>;
  /** Deletes a subscription (its queued deliveries are dropped); false when unknown. */
  deleteSubscription(topic: string, name: string): boolean;
  /** The subscriptions of a topic. */
  listSubscriptions(topic: string): SubscriptionInfo[];
  /** Merges chaos settings into a subscription's; they apply to events published afterwards. */
  setChaos(topic: string, name: string, chaos: z.input<typeof chaosSchema>): SubscriptionInfo;
  /** Every delivery attempt of a subscription, oldest first. */
  deliveries(topic: string, name: string): DeliveryRecord[];
  /** Dead letters, oldest first, optionally of one topic and subscription. */
  deadLetters(filter?: { topic?: string; subscription?: string }): DeadLetterRecord[];
  /** Resolves when every delivery is done or waiting on a timer (tests then advance their clock). */
  waitUntilIdle(): Promise<void>;
  /** Publishes one NewKubernetesVersionAvailable per cluster of the release's region to the AKS system topic; returns the number of events. */
  publishKubernetesRelease(release: KubernetesRelease): number;
}

const chaosOf = (base: ChaosSettings, input: z.infer<typeof chaosSchema> | undefined): ChaosSettings => ({
  duplicates: input?.duplicates ?? base.duplicates,
  reorderWindowMs: input?.reorderWindowMs ?? base.reorderWindowMs,
  seed: input?.seed ?? base.seed,
});

/** Builds the admin methods over the state; `handshakeTimeoutMs` bounds each validation request on `clock`. */
export function createEventGridAdmin(state: EventGridState, clock: Clock, origin: () => string, handshakeTimeoutMs: number): EventGridEmulatorAdmin {
  state.createTopic(aksSystemTopic, 'EventGridSchema', true);
  return {
    createTopic: (input) => {
      const t = createTopicSchema.parse(input);
      return state.createTopic(t.name, t.inputSchema);
    },
    deleteTopic: (name) => state.deleteTopic(name),
    listTopics: () => state.topics(),
    createSubscription: async (input) => {
      const s = createSubscriptionSchema.parse(input);
      const topic = state.requireTopic(s.topic);
      await performHandshake({ schema: topic.inputSchema, endpoint: s.endpoint, subscription: s.name, topicId: topic.id, validationUrl: `${origin()}/eventsubscriptions/${s.name}/validate` }, clock, handshakeTimeoutMs);
      return state.addSubscription({
        name: s.name,
        topic: topic.name,
        endpoint: s.endpoint,
        includedEventTypes: s.includedEventTypes,
        subjectBeginsWith: s.subjectBeginsWith,
        subjectEndsWith: s.subjectEndsWith,
        retryPolicy: { maxDeliveryAttempts: s.maxDeliveryAttempts, eventTimeToLiveInMinutes: s.eventTimeToLiveInMinutes },
        chaos: chaosOf({ duplicates: 0, reorderWindowMs: 0, seed: Math.floor(Math.random() * 2 ** 31) }, s.chaos),
      });
    },
    deleteSubscription: (topic, name) => state.removeSubscription(topic, name),
    listSubscriptions: (topic) => [...state.requireTopic(topic).subscriptions.values()].map((d) => ({ ...d.info })),
    setChaos: (topic, name, chaos) => {
      const dispatcher = state.requireSubscription(topic, name);
      dispatcher.setChaos(chaosOf(dispatcher.info.chaos, chaosSchema.parse(chaos)));
      return { ...dispatcher.info };
    },
    deliveries: (topic, name) => state.requireSubscription(topic, name).deliveries,
    deadLetters: (filter) => state.deadLetters(filter),
    waitUntilIdle: () => state.whenIdle(),
    publishKubernetesRelease: (release) => {
      const events = kubernetesReleaseEvents(release, clock.now());
      state.publish(state.requireTopic(aksSystemTopic), events);
      return events.length;
    },
  };
}
