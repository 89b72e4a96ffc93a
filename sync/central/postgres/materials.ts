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

  /**
   * True for each material newly stored; a digest stored by another process at the same time counts
   * once. One statement (atomic on its own): a transaction around it would only add round trips.
   */
  async put(materials: readonly { sha256: string; bytes: Uint8Array }[], nowMs: number): Promise<boolean[]> {
    if (materials.length === 0) return [];
    const inserted = await this.db.query<{ sha256: string }>(
      `INSERT INTO materials (sha256, size, bytes, stored_at)
       SELECT sha256, size, bytes, $4 FROM unnest($1::text[], $2::int[], $3::bytea[]) AS m (sha256, size, bytes)
       ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
      [
        materials.map((m) => m.sha256),
        materials.map((m) => m.bytes.byteLength),
        materials.map((m) => this.cipher.seal(m.bytes, sealContext.material(m.sha256))),
        nowMs,
      ],
    );
    const created = new Set(inserted.rows.map((r) => r.sha256));
    // The same digest twice in one call: the first is the one that stored it.
    return materials.map((m) => created.delete(m.sha256));
  }

  async get(sha256: string): Promise<Buffer | null> {
    const row = (
      await this.db.query<{ bytes: Buffer }>('SELECT bytes FROM materials WHERE sha256 = $1', [sha256])
    ).rows[0];
    return row ? this.cipher.open(row.bytes, sealContext.material(sha256)) : null;
  }
}
