import type { Migration } from './migration';

/**
 * The outbox carries a fifth kind: the pages a 补正 asked for (`supplement`), delivered exactly once
 * like a submission. SQLite cannot change a CHECK in place, so the table is rebuilt with its rows,
 * sequence and indexes.
 */
export const supplementOutboxMigration: Migration = {
  version: 4,
  name: 'supplement_outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_with_supplements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('submission', 'checkin', 'rating', 'ticket_report', 'purge_ack', 'supplement')),
        idempotency_key TEXT NOT NULL UNIQUE,
        subject_id TEXT,
        id_hash BLOB,
        payload BLOB,
        material_hashes TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'parked', 'discarded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        response BLOB,
        created_at INTEGER NOT NULL,
        settled_at INTEGER
      ) STRICT;
      INSERT INTO outbox_with_supplements SELECT * FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_with_supplements RENAME TO outbox;
      CREATE INDEX outbox_pending ON outbox (state, next_attempt_at, seq);
      CREATE INDEX outbox_id_hash ON outbox (id_hash) WHERE id_hash IS NOT NULL;
    `);
  },
};
