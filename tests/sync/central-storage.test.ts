import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCatalogue } from '../../sync/central/seed';
import { SqliteCentralStorage } from '../../sync/central/sqlite/sqlite-central-storage';
import { emptyProfile } from '../../sync/protocol/profile';
import { keyedHashOf, tempDir } from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const serviceDate = '2026-03-02';
const sampleProfile = emptyProfile(
  { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' },
  '2026-03-01T09:00:00+08:00',
);

describe('SqliteCentralStorage: expected failures are Result values', () => {
  let dataDir: string;
  let storage: SqliteCentralStorage;
  let kioskId: string;

  beforeEach(async () => {
    dataDir = tempDir('central-storage');
    storage = new SqliteCentralStorage(dataDir);
    await seedCatalogue(storage, testCatalogue);
    await storage.createEnrolmentCode('c'.repeat(64), 10_000);
    const enrolled = await storage.enrolKiosk({
      kioskId: 'kiosk-1',
      name: 'east',
      codeHash: 'c'.repeat(64),
      requestId: 'request-1',
      publicKey: 'key-1',
      credentialHashOf: () => 'd'.repeat(64),
      appVersion: '0.1.0',
      nowMs: 1,
    });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    kioskId = enrolled.value.kioskId;
  });
  afterEach(async () => {
    await storage.close();
  });

  it('an enrolment code works once', async () => {
    const again = await storage.enrolKiosk({
      kioskId: 'kiosk-2',
      name: 'west',
      codeHash: 'c'.repeat(64),
      requestId: 'request-2',
      publicKey: 'key-2',
      credentialHashOf: () => 'e'.repeat(64),
      appVersion: '0.1.0',
      nowMs: 2,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('a lease key reused for another queue is a conflict; an unknown queue is not found', async () => {
    const request = { leaseKey: 'lease-key-1', queueId: 'market-general', serviceDate, size: 5 };
    const first = await storage.leaseTicketBlock(kioskId, request, 1);
    expect(first).toMatchObject({ ok: true, value: { first: 1, last: 5, prefix: 'A' } });
    expect(await storage.leaseTicketBlock(kioskId, request, 2)).toEqual(first);
    expect(
      await storage.leaseTicketBlock(kioskId, { ...request, queueId: 'civil-general' }, 3),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await storage.leaseTicketBlock(kioskId, { ...request, queueId: 'nowhere' }, 4)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a full slot is a conflict, an unknown item not found, a slot off the grid invalid', async () => {
    const book = (i: number, slotStart = '09:00', itemId = 'business-licence') =>
      storage.bookAppointment(
        {
          idempotencyKey: `booking-${i}-key`,
          keyedHash: keyedHashOf(`p${i}`),
          itemId,
          serviceDate,
          slotStart,
        },
        1,
      );
    for (let i = 0; i < 4; i++) expect((await book(i)).ok).toBe(true);
    expect(await book(9)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The same key answers the first booking, full slot or not.
    expect(await book(0)).toMatchObject({ ok: true, value: { slotStart: '09:00' } });
    expect(await book(10, '09:10')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await book(11, '09:00', 'no-such-item')).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const slots = await storage.appointmentSlots('business-licence', serviceDate);
    expect(slots.ok && slots.value.find((s) => s.slotStart === '09:00')?.available).toBe(0);
    expect((await storage.appointmentSlots('no-such-item', serviceDate)).ok).toBe(false);
  });

  it('the desk answers not_found for unknown windows, queues and tickets, and null when nobody waits', async () => {
    expect(await storage.callNext('w9', serviceDate, 1)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await storage.callNext('w1', serviceDate, 1)).toEqual({ ok: true, value: null });
    expect(await storage.setWindowOpen('w9', true)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await storage.setWindowOpen('w2', false)).toEqual({ ok: true, value: undefined });
    expect((await storage.queueState(serviceDate, 1)).windows.find((w) => w.windowId === 'w2')?.open).toBe(
      false,
    );
    expect(await storage.markNoShow('no-ticket', 1)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await storage.transferTicket('no-ticket', 'civil-general', 1)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('keeps store records sealed: a plain or moved value throws, naming the column and not its value', async () => {
    for (const who of ['a', 'b']) {
      await storage.putStoreRecord({
        keyedHash: keyedHashOf(who),
        profile: sampleProfile,
        materials: [],
        updatedAtMs: 1,
      });
    }
    expect(await storage.getStoreRecord(keyedHashOf('a'))).toMatchObject({
      version: 1,
      profile: sampleProfile,
    });
    const raw = new Database(join(dataDir, 'central.sqlite'));
    const sealedB = raw
      .prepare('SELECT record FROM store_records WHERE keyed_hash = ?')
      .pluck()
      .get(keyedHashOf('b')) as Buffer;
    expect(sealedB.includes(Buffer.from(JSON.stringify(sampleProfile).slice(2, 20)))).toBe(false);
    // B's sealed record copied over A's: it opens for B's row only.
    raw.prepare('UPDATE store_records SET record = ? WHERE keyed_hash = ?').run(sealedB, keyedHashOf('a'));
    const moved = storage.getStoreRecord(keyedHashOf('a'));
    await expect(moved).rejects.toThrow(/store_record does not open: it was altered or belongs elsewhere/);
    // A hand-written plain value.
    raw
      .prepare('UPDATE store_records SET record = ? WHERE keyed_hash = ?')
      .run(Buffer.from(JSON.stringify({ keyedHash: 'not-a-hash', personal: '张三' })), keyedHashOf('a'));
    raw.close();
    const read = storage.getStoreRecord(keyedHashOf('a'));
    await expect(read).rejects.toThrow(/store_record is not sealed data/);
    await expect(read).rejects.not.toThrow(/张三/);
  });
});
