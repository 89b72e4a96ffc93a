import type { StoreContext } from '../store-context';

/** Delta cursors of the pullers (catalogue, appointments, ticket blocks, purge orders ...). */
export class SyncCursorsTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  get(name: string): string | null {
    return (
      (this.#ctx.db.prepare('SELECT cursor FROM sync_cursors WHERE name = ?').pluck().get(name) as
        | string
        | undefined) ?? null
    );
  }

  /** Call inside the transaction that applied the delta, so cursor and data move together. */
  set(name: string, cursor: string): void {
    this.#ctx.db
      .prepare(
        `INSERT INTO sync_cursors (name, cursor, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      )
      .run(name, cursor, this.#ctx.clock());
  }

  all(): { name: string; cursor: string; updatedAtMs: number }[] {
    return this.#ctx.db
      .prepare('SELECT name, cursor, updated_at AS updatedAtMs FROM sync_cursors ORDER BY name')
      .all() as { name: string; cursor: string; updatedAtMs: number }[];
  }
}
