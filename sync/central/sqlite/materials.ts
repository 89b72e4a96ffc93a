/**
 * The materials table: content-addressed files (digest verified by the route before they get here),
 * sealed at rest; size is the plain size.
 */
import type { AtRestCipher } from '../at-rest-cipher';
import type { CentralDatabase } from './central-database';
import { sealContext } from './sealed-column';

export class MaterialTable {
  constructor(
    private readonly db: CentralDatabase,
    private readonly cipher: AtRestCipher,
  ) {}

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
            this.cipher.seal(m.bytes, sealContext.material(m.sha256)),
            nowMs,
          ).changes === 1,
      ),
    );
  }

  get(sha256: string): Buffer | null {
    const row = this.db.statement('SELECT bytes FROM materials WHERE sha256 = ?').get(sha256) as
      | { bytes: Buffer }
      | undefined;
    return row ? this.cipher.open(row.bytes, sealContext.material(sha256)) : null;
  }
}
