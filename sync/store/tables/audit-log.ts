import type { StoreContext } from '../store-context';

export interface AuditEntry {
  seq: number;
  atMs: number;
  /** Who: 'technician', 'system', 'central' ... never an applicant. */
  actor: string;
  /** What, e.g. 'outbox.discard', 'store.quarantined', 'maintenance.login_failed'. */
  action: string;
  /** Non-personal details (ids, counts, reasons). */
  detail: Record<string, unknown>;
}

/** Technician and system actions. Never applicant data: callers pass ids and counts only. */
export class AuditLogTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  append(actor: string, action: string, detail: Record<string, unknown> = {}): number {
    return Number(
      this.#ctx.db
        .prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)')
        .run(this.#ctx.clock(), actor, action, JSON.stringify(detail)).lastInsertRowid,
    );
  }

  /** Newest first. */
  recent(limit = 200): AuditEntry[] {
    const rows = this.#ctx.db
      .prepare('SELECT seq, at, actor, action, detail FROM audit_log ORDER BY seq DESC LIMIT ?')
      .all(limit) as { seq: number; at: number; actor: string; action: string; detail: string }[];
    return rows.map((r) => ({
      seq: r.seq,
      atMs: r.at,
      actor: r.actor,
      action: r.action,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
