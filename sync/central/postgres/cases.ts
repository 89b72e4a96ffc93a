/** The cases, case_events and ratings tables. A case's payload (the form's values) is stored sealed. */
import { z } from 'zod';
import { err, ok, type Result } from '../../../kernel/result';
import {
  type CaseStage,
  type CaseStep,
  caseStageWords,
  caseStatusOfStage,
} from '../../protocol/case-workflow';
import { type CaseProgress, type RatingPayload, submissionPayloadSchema } from '../../protocol/central-api';
import type { FlaggedRating } from '../../protocol/supervision';
import type { AtRestCipher } from '../at-rest-cipher';
import {
  type BundleLink,
  type CaseKind,
  type OpenCaseRow,
  type PartRow,
  progressParts,
  rolledUpStatus,
} from '../bundle-cases';
import {
  agentOfColumns,
  type CaseFileWithoutItem,
  type CaseRow,
  caseFileOf,
  type NewCase,
  stepContext,
  stepDetailSchema,
} from '../case-records';
import { currentMissingItems, type PlannedStep } from '../case-steps';
import { openSealedColumn, parseColumn, sealContext, sealJson } from './columns';
import type { PgCentralDatabase, Sql } from './database';

export type { CaseFileWithoutItem, CaseRow, NewCase };

/**
 * What a case's sealed payload is bound to: its delivery (kiosk and idempotency key), or for a 一件事
 * part, which shares its bundle case's delivery, its own case number.
 */
function payloadContext(kind: CaseKind, caseNumber: string, kioskId: string, idempotencyKey: string): string {
  return kind === 'part' ? sealContext.casePart(caseNumber) : sealContext.delivery(kioskId, idempotencyKey);
}

type CaseStatus = CaseProgress['status'];

export class PgCases {
  constructor(
    private readonly db: PgCentralDatabase,
    private readonly cipher: AtRestCipher,
  ) {}

  /** False when the case number is taken (by this kiosk's other delivery, perhaps in another process). */
  async open(sql: Sql, c: NewCase): Promise<boolean> {
    const kind = c.kind ?? 'single';
    const inserted = await sql.query(
      `INSERT INTO cases (case_number, idempotency_key, kiosk_id, item_id, department_id, queue_id, ticket_id, payload, status, received_at,
         case_kind, bundle_case_number, part_index, agent_keyed_hash, agent_basis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10, $11, $12, $13, $14) ON CONFLICT (case_number) DO NOTHING`,
      [
        c.payload.caseNumber,
        c.idempotencyKey,
        c.kioskId,
        c.payload.itemId,
        c.payload.departmentId,
        c.queueId,
        c.ticketId,
        sealJson(
          this.cipher,
          c.payload,
          payloadContext(kind, c.payload.caseNumber, c.kioskId, c.idempotencyKey),
        ),
        c.nowMs,
        kind,
        c.partOf?.caseNumber ?? null,
        c.partOf?.index ?? null,
        c.payload.agent?.keyedHash ?? null,
        c.payload.agent?.basis ?? null,
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

  /**
   * The desk's call and finish of a ticket move a case only while the window has taken no workflow
   * step on it (the desk without the workflow, as before it); after one, the steps alone move it.
   */
  async moveByDesk(
    sql: Sql,
    caseNumber: string,
    status: CaseStatus,
    nowMs: number,
    note: string | null = null,
  ) {
    // A bundle case's status is its parts' (rollUpBundle), whatever its ticket does.
    const changed = await sql.query(
      "UPDATE cases SET status = $1 WHERE case_number = $2 AND stage = 'received' AND case_kind <> 'bundle'",
      [status, caseNumber],
    );
    if (changed.rowCount === 1) await this.#event(sql, caseNumber, status, nowMs, note);
  }

  async #event(sql: Sql, caseNumber: string, status: CaseStatus, nowMs: number, note: string | null) {
    await sql.query('INSERT INTO case_events (case_number, at, status, note) VALUES ($1, $2, $3, $4)', [
      caseNumber,
      nowMs,
      status,
      note,
    ]);
  }

  /** With `forUpdate`, the row is locked until the transaction ends (a step reads, then writes). */
  async row(sql: Sql, caseNumber: string, forUpdate = false): Promise<CaseRow | null> {
    const row = (
      await sql.query<{
        item_id: string;
        department_id: string;
        kiosk_id: string;
        idempotency_key: string;
        stage: CaseStage;
        received_at: number;
        payload: Buffer;
        case_kind: CaseKind;
        bundle_case_number: string | null;
        agent_keyed_hash: string | null;
        agent_basis: string | null;
      }>(
        `SELECT item_id, department_id, kiosk_id, idempotency_key, stage, received_at, payload, case_kind,
           bundle_case_number, agent_keyed_hash, agent_basis FROM cases
         WHERE case_number = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [caseNumber],
      )
    ).rows[0];
    if (!row) return null;
    return {
      caseNumber,
      itemId: row.item_id,
      departmentId: row.department_id,
      kioskId: row.kiosk_id,
      stage: row.stage,
      receivedAtMs: row.received_at,
      kind: row.case_kind,
      bundleCaseNumber: row.bundle_case_number,
      agent: agentOfColumns(row.agent_keyed_hash, row.agent_basis),
      payload: openSealedColumn(
        this.cipher,
        submissionPayloadSchema,
        row.payload,
        payloadContext(row.case_kind, caseNumber, row.kiosk_id, row.idempotency_key),
        'cases.payload',
      ),
    };
  }

  /** A bundle case's parts, in the bundle's item order (empty for any other case). */
  async partsOf(sql: Sql, bundleCaseNumber: string): Promise<PartRow[]> {
    const rows = await sql.query<{
      case_number: string;
      part_index: number;
      item_id: string;
      department_id: string;
      status: CaseStatus;
      stage: CaseStage;
    }>(
      `SELECT case_number, part_index, item_id, department_id, status, stage FROM cases
       WHERE bundle_case_number = $1 ORDER BY part_index`,
      [bundleCaseNumber],
    );
    return rows.rows.map((r) => ({
      caseNumber: r.case_number,
      index: r.part_index,
      itemId: r.item_id,
      departmentId: r.department_id,
      status: r.status,
      stage: r.stage,
    }));
  }

  /** A part case's bundle case and place; null for any other case. */
  async bundleLink(sql: Sql, caseNumber: string): Promise<BundleLink | null> {
    const row = (
      await sql.query<{ case_number: string; item_id: string; part_index: number; part_count: number }>(
        `SELECT b.case_number, b.item_id, p.part_index,
           (SELECT count(*)::int FROM cases s WHERE s.bundle_case_number = b.case_number) AS part_count
         FROM cases p JOIN cases b ON b.case_number = p.bundle_case_number WHERE p.case_number = $1`,
        [caseNumber],
      )
    ).rows[0];
    return row
      ? { caseNumber: row.case_number, bundleId: row.item_id, part: row.part_index, of: row.part_count }
      : null;
  }

  /**
   * After a step on one of its parts: the bundle case's status rolled up from all of them, with an
   * event naming what the part did (caller's transaction; the part's row is locked, so two windows
   * finishing two parts at once each see the other's step or wait for it).
   */
  async rollUpBundle(sql: Sql, bundleCaseNumber: string, nowMs: number, note: string): Promise<void> {
    // The bundle row is locked first: steps on its parts in other transactions take turns here.
    await sql.query('SELECT 1 FROM cases WHERE case_number = $1 FOR UPDATE', [bundleCaseNumber]);
    const status = rolledUpStatus(await this.partsOf(sql, bundleCaseNumber));
    await this.moveTo(sql, bundleCaseNumber, status, nowMs, note);
  }

  async steps(sql: Sql, caseNumber: string): Promise<CaseStep[]> {
    const rows = await sql.query<{
      at: number;
      action: CaseStep['action'];
      from_stage: CaseStage;
      to_stage: CaseStage;
      username: string | null;
      kiosk_id: string | null;
      detail: Buffer;
    }>(
      'SELECT at, action, from_stage, to_stage, username, kiosk_id, detail FROM case_steps WHERE case_number = $1 ORDER BY step_seq',
      [caseNumber],
    );
    return rows.rows.map((r) => ({
      atMs: r.at,
      action: r.action,
      from: r.from_stage,
      to: r.to_stage,
      username: r.username,
      kioskId: r.kiosk_id,
      ...openSealedColumn(
        this.cipher,
        stepDetailSchema,
        r.detail,
        stepContext(caseNumber, r.at, r.action),
        'case_steps.detail',
      ),
    }));
  }

  /** Records the step, moves the case to its stage and tells the progress history (caller's transaction). */
  async takeStep(
    sql: Sql,
    caseNumber: string,
    step: PlannedStep,
    by: { accountId: string; username: string } | { kioskId: string },
  ): Promise<void> {
    const { atMs, action, from, to, ...detail } = step;
    const changed = await sql.query('UPDATE cases SET stage = $1 WHERE case_number = $2 AND stage = $3', [
      to,
      caseNumber,
      from,
    ]);
    if (changed.rowCount !== 1) throw new Error(`case ${caseNumber} moved while a step was taken`);
    await sql.query(
      `INSERT INTO case_steps (case_number, at, action, from_stage, to_stage, account_id, username, kiosk_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        caseNumber,
        atMs,
        action,
        from,
        to,
        'accountId' in by ? by.accountId : null,
        'accountId' in by ? by.username : null,
        'kioskId' in by ? by.kioskId : null,
        sealJson(this.cipher, detail, stepContext(caseNumber, atMs, action)),
      ],
    );
    await this.moveTo(sql, caseNumber, caseStatusOfStage(to), atMs, caseStageWords(to));
  }

  async file(sql: Sql, caseNumber: string): Promise<CaseFileWithoutItem | null> {
    const row = await this.row(sql, caseNumber);
    if (!row) return null;
    const steps = await this.steps(sql, caseNumber);
    return caseFileOf(caseNumber, row, steps);
  }

  async progress(caseNumber: string): Promise<CaseProgress | null> {
    const row = (
      await this.db.query<{
        item_id: string;
        status: CaseStatus;
        stage: CaseStage;
        display: string | null;
        rated: boolean;
        case_kind: CaseKind;
      }>(
        `SELECT c.item_id, c.status, c.stage, t.display, c.case_kind,
           EXISTS (SELECT 1 FROM ratings r WHERE r.case_number = c.case_number) AS rated
         FROM cases c LEFT JOIN tickets t ON t.ticket_id = c.ticket_id WHERE c.case_number = $1`,
        [caseNumber],
      )
    ).rows[0];
    if (!row) return null;
    const history = await this.db.query<{ at: number; status: CaseStatus; note: string | null }>(
      'SELECT at, status, note FROM case_events WHERE case_number = $1 ORDER BY at, event_seq',
      [caseNumber],
    );
    const common = {
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
    // A bundle case's own stage means nothing (it takes no steps): each part says where it is.
    if (row.case_kind === 'bundle')
      return { ...common, parts: progressParts(await this.partsOf(this.db, caseNumber)) };
    return {
      ...common,
      stage: row.stage,
      ...(row.stage === 'supplement_requested'
        ? { missingItems: currentMissingItems(row.stage, await this.steps(this.db, caseNumber)) }
        : {}),
    };
  }

  async filedBy(sql: Sql, caseNumber: string): Promise<string | null> {
    const row = await sql.query<{ kiosk_id: string }>('SELECT kiosk_id FROM cases WHERE case_number = $1', [
      caseNumber,
    ]);
    return row.rows[0]?.kiosk_id ?? null;
  }

  /**
   * Open cases with their ticket's window, oldest first. A bundle case is not listed: its parts are,
   * each at its department with its own deadline.
   */
  async openRows(limit: number): Promise<OpenCaseRow[]> {
    const rows = await this.db.query<{
      case_number: string;
      item_id: string;
      department_id: string;
      stage: CaseStage;
      received_at: number;
      window_id: string | null;
      bundle_case_number: string | null;
      part_index: number | null;
      bundle_id: string | null;
      part_count: number;
    }>(
      `SELECT c.case_number, c.item_id, c.department_id, c.stage, c.received_at, t.window_id,
         c.bundle_case_number, c.part_index, b.item_id AS bundle_id,
         (SELECT count(*)::int FROM cases s WHERE s.bundle_case_number = c.bundle_case_number) AS part_count
       FROM cases c LEFT JOIN tickets t ON t.ticket_id = c.ticket_id
         LEFT JOIN cases b ON b.case_number = c.bundle_case_number
       WHERE c.status NOT IN ('done', 'rejected') AND c.case_kind <> 'bundle'
       ORDER BY c.received_at, c.case_number LIMIT $1`,
      [limit],
    );
    return rows.rows.map((r) => ({
      caseNumber: r.case_number,
      itemId: r.item_id,
      departmentId: r.department_id,
      stage: r.stage,
      receivedAtMs: r.received_at,
      windowId: r.window_id,
      partOf:
        r.bundle_case_number !== null && r.bundle_id !== null && r.part_index !== null
          ? { caseNumber: r.bundle_case_number, bundleId: r.bundle_id, part: r.part_index, of: r.part_count }
          : null,
    }));
  }

  async flaggedRatings(atMost: number, limit: number): Promise<FlaggedRating[]> {
    const rows = await this.db.query<{
      case_number: string;
      item_id: string;
      department_id: string;
      grade: number;
      reasons: unknown;
      comment: Buffer | null;
      rated_at: number;
    }>(
      `SELECT r.case_number, c.item_id, c.department_id, r.grade, r.reasons, r.comment, r.rated_at
       FROM ratings r JOIN cases c ON c.case_number = r.case_number
       WHERE r.grade <= $1 AND r.followed_up_at IS NULL ORDER BY r.rated_at, r.case_number LIMIT $2`,
      [atMost, limit],
    );
    return rows.rows.map((r) => ({
      caseNumber: r.case_number,
      itemId: r.item_id,
      departmentId: r.department_id,
      grade: r.grade,
      reasons: parseColumn(z.array(z.string()), r.reasons, 'ratings.reasons'),
      ...(r.comment
        ? {
            comment: this.cipher.open(r.comment, sealContext.ratingComment(r.case_number)).toString('utf8'),
          }
        : {}),
      ratedAtMs: r.rated_at,
    }));
  }

  async followUp(
    caseNumber: string,
    atMost: number,
    username: string,
    nowMs: number,
  ): Promise<Result<{ followedUpAtMs: number }, 'not_found' | 'conflict'>> {
    // One statement: of two staff members marking it at once, one wins and the other is told.
    const updated = await this.db.query(
      `UPDATE ratings SET followed_up_at = $1, followed_up_by = $2
       WHERE case_number = $3 AND grade <= $4 AND followed_up_at IS NULL`,
      [nowMs, username, caseNumber, atMost],
    );
    if (updated.rowCount === 1) return ok({ followedUpAtMs: nowMs });
    const exists = await this.db.query('SELECT 1 FROM ratings WHERE case_number = $1 AND grade <= $2', [
      caseNumber,
      atMost,
    ]);
    return exists.rowCount === 1
      ? err('conflict', 'this 差评 was followed up already')
      : err('not_found', 'no 差评 for this case');
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
