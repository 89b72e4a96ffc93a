/** The catalogue_entries table: versioned catalogue records, their change feed, and the hall they describe. */
import { z } from 'zod';
import type { CatalogueDeltaResponse } from '../../protocol/central-api';
import { addToHall, emptyHallModel, type HallKind, type HallModel, hallKinds } from '../sqlite/catalogue';
import { cursorToSeq, deltaPage } from '../sqlite/change-feed';
import type { CatalogueInput } from '../storage';
import { parseColumn } from './columns';
import { currentCounter, nextCounter } from './counters';
import type { PgCentralDatabase, Sql } from './database';

export class PgCatalogue {
  /** Parsed once per catalogue change: another process's change moves the counter and so the cache. */
  #hall: { seq: number; model: HallModel } | null = null;

  constructor(private readonly db: PgCentralDatabase) {}

  async put(entries: readonly CatalogueInput[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      for (const entry of entries) {
        await sql.query(
          `INSERT INTO catalogue_entries (kind, id, version, body, change_seq) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, body = excluded.body, change_seq = excluded.change_seq
           WHERE excluded.version > catalogue_entries.version`,
          [
            entry.kind,
            entry.id,
            entry.version,
            entry.body === null ? null : JSON.stringify(entry.body),
            await nextCounter(sql, 'catalogue'),
          ],
        );
      }
    });
  }

  async delta(cursor: string | undefined, limit: number): Promise<CatalogueDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = (
      await this.db.query<{ kind: string; id: string; version: number; body: unknown; seq: number }>(
        'SELECT kind, id, version, body, change_seq AS seq FROM catalogue_entries WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
        [after, limit + 1],
      )
    ).rows;
    return deltaPage(rows, limit, after, (r) => ({
      kind: r.kind,
      id: r.id,
      version: r.version,
      body: r.body === null ? null : parseColumn(z.json(), r.body, 'catalogue_entries.body'),
    }));
  }

  /** The hall's structure, parsed from the catalogue (cached until the catalogue changes). */
  async hall(sql: Sql = this.db): Promise<HallModel> {
    const seq = await currentCounter(sql, 'catalogue');
    if (this.#hall && this.#hall.seq === seq) return this.#hall.model;
    const model = emptyHallModel();
    const rows = (
      await sql.query<{ kind: HallKind; body: unknown }>(
        'SELECT kind, body FROM catalogue_entries WHERE body IS NOT NULL AND kind = ANY($1)',
        [hallKinds],
      )
    ).rows;
    for (const row of rows) {
      addToHall(model, row.kind, (schema) =>
        parseColumn(schema, row.body, `catalogue_entries.body (${row.kind})`),
      );
    }
    this.#hall = { seq, model };
    return model;
  }
}
