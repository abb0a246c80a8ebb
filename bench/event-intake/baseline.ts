import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliver, type Delivery } from './deliver.js';

/**
 * The baseline: the same batches POSTed the same way (same client, concurrency and headers) to
 * a trivial loopback endpoint in this process that reads and `JSON.parse`s the body, then
 * answers 202 — the transport and parse ceiling the webhook's rate compares with.
 */
export async function deliverToTrivialEndpoint(bodies: readonly string[], sizes: readonly number[], concurrency: number): Promise<Delivery> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.statusCode = 202;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const headers = { 'aeg-event-type': 'Notification', 'content-type': 'application/cloudevents-batch+json; charset=utf-8' };
    return await deliver(bodies, sizes, { url: `http://127.0.0.1:${port}/runtime/webhooks/EventGrid`, headers, concurrency });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
