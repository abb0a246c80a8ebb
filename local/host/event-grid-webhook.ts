/**
 * The Event Grid extension's webhook, `POST /runtime/webhooks/EventGrid?functionName=NAME`,
 * as the Functions host answers it: subscription validation, notifications dispatched one
 * event per invocation, unsubscribe, and the CloudEvents abuse-protection handshake.
 */

/** A plain HTTP answer. */
export interface WebhookResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The parts of the request the webhook reads. */
export interface WebhookRequest {
  method: string;
  headers: Record<string, string | undefined>;
  body: string;
}

/** Invokes the trigger function with one event; rejects when the invocation fails. */
export type DispatchEvent = (event: Record<string, unknown>) => Promise<void>;

const validationEventTypes = new Set(['Microsoft.EventGrid.SubscriptionValidationEvent']);

const json = (status: number, value: unknown): WebhookResponse => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) });

const badRequest = (message: string): WebhookResponse => ({ status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message });

/** Reads the body as one event or a batch; undefined when it is not JSON objects. */
function parseEvents(body: string): Record<string, unknown>[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e)) ? (list as Record<string, unknown>[]) : undefined;
}

/** The validation code of an Event Grid-schema or CloudEvents validation event. */
function validationCode(event: Record<string, unknown>): string | undefined {
  let data = event.data;
  // In the CloudEvents form the data arrives double-encoded as a JSON string.
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const code = (data as { validationCode?: unknown } | null | undefined)?.validationCode;
  return typeof code === 'string' ? code : undefined;
}

/** The CloudEvents v1.0 HTTP webhook abuse-protection handshake (OPTIONS). */
export function answerAbuseProtection(request: WebhookRequest): WebhookResponse {
  const origin = request.headers['webhook-request-origin'];
  if (!origin) return badRequest('OPTIONS without a WebHook-Request-Origin header is not an abuse-protection handshake.');
  const headers: Record<string, string> = { 'webhook-allowed-origin': origin, allow: 'POST, OPTIONS' };
  if (request.headers['webhook-request-rate']) headers['webhook-allowed-rate'] = '*';
  return { status: 200, headers };
}

/**
 * Handles a POST to the webhook for a known Event Grid trigger function. Every event of a
 * notification batch is dispatched; if any invocation fails the whole batch answers 500 so
 * Event Grid redelivers it (handlers must be idempotent).
 */
export async function handleEventGridPost(request: WebhookRequest, dispatch: DispatchEvent): Promise<WebhookResponse> {
  const eventType = request.headers['aeg-event-type'];
  if (!eventType) return badRequest('The aeg-event-type header is required.');
  if (/^unsubscribe$/i.test(eventType)) return { status: 202 };
  const events = parseEvents(request.body);
  if (!events) return badRequest('The body must be a JSON event object or an array of event objects.');

  if (/^subscriptionvalidation$/i.test(eventType)) {
    const event = events[0];
    const type = event?.eventType ?? event?.type;
    const code = event ? validationCode(event) : undefined;
    if (!event || typeof type !== 'string' || !validationEventTypes.has(type) || !code) {
      return badRequest('A SubscriptionValidation request must carry a Microsoft.EventGrid.SubscriptionValidationEvent with data.validationCode.');
    }
    return json(200, { validationResponse: code });
  }
  if (!/^notification$/i.test(eventType)) return badRequest(`Unknown aeg-event-type "${eventType}".`);

  // One invocation per event, in delivery order; a failure does not stop the rest of the batch.
  let failed = 0;
  for (const event of events) {
    await dispatch(event).catch(() => failed++);
  }
  return failed === 0 ? { status: 202 } : { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${failed} of ${events.length} invocations failed.` };
}
