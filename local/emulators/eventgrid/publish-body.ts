/**
 * Reads a publish request's body as Event Grid does for a topic of a given input schema:
 * Event Grid-schema arrays (`application/json`), CloudEvents 1.0 batches
 * (`application/cloudevents-batch+json`) or single CloudEvents (`application/cloudevents+json`).
 * Accepted events come back in delivery form; anything else is a 400 (or a 413 for an event
 * over 1 MB) with Event Grid's error body.
 */
import { z } from 'zod';
import { badEvents, tooLarge, type EmulatorResponse } from './eventgrid-errors.js';
import type { AcceptedEvent, InputSchema } from './model.js';

/** Event Grid's limit on one event and on one publish: 1 MB. */
export const maxEventBytes = 1024 * 1024;

const timestamp = z.iso.datetime({ offset: true });

/** An Event Grid-schema event as a publisher sends it. */
export const eventGridEventSchema = z.object({
  id: z.string().min(1),
  subject: z.string(),
  eventType: z.string().min(1),
  eventTime: timestamp,
  data: z.unknown().optional(),
  dataVersion: z.string().optional(),
  metadataVersion: z.literal('1').optional(),
  topic: z.string().optional(),
});

const reserved = new Set(['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data', 'data_base64']);

/** A CloudEvents 1.0 event (structured mode); other attributes are extensions, named as the spec requires. */
export const cloudEventSchema = z
  .looseObject({
    specversion: z.literal('1.0'),
    id: z.string().min(1),
    source: z.string().min(1),
    type: z.string().min(1),
    subject: z.string().optional(),
    time: timestamp.optional(),
    datacontenttype: z.string().optional(),
    dataschema: z.string().optional(),
    data: z.unknown().optional(),
    data_base64: z.string().optional(),
  })
  .refine((e) => e.data === undefined || e.data_base64 === undefined, 'an event carries data or data_base64, not both')
  .refine((e) => Object.keys(e).every((k) => reserved.has(k) || /^[a-z0-9]{1,20}$/.test(k)), 'extension attribute names are 1–20 lower-case letters or digits');

/** The media type of a Content-Type header, lower case, without parameters. */
const mediaType = (header: string | undefined): string => (header ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

const sizeOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The outcome of reading a publish body. */
export type PublishBodyResult = { ok: true; events: AcceptedEvent[] } | { ok: false; response: EmulatorResponse };

/** Validates a publish body for a topic; Event Grid-schema events get the topic's id and `metadataVersion` stamped. */
export function readPublishBody(input: { schema: InputSchema; topicId: string; contentType: string | undefined; text: string }): PublishBodyResult {
  const type = mediaType(input.contentType);
  const parsed = parseJson(input.text);
  if (!parsed.ok) return { ok: false, response: badEvents('The request body is not valid JSON.') };
  let list: unknown[];
  if (input.schema === 'EventGridSchema') {
    if (type !== 'application/json') return { ok: false, response: badEvents(`This topic accepts Event Grid schema events as application/json, not ${type}.`) };
    if (!Array.isArray(parsed.value)) return { ok: false, response: badEvents('Event Grid schema events are published as a JSON array.') };
    list = parsed.value;
  } else if (type === 'application/cloudevents-batch+json') {
    if (!Array.isArray(parsed.value)) return { ok: false, response: badEvents('A CloudEvents batch is a JSON array.') };
    list = parsed.value;
  } else if (type === 'application/cloudevents+json') {
    list = [parsed.value];
  } else {
    return { ok: false, response: badEvents(`This topic accepts CloudEvents 1.0 (application/cloudevents+json or application/cloudevents-batch+json), not ${type}.`) };
  }
  if (list.length === 0) return { ok: false, response: badEvents('The request carries no events.') };
  const oversized = list.findIndex((e) => sizeOf(e) > maxEventBytes);
  if (oversized >= 0) return { ok: false, response: tooLarge(`Event ${oversized} is larger than ${maxEventBytes} bytes.`) };

  const events: AcceptedEvent[] = [];
  for (const [index, raw] of list.entries()) {
    const result = input.schema === 'EventGridSchema' ? toEventGridEvent(raw, input.topicId) : toCloudEvent(raw);
    if (typeof result === 'string') return { ok: false, response: badEvents(`Event ${index}: ${result}`) };
    events.push(result);
  }
  return { ok: true, events };
}

function toEventGridEvent(raw: unknown, topicId: string): AcceptedEvent | string {
  const parsed = eventGridEventSchema.safeParse(raw);
  if (!parsed.success) return z.prettifyError(parsed.error);
  const e = parsed.data;
  if (e.topic !== undefined && e.topic.toLowerCase() !== topicId.toLowerCase()) return `topic "${e.topic}" does not match this topic's resource id ${topicId}.`;
  const body = { id: e.id, topic: topicId, subject: e.subject, data: e.data ?? null, eventType: e.eventType, eventTime: e.eventTime, metadataVersion: '1', dataVersion: e.dataVersion ?? '' };
  return { id: e.id, eventType: e.eventType, subject: e.subject, dataVersion: body.dataVersion, metadataVersion: '1', body };
}

function toCloudEvent(raw: unknown): AcceptedEvent | string {
  const parsed = cloudEventSchema.safeParse(raw);
  if (!parsed.success) return z.prettifyError(parsed.error);
  const e = parsed.data;
  return { id: e.id, eventType: e.type, subject: e.subject, dataVersion: undefined, metadataVersion: e.specversion, body: { ...e } };
}
