/** Wires the sync service's ports to the kiosk's real store (sync/store KioskDatabase). */
import { sealSubmissionRecord, submissionRecordSchema } from '../protocol/submission-record';
import type { KioskDatabase } from '../store/kiosk-database';
import type { CursorStore, MaterialSource, OutboxItem, OutboxPort, TicketBlockStore } from './sync-ports';

export interface KioskSyncPorts {
  outbox: OutboxPort;
  materials: MaterialSource;
  cursors: CursorStore;
  ticketBlocks: TicketBlockStore;
  /** Outbox item delivered and, for a submission, its row acknowledged: one transaction. */
  acknowledge(item: OutboxItem, response: unknown): void;
  transaction<T>(work: () => T): T;
}

export interface KioskSyncPortOptions {
  clock?: () => number;
  /**
   * The central intake's sealing key (from enrolment): each send seals the record's form values and
   * profile for it. Null for a kiosk enrolled before the key existed: the record goes as it is (TLS only).
   */
  intakeSealingKey?: string | null;
}

export function kioskSyncPorts(db: KioskDatabase, options: KioskSyncPortOptions = {}): KioskSyncPorts {
  const clock = options.clock ?? Date.now;
  const sealingKey = options.intakeSealingKey ?? null;
  /** The stored record, sealed for the central when the kiosk can (a record an older build wrote is sent as read). */
  const wireForm = (stored: unknown): unknown => {
    if (!sealingKey) return stored;
    const record = submissionRecordSchema.safeParse(stored);
    return record.success ? sealSubmissionRecord(record.data, sealingKey) : stored;
  };
  return {
    outbox: {
      // A submission's outbox item points at its one stored record; the drainer sends that record.
      nextPending: (limit, nowMs) =>
        db.outbox
          .nextPending(limit, nowMs)
          .map((item) =>
            item.kind === 'submission' && item.subjectId
              ? { ...item, payload: wireForm(db.submissions.storedRecord(item.subjectId)) }
              : item,
          ),
      markDelivered: (seq, response) => db.outbox.markDelivered(seq, response),
      markRetry: (seq, error, at) => db.outbox.markRetry(seq, error, at),
      markParked: (seq, reason) => db.outbox.markParked(seq, reason),
      stats: (nowMs) => db.outbox.stats(nowMs),
    },
    materials: db.blobs,
    cursors: db.syncCursors,
    ticketBlocks: db.ticketBlocks,
    acknowledge(item, response) {
      db.transaction(() => {
        db.outbox.markDelivered(item.seq, response);
        if (item.kind === 'submission' && item.subjectId)
          db.submissions.markAcknowledged(item.subjectId, clock());
      });
    },
    transaction: (work) => db.transaction(work),
  };
}
