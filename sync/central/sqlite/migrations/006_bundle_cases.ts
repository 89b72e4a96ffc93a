import type { Migration } from '../../../store/migrations/index';

const hex64 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

/**
 * 一件事 and 帮办代办 on the cases table (sync/central/bundle-cases.ts): a bundle case and its part
 * cases (one per item, numbered `<bundle>-<n>`, each at its item's department, linked to the bundle
 * case), and the agent who applied on the applicant's behalf (their keyed hash and how the principal
 * was identified). Existing cases are single cases applied for in person.
 */
export const bundleCasesMigration: Migration = {
  version: 6,
  name: 'bundle_cases',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN case_kind TEXT NOT NULL DEFAULT 'single'
        CHECK (case_kind IN ('single', 'bundle', 'part'));
      ALTER TABLE cases ADD COLUMN bundle_case_number TEXT REFERENCES cases (case_number);
      ALTER TABLE cases ADD COLUMN part_index INTEGER
        CHECK ((part_index IS NULL) = (bundle_case_number IS NULL)
          AND (part_index IS NULL) = (case_kind <> 'part') AND (part_index IS NULL OR part_index BETWEEN 1 AND 8));
      ALTER TABLE cases ADD COLUMN agent_keyed_hash TEXT CHECK (agent_keyed_hash IS NULL OR (${hex64('agent_keyed_hash')}));
      ALTER TABLE cases ADD COLUMN agent_basis TEXT
        CHECK ((agent_basis IS NULL) = (agent_keyed_hash IS NULL)
          AND (agent_basis IS NULL OR agent_basis IN ('principal_card', 'power_of_attorney', 'guardian')));
      CREATE UNIQUE INDEX cases_bundle_parts ON cases (bundle_case_number, part_index)
        WHERE bundle_case_number IS NOT NULL;
    `);
  },
};
