import type { Migration } from '../../../store/migrations/index';
import { legacyLayoutMigration } from './001_legacy_layout';
import { strictTablesMigration } from './002_strict_tables';
import { trustMigration } from './003_trust';

/** Every migration of the central database, in order. Append only: never edit or renumber a released one. */
export const centralMigrations: readonly Migration[] = [
  legacyLayoutMigration,
  strictTablesMigration,
  trustMigration,
];
