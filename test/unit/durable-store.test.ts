import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventType, historyEvent } from '../../local/durable/history.js';
import { MemoryStore } from '../../local/durable/memory-store.js';
import { SqliteStore } from '../../local/durable/sqlite-store.js';
import type { DurableStore, InstanceRecord, MessageRecord } from '../../local/durable/store.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'durable-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const instance = (instanceId: string, createdTime: number, status: InstanceRecord['status'] = 'Running'): InstanceRecord => ({
  instanceId, executionId: 'e1', name: 'o', status, input: '{"a":1}', output: null, customStatus: null, createdTime, lastUpdatedTime: createdTime, parent: null,
});
const message = (id: number, instanceId: string): MessageRecord => ({ id, instanceId, executionId: null, visibleAt: 5, event: historyEvent(EventType.EventRaised, 5, { Name: 'e' }) });

describe.each([
  { name: 'MemoryStore', open: (): DurableStore => new MemoryStore() },
  { name: 'SqliteStore', open: (): DurableStore => new SqliteStore(path.join(dir, `${Math.random()}.sqlite`)) },
])('$name', ({ open }) => {
  it('commits instances, history, messages and activities, and loads the pending work', () => {
    const store = open();
    const started = historyEvent(EventType.ExecutionStarted, 1, { Name: 'o' });
    store.commit({ instances: [instance('a', 1)], history: [{ instanceId: 'a', events: [started] }], messages: [message(1, 'a'), message(2, 'a')], activities: [{ id: 3, instanceId: 'a', executionId: 'e1', taskScheduledId: 0, name: 'act', input: '"x"' }] });
    store.commit({ history: [{ instanceId: 'a', events: [historyEvent(EventType.OrchestratorCompleted, 2)] }], deleteMessages: [1], deleteActivities: [3] });
    expect(store.getInstance('a')).toEqual(instance('a', 1));
    expect(store.getHistory('a').map((e) => e.EventType)).toEqual([EventType.ExecutionStarted, EventType.OrchestratorCompleted]);
    expect(store.loadPending()).toEqual({ messages: [message(2, 'a')], activities: [], maxId: 3 });
    store.commit({ resetHistory: ['a'] });
    expect(store.getHistory('a')).toEqual([]);
    store.close();
  });

  it('lists by filter in created order with paging, and purges', () => {
    const store = open();
    store.commit({ instances: [instance('x-2', 20, 'Completed'), instance('x-1', 10), instance('y-1', 30, 'Failed')], messages: [message(9, 'x-2')] });
    const ids = (filter: Parameters<DurableStore['listInstances']>[0]): string[] => store.listInstances(filter).map((r) => r.instanceId);
    expect(ids({})).toEqual(['x-1', 'x-2', 'y-1']);
    expect(ids({ instanceIdPrefix: 'x-' })).toEqual(['x-1', 'x-2']);
    expect(ids({ statuses: ['Completed', 'Failed'] })).toEqual(['x-2', 'y-1']);
    expect(ids({ createdTimeFrom: 15, createdTimeTo: 30 })).toEqual(['x-2', 'y-1']);
    expect(ids({ offset: 1, limit: 1 })).toEqual(['x-2']);
    expect(store.purge(['x-2', 'missing'])).toBe(1);
    expect(store.getInstance('x-2')).toBeUndefined();
    expect(store.loadPending().messages).toEqual([]);
    expect(store.loadPending().maxId).toBe(9);
    store.close();
  });
});
