import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hallDateOf } from '../../kernel/hall-time';
import { type AtRestCipher, createEnvelopeCipher } from '../../sync/central/at-rest-cipher';
import { seedCatalogue } from '../../sync/central/seed';
import { startCentralServer } from '../../sync/central/server';
import { legacyLayoutSql } from '../../sync/central/sqlite/migrations/001_legacy_layout';
import { centralMigrations } from '../../sync/central/sqlite/migrations/index';
import { SqliteCentralStorage } from '../../sync/central/sqlite/sqlite-central-storage';
import type { CentralStorage } from '../../sync/central/storage';
import type { SubmissionPayload } from '../../sync/protocol/central-api';
import { emptyProfile } from '../../sync/protocol/profile';
import { enrolledClient, keyedHashOf, materialBytes, tempDir } from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const serviceDate = hallDateOf(Date.now(), 'Asia/Shanghai');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Everything the storage answers about its data: equal before and after a migration means nothing was lost. */
async function snapshot(storage: CentralStorage, caseNumber: string, materialSha: string) {
  return {
    catalogue: await storage.catalogueDelta(undefined, 1000),
    store: await storage.storeDelta(undefined, 1000),
    appointments: await storage.appointmentDelta(undefined, 1000),
    purgeOrders: await storage.purgeOrders(undefined, 1000),
    deliveries: await storage.acceptedDeliveries(),
    progress: await storage.caseProgress(caseNumber),
    overview: await storage.staffOverview(serviceDate),
    calls: await storage.recentCalls(10),
    queues: await storage.queueState(serviceDate, 1),
    material: (await storage.getMaterial(materialSha))?.toString('base64'),
  };
}

const laterTablesShim = `
CREATE TABLE staff_accounts (account_id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
  password_hash TEXT NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until INTEGER, created_at INTEGER NOT NULL);
CREATE TABLE staff_sessions (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, account_id TEXT, username TEXT,
  action TEXT NOT NULL, target TEXT, status INTEGER NOT NULL);
CREATE TABLE store_record_versions (keyed_hash TEXT NOT NULL, version INTEGER NOT NULL, record TEXT, kiosk_id TEXT,
  case_number TEXT, reviewed_by TEXT, at INTEGER NOT NULL, PRIMARY KEY (keyed_hash, version));
CREATE TABLE payout_reviews (review_id TEXT PRIMARY KEY, keyed_hash TEXT NOT NULL, case_number TEXT NOT NULL,
  kiosk_id TEXT NOT NULL, proposed TEXT NOT NULL, proposed_at INTEGER NOT NULL, state TEXT NOT NULL,
  decided_by TEXT, decided_at INTEGER);
ALTER TABLE kiosks ADD COLUMN public_key TEXT;
ALTER TABLE kiosks ADD COLUMN enrolment_request_id TEXT;
ALTER TABLE kiosks ADD COLUMN enrolment_code_hash TEXT;
ALTER TABLE cases ADD COLUMN stage TEXT NOT NULL DEFAULT 'received';
ALTER TABLE cases ADD COLUMN case_kind TEXT NOT NULL DEFAULT 'single';
ALTER TABLE cases ADD COLUMN bundle_case_number TEXT;
ALTER TABLE cases ADD COLUMN part_index INTEGER;
ALTER TABLE cases ADD COLUMN agent_keyed_hash TEXT;
ALTER TABLE cases ADD COLUMN agent_basis TEXT;
CREATE TABLE case_steps (step_seq INTEGER PRIMARY KEY AUTOINCREMENT, case_number TEXT NOT NULL, at INTEGER NOT NULL,
  action TEXT NOT NULL, from_stage TEXT NOT NULL, to_stage TEXT NOT NULL, account_id TEXT, username TEXT,
  kiosk_id TEXT, detail BLOB NOT NULL);
`;
const removeLaterTablesShim = `
DROP TABLE staff_accounts; DROP TABLE staff_sessions; DROP TABLE audit_log; DROP TABLE store_record_versions;
DROP TABLE payout_reviews; DELETE FROM sqlite_sequence WHERE name = 'audit_log';
ALTER TABLE kiosks DROP COLUMN public_key; ALTER TABLE kiosks DROP COLUMN enrolment_request_id;
ALTER TABLE kiosks DROP COLUMN enrolment_code_hash;
ALTER TABLE cases DROP COLUMN stage; DROP TABLE case_steps;
ALTER TABLE cases DROP COLUMN case_kind; ALTER TABLE cases DROP COLUMN bundle_case_number;
ALTER TABLE cases DROP COLUMN part_index; ALTER TABLE cases DROP COLUMN agent_keyed_hash;
ALTER TABLE cases DROP COLUMN agent_basis;
`;

/**
 * A file in the layout the central server made inline before migrations (no schema_migrations table),
 * filled through the real API: a kiosk, its block, a material, a submission with its ticket, a ticket
 * report, an appointment checked in, a call, a rating, a purge order and its acknowledgement.
 */
async function legacyFileWithData(dataDir: string) {
  const raw = new Database(join(dataDir, 'central.sqlite'));
  raw.exec(legacyLayoutSql);
  // Today's server needs what later migrations add (staff, versions, enrolment keys): lent for the
  // fill and taken away after it, so the file is the old shape again.
  raw.exec(laterTablesShim);
  raw.close();
  // No migrations: the storage works on the old tables as the old server did, which sealed nothing.
  const storage = new SqliteCentralStorage(dataDir, { migrations: [], cipher: plainCipher });
  const server = await startCentralServer({ port: 0, dataDir, storage });
  await seedCatalogue(storage, testCatalogue);
  const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
  const block = await client.leaseTicketBlock({
    leaseKey: 'lease-before-migration',
    queueId: 'market-general',
    serviceDate,
    size: 10,
  });
  const bytes = materialBytes('legacy', 400);
  const materialSha = sha256(bytes);
  await client.putMaterial(materialSha, bytes);
  const caseNumber = `${enrolment.kioskCode}-LEGACY-1`;
  const applicant = keyedHashOf('legacy applicant');
  const submission: SubmissionPayload = {
    caseNumber,
    itemId: 'business-licence',
    departmentId: 'market',
    queueId: 'market-general',
    ticket: {
      ticketId: 'ticket-legacy-1',
      blockId: block.blockId,
      queueId: 'market-general',
      serviceDate,
      number: block.first,
      display: `A${String(block.first).padStart(3, '0')}`,
    },
    applicant: { keyedHash: applicant, priorityReasons: [] },
    formValues: { name: 'x' },
    materials: [
      {
        materialId: 'id-card',
        page: 1,
        sha256: materialSha,
        mediaType: 'image/png',
        size: bytes.byteLength,
        reusedFromStore: false,
      },
    ],
    consentToStore: true,
    profile: emptyProfile(
      { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' },
      '2026-03-01T09:00:00+08:00',
    ),
    submittedAtMs: 1,
  };
  const booked = await storage.bookAppointment(
    {
      idempotencyKey: 'booking-legacy',
      keyedHash: applicant,
      itemId: 'business-licence',
      serviceDate,
      slotStart: '09:00',
    },
    1,
  );
  if (!booked.ok) throw new Error(booked.error.message);
  const first = await client.deliverBatch([
    { kind: 'submission', idempotencyKey: 'delivery-legacy-1', kioskSeq: 1, payload: submission },
    {
      kind: 'ticket_report',
      idempotencyKey: 'delivery-legacy-2',
      kioskSeq: 2,
      payload: {
        tickets: [
          {
            ticketId: 'ticket-legacy-2',
            blockId: block.blockId,
            queueId: 'market-general',
            serviceDate,
            number: block.first + 1,
            display: `A${String(block.first + 1).padStart(3, '0')}`,
            issuedAtMs: 2,
          },
        ],
      },
    },
    {
      kind: 'checkin',
      idempotencyKey: 'delivery-legacy-3',
      kioskSeq: 3,
      payload: {
        appointmentId: booked.value.appointmentId,
        keyedHash: applicant,
        ticket: null,
        checkedInAtMs: 3,
      },
    },
  ]);
  expect(first.results.map((r) => r.status)).toEqual([200, 200, 200]);
  // The check-in's priority ticket, the reported one (queued first), then the submission's: its case is done.
  for (let i = 0; i < 4; i++) expect((await storage.callNext('w1', serviceDate, 10 + i)).ok).toBe(true);
  await storage.setWindowOpen('w2', false);
  const order = await storage.createPurgeOrder(keyedHashOf('someone else'), 20);
  const second = await client.deliverBatch([
    {
      kind: 'rating',
      idempotencyKey: 'delivery-legacy-4',
      kioskSeq: 4,
      payload: { caseNumber, grade: 5, reasons: ['fast'], ratedAtMs: 30 },
    },
    {
      kind: 'purge_ack',
      idempotencyKey: 'delivery-legacy-5',
      kioskSeq: 5,
      payload: { orderId: order.orderId, completedAtMs: 31 },
    },
  ]);
  expect(second.results.map((r) => r.status)).toEqual([200, 200]);
  await client.heartbeat({
    appVersion: '0.1.0',
    atMs: 40,
    backlog: 0,
    parked: 0,
    oldestItemAgeSeconds: null,
    lastError: null,
  });
  const before = await snapshot(storage, caseNumber, materialSha);
  await server.close();
  // Exactly the old shape: the old server had no migrations table.
  const reopened = new Database(join(dataDir, 'central.sqlite'));
  reopened.exec('DROP TABLE schema_migrations');
  // The old server wrote its JSON columns as text; the pass-through cipher above wrote the same bytes as BLOBs.
  reopened.exec('UPDATE store_records SET record = CAST(record AS TEXT) WHERE record IS NOT NULL');
  reopened.exec('UPDATE cases SET payload = CAST(payload AS TEXT)');
  reopened.exec(removeLaterTablesShim);
  reopened.close();
  return { before, caseNumber, materialSha, credential: enrolment.credential, block };
}

/** What the server stored before values were sealed: the bytes as they are. */
const plainCipher: AtRestCipher = {
  seal: (plain) => Buffer.from(plain),
  open: (sealed) => Buffer.from(sealed),
};

function tableSql(dataDir: string): { name: string; sql: string }[] {
  const raw = new Database(join(dataDir, 'central.sqlite'), { readonly: true });
  try {
    return raw
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string; sql: string }[];
  } finally {
    raw.close();
  }
}

const migrationList = centralMigrations(createEnvelopeCipher(Buffer.alloc(32, 7)));

describe('central database migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrationList.map((m) => m.version)).toEqual(migrationList.map((_, i) => i + 1));
  });

  it('give a fresh file every migration: STRICT tables, WAL, foreign keys on', async () => {
    const dataDir = tempDir('central-fresh');
    const storage = new SqliteCentralStorage(dataDir);
    await storage.close();
    const raw = new Database(join(dataDir, 'central.sqlite'), { readonly: true });
    try {
      expect(raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
        migrationList.map((m) => ({ version: m.version, name: m.name })),
      );
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
    const tables = tableSql(dataDir);
    expect(tables.map((t) => t.name)).toContain('tickets');
    for (const table of tables) expect(`${table.name}: ${table.sql}`).toMatch(/STRICT$/);
  });

  it('migrate a file of the inline layout forward, keeping every row it held', async () => {
    const dataDir = tempDir('central-legacy');
    const legacy = await legacyFileWithData(dataDir);
    expect(tableSql(dataDir).some((t) => t.sql.endsWith('STRICT'))).toBe(false);
    expect(legacy.before.deliveries).toHaveLength(5);
    expect(legacy.before.progress?.status).toBe('done');

    const storage = new SqliteCentralStorage(dataDir);
    try {
      // The one change: the workflow stage is derived from the old status (a done case is 办结).
      expect(await snapshot(storage, legacy.caseNumber, legacy.materialSha)).toEqual({
        ...legacy.before,
        progress: { ...legacy.before.progress, stage: 'finished' },
      });
      // The kiosk's credential still opens the door, and the block counter carries on past the old block.
      expect(await storage.kioskByCredentialHash(sha256(Buffer.from(legacy.credential)))).not.toBeNull();
      const kiosk = (await storage.kioskByCredentialHash(sha256(Buffer.from(legacy.credential))))!;
      const next = await storage.leaseTicketBlock(
        kiosk.kioskId,
        { leaseKey: 'lease-after-migration', queueId: 'market-general', serviceDate, size: 10 },
        50,
      );
      expect(next.ok && next.value.first).toBe(legacy.block.last + 1);
      // The same lease key still answers the same block.
      const again = await storage.leaseTicketBlock(
        kiosk.kioskId,
        { leaseKey: 'lease-before-migration', queueId: 'market-general', serviceDate, size: 10 },
        51,
      );
      expect(again.ok && again.value.blockId).toBe(legacy.block.blockId);
    } finally {
      await storage.close();
    }
    for (const table of tableSql(dataDir)) expect(`${table.name}: ${table.sql}`).toMatch(/STRICT$/);
  }, 30_000);

  it('refuse a bad row: CHECK constraints and foreign keys hold after the migration', async () => {
    const dataDir = tempDir('central-checks');
    await new SqliteCentralStorage(dataDir).close();
    const raw = new Database(join(dataDir, 'central.sqlite'));
    raw.pragma('foreign_keys = ON');
    try {
      const insertTicket = raw.prepare(
        `INSERT INTO tickets (ticket_id, queue_id, number_queue_id, service_date, number, display, state, priority, issued_at, queued_at)
         VALUES (?, 'q', 'q', ?, ?, 'A001', ?, 0, 1, 1)`,
      );
      expect(() => insertTicket.run('t1', serviceDate, 1, 'lost')).toThrow(/CHECK constraint failed/);
      expect(() => insertTicket.run('t2', '2026/01/01', 1, 'waiting')).toThrow(/CHECK constraint failed/);
      expect(() => insertTicket.run('t3', serviceDate, 0, 'waiting')).toThrow(/CHECK constraint failed/);
      // STRICT: a number column takes no text.
      expect(() => insertTicket.run('t4', serviceDate, 'one', 'waiting')).toThrow(/cannot store TEXT value/);
      insertTicket.run('t5', serviceDate, 1, 'waiting');
      expect(() => raw.prepare("UPDATE tickets SET state = 'called' WHERE ticket_id = 't5'").run()).toThrow(
        /CHECK constraint failed/,
      );
      expect(() =>
        raw
          .prepare('INSERT INTO materials (sha256, size, bytes, stored_at) VALUES (?, 4, ?, 1)')
          .run('not-a-digest', Buffer.from('four')),
      ).toThrow(/CHECK constraint failed/);
      expect(() =>
        raw
          .prepare(
            "INSERT INTO deliveries (idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at) VALUES ('k', 'nobody', 'submission', 1, ?, 200, '{}', 1)",
          )
          .run('b'.repeat(64)),
      ).toThrow(/FOREIGN KEY constraint failed/);
      expect(() =>
        raw
          .prepare("INSERT INTO case_events (case_number, at, status) VALUES ('NO-SUCH-CASE', 1, 'done')")
          .run(),
      ).toThrow(/FOREIGN KEY constraint failed/);
    } finally {
      raw.close();
    }
  });

  it('leave an old file untouched when one of its rows breaks the new constraints', async () => {
    const dataDir = tempDir('central-legacy-bad');
    const raw = new Database(join(dataDir, 'central.sqlite'));
    raw.exec(legacyLayoutSql);
    raw
      .prepare(
        `INSERT INTO tickets (ticket_id, queue_id, number_queue_id, service_date, number, display, state, priority, issued_at, queued_at)
         VALUES ('t1', 'q', 'q', ?, 1, 'A001', 'misplaced', 0, 1, 1)`,
      )
      .run(serviceDate);
    raw.close();
    expect(() => new SqliteCentralStorage(dataDir)).toThrow(/CHECK constraint failed/);
    const after = new Database(join(dataDir, 'central.sqlite'), { readonly: true });
    try {
      expect(after.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(1);
      expect(after.prepare('SELECT state FROM tickets').pluck().all()).toEqual(['misplaced']);
    } finally {
      after.close();
    }
  });
});
