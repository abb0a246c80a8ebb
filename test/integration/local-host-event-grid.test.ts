import { AzureKeyCredential, EventGridPublisherClient, type SendCloudEventInput, type SendEventGridEventInput } from '@azure/eventgrid';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleAppRoot, startTestHost, type TestHost } from './host-harness.js';

let host: TestHost;

beforeAll(async () => {
  process.env.SAMPLE_TIMER_SCHEDULE = '0 0 0 1 1 *';
  host = await startTestHost(sampleAppRoot);
});
afterAll(() => host.dispose());
beforeEach(async () => {
  await fetch(`${host.url}/api/records`, { method: 'DELETE' });
});

/** What Event Grid adds when it delivers to a webhook: the aeg-event-type header. */
const deliveryHeader = (eventType: string): PipelinePolicy => ({
  name: 'eventGridDelivery',
  sendRequest: (request, next) => {
    request.headers.set('aeg-event-type', eventType);
    return next(request);
  },
});

const webhook = (functionName: string, key: string | undefined): string => {
  const url = new URL(`${host.url}/runtime/webhooks/EventGrid`);
  url.searchParams.set('functionName', functionName);
  if (key) url.searchParams.set('code', key);
  return url.toString();
};

/** A real EventGridPublisherClient pointed at the host's Event Grid webhook. */
function client<T extends 'EventGrid' | 'CloudEvent'>(schema: T, options: { eventType?: string; functionName?: string; key?: string | null } = {}) {
  const key = options.key === null ? undefined : (options.key ?? host.keys.systemKeys.eventgrid_extension);
  return new EventGridPublisherClient(webhook(options.functionName ?? 'onEvent', key), schema, new AzureKeyCredential('unused-topic-key'), {
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy: deliveryHeader(options.eventType ?? 'Notification'), position: 'perCall' }],
  });
}

/**
 * Sends through the client and returns the webhook's status. The publisher API answers 200, a
 * Functions webhook 202; Event Grid counts 200–204 as delivered, so a 2xx "error" is success.
 */
async function deliver(send: (onResponse: (raw: { status: number }) => void) => Promise<void>): Promise<number> {
  let status = 0;
  try {
    await send((raw) => (status = raw.status));
  } catch (error) {
    if (status < 200 || status > 204) throw error;
  }
  return status;
}

const records = async (): Promise<unknown[]> => (await (await fetch(`${host.url}/api/records`)).json()) as unknown[];

const gridEvent = (id: string, subject: string): SendEventGridEventInput<unknown> => ({
  id,
  subject,
  eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
  dataVersion: '1',
  data: { latestSupportedKubernetesVersion: '1.33.1' },
});

describe('Event Grid webhook driven by @azure/eventgrid', () => {
  it('invokes the function once per event of an Event Grid schema batch', async () => {
    const status = await deliver((onResponse) => client('EventGrid').send([gridEvent('e1', 'clusters/a'), gridEvent('e2', 'clusters/b')], { onResponse }));
    expect(status).toBe(202);
    expect(await records()).toEqual([
      { kind: 'event', id: 'e1', type: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', subject: 'clusters/a', data: { latestSupportedKubernetesVersion: '1.33.1' } },
      { kind: 'event', id: 'e2', type: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', subject: 'clusters/b', data: { latestSupportedKubernetesVersion: '1.33.1' } },
    ]);
  });

  it('delivers CloudEvents 1.0 batches', async () => {
    const event: SendCloudEventInput<unknown> = { id: 'c1', source: '/durable-fleet/releases', type: 'DurableFleet.NodeImageReleased', subject: 'westeurope', data: { version: 'AKSUbuntu-2204gen2containerd-202611.01.0' } };
    expect(await deliver((onResponse) => client('CloudEvent').send([event], { onResponse }))).toBe(202);
    expect(await records()).toEqual([{ kind: 'event', id: 'c1', type: 'DurableFleet.NodeImageReleased', subject: 'westeurope', data: { version: 'AKSUbuntu-2204gen2containerd-202611.01.0' } }]);
  });

  it('answers the subscription validation handshake with the validation code', async () => {
    let answer: { status: number; body: string | undefined } | undefined;
    await client('EventGrid', { eventType: 'SubscriptionValidation' }).send(
      [{ id: 'v1', subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', dataVersion: '1', data: { validationCode: 'B0D1-42', validationUrl: 'https://rp-westeurope.eventgrid.azure.net:553/validate' } }],
      { onResponse: (raw) => (answer = { status: raw.status, body: raw.bodyAsText ?? undefined }) },
    );
    expect(answer).toEqual({ status: 200, body: '{"validationResponse":"B0D1-42"}' });
  });

  it('answers 500 for the whole batch when one invocation fails, after running the others', async () => {
    const sending = client('EventGrid').send([gridEvent('ok-1', 'clusters/a'), gridEvent('bad', 'fail'), gridEvent('ok-2', 'clusters/c')]);
    await expect(sending).rejects.toMatchObject({ statusCode: 500 });
    expect((await records()).map((r) => (r as { id: string }).id)).toEqual(['ok-1', 'ok-2']);
  });

  it.each([
    { name: 'unknown function → 404', options: { functionName: 'noSuchFunction' }, want: 404 },
    { name: 'no system key → 401', options: { key: null }, want: 401 },
    { name: 'a function key is not the system key → 401', options: { key: 'function' }, want: 401 },
    { name: 'missing aeg-event-type → 400', options: { eventType: '' }, want: 400 },
  ])('$name', async ({ options, want }) => {
    const key = options.key === 'function' ? host.keys.functionKeys.default : options.key;
    const sending = client('EventGrid', { ...options, key }).send([gridEvent('x', 'y')]);
    await expect(sending).rejects.toMatchObject({ statusCode: want });
  });

  it('answers Unsubscribe with 202', async () => {
    expect(await deliver((onResponse) => client('EventGrid', { eventType: 'Unsubscribe' }).send([gridEvent('u', 'y')], { onResponse }))).toBe(202);
  });

  it('answers the CloudEvents abuse-protection OPTIONS handshake', async () => {
    const response = await fetch(webhook('onEvent', host.keys.systemKeys.eventgrid_extension), {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net', 'WebHook-Request-Rate': '120' },
    });
    expect([response.status, response.headers.get('webhook-allowed-origin'), response.headers.get('webhook-allowed-rate')]).toEqual([200, 'eventgrid.azure.net', '*']);
  });
});
