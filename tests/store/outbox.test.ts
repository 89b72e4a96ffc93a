import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kioskSyncPorts } from '../../sync/client/kiosk-store-ports';
import { ContractBreachError } from '../../sync/store/errors';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { testDraft } from '../support/submission-draft';
import { findInconsistencies } from './store-consistency';
import { StoreFixture } from './store-fixture';

describe('OutboxTable', () => {
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

  const rating = (key: string) => ({
    caseNumber: `CASE-${key.toUpperCase()}`,
    grade: 4,
    reasons: ['fast'],
    ratedAtMs: fixture.now,
  });
  const enqueue = (key: string) =>
    db.transaction(() =>
      db.outbox.enqueueInTransaction({
        kind: 'rating',
        idempotencyKey: key,
        payload: rating(key),
        materialHashes: [],
      }),
    );

  it('refuses to enqueue outside a transaction', () => {
    expect(() =>
      db.outbox.enqueueInTransaction({
        kind: 'rating',
        idempotencyKey: 'k',
        payload: rating('k'),
        materialHashes: [],
      }),
    ).toThrow(expect.objectContaining({ code: 'not_in_transaction' }));
  });

  it('returns pending items in seq order with their decrypted payload', () => {
    const seqs = ['a', 'b', 'c'].map((k) => enqueue(k));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const items = db.outbox.nextPending(10, fixture.now);
    expect(items.map((i) => i.idempotencyKey)).toEqual(['a', 'b', 'c']);
    expect(items[0]).toMatchObject({
      kind: 'rating',
      payload: rating('a'),
      state: 'pending',
      attempts: 0,
      lastError: null,
      createdAtMs: fixture.now,
      materialHashes: [],
    });
    expect(db.outbox.nextPending(2, fixture.now)).toHaveLength(2);
  });

  it('rejects a duplicate idempotency key', () => {
    enqueue('same');
    expect(() => enqueue('same')).toThrow(/UNIQUE/);
  });

  it('backs off on retry and returns the item once due', () => {
    const seq = enqueue('retry');
    db.outbox.markRetry(seq, 'ECONNRESET', fixture.now + 5_000);
    expect(db.outbox.nextPending(10, fixture.now)).toEqual([]);
    const [item] = db.outbox.nextPending(10, fixture.now + 5_000);
    expect(item).toMatchObject({
      seq,
      attempts: 1,
      lastError: 'ECONNRESET',
      nextAttemptAtMs: fixture.now + 5_000,
    });
    expect(db.outbox.stats(fixture.now)).toEqual({
      backlog: 1,
      parked: 0,
      oldestPendingCreatedAtMs: fixture.now,
    });
  });

  it('parks, lists, unparks and discards', () => {
    const a = enqueue('a');
    const b = enqueue('b');
    db.outbox.markParked(a, 'HTTP 422 invalid form');
    expect(db.outbox.listParked().map((i) => [i.seq, i.lastError, i.payload])).toEqual([
      [a, 'HTTP 422 invalid form', rating('a')],
    ]);
    expect(db.outbox.stats(fixture.now)).toMatchObject({ backlog: 1, parked: 1 });
    expect(db.outbox.nextPending(10, fixture.now).map((i) => i.seq)).toEqual([b]);
    db.outbox.unpark(a);
    expect(db.outbox.nextPending(10, fixture.now).map((i) => i.seq)).toEqual([a, b]);
    db.outbox.markParked(a, 'again');
    db.outbox.discard(a);
    expect(db.outbox.get(a)).toMatchObject({ state: 'discarded', payload: null });
    expect(db.outbox.stats(fixture.now)).toEqual({
      backlog: 1,
      parked: 0,
      oldestPendingCreatedAtMs: fixture.now,
    });
  });

  it('marks delivered, drops the payload and refuses invalid transitions', () => {
    const seq = enqueue('d');
    db.outbox.markDelivered(seq, { caseNumber: 'C1' });
    expect(db.outbox.get(seq)).toMatchObject({ state: 'delivered', payload: null });
    expect(db.outbox.nextPending(10, fixture.now)).toEqual([]);
    expect(() => db.outbox.markRetry(seq, 'x', 0)).toThrow(/delivered/);
    expect(() => db.outbox.unpark(seq)).toThrow(/delivered/);
    expect(() => db.outbox.markDelivered(999, null)).toThrow(/missing/);
    expect(db.outbox.stats(fixture.now)).toEqual({ backlog: 0, parked: 0, oldestPendingCreatedAtMs: null });
  });

  it('keeps seq increasing after rows are deleted (AUTOINCREMENT)', async () => {
    const a = enqueue('a');
    db.outbox.markDelivered(a, null);
    fixture.now += 30 * 24 * 3600_000;
    await db.retention.sweep();
    expect(db.outbox.get(a)).toBeNull();
    expect(enqueue('b')).toBeGreaterThan(a);
  });

  it('rolls the item back with the transaction that carried it', () => {
    expect(() =>
      db.transaction(() => {
        db.outbox.enqueueInTransaction({
          kind: 'purge_ack',
          idempotencyKey: 'x',
          payload: { orderId: 'order-1', completedAtMs: fixture.now },
          materialHashes: [],
        });
        throw new Error('data write failed');
      }),
    ).toThrow('data write failed');
    expect(db.outbox.stats(fixture.now).backlog).toBe(0);
  });

  it('refuses at enqueue a payload that breaks the central contract, storing nothing', () => {
    const breaches: [string, () => number][] = [
      [
        'a grade out of range',
        () =>
          db.outbox.enqueueInTransaction({
            kind: 'rating',
            idempotencyKey: 'bad-rating',
            payload: { ...rating('x'), grade: 9 },
            materialHashes: [],
          }),
      ],
      [
        'a purge acknowledgement without its completion time',
        () =>
          db.outbox.enqueueInTransaction({
            kind: 'purge_ack',
            idempotencyKey: 'bad-ack',
            payload: { orderId: 'order-1' } as never,
            materialHashes: [],
          }),
      ],
      [
        'a check-in ticket without its block',
        () =>
          db.outbox.enqueueInTransaction({
            kind: 'checkin',
            idempotencyKey: 'bad-checkin',
            payload: {
              appointmentId: 'ap-1',
              keyedHash: 'a'.repeat(64),
              ticket: {
                ticketId: 't-1',
                queueId: 'q',
                serviceDate: '2026-03-02',
                number: 1,
                display: 'A001',
              } as never,
              checkedInAtMs: fixture.now,
            },
            materialHashes: [],
          }),
      ],
    ];
    for (const [what, enqueueBroken] of breaches) {
      expect(() => db.transaction(enqueueBroken), what).toThrow(ContractBreachError);
    }
    expect(db.outbox.stats(fixture.now)).toMatchObject({ backlog: 0, parked: 0 });
  });

  it('keeps one copy of a submission: the outbox item points at the record the commit built', async () => {
    db.ticketBlocks.addBlock({
      blockId: 'blk-1',
      queueId: 'market-general',
      prefix: 'A',
      serviceDate: '2026-03-02',
      first: 1,
      last: 9,
    });
    const committed = await db.submissions.commit({
      submission: { id: 's1', draft: testDraft('CASE-0001'), retentionUntilMs: 0 },
      materials: [{ code: 'ID_COPY', page: 1, bytes: Buffer.from('page'), mime: 'image/png' }],
      outbox: { idempotencyKey: 'sub-s1' },
      ticket: { queueId: 'market-general', serviceDate: '2026-03-02' },
    });
    expect(committed.record.ticket).toMatchObject({ blockId: 'blk-1', display: 'A001' });
    expect(committed.record.materials).toEqual([
      expect.objectContaining({ materialId: 'ID_COPY', sha256: committed.materials[0]!.sha256 }),
    ]);
    const sealedCopies = db.connection
      .prepare(`SELECT count(*) FROM outbox WHERE kind = 'submission' AND payload IS NOT NULL`)
      .pluck()
      .get();
    expect(sealedCopies).toBe(0);
    const [item] = kioskSyncPorts(db).outbox.nextPending(10, fixture.now);
    expect(item).toMatchObject({ kind: 'submission', subjectId: 's1', payload: committed.record });
    expect(db.submissions.get('s1')?.record).toEqual(committed.record);
  });

  it('refuses a submission whose record breaks the contract, leaving nothing behind', async () => {
    await expect(
      db.submissions.commit({
        submission: { id: 's2', draft: testDraft('lower-case-is-no-case-number'), retentionUntilMs: 0 },
        materials: [{ code: 'ID_COPY', page: 1, bytes: Buffer.from('other page'), mime: 'image/png' }],
        outbox: { idempotencyKey: 'sub-s2' },
      }),
    ).rejects.toThrow(ContractBreachError);
    expect(db.submissions.get('s2')).toBeNull();
    expect(db.outbox.stats(fixture.now).backlog).toBe(0);
    expect(findInconsistencies(db)).toEqual([]);
  });
});
