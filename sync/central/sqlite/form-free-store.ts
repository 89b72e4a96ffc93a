/** The store_records table: the form-free store (profiles and material references per keyed hash). */
import { type StoreDeltaResponse, type StoreRecord, storeRecordSchema } from '../../protocol/central-api';
import type { CentralDatabase } from './central-database';
import { cursorToSeq, deltaPage } from './change-feed';
import type { Counters } from './counters';
import { parseJsonColumn } from './json-column';

export class FormFreeStoreTable {
  constructor(
    private readonly db: CentralDatabase,
    private readonly counters: Counters,
  ) {}

  /** Joins the caller's transaction (intake keeps a consenting applicant inside its own). */
  put(record: Omit<StoreRecord, 'version'>): StoreRecord {
    const current = this.db
      .statement('SELECT version FROM store_records WHERE keyed_hash = ?')
      .get(record.keyedHash) as { version: number } | undefined;
    const stored: StoreRecord = { ...record, version: (current?.version ?? 0) + 1 };
    this.db
      .statement(
        `INSERT INTO store_records (keyed_hash, version, record, change_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT(keyed_hash) DO UPDATE SET version = excluded.version, record = excluded.record, change_seq = excluded.change_seq`,
      )
      .run(record.keyedHash, stored.version, JSON.stringify(stored), this.counters.next('store'));
    return stored;
  }

  get(keyedHash: string): StoreRecord | null {
    const row = this.db.statement('SELECT record FROM store_records WHERE keyed_hash = ?').get(keyedHash) as
      | { record: string | null }
      | undefined;
    return row?.record ? parseJsonColumn(storeRecordSchema, row.record, 'store_records.record') : null;
  }

  /** Empties the person's record; the bumped version tells every kiosk through the feed. */
  erase(keyedHash: string): void {
    this.db
      .statement(
        'UPDATE store_records SET record = NULL, version = version + 1, change_seq = ? WHERE keyed_hash = ?',
      )
      .run(this.counters.next('store'), keyedHash);
  }

  delta(cursor: string | undefined, limit: number): StoreDeltaResponse {
    const after = cursorToSeq(cursor);
    const rows = this.db
      .statement(
        'SELECT keyed_hash, version, record, change_seq AS seq FROM store_records WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
      )
      .all(after, limit + 1) as { keyed_hash: string; version: number; record: string | null; seq: number }[];
    return deltaPage(rows, limit, after, (r) => ({
      keyedHash: r.keyed_hash,
      version: r.version,
      record: r.record ? parseJsonColumn(storeRecordSchema, r.record, 'store_records.record') : null,
    }));
  }
}
