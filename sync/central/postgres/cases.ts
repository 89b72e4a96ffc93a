/** The cases, case_events and ratings tables. A case's payload (the form's values) is stored sealed. */
import type { CaseProgress, RatingPayload, SubmissionPayload } from '../../protocol/central-api';
import type { AtRestCipher } from '../at-rest-cipher';
import { sealContext, sealJson } from './columns';
import type { PgCentralDatabase, Sql } from './database';

type CaseStatus = CaseProgress['status'];

export interface NewCase {
  payload: SubmissionPayload;
  idempotencyKey: string;
  kioskId: string;
  queueId: string;
  ticketId: string;
  nowMs: number;
}

export class PgCases {
  constructor(
    private readonly db: PgCentralDatabase,
    private readonly cipher: AtRestCipher,
  ) {}

  /** False when the case number is taken (by this kiosk's other delivery, perhaps in another process). */
  async open(sql: Sql, c: NewCase): Promise<boolean> {
    const inserted = await sql.query(
      `INSERT INTO cases (case_number, idempotency_key, kiosk_id, item_id, department_id, queue_id, ticket_id, payload, status, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9) ON CONFLICT (case_number) DO NOTHING`,
      [
        c.payload.caseNumber,
        c.idempotencyKey,
        c.kioskId,
        c.payload.itemId,
        c.payload.departmentId,
        c.queueId,
        c.ticketId,
        sealJson(this.cipher, c.payload, sealContext.delivery(c.kioskId, c.idempotencyKey)),
        c.nowMs,
      ],
    );
    if (inserted.rowCount !== 1) return false;
    await this.#event(sql, c.payload.caseNumber, 'received', c.nowMs, null);
    return true;
  }

  async exists(sql: Sql, caseNumber: string): Promise<boolean> {
    return (await sql.query('SELECT 1 FROM cases WHERE case_number = $1', [caseNumber])).rowCount === 1;
  }

  async moveTo(sql: Sql, caseNumber: string, status: CaseStatus, nowMs: number, note: string | null = null) {
    await sql.query('UPDATE cases SET status = $1 WHERE case_number = $2', [status, caseNumber]);
    await this.#event(sql, caseNumber, status, nowMs, note);
  }

  async #event(sql: Sql, caseNumber: string, status: CaseStatus, nowMs: number, note: string | null) {
    await sql.query('INSERT INTO case_events (case_number, at, status, note) VALUES ($1, $2, $3, $4)', [
      caseNumber,
      nowMs,
      status,
      note,
    ]);
  }

  async progress(caseNumber: string): Promise<CaseProgress | null> {
    const row = (
      await this.db.query<{ item_id: string; status: CaseStatus; display: string | null; rated: boolean }>(
        `SELECT c.item_id, c.status, t.display, EXISTS (SELECT 1 FROM ratings r WHERE r.case_number = c.case_number) AS rated
         FROM cases c LEFT JOIN tickets t ON t.ticket_id = c.ticket_id WHERE c.case_number = $1`,
        [caseNumber],
      )
    ).rows[0];
    if (!row) return null;
    const history = await this.db.query<{ at: number; status: CaseStatus; note: string | null }>(
      'SELECT at, status, note FROM case_events WHERE case_number = $1 ORDER BY at, event_seq',
      [caseNumber],
    );
    return {
      caseNumber,
      itemId: row.item_id,
      status: row.status,
      history: history.rows.map((h) => ({
        atMs: h.at,
        status: h.status,
        ...(h.note ? { note: h.note } : {}),
      })),
      ratable: row.status === 'done' && !row.rated,
      ticketDisplay: row.display,
    };
  }

  async filedBy(sql: Sql, caseNumber: string): Promise<string | null> {
    const row = await sql.query<{ kiosk_id: string }>('SELECT kiosk_id FROM cases WHERE case_number = $1', [
      caseNumber,
    ]);
    return row.rows[0]?.kiosk_id ?? null;
  }

  /** Once per case: false when it was rated already (the key decides, even across processes). */
  async rate(sql: Sql, payload: RatingPayload): Promise<boolean> {
    const inserted = await sql.query(
      `INSERT INTO ratings (case_number, grade, reasons, comment, rated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_number) DO NOTHING`,
      [
        payload.caseNumber,
        payload.grade,
        JSON.stringify(payload.reasons),
        payload.comment === undefined || payload.comment === null
          ? null
          : this.cipher.seal(
              Buffer.from(payload.comment, 'utf8'),
              sealContext.ratingComment(payload.caseNumber),
            ),
        payload.ratedAtMs,
      ],
    );
    return inserted.rowCount === 1;
  }
}
