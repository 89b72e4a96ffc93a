import type { MaterialBlobStore } from '../material-blobs';
import { requireTransaction, type StoreContext } from '../store-context';

export interface ArchivedMaterial {
  materialCode: string;
  page: number;
  sha256: string;
  mime: string;
  archivedAtMs: number;
  expiresAtMs: number;
  consent: string;
}

/**
 * A person's archived electronic materials, kept for reuse only with consent. The files are in
 * the MaterialBlobStore; rows here name them by hash.
 */
export class PersonMaterialsTable {
  readonly #ctx: StoreContext;
  readonly #blobs: MaterialBlobStore;

  constructor(ctx: StoreContext, blobs: MaterialBlobStore) {
    this.#ctx = ctx;
    this.#blobs = blobs;
  }

  /**
   * Archives (replaces) all pages of one material for a person. `consent` names what the applicant
   * agreed to (e.g. the version of the consent text); without it nothing may be archived.
   */
  async archive(input: {
    idNumber: string;
    materialCode: string;
    pages: { bytes: Buffer; mime: string }[];
    consent: string;
    ttlMs: number;
  }): Promise<ArchivedMaterial[]> {
    if (!input.consent) throw new Error('archiving a material needs the applicant consent reference');
    const idHash = this.#ctx.keys.hashIdNumber(input.idNumber);
    return this.#blobs.writeThenCommit(input.pages, (staged) => {
      const now = this.#ctx.clock();
      this.#ctx.db
        .prepare('DELETE FROM person_materials WHERE id_hash = ? AND material_code = ?')
        .run(idHash, input.materialCode);
      const insert = this.#ctx.db.prepare(
        `INSERT INTO person_materials (id_hash, material_code, page, sha256, mime, archived_at, expires_at, consent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      return staged.map((s, i) => {
        insert.run(
          idHash,
          input.materialCode,
          i + 1,
          s.sha256,
          s.mime,
          now,
          now + input.ttlMs,
          input.consent,
        );
        return {
          materialCode: input.materialCode,
          page: i + 1,
          sha256: s.sha256,
          mime: s.mime,
          archivedAtMs: now,
          expiresAtMs: now + input.ttlMs,
          consent: input.consent,
        };
      });
    });
  }

  /** Unexpired archived materials of a person (read the bytes with MaterialBlobStore.read). */
  listForPerson(idNumber: string): ArchivedMaterial[] {
    return this.#ctx.db
      .prepare(
        `SELECT material_code AS materialCode, page, sha256, mime, archived_at AS archivedAtMs, expires_at AS expiresAtMs, consent
         FROM person_materials WHERE id_hash = ? AND expires_at > ? ORDER BY material_code, page`,
      )
      .all(this.#ctx.keys.hashIdNumber(idNumber), this.#ctx.clock()) as ArchivedMaterial[];
  }

  /** The applicant withheld consent: no archived copy of theirs stays (the files go at the next sweep). */
  deleteForPerson(idNumber: string): number {
    return this.#ctx.db
      .prepare('DELETE FROM person_materials WHERE id_hash = ?')
      .run(this.#ctx.keys.hashIdNumber(idNumber)).changes;
  }

  deleteExpired(nowMs: number): number {
    return this.#ctx.db.prepare('DELETE FROM person_materials WHERE expires_at <= ?').run(nowMs).changes;
  }

  purgePersonInTransaction(idHash: Buffer): number {
    requireTransaction(this.#ctx.db, 'PersonMaterialsTable.purgePersonInTransaction');
    return this.#ctx.db.prepare('DELETE FROM person_materials WHERE id_hash = ?').run(idHash).changes;
  }
}
