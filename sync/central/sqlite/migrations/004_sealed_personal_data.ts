import type { Migration } from '../../../store/migrations/index';
import type { AtRestCipher } from '../../at-rest-cipher';
import { sealContext } from '../sealed-column';

const hex64 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;
const caseStatus = `('received', 'in_progress', 'done', 'rejected')`;

interface SealedTable {
  name: string;
  sql: string;
  /** The column whose plaintext becomes sealed bytes, and the context it is sealed for. */
  column: string;
  context: (row: Record<string, unknown>) => string;
  indexes?: string;
}

/** The tables that hold a person's data, with that column now a sealed BLOB (see sealed-column.ts). */
const sealedTables: readonly SealedTable[] = [
  {
    name: 'store_records',
    sql: `(keyed_hash TEXT PRIMARY KEY CHECK (${hex64('keyed_hash')}), version INTEGER NOT NULL CHECK (version >= 1),
      record BLOB, change_seq INTEGER NOT NULL)`,
    column: 'record',
    context: (r) => sealContext.storeRecord(String(r.keyed_hash)),
    indexes: 'CREATE INDEX store_by_change ON store_records (change_seq);',
  },
  {
    name: 'store_record_versions',
    sql: `(keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}),
      version INTEGER NOT NULL CHECK (version >= 1), record BLOB,
      kiosk_id TEXT REFERENCES kiosks (kiosk_id), case_number TEXT, reviewed_by TEXT, at INTEGER NOT NULL,
      PRIMARY KEY (keyed_hash, version))`,
    column: 'record',
    context: (r) => sealContext.storeRecordVersion(String(r.keyed_hash), Number(r.version)),
  },
  {
    name: 'payout_reviews',
    sql: `(review_id TEXT PRIMARY KEY, keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}),
      case_number TEXT NOT NULL, kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
      proposed BLOB NOT NULL, proposed_at INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
      decided_by TEXT, decided_at INTEGER)`,
    column: 'proposed',
    context: (r) => sealContext.payoutReview(String(r.review_id)),
    indexes: 'CREATE INDEX payout_reviews_pending ON payout_reviews (state, proposed_at);',
  },
  {
    name: 'materials',
    sql: `(sha256 TEXT PRIMARY KEY CHECK (${hex64('sha256')}), size INTEGER NOT NULL CHECK (size >= 0),
      bytes BLOB NOT NULL, stored_at INTEGER NOT NULL)`,
    column: 'bytes',
    context: (r) => sealContext.material(String(r.sha256)),
  },
  {
    name: 'cases',
    sql: `(case_number TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL,
      kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id), item_id TEXT NOT NULL, department_id TEXT NOT NULL,
      queue_id TEXT NOT NULL, ticket_id TEXT NOT NULL REFERENCES tickets (ticket_id),
      payload BLOB NOT NULL, status TEXT NOT NULL CHECK (status IN ${caseStatus}),
      received_at INTEGER NOT NULL)`,
    column: 'payload',
    context: (r) => sealContext.casePayload(String(r.case_number)),
  },
];

/**
 * Personal data at rest is sealed: form-free store records (and their versions), payout fields held for
 * review, materials and case payloads are rebuilt with the value sealed by the central's envelope cipher.
 * Each table is built beside the old one and renamed into place, so the foreign keys of other tables
 * (case_events -> cases) keep naming it.
 */
export function sealedPersonalDataMigration(cipher: AtRestCipher): Migration {
  return {
    version: 4,
    name: 'sealed_personal_data',
    up(db) {
      for (const table of sealedTables) {
        db.exec(`CREATE TABLE ${table.name}_sealed ${table.sql} STRICT`);
        const columns = db
          .prepare('SELECT name FROM pragma_table_info(?)')
          .pluck()
          .all(table.name) as string[];
        const insert = db.prepare(
          `INSERT INTO ${table.name}_sealed (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        // all(), not iterate(): the connection cannot insert while a statement is still reading.
        for (const row of db.prepare(`SELECT * FROM ${table.name}`).all() as Record<string, unknown>[]) {
          const plain = row[table.column];
          const sealed =
            plain === null || plain === undefined
              ? null
              : cipher.seal(
                  typeof plain === 'string' ? Buffer.from(plain, 'utf8') : (plain as Buffer),
                  table.context(row),
                );
          insert.run(...columns.map((c) => (c === table.column ? sealed : row[c])));
        }
        db.exec(`DROP TABLE ${table.name}`);
        db.exec(`ALTER TABLE ${table.name}_sealed RENAME TO ${table.name}`);
        if (table.indexes) db.exec(table.indexes);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`central database: ${broken.length} row(s) break foreign keys`);
    },
  };
}
