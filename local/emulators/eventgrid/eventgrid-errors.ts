/**
 * The emulator's errors: Event Grid's publish error body (`{ error: { code, message, details } }`,
 * as the data plane answers a rejected publish) and the named failure of a subscription's
 * validation handshake.
 */

/** A plain HTTP answer of the emulator. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Event Grid's data-plane error answer with one detail repeating the code. */
export function eventGridError(status: number, code: string, message: string, detailCode = code): EmulatorResponse {
  return { status, body: { error: { code, message, details: [{ code: detailCode, message }] } } };
}

/** 400 for an event batch Event Grid cannot accept. */
export const badEvents = (message: string): EmulatorResponse => eventGridError(400, 'BadRequest', message, 'InputJsonInvalid');

/** 401 for a missing or wrong key or SAS token. */
export const unauthorized = (topic: string, reason: string): EmulatorResponse =>
  eventGridError(401, 'Unauthorized', `The request authorization key is not authorized for ${topic.toUpperCase()}. This is due to the reason: ${reason}`);

/** 413 for a publish (or one event of it) over 1 MB. */
export const tooLarge = (message: string): EmulatorResponse => eventGridError(413, 'RequestEntityTooLarge', message);

/** 404 for a path that is no topic. */
export const noTopic = (path: string): EmulatorResponse => eventGridError(404, 'NotFound', `No topic answers at ${path}.`);

/** Thrown when creating a subscription whose endpoint fails the validation handshake; the subscription is not created. */
export class SubscriptionValidationError extends Error {
  override readonly name = 'SubscriptionValidationError';
  /** ARM's error code for a failed handshake. */
  readonly code = 'Url validation';

  constructor(
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super(`Webhook validation handshake failed for ${endpoint}. ${reason} For troubleshooting, visit https://aka.ms/esvalidation.`);
  }
}

/** True for a {@link SubscriptionValidationError}. */
export const isSubscriptionValidationError = (error: unknown): error is SubscriptionValidationError => error instanceof SubscriptionValidationError;

/** Thrown by the admin API for an unknown topic or subscription, or a name already taken. */
export class EventGridAdminError extends Error {
  override readonly name = 'EventGridAdminError';

  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** True for an {@link EventGridAdminError}. */
export const isEventGridAdminError = (error: unknown): error is EventGridAdminError => error instanceof EventGridAdminError;
