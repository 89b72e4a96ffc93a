import type { StoreContext } from '../store-context';

/** Kinds of catalogue entry the central system sends (free text so new kinds need no migration). */
export type CatalogueKind = string;

export interface CatalogueEntry {
  kind: CatalogueKind;
  id: string;
  version: number;
  body: unknown;
}

/**
 * The service catalogue as pulled from the central system: departments, windows, queues, items,
 * form definitions, material lists, life events. Bodies are JSON validated by sync/protocol before
 * they get here; the store keeps them as given. Not personal: stored in the clear.
 */
export class CatalogueTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** Upserts entries; an older version never replaces a newer one (deltas may arrive twice). */
  upsertMany(entries: readonly CatalogueEntry[]): number {
    const upsert = this.#ctx.db.prepare(
      `INSERT INTO catalogue_entries (kind, id, version, body, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, body = excluded.body, updated_at = excluded.updated_at
       WHERE excluded.version >= catalogue_entries.version`,
    );
    const now = this.#ctx.clock();
    return this.#ctx.db.transaction(() => {
      let changed = 0;
      for (const e of entries)
        changed += upsert.run(e.kind, e.id, e.version, JSON.stringify(e.body), now).changes;
      return changed;
    })();
  }

  get(kind: CatalogueKind, id: string): CatalogueEntry | null {
    const row = this.#ctx.db
      .prepare('SELECT kind, id, version, body FROM catalogue_entries WHERE kind = ? AND id = ?')
      .get(kind, id) as { kind: string; id: string; version: number; body: string } | undefined;
    return row
      ? { kind: row.kind, id: row.id, version: row.version, body: JSON.parse(row.body) as unknown }
      : null;
  }

  list(kind: CatalogueKind): CatalogueEntry[] {
    const rows = this.#ctx.db
      .prepare('SELECT kind, id, version, body FROM catalogue_entries WHERE kind = ? ORDER BY id')
      .all(kind) as { kind: string; id: string; version: number; body: string }[];
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      version: r.version,
      body: JSON.parse(r.body) as unknown,
    }));
  }

  delete(kind: CatalogueKind, id: string): boolean {
    return (
      this.#ctx.db.prepare('DELETE FROM catalogue_entries WHERE kind = ? AND id = ?').run(kind, id).changes >
      0
    );
  }

  /** Replaces a whole kind at once (a full pull instead of a delta). */
  replaceKind(kind: CatalogueKind, entries: readonly Omit<CatalogueEntry, 'kind'>[]): void {
    this.#ctx.db.transaction(() => {
      this.#ctx.db.prepare('DELETE FROM catalogue_entries WHERE kind = ?').run(kind);
      this.upsertMany(entries.map((e) => ({ ...e, kind })));
    })();
  }
}
