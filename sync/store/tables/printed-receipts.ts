import { requireTransaction, type StoreContext } from '../store-context';

export type ReceiptStatus = 'printed' | 'failed' | 'reprinted';

export interface PrintedReceiptSummary {
  id: string;
  submissionId: string | null;
  printedAtMs: number;
  status: ReceiptStatus;
  /** false once the receipt's personal content was deleted (purge or retention). */
  reprintable: boolean;
}

/** Receipts as printed, sealed, so technician mode can reprint one (printer out of paper). */
export class PrintedReceiptsTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  record(input: {
    id: string;
    submissionId: string | null;
    idNumber?: string | null;
    receipt: unknown;
    status: ReceiptStatus;
    expiresAtMs: number;
  }): void {
    this.#ctx.db
      .prepare(
        `INSERT INTO printed_receipts (id, submission_id, id_hash, receipt, printed_at, status, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.id,
        input.submissionId,
        input.idNumber ? this.#ctx.keys.hashIdNumber(input.idNumber) : null,
        this.#ctx.keys.box.sealJson(input.receipt, receiptContext(input.id)),
        this.#ctx.clock(),
        input.status,
        input.expiresAtMs,
      );
  }

  setStatus(id: string, status: ReceiptStatus): void {
    this.#ctx.db
      .prepare('UPDATE printed_receipts SET status = ?, printed_at = ? WHERE id = ?')
      .run(status, this.#ctx.clock(), id);
  }

  /** The receipt content for a reprint, or null if unknown or already deleted. */
  get(id: string): unknown {
    const row = this.#ctx.db.prepare('SELECT receipt FROM printed_receipts WHERE id = ?').get(id) as
      | { receipt: Buffer | null }
      | undefined;
    return row?.receipt ? this.#ctx.keys.box.openJson(row.receipt, receiptContext(id)) : null;
  }

  /** Technician list: no content, only what is needed to pick one. */
  recent(limit = 50): PrintedReceiptSummary[] {
    const rows = this.#ctx.db
      .prepare(
        'SELECT id, submission_id, printed_at, status, receipt IS NOT NULL AS reprintable FROM printed_receipts ORDER BY printed_at DESC LIMIT ?',
      )
      .all(limit) as {
      id: string;
      submission_id: string | null;
      printed_at: number;
      status: ReceiptStatus;
      reprintable: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      submissionId: r.submission_id,
      printedAtMs: r.printed_at,
      status: r.status,
      reprintable: r.reprintable === 1,
    }));
  }

  deleteExpired(nowMs: number): number {
    return this.#ctx.db.prepare('DELETE FROM printed_receipts WHERE expires_at <= ?').run(nowMs).changes;
  }

  purgePersonInTransaction(idHash: Buffer): number {
    requireTransaction(this.#ctx.db, 'PrintedReceiptsTable.purgePersonInTransaction');
    return this.#ctx.db
      .prepare('UPDATE printed_receipts SET receipt = NULL, id_hash = NULL WHERE id_hash = ?')
      .run(idHash).changes;
  }
}

function receiptContext(id: string): string {
  return `printed_receipts.receipt:${id}`;
}
