import type { Statement } from 'better-sqlite3';
import type { MaterialBlobStore, StagedMaterial } from '../material-blobs';
import { requireTransaction, type StoreContext } from '../store-context';
import type { OutboxTable } from './outbox';
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
    caseNumber: string;
    itemId: string;
    /** Hashed with the store's look-up key; never stored as given. */
    idNumber?: string | null;
    /** Form values and anything else personal: stored sealed. */
    payload: unknown;
    /** When the personal data may go once acknowledged. */
    retentionUntilMs: number;
  };
  materials: SubmissionMaterialInput[];
  outbox: {
    idempotencyKey: string;
    /** Defaults to the submission itself with its material list (see defaultOutboxPayload). */
    payload?: unknown;
  };
  /** Issue a ticket from the leased blocks in the same transaction. */
  ticket?: { queueId: string; serviceDate: string };
}

export interface CommittedSubmission {
  submissionId: string;
  outboxSeq: number;
  materials: { code: string; page: number; sha256: string; mime: string }[];
  /** null when a ticket was asked for but no leased number is left (the submission is stored anyway). */
  ticket: IssuedTicket | null;
}

export interface StoredSubmission {
  id: string;
  caseNumber: string;
  itemId: string;
  /** null once redacted. */
  payload: unknown;
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
    const idHash = submission.idNumber ? this.#ctx.keys.hashIdNumber(submission.idNumber) : null;
    return this.#blobs.writeThenCommit(input.materials, (staged: StagedMaterial[]) => {
      const now = this.#ctx.clock();
      this.#insert.run(
        submission.id,
        submission.caseNumber,
        submission.itemId,
        idHash,
        this.#ctx.keys.box.sealJson(submission.payload ?? null, payloadContext(submission.id)),
        now,
        submission.retentionUntilMs,
      );
      const materials = input.materials.map((m, i) => ({
        code: m.code,
        page: m.page,
        sha256: staged[i]!.sha256,
        mime: m.mime,
      }));
      for (const m of materials) this.#insertMaterial.run(submission.id, m.code, m.page, m.sha256, m.mime);
      const ticket = input.ticket
        ? this.#tickets.issueNumber(input.ticket.queueId, input.ticket.serviceDate, submission.id)
        : null;
      const outboxSeq = this.#outbox.enqueueInTransaction({
        kind: 'submission',
        idempotencyKey: input.outbox.idempotencyKey,
        payload:
          input.outbox.payload !== undefined
            ? input.outbox.payload
            : defaultOutboxPayload(input, materials, ticket, now),
        materialHashes: [...new Set(materials.map((m) => m.sha256))],
        subjectId: submission.id,
        idHash,
      });
      return { submissionId: submission.id, outboxSeq, materials, ticket };
    });
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
      payload: row.payload ? this.#ctx.keys.box.openJson(row.payload, payloadContext(row.id)) : null,
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

/** What the central API receives for a submission unless the caller builds its own payload. */
export function defaultOutboxPayload(
  input: SubmissionCommit,
  materials: CommittedSubmission['materials'],
  ticket: IssuedTicket | null,
  createdAtMs: number,
): unknown {
  return {
    submissionId: input.submission.id,
    caseNumber: input.submission.caseNumber,
    itemId: input.submission.itemId,
    createdAtMs,
    payload: input.submission.payload ?? null,
    materials,
    ticket: ticket
      ? { ticketId: ticket.ticketId, queueId: ticket.queueId, display: ticket.display, number: ticket.number }
      : null,
  };
}

function payloadContext(id: string): string {
  return `submission.payload:${id}`;
}
