/** The cases, case_events and ratings tables: what became of each submission, and how it was rated. */
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
import { sealJson } from '../at-rest-cipher';
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
  caseFileOf,
  type NewCase,
  type CaseRow as SharedCaseRow,
  stepContext,
  stepDetailSchema,
} from '../case-records';
import { currentMissingItems, type PlannedStep } from '../case-steps';
import type { CentralDatabase } from './central-database';
import { openJsonColumn, sealContext } from './sealed-column';

export type { CaseFileWithoutItem, NewCase };

/** The SQLite row also carries the case's ticket (the PostgreSQL backend reads it apart). */
export interface CaseRow extends SharedCaseRow {
  ticketId: string;
}

type CaseStatus = CaseProgress['status'];

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
        `INSERT INTO cases (case_number, idempotency_key, kiosk_id, item_id, department_id, queue_id, ticket_id, payload, status, received_at,
           case_kind, bundle_case_number, part_index, agent_keyed_hash, agent_basis)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?)`,
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
        c.kind ?? 'single',
        c.partOf?.caseNumber ?? null,
        c.partOf?.index ?? null,
        c.payload.agent?.keyedHash ?? null,
        c.payload.agent?.basis ?? null,
      );
    this.#event(c.payload.caseNumber, 'received', c.nowMs, null);
  }

  /** A bundle case's parts, in the bundle's item order (empty for any other case). */
  partsOf(bundleCaseNumber: string): PartRow[] {
    const rows = this.db
      .statement(
        `SELECT case_number, part_index, item_id, department_id, status, stage FROM cases
         WHERE bundle_case_number = ? ORDER BY part_index`,
      )
      .all(bundleCaseNumber) as {
      case_number: string;
      part_index: number;
      item_id: string;
      department_id: string;
      status: CaseStatus;
      stage: CaseStage;
    }[];
    return rows.map((r) => ({
      caseNumber: r.case_number,
      index: r.part_index,
      itemId: r.item_id,
      departmentId: r.department_id,
      status: r.status,
      stage: r.stage,
    }));
  }

  /** A part case's bundle case and place; null for any other case. */
  bundleLink(caseNumber: string): BundleLink | null {
    const row = this.db
      .statement(
        `SELECT b.case_number, b.item_id, p.part_index,
           (SELECT count(*) FROM cases s WHERE s.bundle_case_number = b.case_number) AS part_count
         FROM cases p JOIN cases b ON b.case_number = p.bundle_case_number WHERE p.case_number = ?`,
      )
      .get(caseNumber) as
      | { case_number: string; item_id: string; part_index: number; part_count: number }
      | undefined;
    return row
      ? { caseNumber: row.case_number, bundleId: row.item_id, part: row.part_index, of: row.part_count }
      : null;
  }

  /**
   * After a step on one of its parts: the bundle case's status rolled up from all of them, with an
   * event naming what the part did (caller's transaction).
   */
  rollUpBundle(bundleCaseNumber: string, nowMs: number, note: string): void {
    const status = rolledUpStatus(this.partsOf(bundleCaseNumber));
    this.moveTo(bundleCaseNumber, status, nowMs, note);
  }

  moveTo(caseNumber: string, status: CaseStatus, nowMs: number, note: string | null = null): void {
    this.db.statement('UPDATE cases SET status = ? WHERE case_number = ?').run(status, caseNumber);
    this.#event(caseNumber, status, nowMs, note);
  }

  /**
   * The desk's call and finish of a ticket move a case only while the window has taken no workflow
   * step on it (the desk without the workflow, as before it); after one, the steps alone move it.
   */
  moveByDesk(caseNumber: string, status: CaseStatus, nowMs: number, note: string | null = null): void {
    // A bundle case's status is its parts' (rollUpBundle), whatever its ticket does.
    const changed = this.db
      .statement(
        "UPDATE cases SET status = ? WHERE case_number = ? AND stage = 'received' AND case_kind <> 'bundle'",
      )
      .run(status, caseNumber);
    if (changed.changes === 1) this.#event(caseNumber, status, nowMs, note);
  }

  #event(caseNumber: string, status: CaseStatus, nowMs: number, note: string | null): void {
    this.db
      .statement('INSERT INTO case_events (case_number, at, status, note) VALUES (?, ?, ?, ?)')
      .run(caseNumber, nowMs, status, note);
  }

  row(caseNumber: string): CaseRow | null {
    const row = this.db
      .statement(
        `SELECT item_id, department_id, kiosk_id, stage, received_at, ticket_id, payload, case_kind,
           bundle_case_number, agent_keyed_hash, agent_basis FROM cases WHERE case_number = ?`,
      )
      .get(caseNumber) as
      | {
          item_id: string;
          department_id: string;
          kiosk_id: string;
          stage: CaseStage;
          received_at: number;
          ticket_id: string;
          payload: Buffer;
          case_kind: CaseKind;
          bundle_case_number: string | null;
          agent_keyed_hash: string | null;
          agent_basis: string | null;
        }
      | undefined;
    if (!row) return null;
    return {
      caseNumber,
      itemId: row.item_id,
      departmentId: row.department_id,
      kioskId: row.kiosk_id,
      stage: row.stage,
      receivedAtMs: row.received_at,
      ticketId: row.ticket_id,
      kind: row.case_kind,
      bundleCaseNumber: row.bundle_case_number,
      agent: agentOfColumns(row.agent_keyed_hash, row.agent_basis),
      payload: openJsonColumn(
        this.cipher,
        submissionPayloadSchema,
        row.payload,
        sealContext.casePayload(caseNumber),
        'cases.payload',
      ),
    };
  }

  steps(caseNumber: string): CaseStep[] {
    const rows = this.db
      .statement(
        'SELECT at, action, from_stage, to_stage, username, kiosk_id, detail FROM case_steps WHERE case_number = ? ORDER BY step_seq',
      )
      .all(caseNumber) as {
      at: number;
      action: CaseStep['action'];
      from_stage: CaseStage;
      to_stage: CaseStage;
      username: string | null;
      kiosk_id: string | null;
      detail: Buffer;
    }[];
    return rows.map((r) => ({
      atMs: r.at,
      action: r.action,
      from: r.from_stage,
      to: r.to_stage,
      username: r.username,
      kioskId: r.kiosk_id,
      ...openJsonColumn(
        this.cipher,
        stepDetailSchema,
        r.detail,
        stepContext(caseNumber, r.at, r.action),
        'case_steps.detail',
      ),
    }));
  }

  /** Records the step, moves the case to its stage and tells the progress history (caller's transaction). */
  takeStep(
    caseNumber: string,
    step: PlannedStep,
    by: { accountId: string; username: string } | { kioskId: string },
  ): void {
    const { atMs, action, from, to, ...detail } = step;
    const changed = this.db
      .statement('UPDATE cases SET stage = ? WHERE case_number = ? AND stage = ?')
      .run(to, caseNumber, from);
    if (changed.changes !== 1) throw new Error(`case ${caseNumber} moved while a step was taken`);
    this.db
      .statement(
        `INSERT INTO case_steps (case_number, at, action, from_stage, to_stage, account_id, username, kiosk_id, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        caseNumber,
        atMs,
        action,
        from,
        to,
        'accountId' in by ? by.accountId : null,
        'accountId' in by ? by.username : null,
        'kioskId' in by ? by.kioskId : null,
        sealJson(this.cipher, detail, stepContext(caseNumber, atMs, action)),
      );
    this.moveTo(caseNumber, caseStatusOfStage(to), atMs, caseStageWords(to));
  }

  file(caseNumber: string): CaseFileWithoutItem | null {
    const row = this.row(caseNumber);
    if (!row) return null;
    const steps = this.steps(caseNumber);
    return caseFileOf(caseNumber, row, steps);
  }

  /** The case's ticket id is returned for the caller to show its display. */
  progress(caseNumber: string): { progress: Omit<CaseProgress, 'ticketDisplay'>; ticketId: string } | null {
    const row = this.db
      .statement('SELECT item_id, status, stage, ticket_id, case_kind FROM cases WHERE case_number = ?')
      .get(caseNumber) as
      | { item_id: string; status: CaseStatus; stage: CaseStage; ticket_id: string; case_kind: CaseKind }
      | undefined;
    if (!row) return null;
    const history = this.db
      .statement('SELECT at, status, note FROM case_events WHERE case_number = ? ORDER BY at, rowid')
      .all(caseNumber) as { at: number; status: CaseStatus; note: string | null }[];
    const rated = this.db.statement('SELECT 1 FROM ratings WHERE case_number = ?').get(caseNumber);
    const common = {
      caseNumber,
      itemId: row.item_id,
      status: row.status,
      history: history.map((h) => ({ atMs: h.at, status: h.status, ...(h.note ? { note: h.note } : {}) })),
      ratable: row.status === 'done' && !rated,
    };
    if (row.case_kind === 'bundle') {
      // Its own stage means nothing (it takes no steps): each part says where it is.
      return {
        ticketId: row.ticket_id,
        progress: { ...common, parts: progressParts(this.partsOf(caseNumber)) },
      };
    }
    return {
      ticketId: row.ticket_id,
      progress: {
        ...common,
        stage: row.stage,
        ...(row.stage === 'supplement_requested'
          ? { missingItems: currentMissingItems(row.stage, this.steps(caseNumber)) }
          : {}),
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

  /**
   * Open cases with their ticket's window, oldest first. A bundle case is not listed: its parts are,
   * each at its department with its own deadline.
   */
  openRows(limit: number): OpenCaseRow[] {
    const rows = this.db
      .statement(
        `SELECT c.case_number, c.item_id, c.department_id, c.stage, c.received_at, t.window_id,
           c.bundle_case_number, c.part_index, b.item_id AS bundle_id,
           (SELECT count(*) FROM cases s WHERE s.bundle_case_number = c.bundle_case_number) AS part_count
         FROM cases c LEFT JOIN tickets t ON t.ticket_id = c.ticket_id
           LEFT JOIN cases b ON b.case_number = c.bundle_case_number
         WHERE c.status NOT IN ('done', 'rejected') AND c.case_kind <> 'bundle'
         ORDER BY c.received_at, c.case_number LIMIT ?`,
      )
      .all(limit) as {
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
    }[];
    return rows.map((r) => ({
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

  flaggedRatings(atMost: number, limit: number): FlaggedRating[] {
    const rows = this.db
      .statement(
        `SELECT r.case_number, c.item_id, c.department_id, r.grade, r.reasons, r.comment, r.rated_at
         FROM ratings r JOIN cases c ON c.case_number = r.case_number
         WHERE r.grade <= ? AND r.followed_up_at IS NULL ORDER BY r.rated_at, r.case_number LIMIT ?`,
      )
      .all(atMost, limit) as {
      case_number: string;
      item_id: string;
      department_id: string;
      grade: number;
      reasons: string;
      comment: string | null;
      rated_at: number;
    }[];
    return rows.map((r) => ({
      caseNumber: r.case_number,
      itemId: r.item_id,
      departmentId: r.department_id,
      grade: r.grade,
      reasons: z.array(z.string()).parse(JSON.parse(r.reasons)),
      ...(r.comment ? { comment: r.comment } : {}),
      ratedAtMs: r.rated_at,
    }));
  }

  followUp(
    caseNumber: string,
    atMost: number,
    username: string,
    nowMs: number,
  ): Result<{ followedUpAtMs: number }, 'not_found' | 'conflict'> {
    const row = this.db
      .statement('SELECT grade, followed_up_at FROM ratings WHERE case_number = ?')
      .get(caseNumber) as { grade: number; followed_up_at: number | null } | undefined;
    if (!row || row.grade > atMost) return err('not_found', 'no 差评 for this case');
    if (row.followed_up_at !== null) return err('conflict', 'this 差评 was followed up already');
    this.db
      .statement('UPDATE ratings SET followed_up_at = ?, followed_up_by = ? WHERE case_number = ?')
      .run(nowMs, username, caseNumber);
    return ok({ followedUpAtMs: nowMs });
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
