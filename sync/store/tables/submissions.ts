import type { Statement } from 'better-sqlite3';
import {
  buildSubmissionRecord,
  type SubmissionDraft,
  type SubmissionPage,
  type SubmissionRecord,
  submissionRecordSchema,
} from '../../protocol/submission-record';
import type { MaterialBlobStore, StagedMaterial } from '../material-blobs';
import { requireTransaction, type StoreContext } from '../store-context';
import { checkDeliveryPayload, type OutboxTable } from './outbox';
import type { IssuedTicket, TicketBlocksTable } from './ticket-blocks';

export type SubmissionState = 'stored' | 'acknowledged' | 'redacted';

export interface SubmissionMaterialInput {
  /** Material code from the item's material list, e.g. 'id-card-copy'. */
  code: string;
  /** 1-based page within the material. */
  page: number;
  bytes: Buffer;
  mime: string;
}

export interface SubmissionCommit {
  submission: {
    id: string;
    /** Hashed with the store's look-up key; never stored as given. */
    idNumber?: string | null;
    /** Everything but the pages and the ticket; the record is built from it inside the commit. */
    draft: SubmissionDraft;
    /** When the personal data may go once acknowledged. */
    retentionUntilMs: number;
  };
  materials: SubmissionMaterialInput[];
  outbox: { idempotencyKey: string };
  /** Issue a ticket from the leased blocks in the same transaction. */
  ticket?: { queueId: string; serviceDate: string };
}

export interface CommittedSubmission {
  submissionId: string;
  outboxSeq: number;
  /** The record as stored and as the central system will receive it. */
  record: SubmissionRecord;
  materials: SubmissionPage[];
  /** null when a ticket was asked for but no leased number is left (the submission is stored anyway). */
  ticket: IssuedTicket | null;
}

export interface StoredSubmission {
  id: string;
  caseNumber: string;
  itemId: string;
  /** null once redacted. */
  record: SubmissionRecord | null;
  materials: { code: string; page: number; sha256: string | null; mime: string }[];
  createdAtMs: number;
  acknowledgedAtMs: number | null;
  retentionUntilMs: number;
  state: SubmissionState;
}

interface SubmissionRow {
  id: string;
  case_number: string;
  item_id: string;
  payload: Buffer | null;
  created_at: number;
  acknowledged_at: number | null;
  retention_until: number;
  state: SubmissionState;
}

/**
 * Submissions and their material lists (submission_materials is owned here: it has no meaning
 * apart from its submission). commit() is the one path that writes them, together with their
 * outbox item and optional ticket, so a submission is either wholly stored or not at all.
 */
export class SubmissionsTable {
  readonly #ctx: StoreContext;
  readonly #blobs: MaterialBlobStore;
  readonly #outbox: OutboxTable;
  readonly #tickets: TicketBlocksTable;
  readonly #insert: Statement;
  readonly #insertMaterial: Statement;

  constructor(ctx: StoreContext, blobs: MaterialBlobStore, outbox: OutboxTable, tickets: TicketBlocksTable) {
    this.#ctx = ctx;
    this.#blobs = blobs;
    this.#outbox = outbox;
    this.#tickets = tickets;
    this.#insert = ctx.db.prepare(
      `INSERT INTO submissions (id, case_number, item_id, id_hash, payload, created_at, acknowledged_at, retention_until, state)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'stored')`,
    );
    this.#insertMaterial = ctx.db.prepare(
      'INSERT INTO submission_materials (submission_id, material_code, page, sha256, mime) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /**
   * Durable: material files are written and fsync'd first, then one transaction holds the
   * submission, its material rows, its outbox item (and ticket). Resolves only after that
   * transaction committed with synchronous=FULL; throws DiskFullError with nothing left behind.
   */
  async commit(input: SubmissionCommit): Promise<CommittedSubmission> {
    const { submission } = input;
    const { draft } = submission;
    const idHash = submission.idNumber ? this.#ctx.keys.hashIdNumber(submission.idNumber) : null;
    // Checked against the contract before the FULL-sync transaction opens (it is pure and the costly
    // part): what the commit adds inside (page hashes, the ticket, the moment) comes from this store in
    // shapes it owns, so a breach shows here, with nothing written.
    checkDeliveryPayload(
      'submission',
      buildSubmissionRecord(draft, {
        captured: input.materials.map((m) => ({
          code: m.code,
          page: m.page,
          sha256: '0'.repeat(64),
          mime: m.mime,
        })),
        ticket: null,
        submittedAtMs: this.#ctx.clock(),
      }),
    );
    return this.#blobs.writeThenCommit(input.materials, (staged: StagedMaterial[]) => {
      const now = this.#ctx.clock();
      const materials = input.materials.map((m, i) => ({
        code: m.code,
        page: m.page,
        sha256: staged[i]!.sha256,
        mime: m.mime,
      }));
      const ticket = input.ticket
        ? this.#tickets.issueNumber(input.ticket.queueId, input.ticket.serviceDate, submission.id)
        : null;
      // Built once, stored once: the outbox item points at this row.
      const record = buildSubmissionRecord(draft, { captured: materials, ticket, submittedAtMs: now });
      this.#insert.run(
        submission.id,
        draft.caseNumber,
        draft.itemId,
        idHash,
        this.#ctx.keys.box.sealJson(record, payloadContext(submission.id)),
        now,
        submission.retentionUntilMs,
      );
      for (const m of materials) this.#insertMaterial.run(submission.id, m.code, m.page, m.sha256, m.mime);
      const outboxSeq = this.#outbox.enqueueInTransaction({
        kind: 'submission',
        idempotencyKey: input.outbox.idempotencyKey,
        materialHashes: [...new Set(materials.map((m) => m.sha256))],
        subjectId: submission.id,
        idHash,
      });
      return { submissionId: submission.id, outboxSeq, record, materials, ticket };
    });
  }

  /**
   * The stored record as the outbox sends it (null once redacted). Not re-validated here: the drainer
   * checks it against the contract, so a row written by an older build is parked, not sent broken.
   */
  storedRecord(id: string): unknown {
    const row = this.#ctx.db.prepare('SELECT payload FROM submissions WHERE id = ?').get(id) as
      | { payload: Buffer | null }
      | undefined;
    return row?.payload ? this.#ctx.keys.box.openJson(row.payload, payloadContext(id)) : null;
  }

  get(id: string): StoredSubmission | null {
    const row = this.#ctx.db
      .prepare(
        'SELECT id, case_number, item_id, payload, created_at, acknowledged_at, retention_until, state FROM submissions WHERE id = ?',
      )
      .get(id) as SubmissionRow | undefined;
    if (!row) return null;
    const materials = this.#ctx.db
      .prepare(
        'SELECT material_code AS code, page, sha256, mime FROM submission_materials WHERE submission_id = ? ORDER BY material_code, page',
      )
      .all(id) as StoredSubmission['materials'];
    return {
      id: row.id,
      caseNumber: row.case_number,
      itemId: row.item_id,
      record: row.payload ? recordOf(this.#ctx.keys.box.openJson(row.payload, payloadContext(row.id))) : null,
      materials,
      createdAtMs: row.created_at,
      acknowledgedAtMs: row.acknowledged_at,
      retentionUntilMs: row.retention_until,
      state: row.state,
    };
  }

  /** Non-personal view for "where is my case" by card: case numbers of a person's stored submissions. */
  listForPerson(idNumber: string): { id: string; caseNumber: string; itemId: string; createdAtMs: number }[] {
    return this.#ctx.db
      .prepare(
        'SELECT id, case_number AS caseNumber, item_id AS itemId, created_at AS createdAtMs FROM submissions WHERE id_hash = ? ORDER BY created_at DESC',
      )
      .all(this.#ctx.keys.hashIdNumber(idNumber)) as {
      id: string;
      caseNumber: string;
      itemId: string;
      createdAtMs: number;
    }[];
  }

  /** Non-personal view of a case this kiosk took, by its number (progress while the link is down). */
  findByCaseNumber(
    caseNumber: string,
  ): { id: string; caseNumber: string; itemId: string; createdAtMs: number } | null {
    return (
      (this.#ctx.db
        .prepare(
          'SELECT id, case_number AS caseNumber, item_id AS itemId, created_at AS createdAtMs FROM submissions WHERE case_number = ?',
        )
        .get(caseNumber) as
        | { id: string; caseNumber: string; itemId: string; createdAtMs: number }
        | undefined) ?? null
    );
  }

  /** The central system has the submission; its personal data may go once retention_until passes. */
  markAcknowledged(id: string, atMs: number): void {
    this.#ctx.db
      .prepare(
        `UPDATE submissions SET acknowledged_at = ?, state = 'acknowledged' WHERE id = ? AND state = 'stored'`,
      )
      .run(atMs, id);
  }

  /**
   * Retention: acknowledged submissions past retention_until lose their personal data (payload,
   * id_hash, material references); the non-personal row stays for counts and case look-up.
   */
  redactExpired(nowMs: number): number {
    const db = this.#ctx.db;
    return db.transaction(() => {
      const ids = db
        .prepare(`SELECT id FROM submissions WHERE state = 'acknowledged' AND retention_until <= ?`)
        .pluck()
        .all(nowMs) as string[];
      for (const id of ids) this.#redact(id);
      return ids.length;
    })();
  }

  /** Purge order: every submission of the person created up to `createdUpToMs` is redacted now. */
  /** The person's submissions the central system has not acknowledged yet (a purge must wait for them). */
  unacknowledgedForPerson(idHash: Buffer, createdUpToMs: number): number {
    return this.#ctx.db
      .prepare(`SELECT count(*) FROM submissions WHERE id_hash = ? AND created_at <= ? AND state = 'stored'`)
      .pluck()
      .get(idHash, createdUpToMs) as number;
  }

  purgePersonInTransaction(idHash: Buffer, createdUpToMs: number): number {
    requireTransaction(this.#ctx.db, 'SubmissionsTable.purgePersonInTransaction');
    const ids = this.#ctx.db
      .prepare('SELECT id FROM submissions WHERE id_hash = ? AND created_at <= ?')
      .pluck()
      .all(idHash, createdUpToMs) as string[];
    for (const id of ids) this.#redact(id);
    return ids.length;
  }

  #redact(id: string): void {
    this.#ctx.db
      .prepare(`UPDATE submissions SET payload = NULL, id_hash = NULL, state = 'redacted' WHERE id = ?`)
      .run(id);
    this.#ctx.db.prepare('UPDATE submission_materials SET sha256 = NULL WHERE submission_id = ?').run(id);
  }
}

/** A row written by an older build may hold another shape: it reads as no record rather than a wrong one. */
function recordOf(stored: unknown): SubmissionRecord | null {
  const parsed = submissionRecordSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function payloadContext(id: string): string {
  return `submission.payload:${id}`;
}
