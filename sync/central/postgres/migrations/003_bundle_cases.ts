import type { PostgresMigration } from './migration';

/**
 * 一件事 and 帮办代办 on the cases table (sync/central/bundle-cases.ts): a bundle case and its part
 * cases (one per item, numbered `<bundle>-<n>`, each at its item's department, linked to the bundle
 * case), and the agent who applied on the applicant's behalf. Existing cases are single, in person.
 */
export const bundleCases: PostgresMigration = {
  version: 3,
  name: 'bundle_cases',
  sql: `
ALTER TABLE cases
  ADD COLUMN case_kind TEXT NOT NULL DEFAULT 'single' CHECK (case_kind IN ('single', 'bundle', 'part')),
  ADD COLUMN bundle_case_number TEXT REFERENCES cases (case_number),
  ADD COLUMN part_index INTEGER CHECK (part_index BETWEEN 1 AND 8),
  ADD COLUMN agent_keyed_hash TEXT CHECK (agent_keyed_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN agent_basis TEXT CHECK (agent_basis IN ('principal_card', 'power_of_attorney', 'guardian')),
  ADD CONSTRAINT cases_part_link CHECK ((part_index IS NULL) = (bundle_case_number IS NULL)
    AND (part_index IS NULL) = (case_kind <> 'part')),
  ADD CONSTRAINT cases_agent CHECK ((agent_basis IS NULL) = (agent_keyed_hash IS NULL));
CREATE UNIQUE INDEX cases_bundle_parts ON cases (bundle_case_number, part_index)
  WHERE bundle_case_number IS NOT NULL;
`,
};
