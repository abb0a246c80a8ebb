import type { FleetStore, ListPage, ListScope, StoredDocument, WriteCondition } from './fleet-store.js';
import { createTableFleetStore } from './table-fleet-store.js';

/** The table the app keeps its Fleet documents in, in the `AzureWebJobsStorage` account. */
export const fleetTableName = 'FleetDocuments';

/** Opens the table store on first use; a failed open is retried by the next call. */
class LazyTableFleetStore implements FleetStore {
  #store: Promise<FleetStore> | undefined;

  #open(): Promise<FleetStore> {
    const connectionString = process.env.AzureWebJobsStorage;
    if (!connectionString) return Promise.reject(new Error('AzureWebJobsStorage is not set: the Fleet store has no storage account.'));
    this.#store ??= createTableFleetStore({ connectionString, tableName: fleetTableName }).catch((error: unknown) => {
      this.#store = undefined;
      throw error;
    });
    return this.#store;
  }

  async get<T>(id: string): Promise<StoredDocument<T> | undefined> {
    return (await this.#open()).get<T>(id);
  }

  async put<T>(id: string, value: T, condition?: WriteCondition): Promise<StoredDocument<T>> {
    return (await this.#open()).put(id, value, condition);
  }

  async delete(id: string, condition?: WriteCondition): Promise<boolean> {
    return (await this.#open()).delete(id, condition);
  }

  async list<T>(scope: ListScope, options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>> {
    return (await this.#open()).list<T>(scope, options);
  }

  async listAllFleets<T>(options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>> {
    return (await this.#open()).listAllFleets<T>(options);
  }
}

let instance: FleetStore | undefined;

/**
 * The process's Fleet store: a `TableFleetStore` on the `AzureWebJobsStorage` account, table
 * {@link fleetTableName}, created when missing on first use. Calls fail (and later calls retry)
 * while the setting is missing or the account unreachable.
 */
export function defaultFleetStore(): FleetStore {
  instance ??= new LazyTableFleetStore();
  return instance;
}
