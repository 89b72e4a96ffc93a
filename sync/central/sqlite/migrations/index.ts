import type { Migration } from '../../../store/migrations/index';
import type { AtRestCipher } from '../../at-rest-cipher';
import { legacyLayoutMigration } from './001_legacy_layout';
import { strictTablesMigration } from './002_strict_tables';
import { trustMigration } from './003_trust';
import { sealedPersonalDataMigration } from './004_sealed_personal_data';
import { caseWorkflowMigration } from './005_case_workflow';
import { bundleCasesMigration } from './006_bundle_cases';

/**
 * Every migration of the central database, in order. Append only: never edit or renumber a released one.
 * The sealing migration needs the server's cipher, so the list is made for it.
 */
export function centralMigrations(cipher: AtRestCipher): readonly Migration[] {
  return [
    legacyLayoutMigration,
    strictTablesMigration,
    trustMigration,
    sealedPersonalDataMigration(cipher),
    caseWorkflowMigration,
    bundleCasesMigration,
  ];
}
