import { initialSchema } from './001_initial';
import type { PostgresMigration } from './migration';

export type { PostgresMigration } from './migration';

/** Every migration of the PostgreSQL central database, in order. Append only: never edit or renumber a released one. */
export const postgresMigrations: readonly PostgresMigration[] = [initialSchema];
