import type { Sql } from './database';

/** Named sequences: kiosk numbers and the change feeds' sequences. */
export type CounterName = 'kiosk' | 'catalogue' | 'store' | 'appointments' | 'purge';

/**
 * The next value of a counter. Its row stays locked until the caller's transaction ends, so values are
 * handed out in commit order: a delta feed's reader never sees seq n+1 while n is still uncommitted.
 * Take it late in a transaction: everyone else who needs the same counter waits for the commit.
 */
export async function nextCounter(sql: Sql, name: CounterName): Promise<number> {
  const row = await sql.query<{ value: number }>(
    `INSERT INTO counters (name, value) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
    [name],
  );
  return row.rows[0]!.value;
}

/** The counter's current value without taking one (0 when never used). */
export async function currentCounter(sql: Sql, name: CounterName): Promise<number> {
  const row = await sql.query<{ value: number }>('SELECT value FROM counters WHERE name = $1', [name]);
  return row.rows[0]?.value ?? 0;
}
