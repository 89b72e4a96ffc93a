import type { Statement } from 'better-sqlite3';
import { requireTransaction, type StoreContext } from '../store-context';

export interface CachedProfileMeta {
  cachedAtMs: number;
  expiresAtMs: number;
}

/**
 * The form-free store's cached profiles: id_hash (HMAC of the ID number) -> sealed profile JSON.
 * get() is the hot path when a card is laid on the reader: one primary-key point query and one
 * AES-GCM open.
 */
export class PeopleTable {
  readonly #ctx: StoreContext;
  readonly #select: Statement;
  readonly #upsert: Statement;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#select = ctx.db.prepare('SELECT profile, expires_at FROM people WHERE id_hash = ?');
    this.#upsert = ctx.db.prepare(
      `INSERT INTO people (id_hash, profile, cached_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id_hash) DO UPDATE SET profile = excluded.profile, cached_at = excluded.cached_at, expires_at = excluded.expires_at`,
    );
  }

  /** Caches (or replaces) a profile for `ttlMs`. */
  put(idNumber: string, profile: unknown, ttlMs: number): void {
    const idHash = this.#ctx.keys.hashIdNumber(idNumber);
    const now = this.#ctx.clock();
    this.#upsert.run(idHash, this.#ctx.keys.box.sealJson(profile, profileContext(idHash)), now, now + ttlMs);
  }

  /** Bulk load (central sync, benchmarks): one transaction, one prepared statement. */
  putMany(entries: Iterable<{ idNumber: string; profile: unknown }>, ttlMs: number): number {
    let count = 0;
    this.#ctx.db.transaction(() => {
      const now = this.#ctx.clock();
      for (const { idNumber, profile } of entries) {
        const idHash = this.#ctx.keys.hashIdNumber(idNumber);
        this.#upsert.run(
          idHash,
          this.#ctx.keys.box.sealJson(profile, profileContext(idHash)),
          now,
          now + ttlMs,
        );
        count++;
      }
    })();
    return count;
  }

  /**
   * Form-free store deltas from the central system name people by their keyed hash only (the hall's
   * look-up key, see StoreKeys); a null profile removes the person's cached profile.
   */
  applyByHash(
    entries: Iterable<{ idHash: Buffer; profile: unknown | null }>,
    ttlMs: number,
    options: { onlyHeld?: boolean } = {},
  ): number {
    let count = 0;
    const remove = this.#ctx.db.prepare('DELETE FROM people WHERE id_hash = ?');
    const held = this.#ctx.db.prepare('SELECT 1 FROM people WHERE id_hash = ?').pluck();
    this.#ctx.db.transaction(() => {
      const now = this.#ctx.clock();
      for (const { idHash, profile } of entries) {
        if (profile === null) remove.run(idHash);
        // A kiosk that caches on demand keeps the people it holds fresh, and takes in nobody else.
        else if (options.onlyHeld && held.get(idHash) === undefined) continue;
        else
          this.#upsert.run(
            idHash,
            this.#ctx.keys.box.sealJson(profile, profileContext(idHash)),
            now,
            now + ttlMs,
          );
        count++;
      }
    })();
    return count;
  }

  /**
   * A renewed card: the record cached under the number it replaced becomes the new number's (sealed
   * again, bound to the new key) and the old entry goes, in one transaction. Never overwrites a record
   * the new number already has; false when nothing was moved.
   */
  move(fromIdNumber: string, toIdNumber: string, ttlMs: number): boolean {
    return this.#ctx.db.transaction(() => {
      if (this.get(toIdNumber) !== null) return false;
      const profile = this.get(fromIdNumber);
      if (profile === null) return false;
      this.put(toIdNumber, profile, ttlMs);
      this.delete(fromIdNumber);
      return true;
    })();
  }

  /** The applicant withheld consent: nothing cached about them stays. */
  delete(idNumber: string): boolean {
    return (
      this.#ctx.db.prepare('DELETE FROM people WHERE id_hash = ?').run(this.#ctx.keys.hashIdNumber(idNumber))
        .changes > 0
    );
  }

  /** The decrypted profile, or null when none is cached or it has expired. */
  get(idNumber: string): unknown {
    const idHash = this.#ctx.keys.hashIdNumber(idNumber);
    const row = this.#select.get(idHash) as { profile: Buffer; expires_at: number } | undefined;
    if (!row || row.expires_at <= this.#ctx.clock()) return null;
    return this.#ctx.keys.box.openJson(row.profile, profileContext(idHash));
  }

  meta(idNumber: string): CachedProfileMeta | null {
    const row = this.#ctx.db
      .prepare('SELECT cached_at, expires_at FROM people WHERE id_hash = ?')
      .get(this.#ctx.keys.hashIdNumber(idNumber)) as { cached_at: number; expires_at: number } | undefined;
    return row ? { cachedAtMs: row.cached_at, expiresAtMs: row.expires_at } : null;
  }

  count(): number {
    return this.#ctx.db.prepare('SELECT count(*) FROM people').pluck().get() as number;
  }

  deleteExpired(nowMs: number): number {
    return this.#ctx.db.prepare('DELETE FROM people WHERE expires_at <= ?').run(nowMs).changes;
  }

  purgePersonInTransaction(idHash: Buffer): number {
    requireTransaction(this.#ctx.db, 'PeopleTable.purgePersonInTransaction');
    return this.#ctx.db.prepare('DELETE FROM people WHERE id_hash = ?').run(idHash).changes;
  }
}

function profileContext(idHash: Buffer): string {
  return `people.profile:${idHash.toString('hex')}`;
}
