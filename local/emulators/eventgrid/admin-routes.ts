/**
 * The admin API over HTTP (JSON, no authentication — it is a local test tool):
 *
 * - `GET /admin/topics`, `POST /admin/topics` `{name, inputSchema?}`, `DELETE /admin/topics/{topic}`
 * - `GET /admin/topics/{topic}/subscriptions`, `POST /admin/topics/{topic}/subscriptions` `{name, endpoint, …}`,
 *   `DELETE /admin/topics/{topic}/subscriptions/{name}`
 * - `PUT /admin/topics/{topic}/subscriptions/{name}/chaos` `{duplicates?, reorderWindowMs?, seed?}`
 * - `GET /admin/topics/{topic}/subscriptions/{name}/deliveries`
 * - `GET /admin/dead-letters?topic=&subscription=`
 * - `POST /admin/wait-until-idle`
 */
import { z } from 'zod';
import type { EventGridEmulatorAdmin } from './admin-api.js';
import { isEventGridAdminError, isSubscriptionValidationError, type EmulatorResponse } from './eventgrid-errors.js';

const error = (status: number, code: string, message: string): EmulatorResponse => ({ status, body: { error: { code, message } } });

/** Answers one admin request; `body` is the parsed JSON body (undefined when empty). */
export async function adminRoute(admin: EventGridEmulatorAdmin, method: string, url: URL, body: unknown): Promise<EmulatorResponse> {
  const [, , collection, topic, sub, name, leaf] = url.pathname.split('/').map((s) => safeDecode(s));
  const route = `${method} ${[collection, topic && '{topic}', sub, name && '{name}', leaf].filter(Boolean).join('/')}`;
  const t = topic ?? '';
  const n = name ?? '';
  try {
    switch (route) {
      case 'GET topics':
        return { status: 200, body: admin.listTopics() };
      // The admin methods validate these bodies with zod; the casts only hand the unknown JSON over.
      case 'POST topics':
        return { status: 201, body: admin.createTopic(body as Parameters<EventGridEmulatorAdmin['createTopic']>[0]) };
      case 'DELETE topics/{topic}':
        return admin.deleteTopic(t) ? { status: 204 } : error(404, 'NotFound', `No topic ${t}.`);
      case 'GET topics/{topic}/subscriptions':
        return { status: 200, body: admin.listSubscriptions(t) };
      case 'POST topics/{topic}/subscriptions':
        return { status: 201, body: await admin.createSubscription({ ...(body as object), topic: t } as Parameters<EventGridEmulatorAdmin['createSubscription']>[0]) };
      case 'DELETE topics/{topic}/subscriptions/{name}':
        return admin.deleteSubscription(t, n) ? { status: 204 } : error(404, 'NotFound', `No subscription ${n} on topic ${t}.`);
      case 'PUT topics/{topic}/subscriptions/{name}/chaos':
        return { status: 200, body: admin.setChaos(t, n, body as Parameters<EventGridEmulatorAdmin['setChaos']>[2]) };
      case 'GET topics/{topic}/subscriptions/{name}/deliveries':
        return { status: 200, body: admin.deliveries(t, n) };
      case 'GET dead-letters':
        return { status: 200, body: admin.deadLetters({ ...optional('topic', url), ...optional('subscription', url) }) };
      case 'POST wait-until-idle':
        await admin.waitUntilIdle();
        return { status: 204 };
      default:
        return error(404, 'NotFound', `No admin route ${method} ${url.pathname}.`);
    }
  } catch (e) {
    if (e instanceof z.ZodError) return error(400, 'InvalidRequest', z.prettifyError(e));
    if (isSubscriptionValidationError(e)) return error(400, e.code, e.message);
    if (isEventGridAdminError(e)) return error(e.status, e.status === 404 ? 'NotFound' : 'Conflict', e.message);
    throw e;
  }
}

/** A path segment decoded; a malformed escape stays as written (and then matches no topic). */
const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const optional = (key: string, url: URL): Record<string, string> => {
  const value = url.searchParams.get(key);
  return value === null ? {} : { [key]: value };
};
