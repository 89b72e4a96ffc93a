import type { Database } from 'better-sqlite3';
import type { StoreKeys } from './crypto/store-keys';
import { StoreError } from './errors';

/** What every table module gets: the connection, the keys, and the clock (injectable for tests). */
export interface StoreContext {
  readonly db: Database;
  readonly keys: StoreKeys;
  readonly clock: () => number;
}

/** Guards the *InTransaction methods: outside a transaction their atomicity promise would be a lie. */
export function requireTransaction(db: Database, what: string): void {
  if (!db.inTransaction) {
    throw new StoreError('not_in_transaction', `${what} must run inside a KioskDatabase transaction`);
  }
}
