import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
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

  const enqueue = (key: string, payload: unknown = { key }) =>
    db.transaction(() =>
      db.outbox.enqueueInTransaction({ kind: 'rating', idempotencyKey: key, payload, materialHashes: [] }),
    );

  it('refuses to enqueue outside a transaction', () => {
    expect(() =>
      db.outbox.enqueueInTransaction({
        kind: 'rating',
        idempotencyKey: 'k',
        payload: {},
        materialHashes: [],
      }),
    ).toThrow(expect.objectContaining({ code: 'not_in_transaction' }));
  });

  it('returns pending items in seq order with their decrypted payload', () => {
    const seqs = ['a', 'b', 'c'].map((k) => enqueue(k, { value: k }));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const items = db.outbox.nextPending(10, fixture.now);
    expect(items.map((i) => i.idempotencyKey)).toEqual(['a', 'b', 'c']);
    expect(items[0]).toMatchObject({
      kind: 'rating',
      payload: { value: 'a' },
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
      [a, 'HTTP 422 invalid form', { key: 'a' }],
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
          kind: 'checkin',
          idempotencyKey: 'x',
          payload: {},
          materialHashes: [],
        });
        throw new Error('data write failed');
      }),
    ).toThrow('data write failed');
    expect(db.outbox.stats(fixture.now).backlog).toBe(0);
  });
});
