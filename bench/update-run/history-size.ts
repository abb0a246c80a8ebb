import type { DurableEngine } from '../../local/durable/engine.js';

/** The largest history of any instance the engine holds, and which instance it is. */
export async function largestHistory(engine: DurableEngine): Promise<{ events: number; instanceId: string; instances: number }> {
  let largest = { events: 0, instanceId: '', instances: 0 };
  let continuationToken: string | undefined;
  do {
    const page = await engine.query({ top: 1000, ...(continuationToken ? { continuationToken } : {}) });
    for (const { instanceId } of page.instances) {
      const events = (await engine.history(instanceId)).length;
      if (events > largest.events) largest = { ...largest, events, instanceId };
    }
    largest.instances += page.instances.length;
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return largest;
}
