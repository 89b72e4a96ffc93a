import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { MaterialBlobStore } from '../../sync/store/material-blobs';
import { capturingLogger } from '../support/capturing-logger';
import { testDraft } from '../support/submission-draft';
import { findInconsistencies } from './store-consistency';
import { StoreFixture } from './store-fixture';

const hour = 3600_000;
const alice = '350503195807152528';
const bob = '110101199003077777';

describe('retention and purge orders', () => {
  let fixture: StoreFixture;
  let db: KioskDatabase;

  beforeEach(() => {
    fixture = new StoreFixture();
    db = fixture.open();
  });
  afterEach(() => {
    db.close();
    fixture.remove();
  });

  async function submit(
    id: string,
    idNumber: string,
    material: Buffer,
    retentionUntilMs = fixture.now + hour,
  ) {
    return db.submissions.commit({
      submission: {
        id,
        idNumber,
        draft: testDraft(`CASE-${id.toUpperCase()}`, { itemId: 'item', formValues: { who: idNumber } }),
        retentionUntilMs,
      },
      materials: [{ code: 'scan', page: 1, bytes: material, mime: 'image/jpeg' }],
      outbox: { idempotencyKey: `k-${id}` },
    });
  }

  function fileCount(): number {
    return db.connection.prepare('SELECT count(*) FROM material_blobs').pluck().get() as number;
  }

  it('expires cached profiles and archived materials, removing their files', async () => {
    db.people.put(alice, { name: 'A' }, 1 * hour);
    db.people.put(bob, { name: 'B' }, 10 * hour);
    await db.personMaterials.archive({
      idNumber: alice,
      materialCode: 'hukou',
      pages: [{ bytes: randomBytes(500), mime: 'image/jpeg' }],
      consent: 'v1',
      ttlMs: 2 * hour,
    });
    expect(fileCount()).toBe(1);
    fixture.now += 1 * hour;
    expect(db.people.get(alice)).toBeNull(); // expired even before the sweep runs
    const first = await db.retention.sweep();
    expect(first).toMatchObject({ profilesExpired: 1, personMaterialsExpired: 0, materialFilesRemoved: 0 });
    expect(db.people.get(bob)).toEqual({ name: 'B' });
    fixture.now += 1 * hour;
    expect(db.personMaterials.listForPerson(alice)).toEqual([]);
    const second = await db.retention.sweep();
    expect(second).toMatchObject({ personMaterialsExpired: 1, materialFilesRemoved: 1 });
    expect(fileCount()).toBe(0);
    expect(findInconsistencies(db)).toEqual([]);
  });

  it('redacts a submission only once acknowledged and past its retention, keeping the non-personal row', async () => {
    const { outboxSeq } = await submit('s1', alice, randomBytes(400));
    fixture.now += 2 * hour;
    await db.retention.sweep();
    expect(db.submissions.get('s1')?.state).toBe('stored'); // not acknowledged: kept
    expect(fileCount()).toBe(1);

    db.transaction(() => {
      db.outbox.markDelivered(outboxSeq, { accepted: true });
      db.submissions.markAcknowledged('s1', fixture.now);
    });
    const result = await db.retention.sweep();
    expect(result).toMatchObject({ submissionsRedacted: 1, materialFilesRemoved: 1 });
    const redacted = db.submissions.get('s1')!;
    expect(redacted).toMatchObject({
      state: 'redacted',
      record: null,
      caseNumber: 'CASE-S1',
      itemId: 'item',
    });
    expect(redacted.materials).toEqual([{ code: 'scan', page: 1, sha256: null, mime: 'image/jpeg' }]);
    expect(db.submissions.listForPerson(alice)).toEqual([]);
    expect(fileCount()).toBe(0);
  });

  it('keeps acknowledged data until retention_until passes', async () => {
    await submit('s1', alice, randomBytes(400), fixture.now + 5 * hour);
    db.submissions.markAcknowledged('s1', fixture.now);
    fixture.now += 4 * hour;
    expect((await db.retention.sweep()).submissionsRedacted).toBe(0);
    fixture.now += 1 * hour;
    expect((await db.retention.sweep()).submissionsRedacted).toBe(1);
  });

  it('purges a person everywhere, spares others, and keeps a material another person still uses', async () => {
    const sharedScan = randomBytes(300);
    db.people.put(alice, { name: 'A' }, hour);
    db.people.put(bob, { name: 'B' }, hour);
    await db.personMaterials.archive({
      idNumber: alice,
      materialCode: 'm',
      pages: [{ bytes: randomBytes(300), mime: 'image/png' }],
      consent: 'v1',
      ttlMs: hour,
    });
    await submit('a1', alice, sharedScan);
    await submit('a2', alice, randomBytes(300));
    await submit('b1', bob, sharedScan);
    db.appointments.upsert({
      id: 'ap',
      idNumber: alice,
      serviceDate: '2026-03-02',
      startsAtMs: 0,
      itemId: 'i',
      queueId: 'q',
      personal: { n: 'A' },
      expiresAtMs: fixture.now + hour,
    });
    db.printedReceipts.record({
      id: 'r',
      submissionId: 'a1',
      idNumber: alice,
      receipt: { n: 'A' },
      status: 'printed',
      expiresAtMs: fixture.now + hour,
    });
    const [a1Item] = db.outbox.nextPending(1, fixture.now);
    db.outbox.markDelivered(a1Item!.seq, null);
    expect(fileCount()).toBe(3);

    const result = await db.retention.purgePerson({
      idHash: db.hashIdNumber(alice).toString('hex'),
      orderId: 'po-1',
    });
    expect(result).toEqual({
      people: 1,
      personMaterials: 1,
      submissions: 2,
      appointments: 1,
      receipts: 1,
      outboxItems: 2,
      materialFilesRemoved: 2,
    });
    expect(db.people.get(alice)).toBeNull();
    expect(db.personMaterials.listForPerson(alice)).toEqual([]);
    expect(db.submissions.get('a1')).toMatchObject({ state: 'redacted', record: null });
    expect(db.appointments.listForPerson(alice, '2026-03-02')).toEqual([]);
    expect(db.printedReceipts.get('r')).toBeNull();
    // The undelivered item about alice is discarded with its payload; bob's stays pending.
    const pending = db.outbox.nextPending(10, fixture.now);
    expect(pending.map((i) => i.subjectId)).toEqual(['b1']);
    expect(db.outbox.get(a1Item!.seq)?.state).toBe('delivered');
    // Bob untouched, including the scan he shares with alice.
    expect(db.people.get(bob)).toEqual({ name: 'B' });
    expect(db.submissions.get('b1')?.record?.formValues).toEqual({ who: bob });
    expect(db.blobs.read(MaterialBlobStore.sha256(sharedScan)).equals(sharedScan)).toBe(true);
    expect(fileCount()).toBe(1);
    expect(db.auditLog.recent(1)[0]).toMatchObject({ actor: 'central', action: 'store.purge_person' });
    expect(JSON.stringify(db.auditLog.recent(5))).not.toContain(alice);
    expect(findInconsistencies(db)).toEqual([]);
  });

  it('spares what the person submitted after the purge order was issued', async () => {
    await submit('before', alice, randomBytes(100));
    const issuedAtMs = fixture.now;
    fixture.now += 1000;
    await submit('after', alice, randomBytes(100));
    await db.retention.purgePerson({ idNumber: alice, issuedAtMs });
    expect(db.submissions.get('before')?.state).toBe('redacted');
    expect(db.submissions.get('after')?.record?.formValues).toEqual({ who: alice });
    expect(db.outbox.nextPending(10, fixture.now).map((i) => i.subjectId)).toEqual(['after']);
  });

  it('vacuums free pages away', () => {
    db.people.putMany(
      Array.from({ length: 3000 }, (_, i) => ({ idNumber: `X${i}`, profile: { pad: 'p'.repeat(300) } })),
      hour,
    );
    fixture.now += 2 * hour;
    db.people.deleteExpired(fixture.now);
    const { freePagesBefore, freePagesAfter } = db.retention.vacuum({ idle: false, maxPages: 100_000 });
    expect(freePagesBefore).toBeGreaterThan(100);
    expect(freePagesAfter).toBe(0);
  });

  it("logs a vacuum that freed pages, and keeps the routine empty ones out of the technician's log", () => {
    const { logger, lines } = capturingLogger('info');
    const quiet = new StoreFixture();
    const store = quiet.open({ logger });
    try {
      // A fresh file may hold pages its own migrations freed (004 rebuilds the outbox): one vacuum
      // takes them; the routine ones after it free nothing and stay out of the log.
      store.retention.vacuum({ idle: false });
      lines.length = 0;
      for (let i = 0; i < 5; i++) store.retention.vacuum({ idle: false });
      expect(lines.filter((line) => line.includes('store.vacuum'))).toEqual([]);
      store.people.putMany(
        Array.from({ length: 3000 }, (_, i) => ({ idNumber: `Y${i}`, profile: { pad: 'p'.repeat(300) } })),
        hour,
      );
      quiet.now += 2 * hour;
      store.people.deleteExpired(quiet.now);
      store.retention.vacuum({ idle: false, maxPages: 100_000 });
      expect(lines.filter((line) => line.includes('store.vacuum'))).toHaveLength(1);
    } finally {
      store.close();
      quiet.remove();
    }
  });
});
