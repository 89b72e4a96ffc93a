import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { StoreFixture } from './store-fixture';

describe('TicketBlocksTable', () => {
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

  it('issues numbers in order across blocks, then null when none are left', () => {
    db.ticketBlocks.addBlock({
      blockId: 'b2',
      queueId: 'q',
      prefix: 'A',
      serviceDate: '2026-03-02',
      first: 11,
      last: 12,
    });
    db.ticketBlocks.addBlock({
      blockId: 'b1',
      queueId: 'q',
      prefix: 'A',
      serviceDate: '2026-03-02',
      first: 1,
      last: 2,
    });
    expect(db.ticketBlocks.remaining('q', '2026-03-02')).toBe(4);
    const displays = [1, 2, 3, 4].map(() => db.ticketBlocks.issueNumber('q', '2026-03-02')?.display);
    expect(displays).toEqual(['A001', 'A002', 'A011', 'A012']);
    expect(db.ticketBlocks.issueNumber('q', '2026-03-02')).toBeNull();
    expect(db.ticketBlocks.issueNumber('q', '2026-03-03')).toBeNull();
    expect(db.ticketBlocks.remaining('q', '2026-03-02')).toBe(0);
  });

  it('is idempotent for the same block and refuses overlaps', () => {
    const block = { blockId: 'b1', queueId: 'q', prefix: 'A', serviceDate: '2026-03-02', first: 1, last: 50 };
    db.ticketBlocks.addBlock(block);
    db.ticketBlocks.addBlock(block);
    expect(db.ticketBlocks.remaining('q', '2026-03-02')).toBe(50);
    expect(() => db.ticketBlocks.addBlock({ ...block, blockId: 'b2', first: 50, last: 60 })).toThrow(
      expect.objectContaining({ code: 'overlapping_ticket_block' }),
    );
    expect(() => db.ticketBlocks.addBlock({ ...block, last: 60 })).toThrow(
      expect.objectContaining({ code: 'overlapping_ticket_block' }),
    );
    // Another day or queue may reuse the range.
    db.ticketBlocks.addBlock({ ...block, blockId: 'b3', serviceDate: '2026-03-03' });
    db.ticketBlocks.addBlock({ ...block, blockId: 'b4', queueId: 'r' });
  });

  it('reports issued tickets until marked reported', () => {
    db.ticketBlocks.addBlock({
      blockId: 'b1',
      queueId: 'q',
      prefix: 'B',
      serviceDate: '2026-03-02',
      first: 7,
      last: 9,
    });
    const t1 = db.ticketBlocks.issueNumber('q', '2026-03-02')!;
    const t2 = db.ticketBlocks.issueNumber('q', '2026-03-02', 'sub-1')!;
    expect(db.ticketBlocks.unreportedTickets().map((t) => [t.ticketId, t.display, t.submissionId])).toEqual([
      [t1.ticketId, 'B007', null],
      [t2.ticketId, 'B008', 'sub-1'],
    ]);
    db.ticketBlocks.markReported([t1.ticketId]);
    expect(db.ticketBlocks.unreportedTickets().map((t) => t.ticketId)).toEqual([t2.ticketId]);
  });

  it('never issues a number twice, and only numbers from leased blocks (property)', () => {
    const queues = ['q1', 'q2'];
    const dates = ['2026-03-02', '2026-03-03'];
    const op = fc.oneof(
      fc.record({
        type: fc.constant('add' as const),
        queue: fc.constantFrom(...queues),
        date: fc.constantFrom(...dates),
        start: fc.integer({ min: 1, max: 60 }),
        size: fc.integer({ min: 1, max: 8 }),
      }),
      fc.record({
        type: fc.constant('issue' as const),
        queue: fc.constantFrom(...queues),
        date: fc.constantFrom(...dates),
      }),
      fc.record({
        type: fc.constant('issueInFailedTx' as const),
        queue: fc.constantFrom(...queues),
        date: fc.constantFrom(...dates),
      }),
    );
    let run = 0;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        run++;
        const leased = new Map<string, Set<number>>();
        const issued = new Set<string>();
        for (const [i, o] of ops.entries()) {
          const key = `${o.queue}/${o.date}`;
          if (o.type === 'add') {
            const block = {
              blockId: `r${run}-${i}`,
              queueId: `${o.queue}-${run}`,
              prefix: 'A',
              serviceDate: o.date,
              first: o.start,
              last: o.start + o.size - 1,
            };
            const numbers = leased.get(key) ?? new Set<number>();
            const overlaps = [...Array(o.size).keys()].some((k) => numbers.has(o.start + k));
            if (overlaps) {
              expect(() => db.ticketBlocks.addBlock(block)).toThrow();
            } else {
              db.ticketBlocks.addBlock(block);
              for (let n = block.first; n <= block.last; n++) numbers.add(n);
              leased.set(key, numbers);
            }
          } else if (o.type === 'issue') {
            const ticket = db.ticketBlocks.issueNumber(`${o.queue}-${run}`, o.date);
            const available = [...(leased.get(key) ?? [])].filter((n) => !issued.has(`${key}#${n}`));
            if (available.length === 0) {
              expect(ticket).toBeNull();
            } else {
              expect(ticket).not.toBeNull();
              expect(ticket!.number).toBe(Math.min(...available));
              expect(issued.has(`${key}#${ticket!.number}`)).toBe(false);
              issued.add(`${key}#${ticket!.number}`);
            }
          } else {
            // A number taken in a transaction that rolls back is given out again, never lost or doubled.
            expect(() =>
              db.transaction(() => {
                db.ticketBlocks.issueNumber(`${o.queue}-${run}`, o.date);
                throw new Error('rollback');
              }),
            ).toThrow('rollback');
          }
          expect(db.ticketBlocks.remaining(`${o.queue}-${run}`, o.date)).toBe(
            [...(leased.get(key) ?? [])].filter((n) => !issued.has(`${key}#${n}`)).length,
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});
