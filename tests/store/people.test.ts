import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { MaterialBlobStore } from '../../sync/store/material-blobs';
import { testDraft } from '../support/submission-draft';
import { findInconsistencies } from './store-consistency';
import { StoreFixture } from './store-fixture';

describe('PeopleTable, catalogue, cursors, ratings, audit', () => {
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

  it('stores a profile under the keyed hash only and replaces it on put', () => {
    const id = '11010119900307777X';
    expect(db.people.get(id)).toBeNull();
    db.people.put(id, { phone: '1' }, 1000);
    db.people.put(id.toLowerCase(), { phone: '2' }, 1000);
    expect(db.people.get(id)).toEqual({ phone: '2' });
    expect(db.people.count()).toBe(1);
    const row = db.connection.prepare('SELECT id_hash FROM people').get() as { id_hash: Buffer };
    expect(row.id_hash).toEqual(db.hashIdNumber(id));
    expect(row.id_hash.length).toBe(32);
    expect(db.people.meta(id)).toEqual({ cachedAtMs: fixture.now, expiresAtMs: fixture.now + 1000 });
  });

  it('keeps the same hash across reopen (look-ups survive a restart)', () => {
    db.people.put('350503195807152528', { a: 1 }, 1000);
    db.close();
    db = fixture.open();
    expect(db.people.get('350503195807152528')).toEqual({ a: 1 });
  });

  it('keeps catalogue entries by version and cursors by name', () => {
    db.catalogue.upsertMany([{ kind: 'item', id: 'yyzz', version: 2, body: { name: '营业执照' } }]);
    expect(db.catalogue.upsertMany([{ kind: 'item', id: 'yyzz', version: 1, body: { name: 'old' } }])).toBe(
      0,
    );
    expect(db.catalogue.get('item', 'yyzz')).toEqual({
      kind: 'item',
      id: 'yyzz',
      version: 2,
      body: { name: '营业执照' },
    });
    db.catalogue.replaceKind('item', [{ id: 'b', version: 1, body: {} }]);
    expect(db.catalogue.list('item').map((e) => e.id)).toEqual(['b']);
    db.syncCursors.set('catalogue', 'c-1');
    db.syncCursors.set('catalogue', 'c-2');
    expect(db.syncCursors.get('catalogue')).toBe('c-2');
    expect(db.syncCursors.get('none')).toBeNull();
  });

  it('records a rating with its outbox item atomically', () => {
    db.transaction(() => {
      const rating = db.ratings.insertInTransaction({
        id: 'r1',
        caseNumber: 'CASE-1',
        grade: 1,
        reasons: ['fast'],
      });
      db.outbox.enqueueInTransaction({
        kind: 'rating',
        idempotencyKey: 'rating-r1',
        payload: {
          caseNumber: rating.caseNumber,
          grade: rating.grade,
          reasons: rating.reasons,
          ratedAtMs: rating.createdAtMs,
        },
        materialHashes: [],
      });
    });
    expect(db.ratings.listForCase('CASE-1')).toEqual([
      { id: 'r1', caseNumber: 'CASE-1', grade: 1, reasons: ['fast'], createdAtMs: fixture.now },
    ]);
    expect(db.outbox.nextPending(5, fixture.now)[0]?.payload).toMatchObject({ grade: 1 });
    expect(() =>
      db.transaction(() =>
        db.ratings.insertInTransaction({ id: 'r2', caseNumber: 'CASE-1', grade: 9 as 1, reasons: [] }),
      ),
    ).toThrow(/CHECK/);
  });

  it('commits a submission with its ticket, built into the one record the outbox sends', async () => {
    db.ticketBlocks.addBlock({
      blockId: 'b',
      queueId: 'q',
      prefix: 'C',
      serviceDate: '2026-03-02',
      first: 5,
      last: 5,
    });
    const first = await db.submissions.commit({
      submission: { id: 's1', draft: testDraft('CASE-N1', { queueId: 'q' }), retentionUntilMs: 0 },
      materials: [
        { code: 'a', page: 1, bytes: Buffer.from('same'), mime: 'image/png' },
        { code: 'a', page: 2, bytes: Buffer.from('same'), mime: 'image/png' },
      ],
      outbox: { idempotencyKey: 'k1' },
      ticket: { queueId: 'q', serviceDate: '2026-03-02' },
    });
    expect(first.ticket?.display).toBe('C005');
    const item = db.outbox.get(first.outboxSeq)!;
    expect(item.materialHashes).toHaveLength(1); // the same page twice is one file
    expect(item.subjectId).toBe('s1');
    expect(db.submissions.get('s1')?.record).toMatchObject({
      caseNumber: 'CASE-N1',
      ticket: { display: 'C005', blockId: 'b' },
      materials: [{ materialId: 'a' }, { materialId: 'a' }],
    });
    const second = await db.submissions.commit({
      submission: { id: 's2', draft: testDraft('CASE-N2', { queueId: 'q' }), retentionUntilMs: 0 },
      materials: [],
      outbox: { idempotencyKey: 'k2' },
      ticket: { queueId: 'q', serviceDate: '2026-03-02' },
    });
    expect(second.ticket).toBeNull();
    expect(second.record.ticket).toBeNull();
    // A failing commit (duplicate case number) leaves no ticket, no outbox item, no files behind.
    const before = db.ticketBlocks.unreportedTickets().length;
    await expect(
      db.submissions.commit({
        submission: { id: 's3', draft: testDraft('CASE-N1', { queueId: 'q' }), retentionUntilMs: 0 },
        materials: [{ code: 'x', page: 1, bytes: Buffer.from('new bytes'), mime: 'image/png' }],
        outbox: { idempotencyKey: 'k3' },
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(db.ticketBlocks.unreportedTickets()).toHaveLength(before);
    expect(db.blobs.has(MaterialBlobStore.sha256(Buffer.from('new bytes')))).toBe(false);
    expect(findInconsistencies(db)).toEqual([]);
    expect(db.outbox.stats(fixture.now).backlog).toBe(2);
  });

  it('audits technician actions', () => {
    db.auditLog.append('technician', 'outbox.discard', { seq: 4 });
    expect(db.auditLog.recent(1)[0]).toMatchObject({
      actor: 'technician',
      action: 'outbox.discard',
      detail: { seq: 4 },
    });
  });
});

describe('MaterialBlobStore', () => {
  it('writes a material once, re-writes only a file that went missing, and verifies on read', async () => {
    const fixture = new StoreFixture();
    const db = fixture.open();
    try {
      const bytes = Buffer.from('scan of a lease contract');
      const sha256 = MaterialBlobStore.sha256(bytes);
      await db.blobs.writeThenCommit([{ bytes, mime: 'image/png' }], () => undefined);
      const { mtimeMs } = statSync(db.blobs.pathOf(sha256));
      await db.blobs.writeThenCommit([{ bytes, mime: 'image/png' }], () => undefined);
      expect(statSync(db.blobs.pathOf(sha256)).mtimeMs).toBe(mtimeMs);
      expect(db.blobs.has(sha256)).toBe(true);

      rmSync(db.blobs.pathOf(sha256));
      expect(() => db.blobs.read(sha256)).toThrow(expect.objectContaining({ code: 'material_missing' }));
      await db.blobs.writeThenCommit([{ bytes, mime: 'image/png' }], () => undefined);
      expect(db.blobs.read(sha256).equals(bytes)).toBe(true);

      const sealed = readFileSync(db.blobs.pathOf(sha256));
      sealed[sealed.length - 1]! ^= 1;
      writeFileSync(db.blobs.pathOf(sha256), sealed);
      expect(() => db.blobs.read(sha256)).toThrow(expect.objectContaining({ code: 'material_corrupt' }));
    } finally {
      db.close();
      fixture.remove();
    }
  });
});
