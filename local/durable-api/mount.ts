import type { LinkSettings } from './check-status-links.js';
import { createDurableHttpApi } from './http-api.js';
import type { DurableManagement } from './management.js';
import { durableWebhook, startRpcListener } from './serve.js';

/** Where the host lets extension webhooks in (`/runtime/webhooks/{name}`, system key checked by the host). */
export interface WebhookRegistry {
  set(name: string, webhook: { systemKey: string; handle: ReturnType<typeof durableWebhook> }): unknown;
  delete(name: string): unknown;
}

/** The Durable HTTP API as served. */
export interface MountedDurableApi {
  /** What the `durableClient` binding's `rpcBaseUrl` points at. */
  rpcBaseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the Durable HTTP API over an engine twice, as the extension does: on the public webhook
 * `/runtime/webhooks/durabletask/` (system key `durabletask_extension`) and on the keyless
 * loopback RPC listener (`preferredRpcPort`, 17071 by default, else a free one).
 */
export async function mountDurableApi(engine: DurableManagement, links: () => LinkSettings, webhooks: WebhookRegistry, preferredRpcPort: number): Promise<MountedDurableApi> {
  const api = createDurableHttpApi(engine, links);
  webhooks.set('durabletask', { systemKey: 'durabletask_extension', handle: durableWebhook(api) });
  const rpc = await startRpcListener(api, preferredRpcPort);
  return {
    rpcBaseUrl: rpc.baseUrl,
    close: async () => {
      webhooks.delete('durabletask');
      await rpc.close();
    },
  };
}
