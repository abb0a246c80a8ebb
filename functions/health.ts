import { app, type HttpResponseInit } from '@azure/functions';
import { TableServiceClient } from '@azure/data-tables';

/** How long the storage probe may take before the app reports itself unhealthy. */
const probeTimeoutMs = 5_000;

/**
 * Probes table storage (the state store) by listing at most one table, so a load balancer or
 * an operator sees at once whether the app can reach its storage account.
 */
async function probeStorage(connectionString: string | undefined): Promise<{ status: 'Healthy' | 'Unhealthy'; latencyMs: number; error?: string }> {
  const started = performance.now();
  if (!connectionString) return { status: 'Unhealthy', latencyMs: 0, error: 'AzureWebJobsStorage is not set.' };
  try {
    const client = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
    const pages = client.listTables().byPage({ maxPageSize: 1 });
    await pages.next();
    return { status: 'Healthy', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'Unhealthy', latencyMs: Math.round(performance.now() - started), error: (error as Error).name };
  }
}

/** `GET /healthz`: 200 when the app and its storage are usable, 503 otherwise. No secrets in the body. */
export async function healthHandler(): Promise<HttpResponseInit> {
  const storage = await Promise.race([
    probeStorage(process.env.AzureWebJobsStorage),
    new Promise<{ status: 'Unhealthy'; latencyMs: number; error: string }>((resolve) =>
      setTimeout(() => resolve({ status: 'Unhealthy', latencyMs: probeTimeoutMs, error: 'Timeout' }), probeTimeoutMs).unref(),
    ),
  ]);
  const healthy = storage.status === 'Healthy';
  return { status: healthy ? 200 : 503, jsonBody: { status: healthy ? 'Healthy' : 'Unhealthy', checks: { storage } } };
}

app.http('healthz', { route: 'healthz', methods: ['GET'], authLevel: 'anonymous', handler: healthHandler });
