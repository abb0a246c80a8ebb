/**
 * `POST /topics/{name}/api/events?api-version=…`: a topic's publish endpoint, answered in Event
 * Grid's order — unknown topic 404, no api-version 400, bad credentials 401, over 1 MB 413,
 * invalid events 400 — and 200 with an empty body once every event is queued for delivery.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../host/clock.js';
import type { EventGridState } from './emulator-state.js';
import { eventGridError, noTopic, tooLarge, unauthorized, type EmulatorResponse } from './eventgrid-errors.js';
import { checkPublishAuth } from './publish-auth.js';
import { maxEventBytes, readPublishBody } from './publish-body.js';

/** A publish request, body already read (`tooLarge` when it passed 1 MB). */
export interface PublishRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  text: string;
  tooLarge: boolean;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Answers a request under `/topics/`. */
export function handlePublish(state: EventGridState, clock: Clock, request: PublishRequest): EmulatorResponse {
  const match = /^\/topics\/([^/]+)\/api\/events\/?$/i.exec(request.url.pathname);
  const topic = match?.[1] === undefined ? undefined : state.topic(decodeURIComponent(match[1]));
  if (!topic || topic.system || topic.key === undefined) return noTopic(request.url.pathname);
  if (request.method !== 'POST') return { ...eventGridError(405, 'MethodNotAllowed', `Topics accept POST, not ${request.method}.`), headers: { allow: 'POST' } };
  if (!request.url.searchParams.get('api-version')) return eventGridError(400, 'BadRequest', 'The api-version query parameter is required (e.g. ?api-version=2018-01-01).', 'ApiVersionMissing');
  const info = state.info(topic);
  const endpoint = info.endpoint ?? '';
  const failure = checkPublishAuth({ key: header(request.headers, 'aeg-sas-key'), token: header(request.headers, 'aeg-sas-token') }, { key: topic.key, endpoint }, clock.now().getTime());
  if (failure) return unauthorized(new URL(endpoint).host + new URL(endpoint).pathname, failure);
  if (request.tooLarge) return tooLarge(`The request is larger than ${maxEventBytes} bytes.`);
  const read = readPublishBody({ schema: topic.inputSchema, topicId: topic.id, contentType: header(request.headers, 'content-type'), text: request.text });
  if (!read.ok) return read.response;
  state.publish(topic, read.events);
  return { status: 200 };
}
