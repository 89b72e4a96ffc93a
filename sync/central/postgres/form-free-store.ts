/**
 * The store_records, store_record_versions and payout_reviews tables: the form-free store, every
 * earlier version of each record, and proposed payout fields held for a supervisor. Records and
 * proposals are sealed; each person's writes are serialised by an advisory lock on their keyed hash
 * (two processes taking the same person's cases would otherwise both write version n+1).
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../../kernel/result';
import { type PayoutField, type PayoutReview, payoutReviewSchema } from '../../protocol/central-admin';
import { type StoreDeltaResponse, type StoreRecord, storeRecordSchema } from '../../protocol/central-api';
import { withProfileField } from '../../protocol/profile';
import type { AtRestCipher } from '../at-rest-cipher';
import { openJson } from '../at-rest-cipher';
import { cursorToSeq, deltaPage } from '../sqlite/change-feed';
import { planProposal } from '../store-proposal';
import { openSealedColumn, parseColumn, sealContext, sealJson } from './columns';
import { nextCounter } from './counters';
import type { PgCentralDatabase, Sql } from './database';

interface Provenance {
  kioskId?: string;
  caseNumber?: string;
  reviewedBy?: string;
  nowMs: number;
}

export interface ProposedRecord {
  record: Omit<StoreRecord, 'version'>;
  kioskId: string;
  caseNumber: string;
  /**
   * A renewed card's previous key (SubmissionPayload applicant.previousKeyedHash): when the person has
   * no record under the new key yet, the one under the previous key is the reviewed baseline (a bank
   * account carried over is not a change to review), and once the new key holds the record the
   * previous key's is emptied: the record moved with the holder to the new card.
   */
  previousKeyedHash?: string;
}

interface ReviewRow {
  review_id: string;
  keyed_hash: string;
  case_number: string;
  kiosk_code: string;
  proposed: Buffer;
  proposed_at: number;
  state: PayoutReview['state'];
}

export class PgFormFreeStore {
  constructor(
    private readonly db: PgCentralDatabase,
    private readonly cipher: AtRestCipher,
  ) {}

  /** Holds this person's records until the transaction ends. */
  async lockPerson(sql: Sql, keyedHash: string): Promise<void> {
    await sql.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`store:${keyedHash}`]);
  }

  #open(sealed: Buffer, keyedHash: string, version: number, column: string): StoreRecord {
    return openSealedColumn(
      this.cipher,
      storeRecordSchema,
      sealed,
      sealContext.profile(keyedHash, version),
      column,
    );
  }

  /** Joins the caller's transaction, which must hold the person's lock. */
  async put(
    sql: Sql,
    record: Omit<StoreRecord, 'version'>,
    provenance: Provenance = { nowMs: record.updatedAtMs },
  ): Promise<StoreRecord> {
    const current = (
      await sql.query<{ version: number }>('SELECT version FROM store_records WHERE keyed_hash = $1', [
        record.keyedHash,
      ])
    ).rows[0];
    const stored: StoreRecord = { ...record, version: (current?.version ?? 0) + 1 };
    const sealed = sealJson(this.cipher, stored, sealContext.profile(record.keyedHash, stored.version));
    await this.#keepVersion(sql, record.keyedHash, stored.version, sealed, provenance);
    await sql.query(
      `INSERT INTO store_records (keyed_hash, version, record, change_seq) VALUES ($1, $2, $3, $4)
       ON CONFLICT (keyed_hash) DO UPDATE SET version = excluded.version, record = excluded.record, change_seq = excluded.change_seq`,
      [record.keyedHash, stored.version, sealed, await nextCounter(sql, 'store')],
    );
    return stored;
  }

  /** A reviewed record (seed, import), in its own transaction. */
  putReviewed(record: Omit<StoreRecord, 'version'>): Promise<StoreRecord> {
    return this.db.transaction(async (sql) => {
      await this.lockPerson(sql, record.keyedHash);
      return this.put(sql, record);
    });
  }

  /** As the SQLite side: payout fields that differ from the reviewed ones wait for a supervisor. */
  async proposeFromCase(sql: Sql, proposal: ProposedRecord, nowMs: number): Promise<StoreRecord> {
    await this.lockPerson(sql, proposal.record.keyedHash);
    const own = await this.get(proposal.record.keyedHash, sql);
    const previousKey = proposal.previousKeyedHash;
    const moved = own === null && previousKey !== undefined && previousKey !== proposal.record.keyedHash;
    if (moved) await this.lockPerson(sql, previousKey);
    const current = moved ? await this.get(previousKey, sql) : own;
    const { record, held } = planProposal(current, proposal.record);
    if (Object.keys(held).length > 0) {
      const reviewId = randomUUID();
      await sql.query(
        `INSERT INTO payout_reviews (review_id, keyed_hash, case_number, kiosk_id, proposed, proposed_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending')`,
        [
          reviewId,
          proposal.record.keyedHash,
          proposal.caseNumber,
          proposal.kioskId,
          sealJson(this.cipher, held, sealContext.payoutReview(reviewId)),
          nowMs,
        ],
      );
    }
    const stored = await this.put(sql, record, {
      kioskId: proposal.kioskId,
      caseNumber: proposal.caseNumber,
      nowMs,
    });
    if (moved && current !== null) await this.erase(sql, previousKey, nowMs);
    return stored;
  }

  #review(row: ReviewRow): PayoutReview {
    return parseColumn(
      payoutReviewSchema,
      {
        reviewId: row.review_id,
        keyedHash: row.keyed_hash,
        caseNumber: row.case_number,
        kioskCode: row.kiosk_code,
        proposed: openJson(this.cipher, row.proposed, sealContext.payoutReview(row.review_id)),
        proposedAtMs: row.proposed_at,
        state: row.state,
      },
      'payout_reviews',
    );
  }

  async reviews(state: PayoutReview['state']): Promise<PayoutReview[]> {
    const rows = await this.db.query<ReviewRow>(
      `SELECT r.*, k.kiosk_code FROM payout_reviews r JOIN kiosks k ON k.kiosk_id = r.kiosk_id
       WHERE r.state = $1 ORDER BY r.proposed_at LIMIT 500`,
      [state],
    );
    return rows.rows.map((r) => this.#review(r));
  }

  decide(
    reviewId: string,
    approve: boolean,
    decidedBy: string,
    nowMs: number,
  ): Promise<Result<PayoutReview, 'not_found' | 'conflict'>> {
    return this.db.transaction(async (sql): Promise<Result<PayoutReview, 'not_found' | 'conflict'>> => {
      const keyed = (
        await sql.query<{ keyed_hash: string }>(
          'SELECT keyed_hash FROM payout_reviews WHERE review_id = $1',
          [reviewId],
        )
      ).rows[0];
      if (!keyed) return err('not_found', 'no such review');
      // Person first, then the review row: the order intake takes them in too.
      await this.lockPerson(sql, keyed.keyed_hash);
      const row = (
        await sql.query<ReviewRow>(
          `SELECT r.*, k.kiosk_code FROM payout_reviews r JOIN kiosks k ON k.kiosk_id = r.kiosk_id
           WHERE review_id = $1 FOR UPDATE OF r`,
          [reviewId],
        )
      ).rows[0]!;
      const review = this.#review(row);
      if (review.state !== 'pending') return err('conflict', `already ${review.state}`);
      if (approve) {
        const current = await this.get(review.keyedHash, sql);
        if (!current) return err('conflict', 'the person’s record was erased since');
        let profile = current.profile;
        for (const [field, value] of Object.entries(review.proposed))
          profile = withProfileField(profile, field as PayoutField, value);
        await this.put(sql, { ...current, profile, updatedAtMs: nowMs }, { reviewedBy: decidedBy, nowMs });
      }
      const state = approve ? 'approved' : 'rejected';
      await sql.query(
        'UPDATE payout_reviews SET state = $1, decided_by = $2, decided_at = $3 WHERE review_id = $4',
        [state, decidedBy, nowMs, reviewId],
      );
      return ok({ ...review, state });
    });
  }

  async get(keyedHash: string, sql: Sql = this.db): Promise<StoreRecord | null> {
    const row = (
      await sql.query<{ version: number; record: Buffer | null }>(
        'SELECT version, record FROM store_records WHERE keyed_hash = $1',
        [keyedHash],
      )
    ).rows[0];
    return row?.record ? this.#open(row.record, keyedHash, row.version, 'store_records.record') : null;
  }

  async versions(keyedHash: string): Promise<{ version: number; record: StoreRecord | null }[]> {
    const rows = await this.db.query<{ version: number; record: Buffer | null }>(
      'SELECT version, record FROM store_record_versions WHERE keyed_hash = $1 ORDER BY version',
      [keyedHash],
    );
    return rows.rows.map((r) => ({
      version: r.version,
      record: r.record ? this.#open(r.record, keyedHash, r.version, 'store_record_versions.record') : null,
    }));
  }

  /** Empties the person's record, its earlier versions and pending proposals; the bumped version tells every kiosk. */
  async erase(sql: Sql, keyedHash: string, nowMs: number): Promise<void> {
    await this.lockPerson(sql, keyedHash);
    await sql.query('UPDATE store_record_versions SET record = NULL WHERE keyed_hash = $1', [keyedHash]);
    const pending = await sql.query<{ review_id: string }>(
      'SELECT review_id FROM payout_reviews WHERE keyed_hash = $1',
      [keyedHash],
    );
    for (const { review_id } of pending.rows) {
      await sql.query("UPDATE payout_reviews SET proposed = $1, state = 'rejected' WHERE review_id = $2", [
        sealJson(this.cipher, {}, sealContext.payoutReview(review_id)),
        review_id,
      ]);
    }
    const exists = await sql.query('SELECT 1 FROM store_records WHERE keyed_hash = $1', [keyedHash]);
    if (exists.rowCount === 0) return;
    const row = (
      await sql.query<{ version: number }>(
        'UPDATE store_records SET record = NULL, version = version + 1, change_seq = $1 WHERE keyed_hash = $2 RETURNING version',
        [await nextCounter(sql, 'store'), keyedHash],
      )
    ).rows[0]!;
    await this.#keepVersion(sql, keyedHash, row.version, null, { nowMs });
  }

  async delta(cursor: string | undefined, limit: number): Promise<StoreDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = (
      await this.db.query<{ keyed_hash: string; version: number; record: Buffer | null; seq: number }>(
        'SELECT keyed_hash, version, record, change_seq AS seq FROM store_records WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
        [after, limit + 1],
      )
    ).rows;
    return deltaPage(rows, limit, after, (r) => ({
      keyedHash: r.keyed_hash,
      version: r.version,
      record: r.record ? this.#open(r.record, r.keyed_hash, r.version, 'store_records.record') : null,
    }));
  }

  async #keepVersion(
    sql: Sql,
    keyedHash: string,
    version: number,
    sealed: Buffer | null,
    provenance: Provenance,
  ): Promise<void> {
    await sql.query(
      `INSERT INTO store_record_versions (keyed_hash, version, record, kiosk_id, case_number, reviewed_by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (keyed_hash, version) DO UPDATE SET record = excluded.record, kiosk_id = excluded.kiosk_id,
         case_number = excluded.case_number, reviewed_by = excluded.reviewed_by, at = excluded.at`,
      [
        keyedHash,
        version,
        sealed,
        provenance.kioskId ?? null,
        provenance.caseNumber ?? null,
        provenance.reviewedBy ?? null,
        provenance.nowMs,
      ],
    );
  }
}
