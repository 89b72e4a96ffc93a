/** The catalogue_entries table: versioned catalogue records, their change feed, and the hall they describe. */
import { z } from 'zod';
import {
  type Bundle,
  catalogueEntrySchemas,
  type Department,
  type Queue,
  type ServiceItem,
  type ServiceWindow,
} from '../../protocol/catalogue';
import type { CatalogueDeltaResponse } from '../../protocol/central-api';
import type { FormDefinition } from '../../protocol/forms';
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
  /** 一件事 bundles and the forms their items use: a bundle submission is split with them. */
  bundles: Map<string, Bundle>;
  forms: Map<string, FormDefinition>;
}

export const hallKinds = ['department', 'window', 'queue', 'item', 'bundle', 'form'] as const;
export type HallKind = (typeof hallKinds)[number];

/** An empty hall to fill from catalogue rows (both backends). */
export function emptyHallModel(): HallModel {
  return {
    departments: new Map(),
    windows: new Map(),
    queues: new Map(),
    items: new Map(),
    bundles: new Map(),
    forms: new Map(),
  };
}

/** Adds one catalogue row's body to the hall, read through its kind's schema (`parse` names the column). */
export function addToHall(
  model: HallModel,
  kind: HallKind,
  parse: <S extends z.ZodType>(schema: S) => z.infer<S>,
): void {
  switch (kind) {
    case 'department': {
      const d = parse(catalogueEntrySchemas.department);
      model.departments.set(d.id, d);
      return;
    }
    case 'window': {
      const w = parse(catalogueEntrySchemas.window);
      model.windows.set(w.id, w);
      return;
    }
    case 'queue': {
      const q = parse(catalogueEntrySchemas.queue);
      model.queues.set(q.id, q);
      return;
    }
    case 'item': {
      const i = parse(catalogueEntrySchemas.item);
      model.items.set(i.id, i);
      return;
    }
    case 'bundle': {
      const b = parse(catalogueEntrySchemas.bundle);
      model.bundles.set(b.id, b);
      return;
    }
    case 'form': {
      const f = parse(catalogueEntrySchemas.form);
      model.forms.set(f.id, f);
      return;
    }
  }
}

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
    const model = emptyHallModel();
    const rows = this.db
      .statement(
        `SELECT kind, body FROM catalogue_entries WHERE body IS NOT NULL AND kind IN (${hallKinds.map(() => '?').join(',')})`,
      )
      .all(...hallKinds) as { kind: HallKind; body: string }[];
    for (const row of rows) {
      addToHall(model, row.kind, (schema) =>
        parseJsonColumn(schema, row.body, `catalogue_entries.body (${row.kind})`),
      );
    }
    this.#hall = model;
    return model;
  }
}
