import type { Migration } from '../../../store/migrations/index';

const hex64 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

/**
 * Trust between kiosks, central and staff: staff accounts, sessions and the audit trail; idempotent
 * enrolment (request id and public key kept with the kiosk); deliveries keyed by (kiosk, key), so a
 * kiosk can never be answered another kiosk's delivery; every version of a store record kept, and
 * payout fields a kiosk proposed held for a supervisor's review.
 */
export const trustMigration: Migration = {
  version: 3,
  name: 'trust',
  up(db) {
    db.exec(`
      CREATE TABLE staff_accounts (account_id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 40),
        role TEXT NOT NULL CHECK (role IN ('window_staff', 'hall_admin', 'supervisor')),
        password_hash TEXT NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until INTEGER, created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE staff_sessions (token_hash TEXT PRIMARY KEY CHECK (${hex64('token_hash')}),
        account_id TEXT NOT NULL REFERENCES staff_accounts (account_id),
        expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
        account_id TEXT, username TEXT, action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 80),
        target TEXT, status INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599)) STRICT;

      ALTER TABLE kiosks ADD COLUMN public_key TEXT;
      ALTER TABLE kiosks ADD COLUMN enrolment_request_id TEXT;
      ALTER TABLE kiosks ADD COLUMN enrolment_code_hash TEXT;
      CREATE UNIQUE INDEX kiosks_by_enrolment_request ON kiosks (enrolment_request_id)
        WHERE enrolment_request_id IS NOT NULL;

      CREATE TABLE deliveries_by_kiosk (accept_order INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL, kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
        kind TEXT NOT NULL CHECK (kind IN ('submission', 'checkin', 'rating', 'ticket_report', 'purge_ack')),
        kiosk_seq INTEGER NOT NULL CHECK (kiosk_seq >= 0), request_hash TEXT NOT NULL CHECK (${hex64('request_hash')}),
        status INTEGER NOT NULL CHECK (status BETWEEN 200 AND 599),
        response TEXT NOT NULL CHECK (json_valid(response)), received_at INTEGER NOT NULL,
        UNIQUE (kiosk_id, idempotency_key)) STRICT;
      INSERT INTO deliveries_by_kiosk
        (accept_order, idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at)
        SELECT accept_order, idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at
        FROM deliveries;
      DROP TABLE deliveries;
      ALTER TABLE deliveries_by_kiosk RENAME TO deliveries;

      CREATE TABLE store_record_versions (keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}),
        version INTEGER NOT NULL CHECK (version >= 1), record TEXT CHECK (record IS NULL OR json_valid(record)),
        kiosk_id TEXT REFERENCES kiosks (kiosk_id), case_number TEXT, reviewed_by TEXT, at INTEGER NOT NULL,
        PRIMARY KEY (keyed_hash, version)) STRICT;
      INSERT INTO store_record_versions (keyed_hash, version, record, at)
        SELECT keyed_hash, version, record, 0 FROM store_records;
      CREATE TABLE payout_reviews (review_id TEXT PRIMARY KEY, keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}),
        case_number TEXT NOT NULL, kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
        proposed TEXT NOT NULL CHECK (json_valid(proposed)), proposed_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
        decided_by TEXT, decided_at INTEGER) STRICT;
      CREATE INDEX payout_reviews_pending ON payout_reviews (state, proposed_at);
    `);
  },
};
