/** The catalogue_entries table: versioned catalogue records, their change feed, and the hall they describe. */
import { z } from 'zod';
import {
  catalogueEntrySchemas,
  type Department,
  type Queue,
  type ServiceItem,
  type ServiceWindow,
} from '../../protocol/catalogue';
import type { CatalogueDeltaResponse } from '../../protocol/central-api';
import type { CatalogueInput } from '../storage';
import type { CentralDatabase } from './central-database';
import { cursorToSeq, deltaPage } from './change-feed';
import type { Counters } from './counters';
import { parseJsonColumn } from './json-column';

/** The hall's structure as the intake and the desk need it. */
export interface HallModel {
  departments: Map<string, Department>;
  windows: Map<string, ServiceWindow>;
  queues: Map<string, Queue>;
  items: Map<string, ServiceItem>;
}

const hallKinds = ['department', 'window', 'queue', 'item'] as const;

export class CatalogueTable {
  #hall: HallModel | null = null;

  constructor(
    private readonly db: CentralDatabase,
    private readonly counters: Counters,
  ) {}

  put(entries: readonly CatalogueInput[]): void {
    const upsert = this.db.statement(
      `INSERT INTO catalogue_entries (kind, id, version, body, change_seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, id) DO UPDATE SET version = excluded.version, body = excluded.body, change_seq = excluded.change_seq
       WHERE excluded.version > catalogue_entries.version`,
    );
    this.db.transaction(() => {
      for (const entry of entries) {
        upsert.run(
          entry.kind,
          entry.id,
          entry.version,
          entry.body === null ? null : JSON.stringify(entry.body),
          this.counters.next('catalogue'),
        );
      }
    });
    this.#hall = null;
  }

  delta(cursor: string | undefined, limit: number): CatalogueDeltaResponse {
    const after = cursorToSeq(cursor);
    const rows = this.db
      .statement(
        'SELECT kind, id, version, body, change_seq AS seq FROM catalogue_entries WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
      )
      .all(after, limit + 1) as {
      kind: string;
      id: string;
      version: number;
      body: string | null;
      seq: number;
    }[];
    return deltaPage(rows, limit, after, (r) => ({
      kind: r.kind,
      id: r.id,
      version: r.version,
      body: r.body === null ? null : parseJsonColumn(z.json(), r.body, 'catalogue_entries.body'),
    }));
  }

  /** The hall's structure, parsed from the catalogue (cached until the catalogue changes). */
  hall(): HallModel {
    if (this.#hall) return this.#hall;
    const model: HallModel = {
      departments: new Map(),
      windows: new Map(),
      queues: new Map(),
      items: new Map(),
    };
    const rows = this.db
      .statement(
        `SELECT kind, body FROM catalogue_entries WHERE body IS NOT NULL AND kind IN (${hallKinds.map(() => '?').join(',')})`,
      )
      .all(...hallKinds) as { kind: (typeof hallKinds)[number]; body: string }[];
    for (const row of rows) {
      const column = `catalogue_entries.body (${row.kind})`;
      if (row.kind === 'department') {
        const d = parseJsonColumn(catalogueEntrySchemas.department, row.body, column);
        model.departments.set(d.id, d);
      } else if (row.kind === 'window') {
        const w = parseJsonColumn(catalogueEntrySchemas.window, row.body, column);
        model.windows.set(w.id, w);
      } else if (row.kind === 'queue') {
        const q = parseJsonColumn(catalogueEntrySchemas.queue, row.body, column);
        model.queues.set(q.id, q);
      } else {
        const i = parseJsonColumn(catalogueEntrySchemas.item, row.body, column);
        model.items.set(i.id, i);
      }
    }
    this.#hall = model;
    return model;
  }
}
