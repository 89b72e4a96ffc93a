import type { Database } from 'better-sqlite3';

/** One numbered schema step. Applied once, in order, inside a transaction, then recorded. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
