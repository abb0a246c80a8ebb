import { AzureKeyCredential, generateSharedAccessSignature } from '@azure/eventgrid';
import { describe, expect, it } from 'vitest';
import { planCopies } from '../../local/emulators/eventgrid/chaos.js';
import { seededRandom } from '../../local/seeded-random.js';
import { checkPublishAuth } from '../../local/emulators/eventgrid/publish-auth.js';
import { readPublishBody } from '../../local/emulators/eventgrid/publish-body.js';
import { matchesFilter } from '../../local/emulators/eventgrid/subscription-filter.js';

const topicId = '/subscriptions/s/resourceGroups/local/providers/Microsoft.EventGrid/topics/t1';
const gridEvent = { id: 'e1', subject: 'clusters/a', eventType: 'Demo.Happened', eventTime: '2026-01-01T00:00:00.000Z', data: { n: 1 }, dataVersion: '1' };
const cloudEvent = { specversion: '1.0', id: 'c1', source: '/demo', type: 'Demo.Happened', subject: 'a', data: { n: 1 } };

/** Status and error detail code of a rejected body, or the accepted events' bodies. */
function read(schema: 'EventGridSchema' | 'CloudEventSchemaV1_0', contentType: string | undefined, body: unknown) {
  const result = readPublishBody({ schema, topicId, contentType, text: typeof body === 'string' ? body : JSON.stringify(body) });
  if (result.ok) return { accepted: result.events.map((e) => e.body) };
  const error = (result.response.body as { error: { code: string } }).error;
  return { status: result.response.status, code: error.code };
}

describe('publish bodies', () => {
  it.each([
    { name: 'an Event Grid-schema array gets topic and metadataVersion stamped', input: { schema: 'EventGridSchema', type: 'application/json', body: [gridEvent] }, want: { accepted: [{ ...gridEvent, topic: topicId, metadataVersion: '1' }] } },
    { name: 'a missing dataVersion is stamped empty', input: { schema: 'EventGridSchema', type: 'application/json', body: [{ ...gridEvent, dataVersion: undefined }] }, want: { accepted: [{ ...gridEvent, topic: topicId, metadataVersion: '1', dataVersion: '' }] } },
    { name: 'a CloudEvents batch', input: { schema: 'CloudEventSchemaV1_0', type: 'application/cloudevents-batch+json; charset=utf-8', body: [cloudEvent] }, want: { accepted: [cloudEvent] } },
    { name: 'a single CloudEvent', input: { schema: 'CloudEventSchemaV1_0', type: 'application/cloudevents+json', body: cloudEvent }, want: { accepted: [cloudEvent] } },
    { name: 'not JSON', input: { schema: 'EventGridSchema', type: 'application/json', body: '[{' }, want: { status: 400, code: 'BadRequest' } },
    { name: 'an object instead of an array', input: { schema: 'EventGridSchema', type: 'application/json', body: gridEvent }, want: { status: 400, code: 'BadRequest' } },
    { name: 'an empty array', input: { schema: 'EventGridSchema', type: 'application/json', body: [] }, want: { status: 400, code: 'BadRequest' } },
    { name: 'an event without eventType', input: { schema: 'EventGridSchema', type: 'application/json', body: [{ ...gridEvent, eventType: undefined }] }, want: { status: 400, code: 'BadRequest' } },
    { name: 'an eventTime that is no time', input: { schema: 'EventGridSchema', type: 'application/json', body: [{ ...gridEvent, eventTime: 'yesterday' }] }, want: { status: 400, code: 'BadRequest' } },
    { name: 'a topic that is not this topic', input: { schema: 'EventGridSchema', type: 'application/json', body: [{ ...gridEvent, topic: '/other' }] }, want: { status: 400, code: 'BadRequest' } },
    { name: 'CloudEvents sent to an Event Grid-schema topic', input: { schema: 'EventGridSchema', type: 'application/cloudevents-batch+json', body: [cloudEvent] }, want: { status: 400, code: 'BadRequest' } },
    { name: 'plain JSON sent to a CloudEvents topic', input: { schema: 'CloudEventSchemaV1_0', type: 'application/json', body: [cloudEvent] }, want: { status: 400, code: 'BadRequest' } },
    { name: 'a CloudEvent of spec version 0.3', input: { schema: 'CloudEventSchemaV1_0', type: 'application/cloudevents+json', body: { ...cloudEvent, specversion: '0.3' } }, want: { status: 400, code: 'BadRequest' } },
    { name: 'a CloudEvent with an upper-case extension', input: { schema: 'CloudEventSchemaV1_0', type: 'application/cloudevents+json', body: { ...cloudEvent, Tenant: 'x' } }, want: { status: 400, code: 'BadRequest' } },
    { name: 'an event over 1 MB', input: { schema: 'EventGridSchema', type: 'application/json', body: [{ ...gridEvent, data: 'x'.repeat(1024 * 1024) }] }, want: { status: 413, code: 'RequestEntityTooLarge' } },
  ] as const)('$name', ({ input, want }) => {
    expect(read(input.schema, input.type, input.body)).toEqual(want);
  });
});

describe('publish credentials', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const endpoint = 'https://localhost:7446/topics/t1/api/events';
  const topic = { key, endpoint };
  const now = Date.parse('2026-01-01T00:00:00Z');
  const sas = (expires: string, signingKey = key, url = endpoint) => generateSharedAccessSignature(url, new AzureKeyCredential(signingKey), new Date(expires));

  it.each([
    { name: 'the right key', input: async () => ({ key, token: undefined }), want: undefined },
    { name: 'a wrong key', input: async () => ({ key: 'bm9wZQ==', token: undefined }), want: 'The specified key does not match the expected value for the specified topic.' },
    { name: 'no credentials', input: async () => ({ key: undefined, token: undefined }), want: 'The request has neither an aeg-sas-key nor an aeg-sas-token header.' },
    { name: 'an SDK-made SAS token', input: async () => ({ key: undefined, token: await sas('2026-01-01T01:00:00Z') }), want: undefined },
    { name: 'an expired SAS token', input: async () => ({ key: undefined, token: await sas('2025-12-31T23:59:00Z') }), want: 'The SAS token has expired.' },
    { name: 'a SAS token signed with another key', input: async () => ({ key: undefined, token: await sas('2026-01-01T01:00:00Z', Buffer.alloc(32, 8).toString('base64')) }), want: 'The SAS token signature does not match the key.' },
    { name: 'a SAS token for another topic', input: async () => ({ key: undefined, token: await sas('2026-01-01T01:00:00Z', key, 'https://localhost:7446/topics/t2/api/events') }), want: 'The SAS token is for https://localhost:7446/topics/t2/api/events, not this topic.' },
  ])('$name', async ({ input, want }) => {
    expect(checkPublishAuth(await input(), topic, now)).toBe(want);
  });
});

describe('subscription filters (case-insensitive, as Event Grid by default)', () => {
  const event = { eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', subject: 'aks-prod-eastus-1' };
  it.each([
    { name: 'no filter', input: {}, want: true },
    { name: 'an included type', input: { includedEventTypes: ['microsoft.containerservice.newkubernetesversionavailable'] }, want: true },
    { name: 'other types only', input: { includedEventTypes: ['Microsoft.ContainerService.ClusterSupportEnded'] }, want: false },
    { name: 'subject prefix', input: { subjectBeginsWith: 'AKS-PROD' }, want: true },
    { name: 'another prefix', input: { subjectBeginsWith: 'aks-dev' }, want: false },
    { name: 'subject suffix', input: { subjectEndsWith: 'eastus-1' }, want: true },
    { name: 'prefix matches, suffix does not', input: { subjectBeginsWith: 'aks-prod', subjectEndsWith: '-2' }, want: false },
  ])('$name', ({ input, want }) => {
    expect(matchesFilter(input, event)).toBe(want);
  });
});

describe('chaos plans', () => {
  it.each([
    { name: 'off: one copy, not held back', input: { duplicates: 0, reorderWindowMs: 0, seed: 1 }, want: [{ copy: 0, holdMs: 0 }] },
    { name: 'two duplicates: three copies', input: { duplicates: 2, reorderWindowMs: 0, seed: 1 }, want: [{ copy: 0, holdMs: 0 }, { copy: 1, holdMs: 0 }, { copy: 2, holdMs: 0 }] },
  ])('$name', ({ input, want }) => {
    expect(planCopies(input, seededRandom(input.seed))).toEqual(want);
  });

  it('holds copies back within the window, reproducibly for a seed', () => {
    const chaos = { duplicates: 0, reorderWindowMs: 1000, seed: 42 };
    const holds = (random: () => number) => Array.from({ length: 20 }, () => planCopies(chaos, random)[0]?.holdMs ?? -1);
    const first = holds(seededRandom(42));
    expect(first).toEqual(holds(seededRandom(42)));
    expect(first.every((h) => h >= 0 && h < 1000)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});
