import type { Migration } from '../../../store/migrations/index';

const hex64 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;
const isoDate = (column: string) => `${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
const caseStatus = `('received', 'in_progress', 'done', 'rejected')`;

/** Every table of the central database as it is now: STRICT, with CHECKs and foreign keys. */
const strictTables: readonly { name: string; sql: string }[] = [
  {
    name: 'counters',
    sql: `(name TEXT PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0))`,
  },
  {
    name: 'enrolment_codes',
    sql: `(code_hash TEXT PRIMARY KEY CHECK (${hex64('code_hash')}), expires_at INTEGER NOT NULL,
      used_at INTEGER)`,
  },
  {
    name: 'kiosks',
    sql: `(kiosk_id TEXT PRIMARY KEY,
      kiosk_code TEXT NOT NULL UNIQUE
        CHECK (length(kiosk_code) BETWEEN 2 AND 8 AND kiosk_code NOT GLOB '*[^A-Z0-9]*'),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      credential_hash TEXT NOT NULL UNIQUE CHECK (${hex64('credential_hash')}),
      app_version TEXT NOT NULL, enrolled_at INTEGER NOT NULL, last_heartbeat_at INTEGER,
      last_heartbeat TEXT CHECK (last_heartbeat IS NULL OR json_valid(last_heartbeat)))`,
  },
  {
    name: 'catalogue_entries',
    sql: `(kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40), id TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 0), body TEXT CHECK (body IS NULL OR json_valid(body)),
      change_seq INTEGER NOT NULL, PRIMARY KEY (kind, id))`,
  },
  {
    name: 'store_records',
    sql: `(keyed_hash TEXT PRIMARY KEY CHECK (${hex64('keyed_hash')}), version INTEGER NOT NULL CHECK (version >= 1),
      record TEXT CHECK (record IS NULL OR json_valid(record)), change_seq INTEGER NOT NULL)`,
  },
  {
    name: 'materials',
    sql: `(sha256 TEXT PRIMARY KEY CHECK (${hex64('sha256')}), size INTEGER NOT NULL CHECK (size = length(bytes)),
      bytes BLOB NOT NULL, stored_at INTEGER NOT NULL)`,
  },
  {
    name: 'ticket_blocks',
    sql: `(block_id TEXT PRIMARY KEY, lease_key TEXT NOT NULL UNIQUE, kiosk_id TEXT REFERENCES kiosks (kiosk_id),
      queue_id TEXT NOT NULL, service_date TEXT NOT NULL CHECK (${isoDate('service_date')}),
      first INTEGER NOT NULL, last INTEGER NOT NULL, leased_at INTEGER NOT NULL,
      CHECK (first >= 1 AND last >= first))`,
  },
  {
    name: 'ticket_counters',
    sql: `(queue_id TEXT NOT NULL, service_date TEXT NOT NULL CHECK (${isoDate('service_date')}),
      next_number INTEGER NOT NULL CHECK (next_number >= 1), PRIMARY KEY (queue_id, service_date))`,
  },
  {
    // case_number is no foreign key: a ticket report may name a case whose submission comes later.
    name: 'tickets',
    sql: `(ticket_id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, number_queue_id TEXT NOT NULL,
      service_date TEXT NOT NULL CHECK (${isoDate('service_date')}), number INTEGER NOT NULL CHECK (number >= 1),
      display TEXT NOT NULL, block_id TEXT REFERENCES ticket_blocks (block_id),
      kiosk_id TEXT REFERENCES kiosks (kiosk_id),
      state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'served', 'no_show')),
      window_id TEXT, case_number TEXT, item_id TEXT, priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
      issued_at INTEGER NOT NULL, queued_at INTEGER NOT NULL, called_at INTEGER, finished_at INTEGER,
      UNIQUE (number_queue_id, service_date, number),
      CHECK (state <> 'called' OR (window_id IS NOT NULL AND called_at IS NOT NULL)))`,
  },
  {
    name: 'deliveries',
    sql: `(accept_order INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE,
      kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
      kind TEXT NOT NULL CHECK (kind IN ('submission', 'checkin', 'rating', 'ticket_report', 'purge_ack')),
      kiosk_seq INTEGER NOT NULL CHECK (kiosk_seq >= 0), request_hash TEXT NOT NULL CHECK (${hex64('request_hash')}),
      status INTEGER NOT NULL CHECK (status BETWEEN 200 AND 599),
      response TEXT NOT NULL CHECK (json_valid(response)), received_at INTEGER NOT NULL)`,
  },
  {
    name: 'cases',
    sql: `(case_number TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL,
      kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id), item_id TEXT NOT NULL, department_id TEXT NOT NULL,
      queue_id TEXT NOT NULL, ticket_id TEXT NOT NULL REFERENCES tickets (ticket_id),
      payload TEXT NOT NULL CHECK (json_valid(payload)), status TEXT NOT NULL CHECK (status IN ${caseStatus}),
      received_at INTEGER NOT NULL)`,
  },
  {
    name: 'case_events',
    sql: `(case_number TEXT NOT NULL REFERENCES cases (case_number), at INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ${caseStatus}), note TEXT)`,
  },
  {
    name: 'ratings',
    sql: `(case_number TEXT PRIMARY KEY REFERENCES cases (case_number),
      grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5), reasons TEXT NOT NULL CHECK (json_valid(reasons)),
      comment TEXT, rated_at INTEGER NOT NULL)`,
  },
  {
    name: 'window_overrides',
    sql: `(window_id TEXT PRIMARY KEY, open INTEGER NOT NULL CHECK (open IN (0, 1)))`,
  },
  {
    name: 'appointments',
    sql: `(appointment_id TEXT PRIMARY KEY, booking_key TEXT UNIQUE, body TEXT NOT NULL CHECK (json_valid(body)),
      version INTEGER NOT NULL CHECK (version >= 1), change_seq INTEGER NOT NULL)`,
  },
  {
    name: 'purge_orders',
    sql: `(order_seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL UNIQUE,
      keyed_hash TEXT NOT NULL CHECK (${hex64('keyed_hash')}), issued_at INTEGER NOT NULL)`,
  },
  {
    name: 'purge_acks',
    sql: `(order_id TEXT NOT NULL REFERENCES purge_orders (order_id), kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
      completed_at INTEGER NOT NULL, PRIMARY KEY (order_id, kiosk_id))`,
  },
  {
    name: 'calls',
    sql: `(call_seq INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL REFERENCES tickets (ticket_id),
      display TEXT NOT NULL, window_label TEXT NOT NULL, called_at INTEGER NOT NULL)`,
  },
];

const indexes = `
CREATE INDEX catalogue_by_change ON catalogue_entries (change_seq);
CREATE INDEX store_by_change ON store_records (change_seq);
CREATE INDEX case_events_by_case ON case_events (case_number, at);
CREATE INDEX tickets_waiting ON tickets (queue_id, service_date, state, queued_at);
CREATE INDEX tickets_by_window ON tickets (window_id, state) WHERE window_id IS NOT NULL;
CREATE INDEX ticket_blocks_by_kiosk ON ticket_blocks (kiosk_id, queue_id, service_date);
CREATE INDEX appointments_by_change ON appointments (change_seq);
`;

/**
 * Rebuilds every table of the inline layout as STRICT with CHECK constraints and foreign keys,
 * keeping its rows (SQLite cannot add constraints in place). The old tables are renamed aside first,
 * so the new ones are created under their final names and their foreign keys name them directly.
 * Runs with foreign_keys off (see openCentralDatabase) and checks every key once at the end.
 */
export const strictTablesMigration: Migration = {
  version: 2,
  name: 'strict_tables',
  up(db) {
    for (const { name } of strictTables) db.exec(`ALTER TABLE ${name} RENAME TO legacy_${name}`);
    for (const { name, sql } of strictTables) {
      db.exec(`CREATE TABLE ${name} ${sql} STRICT`);
      const columns = (
        db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[]
      ).join(', ');
      db.exec(`INSERT INTO ${name} (${columns}) SELECT ${columns} FROM legacy_${name}`);
    }
    for (const { name } of strictTables) db.exec(`DROP TABLE legacy_${name}`);
    db.exec(indexes);
    // Inside the migration's transaction: a row that breaks a key leaves the file as it was.
    const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new Error(
        `central database: ${broken.length} row(s) break foreign keys (first: ${first.table} -> ${first.parent})`,
      );
    }
  },
};
