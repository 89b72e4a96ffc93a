import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskDatabase } from '../../sync/store/kiosk-database';

/**
 * Everything "nothing half-written remains" means, as a list of problems (empty = consistent):
 * every material row has a file that decrypts to its hash, no file lacks a row, no temp files,
 * every submission has its outbox item and vice versa, SQLite's own checks pass.
 */
export function findInconsistencies(db: KioskDatabase): string[] {
  const problems: string[] = [];
  const sql = db.connection;
  const rows = sql.prepare('SELECT sha256 FROM material_blobs').pluck().all() as string[];
  const known = new Set(rows);
  for (const sha256 of rows) {
    try {
      db.blobs.read(sha256);
    } catch (error) {
      problems.push(`material ${sha256}: ${(error as Error).message}`);
    }
  }
  for (const sub of readdirSync(db.blobs.dir)) {
    for (const name of readdirSync(join(db.blobs.dir, sub))) {
      if (name.endsWith('.tmp')) problems.push(`temp file left: ${name}`);
      else if (!known.has(name.replace(/\.enc$/, ''))) problems.push(`file without row: ${name}`);
    }
  }
  const orphanSubmissions = sql
    .prepare(
      `SELECT id FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'submission' AND o.subject_id = s.id)`,
    )
    .pluck()
    .all() as string[];
  for (const id of orphanSubmissions) problems.push(`submission ${id} has no outbox item`);
  const orphanOutbox = sql
    .prepare(
      `SELECT seq FROM outbox o WHERE o.kind = 'submission' AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = o.subject_id)`,
    )
    .pluck()
    .all() as number[];
  for (const seq of orphanOutbox) problems.push(`outbox item ${seq} has no submission`);
  const fk = sql.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign key violations: ${JSON.stringify(fk.slice(0, 3))}`);
  const check = sql.pragma('integrity_check') as { integrity_check: string }[];
  if (check[0]?.integrity_check !== 'ok')
    problems.push(`integrity_check: ${JSON.stringify(check.slice(0, 3))}`);
  return problems;
}
