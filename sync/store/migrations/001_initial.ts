import type { Migration } from './migration';

/**
 * The first schema. Personal data lives only in BLOB columns sealed with AES-256-GCM
 * (profile, payload, personal, receipt) and in material files; people are found by id_hash,
 * an HMAC of the ID number. Non-personal columns stay queryable for sync and technician mode.
 */
export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE people (
        id_hash BLOB PRIMARY KEY,
        profile BLOB NOT NULL,
        cached_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE material_blobs (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE person_materials (
        id_hash BLOB NOT NULL,
        material_code TEXT NOT NULL,
        page INTEGER NOT NULL,
        sha256 TEXT NOT NULL REFERENCES material_blobs (sha256),
        mime TEXT NOT NULL,
        archived_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        consent TEXT NOT NULL,
        PRIMARY KEY (id_hash, material_code, page)
      ) STRICT;

      CREATE TABLE catalogue_entries (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;

      CREATE TABLE sync_cursors (
        name TEXT PRIMARY KEY,
        cursor TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL UNIQUE,
        item_id TEXT NOT NULL,
        id_hash BLOB,
        payload BLOB,
        created_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        retention_until INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('stored', 'acknowledged', 'redacted'))
      ) STRICT;

      CREATE TABLE submission_materials (
        submission_id TEXT NOT NULL REFERENCES submissions (id),
        material_code TEXT NOT NULL,
        page INTEGER NOT NULL,
        sha256 TEXT REFERENCES material_blobs (sha256),
        mime TEXT NOT NULL,
        PRIMARY KEY (submission_id, material_code, page)
      ) STRICT;

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('submission', 'checkin', 'rating', 'ticket_report', 'purge_ack')),
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
      CREATE INDEX outbox_pending ON outbox (state, next_attempt_at, seq);

      CREATE TABLE ticket_blocks (
        block_id TEXT PRIMARY KEY,
        queue_id TEXT NOT NULL,
        prefix TEXT NOT NULL,
        service_date TEXT NOT NULL CHECK (service_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        first INTEGER NOT NULL,
        last INTEGER NOT NULL,
        next INTEGER NOT NULL,
        leased_at INTEGER NOT NULL,
        CHECK (first >= 1 AND last >= first AND next >= first AND next <= last + 1)
      ) STRICT;
      CREATE INDEX ticket_blocks_queue ON ticket_blocks (queue_id, service_date, first);

      CREATE TABLE tickets (
        ticket_id TEXT PRIMARY KEY,
        block_id TEXT NOT NULL REFERENCES ticket_blocks (block_id),
        queue_id TEXT NOT NULL,
        service_date TEXT NOT NULL,
        number INTEGER NOT NULL,
        display TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        submission_id TEXT,
        reported_at INTEGER,
        UNIQUE (queue_id, service_date, number)
      ) STRICT;
      CREATE INDEX tickets_unreported ON tickets (issued_at) WHERE reported_at IS NULL;

      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        id_hash BLOB NOT NULL,
        service_date TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'missed')),
        personal BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX appointments_person ON appointments (id_hash, service_date);

      CREATE TABLE ratings (
        id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL,
        grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
        reasons TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;

      CREATE TABLE printed_receipts (
        id TEXT PRIMARY KEY,
        submission_id TEXT,
        id_hash BLOB,
        receipt BLOB,
        printed_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('printed', 'failed', 'reprinted')),
        expires_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
