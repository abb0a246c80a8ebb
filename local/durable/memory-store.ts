import type { HistoryEvent } from './history.js';
import type { ActivityRecord, CommitBatch, DurableStore, InstanceFilter, InstanceRecord, MessageRecord, PendingWork } from './store.js';

const clone = <T>(value: T): T => structuredClone(value);

/** Whether `r` passes `filter` (shared by both stores' semantics). */
export function matchesFilter(r: InstanceRecord, filter: InstanceFilter): boolean {
  return (
    (filter.createdTimeFrom === undefined || r.createdTime >= filter.createdTimeFrom) &&
    (filter.createdTimeTo === undefined || r.createdTime <= filter.createdTimeTo) &&
    (filter.statuses === undefined || filter.statuses.length === 0 || filter.statuses.includes(r.status)) &&
    (filter.instanceIdPrefix === undefined || r.instanceId.startsWith(filter.instanceIdPrefix))
  );
}

/**
 * A {@link DurableStore} in memory, for tests. Data survives engine restarts that reuse the
 * same store object, not the process. Records are copied in and out, as a database would.
 */
export class MemoryStore implements DurableStore {
  readonly #instances = new Map<string, InstanceRecord>();
  readonly #history = new Map<string, HistoryEvent[]>();
  readonly #messages = new Map<number, MessageRecord>();
  readonly #activities = new Map<number, ActivityRecord>();
  #maxId = 0;

  loadPending(): PendingWork {
    return { messages: clone([...this.#messages.values()]), activities: clone([...this.#activities.values()]), maxId: this.#maxId };
  }

  getInstance(instanceId: string): InstanceRecord | undefined {
    const found = this.#instances.get(instanceId);
    return found && clone(found);
  }

  getHistory(instanceId: string): HistoryEvent[] {
    return clone(this.#history.get(instanceId) ?? []);
  }

  listInstances(filter: InstanceFilter): InstanceRecord[] {
    const rows = [...this.#instances.values()]
      .filter((r) => matchesFilter(r, filter))
      .sort((a, b) => a.createdTime - b.createdTime || (a.instanceId < b.instanceId ? -1 : 1));
    const start = filter.offset ?? 0;
    return clone(rows.slice(start, filter.limit === undefined ? undefined : start + filter.limit));
  }

  commit(batch: CommitBatch): void {
    const b = clone(batch);
    for (const r of b.instances ?? []) this.#instances.set(r.instanceId, r);
    for (const id of b.resetHistory ?? []) this.#history.set(id, []);
    for (const { instanceId, events } of b.history ?? []) this.#history.set(instanceId, [...(this.#history.get(instanceId) ?? []), ...events]);
    for (const id of b.deleteMessages ?? []) this.#messages.delete(id);
    for (const m of b.messages ?? []) {
      this.#messages.set(m.id, m);
      this.#maxId = Math.max(this.#maxId, m.id);
    }
    for (const id of b.deleteActivities ?? []) this.#activities.delete(id);
    for (const a of b.activities ?? []) {
      this.#activities.set(a.id, a);
      this.#maxId = Math.max(this.#maxId, a.id);
    }
  }

  purge(instanceIds: readonly string[]): number {
    let count = 0;
    for (const id of instanceIds) {
      if (this.#instances.delete(id)) count += 1;
      this.#history.delete(id);
      for (const [key, m] of this.#messages) if (m.instanceId === id) this.#messages.delete(key);
      for (const [key, a] of this.#activities) if (a.instanceId === id) this.#activities.delete(key);
    }
    return count;
  }

  close(): void {}
}
