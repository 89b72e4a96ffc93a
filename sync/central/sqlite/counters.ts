import type { CentralDatabase } from './central-database';

/** The counters table: named sequences (kiosk numbers, the change feeds' sequences). */
export type CounterName = 'kiosk' | 'catalogue' | 'store' | 'appointments';

export class Counters {
  constructor(private readonly db: CentralDatabase) {}

  next(name: CounterName): number {
    const row = this.db
      .statement(
        'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
      )
      .get(name) as { value: number };
    return row.value;
  }
}
