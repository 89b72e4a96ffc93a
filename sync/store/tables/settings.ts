import type { StoreContext } from '../store-context';

/**
 * Key/value settings of the kiosk (JSON values). Never personal data: values are stored in the clear.
 * The wrapped data key lives here too (it is useless without the key provider's secret).
 */
export class SettingsTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  get(key: string): unknown {
    const row = this.#ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  set(key: string, value: unknown): void {
    this.#ctx.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), this.#ctx.clock());
  }

  delete(key: string): void {
    this.#ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
