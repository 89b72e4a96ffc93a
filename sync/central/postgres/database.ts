/**
 * The central's PostgreSQL connection pool: numbered migrations applied at open (under an advisory
 * lock, so several central processes starting at once apply them once), BIGINT read as a number (every
 * value we store is a count or milliseconds, far below 2^53), and transactions at the isolation each
 * operation needs, retried when PostgreSQL reports a serialization failure or a deadlock.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { postgresMigrations } from './migrations';

/** What a module needs to run SQL: the pool (outside a transaction) or a transaction's client. */
export interface Sql {
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export type Isolation = 'read committed' | 'serializable';

const serializationFailure = '40001';
const deadlockDetected = '40P01';
const uniqueViolation = '23505';
/** Arbitrary but fixed: the key of the advisory lock that serialises migrations. */
const migrationLockKey = 7_316_001;

/** A pool whose BIGINT and NUMERIC columns parse as numbers (pg leaves them strings by default). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface TransactionOptions {
  isolation?: Isolation;
  /**
   * Also retry when a concurrent transaction inserted the same unique key first: the retry then finds
   * its row (enrolment request ids, lease keys). Only for operations whose retry reads before it writes.
   */
  retryOnUniqueViolation?: boolean;
}

/**
 * A statement with parameters runs as a named prepared statement: each connection parses and plans
 * it once, not on every call (a delivery runs about fifteen). Statements without parameters (BEGIN,
 * SAVEPOINT, the migrations) go as they are.
 */
const statementNames = new Map<string, string>();

function prepared(text: string, params: unknown[]): pg.QueryConfig {
  if (params.length === 0) return { text };
  let name = statementNames.get(text);
  if (!name) {
    name = `q${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: params };
}

function preparedSql(client: pg.PoolClient): Sql {
  return {
    query: <R extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
      client.query<R>(prepared(text, params)),
  };
}

export class PgCentralDatabase {
  readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(prepared(sql, params));
  }

  /** Runs `body` in one transaction; retried whole (up to 20 times) on a serialization failure or deadlock. */
  async transaction<T>(body: (sql: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const retryable = new Set([serializationFailure, deadlockDetected]);
    if (options.retryOnUniqueViolation) retryable.add(uniqueViolation);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}`);
        const value = await body(preparedSql(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        const code = (error as { code?: string }).code;
        if (!code || !retryable.has(code) || attempt >= 20) throw error;
        // A short random pause so two retrying transactions do not collide again at once.
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      } finally {
        client.release(broken);
      }
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

export interface OpenPgCentralDatabaseOptions {
  /** Connections per central process (default 10). */
  poolSize?: number;
}

export async function openPgCentralDatabase(
  connectionString: string,
  options: OpenPgCentralDatabaseOptions = {},
): Promise<PgCentralDatabase> {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
  // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new PgCentralDatabase(pool);
  try {
    await db.transaction(async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      await sql.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const applied = await sql.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(applied.rows.map((r) => r.version));
      const known = postgresMigrations.at(-1)?.version ?? 0;
      const newest = Math.max(0, ...done);
      if (newest > known) {
        throw new Error(
          `the central database is at schema ${newest}, newer than this server knows (${known}): update the server`,
        );
      }
      for (const migration of postgresMigrations) {
        if (done.has(migration.version)) continue;
        await sql.query(migration.sql);
        await sql.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      }
    });
    return db;
  } catch (error) {
    await pool.end();
    throw error;
  }
}
