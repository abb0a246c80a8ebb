import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HistoryEvent } from './history.js';
import type { ActivityRecord, CommitBatch, DurableStore, InstanceFilter, InstanceRecord, MessageRecord, PendingWork, RuntimeStatusName } from './store.js';

/** The slice of the better-sqlite3 API used here (the package ships no types). */
interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface Database {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): Statement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}
type DatabaseConstructor = new (file: string) => Database;

const schema = `
CREATE TABLE IF NOT EXISTS instances (
  instance_id TEXT PRIMARY KEY, execution_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  input TEXT, output TEXT, custom_status TEXT, created_time INTEGER NOT NULL, last_updated_time INTEGER NOT NULL, parent TEXT);
CREATE INDEX IF NOT EXISTS instances_created ON instances (created_time, instance_id);
CREATE TABLE IF NOT EXISTS history (instance_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (instance_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL, execution_id TEXT, visible_at INTEGER NOT NULL, event TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_instance ON messages (instance_id);
CREATE TABLE IF NOT EXISTS activities (id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL, execution_id TEXT NOT NULL, task_id INTEGER NOT NULL, name TEXT NOT NULL, input TEXT);
CREATE INDEX IF NOT EXISTS activities_instance ON activities (instance_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface InstanceRow {
  instance_id: string; execution_id: string; name: string; status: string; input: string | null; output: string | null;
  custom_status: string | null; created_time: number; last_updated_time: number; parent: string | null;
}

const toRecord = (r: InstanceRow): InstanceRecord => ({
  instanceId: r.instance_id, executionId: r.execution_id, name: r.name, status: r.status as RuntimeStatusName,
  input: r.input, output: r.output, customStatus: r.custom_status, createdTime: r.created_time,
  lastUpdatedTime: r.last_updated_time, parent: r.parent === null ? null : (JSON.parse(r.parent) as InstanceRecord['parent']),
});

/** Every statement the store runs, prepared once. */
const prepareStatements = (db: Database) => {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    upsertInstance: p(`INSERT OR REPLACE INTO instances VALUES (?,?,?,?,?,?,?,?,?,?)`),
    getInstance: p(`SELECT * FROM instances WHERE instance_id = ?`),
    clearHistory: p(`DELETE FROM history WHERE instance_id = ?`),
    lastSeq: p(`SELECT COALESCE(MAX(seq), -1) AS seq FROM history WHERE instance_id = ?`),
    appendHistory: p(`INSERT INTO history VALUES (?,?,?)`),
    getHistory: p(`SELECT event FROM history WHERE instance_id = ? ORDER BY seq`),
    insertMessage: p(`INSERT OR REPLACE INTO messages VALUES (?,?,?,?,?)`),
    deleteMessage: p(`DELETE FROM messages WHERE id = ?`),
    insertActivity: p(`INSERT OR REPLACE INTO activities VALUES (?,?,?,?,?,?)`),
    deleteActivity: p(`DELETE FROM activities WHERE id = ?`),
    allMessages: p(`SELECT * FROM messages ORDER BY id`),
    allActivities: p(`SELECT * FROM activities ORDER BY id`),
    maxId: p(`SELECT MAX(COALESCE((SELECT MAX(id) FROM messages), 0), COALESCE((SELECT MAX(id) FROM activities), 0), COALESCE((SELECT MAX(CAST(value AS INTEGER)) FROM meta WHERE key = 'maxId'), 0)) AS id`),
    setMaxId: p(`INSERT OR REPLACE INTO meta VALUES ('maxId', ?)`),
    purgeInstance: p(`DELETE FROM instances WHERE instance_id = ?`),
    purgeMessages: p(`DELETE FROM messages WHERE instance_id = ?`),
    purgeActivities: p(`DELETE FROM activities WHERE instance_id = ?`),
  };
};

/**
 * A {@link DurableStore} in one SQLite file (WAL mode, `synchronous=NORMAL`: a committed
 * transaction survives a process kill). Each {@link commit} is one transaction.
 */
export class SqliteStore implements DurableStore {
  readonly #db: Database;
  readonly #stmt: ReturnType<typeof prepareStatements>;
  readonly #commit: (batch: CommitBatch) => void;

  /** Opens (creating if needed) the database at `file`. */
  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
    this.#db = new Sqlite(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(schema);
    this.#stmt = prepareStatements(this.#db);
    this.#commit = this.#db.transaction((batch: CommitBatch) => this.#apply(batch));
  }

  #apply(batch: CommitBatch): void {
    const s = this.#stmt;
    let maxId = 0;
    for (const r of batch.instances ?? []) {
      s.upsertInstance.run(r.instanceId, r.executionId, r.name, r.status, r.input, r.output, r.customStatus, r.createdTime, r.lastUpdatedTime, r.parent === null ? null : JSON.stringify(r.parent));
    }
    for (const id of batch.resetHistory ?? []) s.clearHistory.run(id);
    for (const { instanceId, events } of batch.history ?? []) {
      let seq = (s.lastSeq.get(instanceId) as { seq: number }).seq;
      for (const e of events) s.appendHistory.run(instanceId, ++seq, JSON.stringify(e));
    }
    for (const id of batch.deleteMessages ?? []) s.deleteMessage.run(id);
    for (const m of batch.messages ?? []) {
      s.insertMessage.run(m.id, m.instanceId, m.executionId, m.visibleAt, JSON.stringify(m.event));
      maxId = Math.max(maxId, m.id);
    }
    for (const id of batch.deleteActivities ?? []) s.deleteActivity.run(id);
    for (const a of batch.activities ?? []) {
      s.insertActivity.run(a.id, a.instanceId, a.executionId, a.taskScheduledId, a.name, a.input ?? null);
      maxId = Math.max(maxId, a.id);
    }
    // Ids must never repeat, even after the rows holding the largest one are deleted.
    if (maxId > 0) s.setMaxId.run(maxId);
  }

  loadPending(): PendingWork {
    const messages = (this.#stmt.allMessages.all() as { id: number; instance_id: string; execution_id: string | null; visible_at: number; event: string }[]).map(
      (m): MessageRecord => ({ id: m.id, instanceId: m.instance_id, executionId: m.execution_id, visibleAt: m.visible_at, event: JSON.parse(m.event) as HistoryEvent }),
    );
    const activities = (this.#stmt.allActivities.all() as { id: number; instance_id: string; execution_id: string; task_id: number; name: string; input: string | null }[]).map(
      (a): ActivityRecord => ({ id: a.id, instanceId: a.instance_id, executionId: a.execution_id, taskScheduledId: a.task_id, name: a.name, input: a.input ?? undefined }),
    );
    return { messages, activities, maxId: (this.#stmt.maxId.get() as { id: number }).id };
  }

  getInstance(instanceId: string): InstanceRecord | undefined {
    const row = this.#stmt.getInstance.get(instanceId) as InstanceRow | undefined;
    return row && toRecord(row);
  }

  getHistory(instanceId: string): HistoryEvent[] {
    return (this.#stmt.getHistory.all(instanceId) as { event: string }[]).map((r) => JSON.parse(r.event) as HistoryEvent);
  }

  listInstances(filter: InstanceFilter): InstanceRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]): void => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.createdTimeFrom !== undefined) add('created_time >= ?', filter.createdTimeFrom);
    if (filter.createdTimeTo !== undefined) add('created_time <= ?', filter.createdTimeTo);
    if (filter.statuses && filter.statuses.length > 0) add(`status IN (${filter.statuses.map(() => '?').join(',')})`, ...filter.statuses);
    if (filter.instanceIdPrefix !== undefined) add('substr(instance_id, 1, ?) = ?', filter.instanceIdPrefix.length, filter.instanceIdPrefix);
    const sql = `SELECT * FROM instances ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_time, instance_id LIMIT ? OFFSET ?`;
    params.push(filter.limit ?? -1, filter.offset ?? 0);
    return (this.#db.prepare(sql).all(...params) as InstanceRow[]).map(toRecord);
  }

  commit(batch: CommitBatch): void {
    this.#commit(batch);
  }

  purge(instanceIds: readonly string[]): number {
    let count = 0;
    this.#db.transaction(() => {
      for (const id of instanceIds) {
        count += (this.#stmt.purgeInstance.run(id) as { changes: number }).changes;
        this.#stmt.clearHistory.run(id);
        this.#stmt.purgeMessages.run(id);
        this.#stmt.purgeActivities.run(id);
      }
    })();
    return count;
  }

  close(): void {
    this.#db.close();
  }
}
