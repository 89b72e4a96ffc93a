/** The materials table: content-addressed files, their bytes sealed (digest verified by the route first). */
import type { AtRestCipher } from '../at-rest-cipher';
import { sealContext } from './columns';
import type { PgCentralDatabase, Sql } from './database';

export class PgMaterials {
  constructor(
    private readonly db: PgCentralDatabase,
    private readonly cipher: AtRestCipher,
  ) {}

  async present(sha256s: readonly string[], sql: Sql = this.db): Promise<Set<string>> {
    if (sha256s.length === 0) return new Set();
    const rows = await sql.query<{ sha256: string }>('SELECT sha256 FROM materials WHERE sha256 = ANY($1)', [
      [...sha256s],
    ]);
    return new Set(rows.rows.map((r) => r.sha256));
  }

  /** True for each material newly stored; a digest stored by another process at the same time counts once. */
  put(materials: readonly { sha256: string; bytes: Uint8Array }[], nowMs: number): Promise<boolean[]> {
    return this.db.transaction(async (sql) => {
      const created: boolean[] = [];
      for (const m of materials) {
        const inserted = await sql.query(
          'INSERT INTO materials (sha256, size, bytes, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
          [m.sha256, m.bytes.byteLength, this.cipher.seal(m.bytes, sealContext.material(m.sha256)), nowMs],
        );
        created.push(inserted.rowCount === 1);
      }
      return created;
    });
  }

  async get(sha256: string): Promise<Buffer | null> {
    const row = (
      await this.db.query<{ bytes: Buffer }>('SELECT bytes FROM materials WHERE sha256 = $1', [sha256])
    ).rows[0];
    return row ? this.cipher.open(row.bytes, sealContext.material(sha256)) : null;
  }
}
