/** What delivering a stream of batches measured. */
export interface Delivery {
  /** Events accepted (their batch answered 202). */
  accepted: number;
  /** Wall time from the first POST to the last answer. */
  wallMs: number;
  /** Per event: time from its batch's POST to the batch's answer, in ms. */
  latenciesMs: Float64Array;
}

/** Where and how to POST. */
export interface DeliveryTarget {
  url: string;
  headers: Record<string, string>;
  /** Batches in flight at once. */
  concurrency: number;
}

/**
 * POSTs every batch (a pre-serialized JSON array of `sizes[i]` events) with at most
 * `concurrency` in flight, as Event Grid's delivery does for a busy subscription. Throws on the
 * first answer other than 200/202: the bench measures acceptance, not retries.
 */
export async function deliver(bodies: readonly string[], sizes: readonly number[], target: DeliveryTarget): Promise<Delivery> {
  const total = sizes.reduce((sum, n) => sum + n, 0);
  const latenciesMs = new Float64Array(total);
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((sum, n) => sum + n, 0));
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(target.concurrency, bodies.length) }, async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const sent = performance.now();
      const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: bodies[i] });
      const text = await response.text();
      const latency = performance.now() - sent;
      if (response.status !== 202 && response.status !== 200) throw new Error(`Batch ${i}: HTTP ${response.status} ${text.slice(0, 300)}`);
      const size = sizes[i] ?? 0;
      latenciesMs.fill(latency, offsets[i] ?? 0, (offsets[i] ?? 0) + size);
      accepted += size;
    }
  }));
  return { accepted, wallMs: performance.now() - started, latenciesMs };
}

/** The `p`-th percentile (0–100, nearest rank) of `values`. */
export function percentile(values: Float64Array, p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Events per second, rounded. */
export const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);
