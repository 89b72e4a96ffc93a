import type { PostgresMigration } from './migration';

const caseStage = `('received', 'accepted', 'supplement_requested', 'supplement_submitted', 'finished', 'rejected')`;
const caseAction = `('accept', 'request_supplement', 'submit_supplement', 'finish', 'reject')`;

/**
 * The window's case workflow: each case's stage, every step audited in case_steps (detail sealed),
 * the supplement as a delivery kind, and the follow-up of a 差评.
 */
export const caseWorkflow: PostgresMigration = {
  version: 2,
  name: 'case_workflow',
  sql: `
ALTER TABLE cases ADD COLUMN stage TEXT NOT NULL DEFAULT 'received' CHECK (stage IN ${caseStage});
UPDATE cases SET stage = CASE status WHEN 'done' THEN 'finished' WHEN 'rejected' THEN 'rejected'
  WHEN 'in_progress' THEN 'accepted' ELSE 'received' END;
CREATE TABLE case_steps (step_seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_number TEXT NOT NULL REFERENCES cases (case_number), at BIGINT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ${caseAction}),
  from_stage TEXT NOT NULL CHECK (from_stage IN ${caseStage}),
  to_stage TEXT NOT NULL CHECK (to_stage IN ${caseStage}),
  account_id TEXT REFERENCES staff_accounts (account_id), username TEXT,
  kiosk_id TEXT REFERENCES kiosks (kiosk_id), detail BYTEA NOT NULL,
  CHECK ((account_id IS NULL) <> (kiosk_id IS NULL)));
CREATE INDEX case_steps_by_case ON case_steps (case_number, step_seq);
ALTER TABLE ratings ADD COLUMN followed_up_at BIGINT, ADD COLUMN followed_up_by TEXT;
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('submission', 'checkin', 'rating', 'ticket_report', 'purge_ack', 'supplement'));
`,
};
