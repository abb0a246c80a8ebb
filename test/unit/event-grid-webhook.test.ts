import { describe, expect, it } from 'vitest';
import { answerAbuseProtection, handleEventGridPost, type WebhookRequest } from '../../local/host/event-grid-webhook.js';

const post = (headers: Record<string, string | undefined>, body: unknown): WebhookRequest => ({ method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const validationEvent = { id: '1', topic: 't', subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', eventTime: '2026-01-01T00:00:00Z', data: { validationCode: 'code-123', validationUrl: 'https://rp-westeurope.eventgrid.azure.net:553/x' }, dataVersion: '1', metadataVersion: '1' };

describe('handleEventGridPost', () => {
  it.each([
    { name: 'Event Grid schema validation (array)', headers: { 'aeg-event-type': 'SubscriptionValidation' }, body: [validationEvent], want: { status: 200, body: '{"validationResponse":"code-123"}' } },
    { name: 'CloudEvents validation with double-encoded data', headers: { 'aeg-event-type': 'SubscriptionValidation' }, body: { specversion: '1.0', id: '1', source: 's', type: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: JSON.stringify({ validationCode: 'ce-9' }) }, want: { status: 200, body: '{"validationResponse":"ce-9"}' } },
    { name: 'validation without a code', headers: { 'aeg-event-type': 'SubscriptionValidation' }, body: [{ ...validationEvent, data: {} }], want: { status: 400 } },
    { name: 'unsubscribe', headers: { 'aeg-event-type': 'Unsubscribe' }, body: [], want: { status: 202 } },
    { name: 'missing aeg-event-type', headers: {}, body: [validationEvent], want: { status: 400 } },
    { name: 'unknown aeg-event-type', headers: { 'aeg-event-type': 'Gossip' }, body: [], want: { status: 400 } },
    { name: 'body that is not JSON', headers: { 'aeg-event-type': 'Notification' }, body: 'nope', want: { status: 400 } },
  ])('$name', async ({ headers, body, want }) => {
    const answer = await handleEventGridPost(post(headers, body), async () => undefined);
    expect({ status: answer.status, ...(want.body ? { body: answer.body } : {}) }).toEqual(want);
  });

  it('dispatches each event of a batch in order, and a single event object too', async () => {
    const seen: unknown[] = [];
    const batch = await handleEventGridPost(post({ 'aeg-event-type': 'Notification' }, [{ id: 'a' }, { id: 'b' }]), async (e) => void seen.push(e.id));
    const single = await handleEventGridPost(post({ 'aeg-event-type': 'Notification' }, { id: 'c' }), async (e) => void seen.push(e.id));
    expect([batch.status, single.status, seen]).toEqual([202, 202, ['a', 'b', 'c']]);
  });

  it('answers 500 for the whole batch when any invocation fails, after trying every event', async () => {
    const seen: unknown[] = [];
    const answer = await handleEventGridPost(post({ 'aeg-event-type': 'Notification' }, [{ id: 'a' }, { id: 'bad' }, { id: 'c' }]), async (e) => {
      seen.push(e.id);
      if (e.id === 'bad') throw new Error('no');
    });
    expect([answer.status, seen]).toEqual([500, ['a', 'bad', 'c']]);
  });
});

describe('answerAbuseProtection', () => {
  it.each([
    { name: 'echoes the origin', headers: { 'webhook-request-origin': 'eventgrid.azure.net' }, want: { status: 200, headers: { 'webhook-allowed-origin': 'eventgrid.azure.net', allow: 'POST, OPTIONS' } } },
    { name: 'allows any rate when asked', headers: { 'webhook-request-origin': 'eventgrid.azure.net', 'webhook-request-rate': '120' }, want: { status: 200, headers: { 'webhook-allowed-origin': 'eventgrid.azure.net', allow: 'POST, OPTIONS', 'webhook-allowed-rate': '*' } } },
    { name: 'refuses a request without an origin', headers: {}, want: { status: 400 } },
  ])('$name', ({ headers, want }) => {
    const answer = answerAbuseProtection({ method: 'OPTIONS', headers, body: '' });
    expect({ status: answer.status, ...(want.headers ? { headers: answer.headers } : {}) }).toEqual(want);
  });
});
