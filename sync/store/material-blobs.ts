import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Logger } from 'pino';
import { asDiskFull, MaterialCorruptError, MaterialMissingError } from './errors';
import type { StoreContext } from './store-context';

export interface MaterialBytes {
  bytes: Buffer;
  mime: string;
}

/** A material file that is on disk (fsync'd) and about to be named by a row in the same commit. */
export interface StagedMaterial {
  sha256: string;
  size: number;
  mime: string;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * Material files (scans, photos, signatures): content-addressed by the SHA-256 of the plaintext,
 * sealed with AES-256-GCM at <dir>/ab/<sha256>.enc, and recorded in material_blobs. A file is
 * written (temp + fsync + rename + fsync of the directory) BEFORE the transaction that names it
 * commits, and never written again once recorded. Files of a failed commit are removed at once;
 * a crash in between leaves only files without rows, which are removed at the next open.
 */
export class MaterialBlobStore {
  readonly dir: string;
  readonly #ctx: StoreContext;
  readonly #logger: Logger;
  readonly #exists: Statement;
  readonly #record: Statement;
  readonly #createdDirs = new Set<string>();
  /** Serialises write-then-commit and garbage collection: a file of an unfinished commit has no row yet. */
  #lock: Promise<void> = Promise.resolve();

  constructor(ctx: StoreContext, dir: string, logger: Logger) {
    this.#ctx = ctx;
    this.dir = dir;
    this.#logger = logger;
    mkdirSync(dir, { recursive: true });
    this.#exists = ctx.db.prepare('SELECT 1 FROM material_blobs WHERE sha256 = ?').pluck();
    this.#record = ctx.db.prepare(
      'INSERT INTO material_blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING',
    );
  }

  static sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.enc`);
  }

  has(sha256: string): boolean {
    return this.#exists.get(sha256) !== undefined;
  }

  /** The decrypted bytes, verified against their hash. */
  read(sha256: string): Buffer {
    if (!sha256Pattern.test(sha256)) throw new MaterialMissingError(`not a material hash: ${sha256}`);
    let sealed: Buffer;
    try {
      sealed = readFileSync(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new MaterialMissingError(`material ${sha256} has no file`);
      throw error;
    }
    let bytes: Buffer;
    try {
      bytes = this.#ctx.keys.box.open(sealed, materialContext(sha256));
    } catch (error) {
      throw new MaterialCorruptError(`material ${sha256} cannot be decrypted`, { cause: error });
    }
    if (MaterialBlobStore.sha256(bytes) !== sha256)
      throw new MaterialCorruptError(`material ${sha256} does not match its hash`);
    return bytes;
  }

  /**
   * Writes the files that are not stored yet, then runs `commit` in ONE transaction that also records
   * them. If anything fails, the files this call wrote are removed and the error (DiskFullError for
   * ENOSPC / SQLITE_FULL) is thrown; nothing of the attempt remains.
   */
  async writeThenCommit<T>(
    materials: readonly MaterialBytes[],
    commit: (staged: StagedMaterial[]) => T,
  ): Promise<T> {
    return this.#exclusive(async () => {
      const staged = materials.map((m) => ({
        sha256: MaterialBlobStore.sha256(m.bytes),
        size: m.bytes.length,
        mime: m.mime,
      }));
      const toWrite = new Map<string, Buffer>();
      materials.forEach((m, i) => {
        const sha256 = staged[i]!.sha256;
        // A recorded hash is never written again, unless its file went missing (repair, not duplicate).
        if (!toWrite.has(sha256) && (!this.has(sha256) || !existsSync(this.pathOf(sha256))))
          toWrite.set(sha256, m.bytes);
      });
      const written: string[] = [];
      try {
        await this.#writeDurably(toWrite, written);
        const now = this.#ctx.clock();
        return this.#ctx.db.transaction(() => {
          for (const s of staged) this.#record.run(s.sha256, s.size, s.mime, now);
          return commit(staged);
        })();
      } catch (error) {
        await Promise.all(written.map((sha256) => unlink(this.pathOf(sha256)).catch(() => undefined)));
        throw asDiskFull(error, 'storing materials');
      }
    });
  }

  /**
   * Removes material rows and files no longer named by a submission, a person's archive, or an
   * outbox item still owed to the central system. Returns how many were removed.
   */
  async collectGarbage(stillNeeded: ReadonlySet<string>): Promise<number> {
    return this.#exclusive(async () => {
      const db = this.#ctx.db;
      const candidates = db
        .prepare(
          `SELECT sha256 FROM material_blobs b
           WHERE NOT EXISTS (SELECT 1 FROM submission_materials s WHERE s.sha256 = b.sha256)
             AND NOT EXISTS (SELECT 1 FROM person_materials p WHERE p.sha256 = b.sha256)`,
        )
        .pluck()
        .all() as string[];
      const unreferenced = candidates.filter((sha256) => !stillNeeded.has(sha256));
      const remove = db.prepare('DELETE FROM material_blobs WHERE sha256 = ?');
      db.transaction(() => {
        for (const sha256 of unreferenced) remove.run(sha256);
      })();
      // Files go after the rows: a crash in between leaves row-less files, removed at the next open.
      for (const sha256 of unreferenced) rmSync(this.pathOf(sha256), { force: true });
      return unreferenced.length;
    });
  }

  /**
   * Start-up sweep (no commit can be in flight yet): deletes temp files and files without a row
   * (a crash between the file write and the commit); counts rows whose file is missing.
   */
  sweepAtOpen(): { tempFilesRemoved: number; orphanFilesRemoved: number; missingFiles: number } {
    let tempFilesRemoved = 0;
    let orphanFilesRemoved = 0;
    const seen = new Set<string>();
    for (const sub of readdirSync(this.dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      const subDir = join(this.dir, sub.name);
      for (const name of readdirSync(subDir)) {
        const sha256 = name.endsWith('.enc') ? name.slice(0, -4) : null;
        if (sha256 && sha256Pattern.test(sha256) && this.has(sha256)) {
          seen.add(sha256);
          continue;
        }
        unlinkSync(join(subDir, name));
        if (name.endsWith('.tmp')) tempFilesRemoved++;
        else orphanFilesRemoved++;
      }
    }
    const rows = this.#ctx.db.prepare('SELECT count(*) FROM material_blobs').pluck().get() as number;
    const missingFiles = rows - seen.size;
    if (tempFilesRemoved + orphanFilesRemoved + missingFiles > 0) {
      this.#logger.warn({
        event: 'store.materials.sweep',
        tempFilesRemoved,
        orphanFilesRemoved,
        missingFiles,
      });
    }
    return { tempFilesRemoved, orphanFilesRemoved, missingFiles };
  }

  async #writeDurably(toWrite: ReadonlyMap<string, Buffer>, written: string[]): Promise<void> {
    if (toWrite.size === 0) return;
    const dirs = new Set<string>();
    // Files in parallel: their fsyncs overlap on the disk instead of queueing one after another.
    const results = await Promise.allSettled(
      [...toWrite].map(async ([sha256, bytes]) => {
        const subDir = join(this.dir, sha256.slice(0, 2));
        if (!this.#createdDirs.has(subDir)) {
          await mkdir(subDir, { recursive: true });
          this.#createdDirs.add(subDir);
        }
        const sealed = this.#ctx.keys.box.seal(bytes, materialContext(sha256));
        const temp = join(subDir, `${sha256}.${randomBytes(6).toString('hex')}.tmp`);
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(sealed);
          await handle.sync();
        } catch (error) {
          await handle.close();
          await unlink(temp).catch(() => undefined);
          throw error;
        }
        await handle.close();
        await rename(temp, this.pathOf(sha256));
        written.push(sha256);
        dirs.add(subDir);
      }),
    );
    // allSettled, not all: every write must have finished before the caller cleans up after a failure.
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    await Promise.all([...dirs].map(fsyncDirectory));
  }

  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** Makes a rename durable. Windows cannot open a directory for fsync; NTFS journals the rename. */
async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function materialContext(sha256: string): string {
  return `material:${sha256}`;
}
