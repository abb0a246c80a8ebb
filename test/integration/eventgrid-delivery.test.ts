import { AzureKeyCredential, EventGridPublisherClient, type SendEventGridEventInput } from '@azure/eventgrid';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueServerCertificate } from '../../local/host/certificates.js';
import { VirtualClock } from '../../local/host/clock.js';
import { startEventGridEmulator, type EventGridEmulator } from '../../local/emulators/eventgrid/eventgrid-emulator.js';
import type { TopicInfo } from '../../local/emulators/eventgrid/model.js';
import { testCa } from '../test-ca.js';

/**
 * A webhook that passes the validation handshake and answers notifications from a script:
 * a status per delivery (then 200), or `hang` to never answer.
 */
interface ScriptedEndpoint {
  url: string;
  script: (number | 'hang')[];
  received: { headers: IncomingHttpHeaders; events: { id: string }[] }[];
  /** Resolves when `count` notifications have arrived. */
  whenReceived(count: number): Promise<void>;
  close(): Promise<void>;
}

async function startScriptedEndpoint(): Promise<ScriptedEndpoint> {
  const endpoint = { script: [], received: [] } as unknown as ScriptedEndpoint;
  let waiters: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const events = JSON.parse(text || '[]') as { id: string; data?: { validationCode?: string } }[];
      if (request.headers['aeg-event-type'] === 'SubscriptionValidation') return response.writeHead(200).end(JSON.stringify({ validationResponse: events[0]?.data?.validationCode }));
      endpoint.received.push({ headers: request.headers, events });
      for (const wake of waiters) wake();
      waiters = [];
      const answer = endpoint.script.shift() ?? 200;
      if (answer !== 'hang') response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  endpoint.whenReceived = async (count) => {
    while (endpoint.received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  endpoint.close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return endpoint;
}

const clock = new VirtualClock(new Date('2026-03-01T10:00:00Z'));
const start = clock.now().getTime();
let grid: EventGridEmulator;
let endpoint: ScriptedEndpoint;
let topic: TopicInfo;
let count = 0;

beforeAll(async () => {
  // speedFactor 10: Event Grid's 10 s, 30 s, 1 min… become 1 s, 3 s, 6 s on the virtual clock.
  grid = await startEventGridEmulator({ tls: await issueServerCertificate(await testCa(), ['localhost', '127.0.0.1']), port: 0, clock, speedFactor: 10 });
});
afterAll(() => grid.close());
beforeEach(async () => {
  endpoint = await startScriptedEndpoint();
  topic = grid.admin.createTopic({ name: `delivery-${++count}` });
  return () => endpoint.close();
});

const subscribe = (options: { maxDeliveryAttempts?: number; eventTimeToLiveInMinutes?: number } = {}) => grid.admin.createSubscription({ topic: topic.name, name: 'sub-1', endpoint: endpoint.url, ...options });
const publish = (...ids: string[]) => new EventGridPublisherClient(topic.endpoint ?? '', 'EventGrid', new AzureKeyCredential(topic.key ?? '')).send(ids.map((id): SendEventGridEventInput<unknown> => ({ id, subject: `s/${id}`, eventType: 'Demo.Happened', dataVersion: '1', data: {} })));
/**
 * Moves the virtual clock by `ms`, one timer at a time, letting each attempt that falls due finish
 * before time moves on (a jump over an attempt in flight would time it out).
 */
const advance = async (ms: number) => {
  const end = clock.now().getTime() + ms;
  for (;;) {
    await grid.admin.waitUntilIdle();
    const next = clock.nextWake?.getTime();
    if (next === undefined || next > end) break;
    await clock.advanceTo(new Date(next));
  }
  await clock.advanceTo(new Date(end));
  await grid.admin.waitUntilIdle();
};
/** The attempts so far, with their virtual time in ms since the start of the file's clock. */
const attempts = () => grid.admin.deliveries(topic.name, 'sub-1').map(({ eventId, copy, attempt, statusCode, error, outcome, at }) => ({ eventId, copy, attempt, statusCode, error, outcome, t: Date.parse(at) - start }));
const deadLetters = () => grid.admin.deadLetters({ topic: topic.name }).map(({ event, deadLetterReason, deliveryAttempts, lastHttpStatusCode, lastError }) => ({ id: event.id, deadLetterReason, deliveryAttempts, lastHttpStatusCode, lastError }));
const receivedIds = () => endpoint.received.flatMap((r) => r.events.map((e) => e.id));

describe('delivery', () => {
  it('sends one event per request with Event Grid’s headers', async () => {
    await subscribe();
    await publish('h1');
    await grid.admin.waitUntilIdle();
    const [first] = endpoint.received;
    expect({ events: first?.events.length, ...Object.fromEntries(['content-type', 'aeg-event-type', 'aeg-delivery-count', 'aeg-subscription-name', 'aeg-data-version', 'aeg-metadata-version', 'aeg-output-event-id'].map((h) => [h, first?.headers[h]])) }).toEqual({
      events: 1,
      'content-type': 'application/json; charset=utf-8',
      'aeg-event-type': 'Notification',
      'aeg-delivery-count': '0',
      'aeg-subscription-name': 'SUB-1',
      'aeg-data-version': '1',
      'aeg-metadata-version': '1',
      'aeg-output-event-id': 'h1',
    });
  });

  it('retries a 500 on the compressed schedule (10 s, 30 s, 1 min → 1 s, 3 s, 6 s) until it is delivered', async () => {
    const t0 = clock.now().getTime() - start;
    endpoint.script = [500, 500, 503];
    await subscribe();
    await publish('r1');
    await grid.admin.waitUntilIdle();
    await advance(999);
    expect(attempts()).toHaveLength(1);
    await advance(1);
    await advance(3_000);
    await advance(6_000);
    expect(attempts()).toEqual([
      { eventId: 'r1', copy: 0, attempt: 1, statusCode: 500, error: undefined, outcome: 'retrying', t: t0 },
      { eventId: 'r1', copy: 0, attempt: 2, statusCode: 500, error: undefined, outcome: 'retrying', t: t0 + 1_000 },
      { eventId: 'r1', copy: 0, attempt: 3, statusCode: 503, error: undefined, outcome: 'retrying', t: t0 + 4_000 },
      { eventId: 'r1', copy: 0, attempt: 4, statusCode: 200, error: undefined, outcome: 'delivered', t: t0 + 10_000 },
    ]);
    expect(endpoint.received.map((r) => r.headers['aeg-delivery-count'])).toEqual(['0', '1', '2', '3']);
  });

  it('does not retry a 400 and dead-letters the event', async () => {
    endpoint.script = [400];
    await subscribe();
    await publish('b1');
    await advance(24 * 3_600_000);
    expect(attempts().map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([[1, 400, 'deadLettered']]);
    expect(deadLetters()).toEqual([{ id: 'b1', deadLetterReason: 'NonRetryableStatusCode', deliveryAttempts: 1, lastHttpStatusCode: 400, lastError: undefined }]);
  });

  it('dead-letters after maxDeliveryAttempts', async () => {
    endpoint.script = [503, 503, 503, 503];
    await subscribe({ maxDeliveryAttempts: 3 });
    await publish('m1');
    await advance(1_000);
    await advance(3_000);
    await advance(24 * 3_600_000);
    expect(attempts().map((a) => a.outcome)).toEqual(['retrying', 'retrying', 'deadLettered']);
    expect(deadLetters()).toEqual([{ id: 'm1', deadLetterReason: 'MaxDeliveryAttemptsExceeded', deliveryAttempts: 3, lastHttpStatusCode: 503, lastError: undefined }]);
  });

  it('dead-letters when the next retry would fall after the time to live', async () => {
    endpoint.script = [500, 500, 500, 500];
    await subscribe({ eventTimeToLiveInMinutes: 1 }); // 6 s compressed: attempts at 0, 1 s, 4 s; the next (10 s) is too late
    await publish('t1');
    await advance(1_000);
    await advance(3_000);
    await advance(24 * 3_600_000);
    expect(attempts().map((a) => a.outcome)).toEqual(['retrying', 'retrying', 'deadLettered']);
    expect(deadLetters()).toEqual([{ id: 't1', deadLetterReason: 'TimeToLiveExceeded', deliveryAttempts: 3, lastHttpStatusCode: 500, lastError: undefined }]);
  });

  it('counts no answer within 30 s as a failed attempt and retries', async () => {
    endpoint.script = ['hang'];
    await subscribe();
    await publish('w1');
    await endpoint.whenReceived(1);
    await clock.advance(30_000); // the attempt is still in flight: jump straight to its timeout
    await grid.admin.waitUntilIdle();
    await advance(1_000);
    expect(attempts().map((a) => [a.attempt, a.statusCode, a.error, a.outcome])).toEqual([
      [1, undefined, 'timeout', 'retrying'],
      [2, 200, undefined, 'delivered'],
    ]);
  });
});

describe('chaos switch', () => {
  it('delivers each event N extra times, each copy a first delivery with the same id', async () => {
    await subscribe();
    grid.admin.setChaos(topic.name, 'sub-1', { duplicates: 2 });
    await publish('d1', 'd2');
    await grid.admin.waitUntilIdle();
    expect(receivedIds()).toEqual(['d1', 'd1', 'd1', 'd2', 'd2', 'd2']);
    expect(new Set(endpoint.received.map((r) => r.headers['aeg-delivery-count']))).toEqual(new Set(['0']));
  });

  it('holds events back within the window so they arrive out of order (reproducibly for a seed)', async () => {
    await subscribe();
    grid.admin.setChaos(topic.name, 'sub-1', { reorderWindowMs: 60_000, seed: 7 });
    const published = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
    await publish(...published);
    await advance(60_000);
    expect(receivedIds()).not.toEqual(published);
    expect([...receivedIds()].sort()).toEqual(published);
  });

  it('delivers in publish order again once the switch is off', async () => {
    await subscribe();
    grid.admin.setChaos(topic.name, 'sub-1', { duplicates: 1, reorderWindowMs: 60_000 });
    grid.admin.setChaos(topic.name, 'sub-1', { duplicates: 0, reorderWindowMs: 0 });
    await publish('p1', 'p2', 'p3');
    await grid.admin.waitUntilIdle();
    expect(receivedIds()).toEqual(['p1', 'p2', 'p3']);
  });
});
