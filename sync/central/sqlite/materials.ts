/** The materials table: content-addressed files (digest verified by the route before they get here). */
import type { CentralDatabase } from './central-database';

export class MaterialTable {
  constructor(private readonly db: CentralDatabase) {}

  present(sha256s: readonly string[]): Set<string> {
    const query = this.db.statement('SELECT 1 FROM materials WHERE sha256 = ?').pluck();
    return new Set(sha256s.filter((sha) => query.get(sha) !== undefined));
  }

  /** True for each material newly stored. */
  put(materials: readonly { sha256: string; bytes: Uint8Array }[], nowMs: number): boolean[] {
    const insert = this.db.statement(
      'INSERT OR IGNORE INTO materials (sha256, size, bytes, stored_at) VALUES (?, ?, ?, ?)',
    );
    return this.db.transaction(() =>
      materials.map(
        (m) =>
          insert.run(
            m.sha256,
            m.bytes.byteLength,
            Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength),
            nowMs,
          ).changes === 1,
      ),
    );
  }

  get(sha256: string): Buffer | null {
    const row = this.db.statement('SELECT bytes FROM materials WHERE sha256 = ?').get(sha256) as
      | { bytes: Buffer }
      | undefined;
    return row?.bytes ?? null;
  }
}
