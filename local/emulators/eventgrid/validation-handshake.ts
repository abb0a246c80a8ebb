/**
 * The handshake Event Grid performs when a webhook subscription is created: for the Event Grid
 * schema a `Microsoft.EventGrid.SubscriptionValidationEvent` POST that must be answered 200 with
 * `{"validationResponse": code}`; for CloudEvents the abuse-protection OPTIONS request that must
 * be answered 200 with `WebHook-Allowed-Origin`. Only the synchronous answer is supported.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../host/clock.js';
import { SubscriptionValidationError } from './eventgrid-errors.js';
import type { InputSchema } from './model.js';
import { callWebhook, type WebhookResult } from './webhook-call.js';

/** Who is validated, and how. */
export interface HandshakeTarget {
  schema: InputSchema;
  endpoint: string;
  subscription: string;
  topicId: string;
  /** Where the (unsupported) asynchronous validation would GET; carried in the event as Event Grid does. */
  validationUrl: string;
}

/** Event Grid's origin for the abuse-protection handshake. */
export const eventGridOrigin = 'eventgrid.azure.net';

const describe = (result: WebhookResult): string =>
  result.kind === 'timeout' ? 'The endpoint did not answer in time.' : result.kind === 'error' ? `The request failed: ${result.message}.` : `It answered ${result.status}.`;

async function validateEventGridSchema(target: HandshakeTarget, clock: Clock, timeoutMs: number): Promise<void> {
  const code = randomUUID().toUpperCase();
  const event = {
    id: randomUUID(),
    topic: target.topicId,
    subject: '',
    data: { validationCode: code, validationUrl: `${target.validationUrl}?id=${code}` },
    eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
    eventTime: clock.now().toISOString(),
    metadataVersion: '1',
    dataVersion: '1',
  };
  const headers = { 'content-type': 'application/json; charset=utf-8', 'aeg-event-type': 'SubscriptionValidation', 'aeg-subscription-name': target.subscription.toUpperCase(), 'aeg-delivery-count': '0', 'aeg-metadata-version': '1', 'aeg-data-version': '1' };
  const result = await callWebhook({ method: 'POST', url: target.endpoint, headers, body: JSON.stringify([event]) }, clock, timeoutMs);
  if (result.kind !== 'response' || result.status !== 200) throw new SubscriptionValidationError(target.endpoint, `Http POST request failed. ${describe(result)} A validation answer must be 200 with {"validationResponse": code}.`);
  let answer: unknown;
  try {
    answer = JSON.parse(result.body);
  } catch {
    answer = undefined;
  }
  const echoed = (answer as { validationResponse?: unknown } | undefined)?.validationResponse;
  if (echoed !== code) throw new SubscriptionValidationError(target.endpoint, 'The response did not carry the validation code as validationResponse.');
}

async function validateCloudEvents(target: HandshakeTarget, clock: Clock, timeoutMs: number): Promise<void> {
  const headers = { 'webhook-request-origin': eventGridOrigin, 'webhook-request-rate': '120' };
  const result = await callWebhook({ method: 'OPTIONS', url: target.endpoint, headers }, clock, timeoutMs);
  if (result.kind !== 'response' || result.status !== 200) throw new SubscriptionValidationError(target.endpoint, `Http OPTIONS request failed. ${describe(result)}`);
  const allowed = (result.headers['webhook-allowed-origin'] ?? '').split(',').map((o) => o.trim().toLowerCase());
  if (!allowed.includes(eventGridOrigin) && !allowed.includes('*')) throw new SubscriptionValidationError(target.endpoint, `The response did not allow the origin ${eventGridOrigin} in WebHook-Allowed-Origin.`);
}

/** Resolves when the endpoint accepts the subscription; rejects with a SubscriptionValidationError otherwise. */
export function performHandshake(target: HandshakeTarget, clock: Clock, timeoutMs: number): Promise<void> {
  return target.schema === 'EventGridSchema' ? validateEventGridSchema(target, clock, timeoutMs) : validateCloudEvents(target, clock, timeoutMs);
}
