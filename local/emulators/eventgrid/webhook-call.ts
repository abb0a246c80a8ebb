/**
 * One outbound request to a subscriber's webhook, timed out on the emulator's clock (so a
 * VirtualClock test decides when a hanging endpoint "took 30 s"). HTTPS endpoints are verified
 * against the process's trust store (`NODE_EXTRA_CA_CERTS` carries the local CA).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Clock } from '../../host/clock.js';

/** What to send. */
export interface WebhookCall {
  method: 'POST' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** How the call ended: an answer, no answer within the timeout, or a connection error. */
export type WebhookResult = { kind: 'response'; status: number; headers: Record<string, string | undefined>; body: string } | { kind: 'timeout' } | { kind: 'error'; message: string };

/** Only the start of an answer is kept; subscribers' bodies are not Event Grid's business. */
const maxAnswerBytes = 64 * 1024;

const readAnswer = async (response: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    if (size < maxAnswerBytes) chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, maxAnswerBytes);
};

const flatten = (headers: IncomingMessage['headers']): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));

function send(call: WebhookCall, signal: AbortSignal): Promise<WebhookResult> {
  const url = new URL(call.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = call.body === undefined ? call.headers : { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) };
  return new Promise((resolve) => {
    const req = request(url, { method: call.method, headers, signal }, (response) => {
      readAnswer(response).then(
        (body) => resolve({ kind: 'response', status: response.statusCode ?? 0, headers: flatten(response.headers), body }),
        (error: unknown) => resolve({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    });
    req.on('error', (error) => resolve({ kind: 'error', message: error.message }));
    req.end(call.body);
  });
}

/** Sends the call; a call still unanswered `timeoutMs` later on `clock` is aborted and reported as a timeout. */
export async function callWebhook(call: WebhookCall, clock: Clock, timeoutMs: number, cancel?: AbortSignal): Promise<WebhookResult> {
  const requestAbort = new AbortController();
  const timerAbort = new AbortController();
  const onCancel = (): void => requestAbort.abort();
  cancel?.addEventListener('abort', onCancel, { once: true });
  let timedOut = false;
  const timer = clock.sleepUntil(new Date(clock.now().getTime() + timeoutMs), timerAbort.signal).then(() => {
    if (timerAbort.signal.aborted) return;
    timedOut = true;
    requestAbort.abort();
  });
  const result = await send(call, requestAbort.signal);
  timerAbort.abort();
  await timer;
  cancel?.removeEventListener('abort', onCancel);
  return timedOut ? { kind: 'timeout' } : result;
}
