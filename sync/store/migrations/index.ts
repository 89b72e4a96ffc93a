import type { Database } from 'better-sqlite3';
import { SchemaTooNewError } from '../errors';
import { initialMigration } from './001_initial';
import { retentionIndexesMigration } from './002_retention_indexes';
import { heldOrdersMigration } from './003_held_orders';
import { supplementOutboxMigration } from './004_supplement_outbox';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, in order. Append only: never edit or renumber a released one. */
export const migrations: readonly Migration[] = [
  initialMigration,
  retentionIndexesMigration,
  heldOrdersMigration,
  supplementOutboxMigration,
];

export function currentSchemaVersion(db: Database): number {
  ensureMigrationsTable(db);
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Applies the migrations newer than the file, each in its own transaction with its record in
 * schema_migrations, so a crash mid-way leaves the file at a whole version. Returns the versions applied.
 */
export function applyMigrations(db: Database, list: readonly Migration[], nowMs: number): number[] {
  const known = list.at(-1)?.version ?? 0;
  const current = currentSchemaVersion(db);
  if (current > known) {
    throw new SchemaTooNewError(
      `database schema version ${current} is newer than this build knows (${known})`,
    );
  }
  const applied: number[] = [];
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        nowMs,
      );
    })();
    applied.push(migration.version);
  }
  return applied;
}

function ensureMigrationsTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
}
