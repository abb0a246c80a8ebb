import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AzureKeyCredential, AzureSASCredential, EventGridPublisherClient, generateSharedAccessSignature, type SendCloudEventInput, type SendEventGridEventInput } from '@azure/eventgrid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueServerCertificate } from '../../local/host/certificates.js';
import { VirtualClock } from '../../local/host/clock.js';
import { demoFixturePath } from '../../local/emulators/arm/load-fixture.js';
import { startLocalArm, type LocalArm } from '../../local/emulators/arm/start-local-arm.js';
import { aksSystemTopic } from '../../local/emulators/eventgrid/admin-api.js';
import { startEventGridEmulator, type EventGridEmulator } from '../../local/emulators/eventgrid/eventgrid-emulator.js';
import { isSubscriptionValidationError } from '../../local/emulators/eventgrid/eventgrid-errors.js';
import { seedTestCa, testCa } from '../test-ca.js';
import { sampleAppRoot, startTestHost, type TestHost } from './host-harness.js';

let host: TestHost;
let grid: EventGridEmulator;
let arm: LocalArm;
const clock = new VirtualClock(new Date('2026-03-01T10:00:00Z'));
let topicCount = 0;
let hostDir = '';

beforeAll(async () => {
  process.env.SAMPLE_TIMER_SCHEDULE = '0 0 0 1 1 *';
  const ca = await testCa();
  // The host issues its HTTPS certificate from the test CA, which this process (and so the emulator) trusts.
  hostDir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-eventgrid-'));
  await seedTestCa(hostDir);
  host = await startTestHost(sampleAppRoot, { dataDir: hostDir });
  grid = await startEventGridEmulator({ tls: await issueServerCertificate(ca, ['localhost', '127.0.0.1']), port: 0, clock, speedFactor: 10 });
  arm = await startLocalArm({ ca, fixture: demoFixturePath(), onRelease: grid.onRelease });
});
afterAll(async () => {
  await arm.close();
  await grid.close();
  await host.dispose();
  await rm(hostDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${host.url}/api/records`, { method: 'DELETE' });
});

/** The host's Event Grid webhook for `onEvent`, over HTTPS with the eventgrid_extension system key. */
const webhook = (key = host.keys.systemKeys.eventgrid_extension): string => `${host.httpsUrl}/runtime/webhooks/EventGrid?functionName=onEvent&code=${key}`;
const records = async (): Promise<unknown[]> => (await (await fetch(`${host.url}/api/records`)).json()) as unknown[];
const newTopic = (inputSchema: 'EventGridSchema' | 'CloudEventSchemaV1_0' = 'EventGridSchema') => grid.admin.createTopic({ name: `topic-${++topicCount}`, inputSchema });
const publisher = <T extends 'EventGrid' | 'CloudEvent'>(endpoint: string | undefined, schema: T, key: string | undefined) => new EventGridPublisherClient(endpoint ?? '', schema, new AzureKeyCredential(key ?? ''), { retryOptions: { maxRetries: 0 } });

const gridEvent = (id: string, subject: string): SendEventGridEventInput<unknown> => ({ id, subject, eventType: 'Demo.Happened', dataVersion: '1', data: { n: id } });
const cloudEvent = (id: string, subject: string): SendCloudEventInput<unknown> => ({ id, source: '/durable-fleet/demo', type: 'Demo.Happened', subject, data: { n: id } });

describe('publishing with the unchanged EventGridPublisherClient', () => {
  it('delivers an Event Grid-schema batch to the Functions host, one event per delivery', async () => {
    const topic = newTopic();
    await grid.admin.createSubscription({ topic: topic.name, name: 'to-host', endpoint: webhook() });
    await publisher(topic.endpoint, 'EventGrid', topic.key).send([gridEvent('e1', 'clusters/a'), gridEvent('e2', 'clusters/b')]);
    await grid.admin.waitUntilIdle();
    expect(await records()).toEqual([
      { kind: 'event', id: 'e1', type: 'Demo.Happened', subject: 'clusters/a', data: { n: 'e1' } },
      { kind: 'event', id: 'e2', type: 'Demo.Happened', subject: 'clusters/b', data: { n: 'e2' } },
    ]);
    expect(grid.admin.deliveries(topic.name, 'to-host').map(({ eventId, attempt, statusCode, outcome }) => ({ eventId, attempt, statusCode, outcome }))).toEqual([
      { eventId: 'e1', attempt: 1, statusCode: 202, outcome: 'delivered' },
      { eventId: 'e2', attempt: 1, statusCode: 202, outcome: 'delivered' },
    ]);
  });

  it('delivers CloudEvents 1.0 to the Functions host', async () => {
    const topic = newTopic('CloudEventSchemaV1_0');
    await grid.admin.createSubscription({ topic: topic.name, name: 'to-host', endpoint: webhook() });
    await publisher(topic.endpoint, 'CloudEvent', topic.key).send([cloudEvent('c1', 'westeurope')]);
    await grid.admin.waitUntilIdle();
    expect(await records()).toEqual([{ kind: 'event', id: 'c1', type: 'Demo.Happened', subject: 'westeurope', data: { n: 'c1' } }]);
  });

  it('accepts a SAS token made by the SDK', async () => {
    const topic = newTopic();
    await grid.admin.createSubscription({ topic: topic.name, name: 'to-host', endpoint: webhook() });
    const token = await generateSharedAccessSignature(topic.endpoint ?? '', new AzureKeyCredential(topic.key ?? ''), new Date('2026-03-01T11:00:00Z'));
    await new EventGridPublisherClient(topic.endpoint ?? '', 'EventGrid', new AzureSASCredential(token), { retryOptions: { maxRetries: 0 } }).send([gridEvent('s1', 'x')]);
    await grid.admin.waitUntilIdle();
    expect(await records()).toEqual([{ kind: 'event', id: 's1', type: 'Demo.Happened', subject: 'x', data: { n: 's1' } }]);
  });

  it('answers a wrong key with 401 and Event Grid’s error body', async () => {
    const topic = newTopic();
    await expect(publisher(topic.endpoint, 'EventGrid', Buffer.alloc(32).toString('base64')).send([gridEvent('x', 'y')])).rejects.toMatchObject({ statusCode: 401, code: 'Unauthorized' });
  });

  it.each([
    { name: 'malformed JSON → 400', body: '[{"id":', want: { status: 400, code: 'BadRequest' } },
    { name: 'an event missing eventType → 400', body: JSON.stringify([{ id: '1', subject: 's', eventTime: '2026-03-01T10:00:00Z', data: {} }]), want: { status: 400, code: 'BadRequest' } },
    { name: 'a publish over 1 MB → 413', body: JSON.stringify([{ ...gridEvent('big', 's'), eventTime: '2026-03-01T10:00:00Z', data: 'x'.repeat(1_100_000) }]), want: { status: 413, code: 'RequestEntityTooLarge' } },
  ])('$name', async ({ body, want }) => {
    const topic = newTopic();
    const response = await fetch(`${topic.endpoint ?? ''}?api-version=2018-01-01`, { method: 'POST', headers: { 'aeg-sas-key': topic.key ?? '', 'content-type': 'application/json' }, body });
    const error = ((await response.json()) as { error: { code: string; message: string; details: unknown[] } }).error;
    expect({ status: response.status, code: error.code, hasDetails: error.details.length > 0 }).toEqual({ ...want, hasDetails: true });
  });
});

describe('subscription validation handshakes', () => {
  it.each([
    { name: 'Event Grid schema: the host echoes the validation code', schema: 'EventGridSchema' },
    { name: 'CloudEvents: the host answers the OPTIONS abuse-protection request', schema: 'CloudEventSchemaV1_0' },
  ] as const)('$name', async ({ schema }) => {
    const topic = newTopic(schema);
    const created = await grid.admin.createSubscription({ topic: topic.name, name: 'valid', endpoint: webhook() });
    expect(grid.admin.listSubscriptions(topic.name)).toEqual([created]);
  });

  it.each([
    { name: 'Event Grid schema: the webhook refuses a wrong key (401)', schema: 'EventGridSchema', endpoint: () => webhook('wrong') },
    { name: 'Event Grid schema: an endpoint that is not a webhook (404)', schema: 'EventGridSchema', endpoint: () => `${host.url}/api/nothing-here` },
    { name: 'CloudEvents: an endpoint that does not allow the origin', schema: 'CloudEventSchemaV1_0', endpoint: () => `${host.url}/api/records` },
    { name: 'CloudEvents: nothing listens', schema: 'CloudEventSchemaV1_0', endpoint: () => 'http://127.0.0.1:9/hook' },
  ] as const)('fails and creates nothing — $name', async ({ schema, endpoint }) => {
    const topic = newTopic(schema);
    const error: unknown = await grid.admin.createSubscription({ topic: topic.name, name: 'refused', endpoint: endpoint() }).catch((e: unknown) => e);
    expect(isSubscriptionValidationError(error) && error.code).toBe('Url validation');
    expect(grid.admin.listSubscriptions(topic.name)).toEqual([]);
  });
});

describe('retries against the Functions host', () => {
  it('retries the 500 of a failing invocation on the compressed schedule, then dead-letters it', async () => {
    const topic = newTopic();
    await grid.admin.createSubscription({ topic: topic.name, name: 'to-host', endpoint: webhook(), maxDeliveryAttempts: 3 });
    await publisher(topic.endpoint, 'EventGrid', topic.key).send([gridEvent('f1', 'fail')]);
    await grid.admin.waitUntilIdle();
    await clock.advance(1_000); // 10 s / 10
    await grid.admin.waitUntilIdle();
    await clock.advance(3_000); // 30 s / 10
    await grid.admin.waitUntilIdle();
    expect(grid.admin.deliveries(topic.name, 'to-host').map(({ attempt, statusCode, outcome }) => ({ attempt, statusCode, outcome }))).toEqual([
      { attempt: 1, statusCode: 500, outcome: 'retrying' },
      { attempt: 2, statusCode: 500, outcome: 'retrying' },
      { attempt: 3, statusCode: 500, outcome: 'deadLettered' },
    ]);
    expect(grid.admin.deadLetters({ topic: topic.name }).map(({ deadLetterReason, deliveryAttempts, lastHttpStatusCode }) => ({ deadLetterReason, deliveryAttempts, lastHttpStatusCode }))).toEqual([
      { deadLetterReason: 'MaxDeliveryAttemptsExceeded', deliveryAttempts: 3, lastHttpStatusCode: 500 },
    ]);
  });
});

describe('AKS releases from the ARM emulator', () => {
  it('publishes one NewKubernetesVersionAvailable per cluster of the region through the system topic', async () => {
    await grid.admin.createSubscription({ topic: aksSystemTopic, name: 'aks-to-host', endpoint: webhook(), includedEventTypes: ['Microsoft.ContainerService.NewKubernetesVersionAvailable'] });
    arm.emulator.admin.releaseKubernetesVersion({ region: 'westeurope', version: '1.33.2' });
    arm.emulator.admin.releaseKubernetesVersion({ region: 'westeurope', version: '1.33.2' }); // already offered: no events
    await grid.admin.waitUntilIdle();
    const data = { latestSupportedKubernetesVersion: '1.33.2', latestStableKubernetesVersion: '1.32.6', lowestMinorKubernetesVersion: '1.30.12' };
    const want = ['aks-prod-westeurope-1', 'aks-prod-westeurope-2', 'aks-staging-westeurope', 'aks-dev-westeurope'].map((subject) => ({ kind: 'event', type: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', subject, data }));
    const got = (await records()) as { id: string; subject: string }[];
    expect(got.map(({ id: _id, ...rest }) => rest).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(want.sort((a, b) => a.subject.localeCompare(b.subject)));
  });
});

describe('the admin API over HTTP', () => {
  it('creates a topic and a subscription, reports deliveries and dead letters, waits until idle and deletes', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${grid.url}/admin${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    };
    const created = await call('POST', '/topics', { name: 'over-http' });
    expect(created).toMatchObject({ status: 201, body: { name: 'over-http', endpoint: `${grid.url}/topics/over-http/api/events`, inputSchema: 'EventGridSchema', system: false } });
    expect(await call('POST', '/topics/over-http/subscriptions', { name: 'refused', endpoint: webhook('wrong') })).toMatchObject({ status: 400, body: { error: { code: 'Url validation' } } });
    expect(await call('POST', '/topics/over-http/subscriptions', { name: 'x', endpoint: 'not a url' })).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequest' } } });
    expect(await call('POST', '/topics/over-http/subscriptions', { name: 'to-host', endpoint: webhook() })).toMatchObject({ status: 201, body: { name: 'to-host', topic: 'over-http' } });
    expect(await call('PUT', '/topics/over-http/subscriptions/to-host/chaos', { duplicates: 1, seed: 3 })).toMatchObject({ status: 200, body: { chaos: { duplicates: 1, reorderWindowMs: 0, seed: 3 } } });
    const key = (created.body as { key: string }).key;
    await publisher(`${grid.url}/topics/over-http/api/events`, 'EventGrid', key).send([gridEvent('h1', 'fail')]);
    expect(await call('POST', '/wait-until-idle')).toEqual({ status: 204, body: undefined });
    expect(await call('GET', '/topics/over-http/subscriptions/to-host/deliveries')).toMatchObject({ status: 200, body: [{ eventId: 'h1', copy: 0, attempt: 1, statusCode: 500 }, { eventId: 'h1', copy: 1, attempt: 1, statusCode: 500 }] });
    expect(await call('GET', '/dead-letters?topic=over-http')).toEqual({ status: 200, body: [] });
    expect(await call('DELETE', '/topics/over-http/subscriptions/to-host')).toEqual({ status: 204, body: undefined });
    expect(await call('DELETE', '/topics/over-http')).toEqual({ status: 204, body: undefined });
    expect(await call('GET', '/topics/over-http/subscriptions')).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
  });
});
