import type { PostgresMigration } from './migration';

const hex64 = (column: string) => `${column} ~ '^[0-9a-f]{64}$'`;
const isoDate = (column: string) => `${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
const caseStatus = `('received', 'in_progress', 'done', 'rejected')`;
const deliveryKind = `('submission', 'checkin', 'rating', 'ticket_report', 'purge_ack')`;

/**
 * The central's tables as the SQLite side has them after its migration 3, in PostgreSQL terms. Personal
 * data is stored sealed (BYTEA, see at-rest-cipher.ts): store records and their versions, proposed
 * payout fields, case payloads, rating comments and material bytes. Keyed hashes, ids, numbers and
 * times stay in clear for look-ups. The delta feeds' sequences come from the counters table, whose row
 * lock hands them out in commit order (a sequence would let a reader's cursor pass an uncommitted row).
 */
export const initialSchema: PostgresMigration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL CHECK (value >= 0));
CREATE TABLE enrolment_codes (code_hash TEXT PRIMARY KEY CHECK (${hex64('code_hash')}),
  expires_at BIGINT NOT NULL, used_at BIGINT);
CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY,
  kiosk_code TEXT NOT NULL UNIQUE CHECK (kiosk_code ~ '^[A-Z0-9]{2,8}$'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  credential_hash TEXT NOT NULL UNIQUE CHECK (${hex64('credential_hash')}),
  app_version TEXT NOT NULL, enrolled_at BIGINT NOT NULL, last_heartbeat_at BIGINT, last_heartbeat JSONB,
  public_key TEXT NOT NULL, enrolment_request_id TEXT NOT NULL UNIQUE, enrolment_code_hash TEXT NOT NULL);
CREATE TABLE catalogue_entries (kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40), id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 0), body JSONB, change_seq BIGINT NOT NULL, PRIMARY KEY (kind, id));
CREATE INDEX catalogue_by_change ON catalogue_entries (change_seq);
CREATE TABLE store_records (keyed_hash TEXT PRIMARY KEY CHECK (${hex64('keyed_hash')}),
  version INTEGER NOT NULL CHECK (version >= 1), record BYTEA, change_seq BIGINT NOT NULL);
CREATE INDEX store_by_change ON store_records (change_seq);
CREATE TABLE store_record_versions (keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}),
  version INTEGER NOT NULL CHECK (version >= 1), record BYTEA, kiosk_id TEXT REFERENCES kiosks (kiosk_id),
  case_number TEXT, reviewed_by TEXT, at BIGINT NOT NULL, PRIMARY KEY (keyed_hash, version));
CREATE TABLE payout_reviews (review_id TEXT PRIMARY KEY, keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}),
  case_number TEXT NOT NULL, kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id), proposed BYTEA NOT NULL,
  proposed_at BIGINT NOT NULL, state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  decided_by TEXT, decided_at BIGINT);
CREATE INDEX payout_reviews_pending ON payout_reviews (state, proposed_at);
CREATE INDEX payout_reviews_by_person ON payout_reviews (keyed_hash);
CREATE TABLE materials (sha256 TEXT PRIMARY KEY CHECK (${hex64('sha256')}), size INTEGER NOT NULL CHECK (size >= 0),
  bytes BYTEA NOT NULL, stored_at BIGINT NOT NULL);
CREATE TABLE ticket_counters (queue_id TEXT NOT NULL, service_date TEXT NOT NULL CHECK (${isoDate('service_date')}),
  next_number INTEGER NOT NULL CHECK (next_number >= 1), PRIMARY KEY (queue_id, service_date));
CREATE TABLE ticket_blocks (block_id TEXT PRIMARY KEY, lease_key TEXT NOT NULL UNIQUE,
  kiosk_id TEXT REFERENCES kiosks (kiosk_id), queue_id TEXT NOT NULL,
  service_date TEXT NOT NULL CHECK (${isoDate('service_date')}), first_number INTEGER NOT NULL,
  last_number INTEGER NOT NULL, leased_at BIGINT NOT NULL, CHECK (first_number >= 1 AND last_number >= first_number));
CREATE INDEX ticket_blocks_by_kiosk ON ticket_blocks (kiosk_id, queue_id, service_date);
CREATE TABLE tickets (ticket_id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, number_queue_id TEXT NOT NULL,
  service_date TEXT NOT NULL CHECK (${isoDate('service_date')}), number INTEGER NOT NULL CHECK (number >= 1),
  display TEXT NOT NULL, block_id TEXT REFERENCES ticket_blocks (block_id), kiosk_id TEXT REFERENCES kiosks (kiosk_id),
  state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'served', 'no_show')),
  window_id TEXT, case_number TEXT, item_id TEXT, priority SMALLINT NOT NULL CHECK (priority IN (0, 1)),
  issued_at BIGINT NOT NULL, queued_at BIGINT NOT NULL, called_at BIGINT, finished_at BIGINT,
  UNIQUE (number_queue_id, service_date, number),
  CHECK (state <> 'called' OR (window_id IS NOT NULL AND called_at IS NOT NULL)));
CREATE INDEX tickets_waiting ON tickets (queue_id, service_date, state, queued_at);
CREATE INDEX tickets_by_window ON tickets (window_id, state) WHERE window_id IS NOT NULL;
CREATE INDEX tickets_called ON tickets (queue_id, service_date, called_at) WHERE called_at IS NOT NULL;
CREATE TABLE deliveries (accept_order BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key TEXT NOT NULL, kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
  kind TEXT NOT NULL CHECK (kind IN ${deliveryKind}), kiosk_seq BIGINT NOT NULL CHECK (kiosk_seq >= 0),
  request_hash TEXT NOT NULL CHECK (${hex64('request_hash')}), status INTEGER NOT NULL CHECK (status BETWEEN 200 AND 599),
  response TEXT NOT NULL, received_at BIGINT NOT NULL, UNIQUE (kiosk_id, idempotency_key));
CREATE TABLE cases (case_number TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL,
  kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id), item_id TEXT NOT NULL, department_id TEXT NOT NULL,
  queue_id TEXT NOT NULL, ticket_id TEXT NOT NULL REFERENCES tickets (ticket_id), payload BYTEA NOT NULL,
  status TEXT NOT NULL CHECK (status IN ${caseStatus}), received_at BIGINT NOT NULL);
CREATE TABLE case_events (event_seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_number TEXT NOT NULL REFERENCES cases (case_number), at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ${caseStatus}), note TEXT);
CREATE INDEX case_events_by_case ON case_events (case_number, at);
CREATE TABLE ratings (case_number TEXT PRIMARY KEY REFERENCES cases (case_number),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5), reasons JSONB NOT NULL, comment BYTEA, rated_at BIGINT NOT NULL);
CREATE TABLE window_overrides (window_id TEXT PRIMARY KEY, open BOOLEAN NOT NULL);
CREATE TABLE appointments (appointment_id TEXT PRIMARY KEY, booking_key TEXT UNIQUE, item_id TEXT NOT NULL,
  service_date TEXT NOT NULL, slot_start TEXT NOT NULL, status TEXT NOT NULL, body JSONB NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1), change_seq BIGINT NOT NULL);
CREATE INDEX appointments_by_change ON appointments (change_seq);
CREATE INDEX appointments_by_slot ON appointments (item_id, service_date, slot_start);
CREATE TABLE purge_orders (order_seq BIGINT PRIMARY KEY, order_id TEXT NOT NULL UNIQUE,
  keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}), issued_at BIGINT NOT NULL);
CREATE TABLE purge_acks (order_id TEXT NOT NULL REFERENCES purge_orders (order_id),
  kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id), completed_at BIGINT NOT NULL, PRIMARY KEY (order_id, kiosk_id));
CREATE TABLE calls (call_seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (ticket_id), display TEXT NOT NULL, window_label TEXT NOT NULL,
  called_at BIGINT NOT NULL);
CREATE TABLE staff_accounts (account_id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 40),
  role TEXT NOT NULL CHECK (role IN ('window_staff', 'hall_admin', 'supervisor')),
  password_hash TEXT NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until BIGINT, created_at BIGINT NOT NULL);
CREATE TABLE staff_sessions (token_hash TEXT PRIMARY KEY CHECK (${hex64('token_hash')}),
  account_id TEXT NOT NULL REFERENCES staff_accounts (account_id), expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE audit_log (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL,
  account_id TEXT, username TEXT, action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 80),
  target TEXT, status INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599));
`,
};
