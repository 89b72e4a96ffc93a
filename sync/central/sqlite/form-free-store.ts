/**
 * The store_records, store_record_versions and payout_reviews tables: the form-free store (profiles
 * and material references per keyed hash), every earlier version of each record, and the payout
 * fields (phone, bank account) kiosks proposed, held until a supervisor decides: auto-fill at other
 * kiosks must never serve a bank account nobody reviewed.
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../../kernel/result';
import { type PayoutField, type PayoutReview, payoutReviewSchema } from '../../protocol/central-admin';
import { type StoreDeltaResponse, type StoreRecord, storeRecordSchema } from '../../protocol/central-api';
import { withProfileField } from '../../protocol/profile';
import { type AtRestCipher, openJson, sealJson } from '../at-rest-cipher';
import { planProposal } from '../store-proposal';
import type { CentralDatabase } from './central-database';
import { cursorToSeq, deltaPage } from './change-feed';
import type { Counters } from './counters';
import { parseJsonColumn } from './json-column';
import { openJsonColumn, sealContext } from './sealed-column';

/** Who caused a version: a kiosk's case, a supervisor's review, or neither (seed, import). */
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

export class FormFreeStoreTable {
  constructor(
    private readonly db: CentralDatabase,
    private readonly counters: Counters,
    private readonly cipher: AtRestCipher,
  ) {}

  /** Joins the caller's transaction (intake keeps a consenting applicant inside its own). */
  put(
    record: Omit<StoreRecord, 'version'>,
    provenance: Provenance = { nowMs: record.updatedAtMs },
  ): StoreRecord {
    const current = this.db
      .statement('SELECT version FROM store_records WHERE keyed_hash = ?')
      .get(record.keyedHash) as { version: number } | undefined;
    const stored: StoreRecord = { ...record, version: (current?.version ?? 0) + 1 };
    this.db
      .statement(
        `INSERT INTO store_records (keyed_hash, version, record, change_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT(keyed_hash) DO UPDATE SET version = excluded.version, record = excluded.record, change_seq = excluded.change_seq`,
      )
      .run(
        record.keyedHash,
        stored.version,
        sealJson(this.cipher, stored, sealContext.storeRecord(record.keyedHash)),
        this.counters.next('store'),
      );
    this.#keepVersion(record.keyedHash, stored.version, stored, provenance);
    return stored;
  }

  /**
   * A profile that came with a kiosk's case for the same person: applied as a new version, except its
   * payout fields, which keep their reviewed values while the proposed ones wait for a supervisor.
   */
  proposeFromCase(proposal: ProposedRecord, nowMs: number): StoreRecord {
    const own = this.get(proposal.record.keyedHash);
    const previousKey = proposal.previousKeyedHash;
    const moved = own === null && previousKey !== undefined && previousKey !== proposal.record.keyedHash;
    const current = moved ? this.get(previousKey) : own;
    const { record, held } = planProposal(current, proposal.record);
    if (Object.keys(held).length > 0) {
      const reviewId = randomUUID();
      this.db
        .statement(
          `INSERT INTO payout_reviews (review_id, keyed_hash, case_number, kiosk_id, proposed, proposed_at, state)
           VALUES (?, ?, ?, ?, ?, ?, 'pending')`,
        )
        .run(
          reviewId,
          proposal.record.keyedHash,
          proposal.caseNumber,
          proposal.kioskId,
          sealJson(this.cipher, held, sealContext.payoutReview(reviewId)),
          nowMs,
        );
    }
    const stored = this.put(record, { kioskId: proposal.kioskId, caseNumber: proposal.caseNumber, nowMs });
    if (moved && current !== null) this.erase(previousKey, nowMs);
    return stored;
  }

  reviews(state: PayoutReview['state']): PayoutReview[] {
    const rows = this.db
      .statement(
        `SELECT r.*, k.kiosk_code FROM payout_reviews r JOIN kiosks k ON k.kiosk_id = r.kiosk_id
         WHERE r.state = ? ORDER BY r.proposed_at LIMIT 500`,
      )
      .all(state) as ReviewRow[];
    return rows.map((row) => this.#reviewOf(row));
  }

  decide(
    reviewId: string,
    approve: boolean,
    decidedBy: string,
    nowMs: number,
  ): Result<PayoutReview, 'not_found' | 'conflict'> {
    return this.db.transaction(() => {
      const row = this.db
        .statement(
          'SELECT r.*, k.kiosk_code FROM payout_reviews r JOIN kiosks k ON k.kiosk_id = r.kiosk_id WHERE review_id = ?',
        )
        .get(reviewId) as ReviewRow | undefined;
      if (!row) return err('not_found', 'no such review');
      const review = this.#reviewOf(row);
      if (review.state !== 'pending') return err('conflict', `already ${review.state}`);
      if (approve) {
        const current = this.get(review.keyedHash);
        if (!current) return err('conflict', 'the person’s record was erased since');
        let profile = current.profile;
        for (const [field, value] of Object.entries(review.proposed))
          profile = withProfileField(profile, field as PayoutField, value);
        this.put({ ...current, profile, updatedAtMs: nowMs }, { reviewedBy: decidedBy, nowMs });
      }
      const state = approve ? 'approved' : 'rejected';
      this.db
        .statement('UPDATE payout_reviews SET state = ?, decided_by = ?, decided_at = ? WHERE review_id = ?')
        .run(state, decidedBy, nowMs, reviewId);
      return ok({ ...review, state });
    });
  }

  get(keyedHash: string): StoreRecord | null {
    const row = this.db.statement('SELECT record FROM store_records WHERE keyed_hash = ?').get(keyedHash) as
      | { record: Buffer | null }
      | undefined;
    return row?.record ? this.#openRecord(row.record, keyedHash) : null;
  }

  versions(keyedHash: string): { version: number; record: StoreRecord | null }[] {
    const rows = this.db
      .statement('SELECT version, record FROM store_record_versions WHERE keyed_hash = ? ORDER BY version')
      .all(keyedHash) as { version: number; record: Buffer | null }[];
    return rows.map((r) => ({
      version: r.version,
      record: r.record
        ? openJsonColumn(
            this.cipher,
            storeRecordSchema,
            r.record,
            sealContext.storeRecordVersion(keyedHash, r.version),
            'store_record_versions.record',
          )
        : null,
    }));
  }

  /**
   * Empties the person's record and its earlier versions (erasure means all of them); the bumped
   * version tells every kiosk through the feed.
   */
  erase(keyedHash: string, nowMs = Date.now()): void {
    const row = this.db
      .statement(
        'UPDATE store_records SET record = NULL, version = version + 1, change_seq = ? WHERE keyed_hash = ? RETURNING version',
      )
      .get(this.counters.next('store'), keyedHash) as { version: number } | undefined;
    this.db.statement('UPDATE store_record_versions SET record = NULL WHERE keyed_hash = ?').run(keyedHash);
    this.db
      .statement('SELECT review_id FROM payout_reviews WHERE keyed_hash = ?')
      .pluck()
      .all(keyedHash)
      .forEach((reviewId) => {
        this.db
          .statement("UPDATE payout_reviews SET proposed = ?, state = 'rejected' WHERE review_id = ?")
          .run(sealJson(this.cipher, {}, sealContext.payoutReview(String(reviewId))), reviewId);
      });
    if (row) this.#keepVersion(keyedHash, row.version, null, { nowMs });
  }

  delta(cursor: string | undefined, limit: number): StoreDeltaResponse {
    const after = cursorToSeq(cursor);
    const rows = this.db
      .statement(
        'SELECT keyed_hash, version, record, change_seq AS seq FROM store_records WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
      )
      .all(after, limit + 1) as { keyed_hash: string; version: number; record: Buffer | null; seq: number }[];
    return deltaPage(rows, limit, after, (r) => ({
      keyedHash: r.keyed_hash,
      version: r.version,
      record: r.record ? this.#openRecord(r.record, r.keyed_hash) : null,
    }));
  }

  #openRecord(sealed: Buffer, keyedHash: string): StoreRecord {
    return openJsonColumn(
      this.cipher,
      storeRecordSchema,
      sealed,
      sealContext.storeRecord(keyedHash),
      'store_records.record',
    );
  }

  #keepVersion(keyedHash: string, version: number, record: StoreRecord | null, provenance: Provenance): void {
    this.db
      .statement(
        `INSERT OR REPLACE INTO store_record_versions (keyed_hash, version, record, kiosk_id, case_number, reviewed_by, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        keyedHash,
        version,
        record === null
          ? null
          : sealJson(this.cipher, record, sealContext.storeRecordVersion(keyedHash, version)),
        provenance.kioskId ?? null,
        provenance.caseNumber ?? null,
        provenance.reviewedBy ?? null,
        provenance.nowMs,
      );
  }

  #reviewOf(row: ReviewRow): PayoutReview {
    return parseJsonColumn(
      payoutReviewSchema,
      JSON.stringify({
        reviewId: row.review_id,
        keyedHash: row.keyed_hash,
        caseNumber: row.case_number,
        kioskCode: row.kiosk_code,
        proposed: openJson(this.cipher, row.proposed, sealContext.payoutReview(row.review_id)),
        proposedAtMs: row.proposed_at,
        state: row.state,
      }),
      'payout_reviews',
    );
  }
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
