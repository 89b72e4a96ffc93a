import type { Migration } from '../../../store/migrations/index';

/**
 * The layout the central server made inline before it had migrations, kept word for word: a database
 * from that time (no schema_migrations table) runs this as a no-op and is then rebuilt by 002.
 */
export const legacyLayoutSql = `
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS enrolment_codes (code_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS kiosks (
  kiosk_id TEXT PRIMARY KEY, kiosk_code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  credential_hash TEXT NOT NULL UNIQUE, app_version TEXT NOT NULL, enrolled_at INTEGER NOT NULL,
  last_heartbeat_at INTEGER, last_heartbeat TEXT);
CREATE TABLE IF NOT EXISTS catalogue_entries (
  kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT, change_seq INTEGER NOT NULL,
  PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS catalogue_by_change ON catalogue_entries (change_seq);
CREATE TABLE IF NOT EXISTS store_records (
  keyed_hash TEXT PRIMARY KEY, version INTEGER NOT NULL, record TEXT, change_seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS store_by_change ON store_records (change_seq);
CREATE TABLE IF NOT EXISTS materials (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL, stored_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  accept_order INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL,
  kind TEXT NOT NULL, kiosk_seq INTEGER NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
  response TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
  case_number TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL, kiosk_id TEXT NOT NULL, item_id TEXT NOT NULL,
  department_id TEXT NOT NULL, queue_id TEXT NOT NULL, ticket_id TEXT NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS case_events (case_number TEXT NOT NULL, at INTEGER NOT NULL, status TEXT NOT NULL, note TEXT);
CREATE INDEX IF NOT EXISTS case_events_by_case ON case_events (case_number, at);
CREATE TABLE IF NOT EXISTS ticket_blocks (
  block_id TEXT PRIMARY KEY, lease_key TEXT NOT NULL UNIQUE, kiosk_id TEXT, queue_id TEXT NOT NULL,
  service_date TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, leased_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ticket_counters (queue_id TEXT NOT NULL, service_date TEXT NOT NULL, next_number INTEGER NOT NULL,
  PRIMARY KEY (queue_id, service_date));
CREATE TABLE IF NOT EXISTS tickets (
  ticket_id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, number_queue_id TEXT NOT NULL, service_date TEXT NOT NULL,
  number INTEGER NOT NULL, display TEXT NOT NULL, block_id TEXT, kiosk_id TEXT, state TEXT NOT NULL,
  window_id TEXT, case_number TEXT, item_id TEXT, priority INTEGER NOT NULL, issued_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL, called_at INTEGER, finished_at INTEGER,
  UNIQUE (number_queue_id, service_date, number));
CREATE INDEX IF NOT EXISTS tickets_waiting ON tickets (queue_id, service_date, state, queued_at);
CREATE TABLE IF NOT EXISTS window_overrides (window_id TEXT PRIMARY KEY, open INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (case_number TEXT PRIMARY KEY, grade INTEGER NOT NULL, reasons TEXT NOT NULL,
  comment TEXT, rated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS appointments (
  appointment_id TEXT PRIMARY KEY, booking_key TEXT UNIQUE, body TEXT NOT NULL, version INTEGER NOT NULL,
  change_seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS appointments_by_change ON appointments (change_seq);
CREATE TABLE IF NOT EXISTS purge_orders (order_seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL UNIQUE,
  keyed_hash TEXT NOT NULL, issued_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS purge_acks (order_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, completed_at INTEGER NOT NULL,
  PRIMARY KEY (order_id, kiosk_id));
CREATE TABLE IF NOT EXISTS calls (call_seq INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL,
  display TEXT NOT NULL, window_label TEXT NOT NULL, called_at INTEGER NOT NULL);
`;

export const legacyLayoutMigration: Migration = {
  version: 1,
  name: 'legacy_layout',
  up(db) {
    db.exec(legacyLayoutSql);
  },
};
