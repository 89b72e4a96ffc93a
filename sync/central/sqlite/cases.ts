/** The cases, case_events and ratings tables: what became of each submission, and how it was rated. */
import type { CaseProgress, RatingPayload, SubmissionPayload } from '../../protocol/central-api';
import type { AtRestCipher } from '../at-rest-cipher';
import { sealJson } from '../at-rest-cipher';
import type { CentralDatabase } from './central-database';
import { sealContext } from './sealed-column';

type CaseStatus = CaseProgress['status'];

export interface NewCase {
  payload: SubmissionPayload;
  idempotencyKey: string;
  kioskId: string;
  queueId: string;
  ticketId: string;
  nowMs: number;
}

export class CaseTable {
  constructor(
    private readonly db: CentralDatabase,
    private readonly cipher: AtRestCipher,
  ) {}

  exists(caseNumber: string): boolean {
    return this.db.statement('SELECT 1 FROM cases WHERE case_number = ?').get(caseNumber) !== undefined;
  }

  open(c: NewCase): void {
    this.db
      .statement(
        `INSERT INTO cases (case_number, idempotency_key, kiosk_id, item_id, department_id, queue_id, ticket_id, payload, status, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)`,
      )
      .run(
        c.payload.caseNumber,
        c.idempotencyKey,
        c.kioskId,
        c.payload.itemId,
        c.payload.departmentId,
        c.queueId,
        c.ticketId,
        sealJson(this.cipher, c.payload, sealContext.casePayload(c.payload.caseNumber)),
        c.nowMs,
      );
    this.#event(c.payload.caseNumber, 'received', c.nowMs, null);
  }

  moveTo(caseNumber: string, status: CaseStatus, nowMs: number, note: string | null = null): void {
    this.db.statement('UPDATE cases SET status = ? WHERE case_number = ?').run(status, caseNumber);
    this.#event(caseNumber, status, nowMs, note);
  }

  #event(caseNumber: string, status: CaseStatus, nowMs: number, note: string | null): void {
    this.db
      .statement('INSERT INTO case_events (case_number, at, status, note) VALUES (?, ?, ?, ?)')
      .run(caseNumber, nowMs, status, note);
  }

  /** The case's ticket id is returned for the caller to show its display. */
  progress(caseNumber: string): { progress: Omit<CaseProgress, 'ticketDisplay'>; ticketId: string } | null {
    const row = this.db
      .statement('SELECT item_id, status, ticket_id FROM cases WHERE case_number = ?')
      .get(caseNumber) as { item_id: string; status: CaseStatus; ticket_id: string } | undefined;
    if (!row) return null;
    const history = this.db
      .statement('SELECT at, status, note FROM case_events WHERE case_number = ? ORDER BY at, rowid')
      .all(caseNumber) as { at: number; status: CaseStatus; note: string | null }[];
    const rated = this.db.statement('SELECT 1 FROM ratings WHERE case_number = ?').get(caseNumber);
    return {
      ticketId: row.ticket_id,
      progress: {
        caseNumber,
        itemId: row.item_id,
        status: row.status,
        history: history.map((h) => ({ atMs: h.at, status: h.status, ...(h.note ? { note: h.note } : {}) })),
        ratable: row.status === 'done' && !rated,
      },
    };
  }

  /** The kiosk that filed the case, or null when there is no such case. */
  filedBy(caseNumber: string): string | null {
    const row = this.db.statement('SELECT kiosk_id FROM cases WHERE case_number = ?').get(caseNumber) as
      | { kiosk_id: string }
      | undefined;
    return row?.kiosk_id ?? null;
  }

  rated(caseNumber: string): boolean {
    return this.db.statement('SELECT 1 FROM ratings WHERE case_number = ?').get(caseNumber) !== undefined;
  }

  /** Once per case: the caller checks `rated` first (a second rating is refused, never a replacement). */
  rate(payload: RatingPayload): void {
    this.db
      .statement(
        'INSERT INTO ratings (case_number, grade, reasons, comment, rated_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        payload.caseNumber,
        payload.grade,
        JSON.stringify(payload.reasons),
        payload.comment ?? null,
        payload.ratedAtMs,
      );
  }
}
