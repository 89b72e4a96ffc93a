/**
 * What the sync service needs from the kiosk's store, as narrow interfaces: the store's own modules
 * (sync/store: OutboxTable, MaterialBlobStore, SyncCursorsTable, TicketBlocksTable) satisfy them.
 */
import type { OutboxItem, OutboxStats } from '../store/tables/outbox';
import type { IssuedTicket, TicketBlock, UnreportedTicket } from '../store/tables/ticket-blocks';

export type { OutboxItem, OutboxStats };

export interface OutboxPort {
  /** Pending items in seq order, due at nowMs. */
  nextPending(limit: number, nowMs: number): OutboxItem[];
  markDelivered(seq: number, response: unknown): void;
  markRetry(seq: number, error: string, nextAttemptAtMs: number): void;
  markParked(seq: number, reason: string): void;
  stats(nowMs: number): OutboxStats;
}

export interface MaterialSource {
  /** Decrypted bytes, verified against the hash; throws when the file is missing or damaged. */
  read(sha256: string): Buffer;
}

export interface CursorStore {
  get(name: string): string | null;
  /** Called inside the transaction that applied the page (see DeltaSink). */
  set(name: string, cursor: string): void;
}

export interface TicketBlockStore {
  addBlock(block: TicketBlock): void;
  issueNumber(queueId: string, serviceDate: string, submissionId?: string | null): IssuedTicket | null;
  remaining(queueId: string, serviceDate: string): number;
  unreportedTickets(limit?: number): UnreportedTicket[];
  markReported(ticketIds: readonly string[]): void;
}
