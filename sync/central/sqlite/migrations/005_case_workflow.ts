import type { Migration } from '../../../store/migrations/index';

const hex64 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;
const caseStage = `('received', 'accepted', 'supplement_requested', 'supplement_submitted', 'finished', 'rejected')`;
const caseAction = `('accept', 'request_supplement', 'submit_supplement', 'finish', 'reject')`;

/**
 * The window's case workflow: each case's stage (受理 / 补正 / 办结 / 不予受理), every step audited in
 * case_steps (its detail sealed: a result may name people), the supplement as a delivery kind, and
 * the follow-up of a 差评.
 */
export const caseWorkflowMigration: Migration = {
  version: 5,
  name: 'case_workflow',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN stage TEXT NOT NULL DEFAULT 'received' CHECK (stage IN ${caseStage});
      UPDATE cases SET stage = CASE status WHEN 'done' THEN 'finished' WHEN 'rejected' THEN 'rejected'
        WHEN 'in_progress' THEN 'accepted' ELSE 'received' END;
      CREATE TABLE case_steps (step_seq INTEGER PRIMARY KEY AUTOINCREMENT,
        case_number TEXT NOT NULL REFERENCES cases (case_number), at INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ${caseAction}),
        from_stage TEXT NOT NULL CHECK (from_stage IN ${caseStage}),
        to_stage TEXT NOT NULL CHECK (to_stage IN ${caseStage}),
        account_id TEXT REFERENCES staff_accounts (account_id), username TEXT,
        kiosk_id TEXT REFERENCES kiosks (kiosk_id), detail BLOB NOT NULL,
        CHECK ((account_id IS NULL) <> (kiosk_id IS NULL))) STRICT;
      CREATE INDEX case_steps_by_case ON case_steps (case_number, step_seq);

      ALTER TABLE ratings ADD COLUMN followed_up_at INTEGER;
      ALTER TABLE ratings ADD COLUMN followed_up_by TEXT;

      CREATE TABLE deliveries_with_supplements (accept_order INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL, kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
        kind TEXT NOT NULL CHECK (kind IN ('submission', 'checkin', 'rating', 'ticket_report', 'purge_ack', 'supplement')),
        kiosk_seq INTEGER NOT NULL CHECK (kiosk_seq >= 0), request_hash TEXT NOT NULL CHECK (${hex64('request_hash')}),
        status INTEGER NOT NULL CHECK (status BETWEEN 200 AND 599),
        response TEXT NOT NULL CHECK (json_valid(response)), received_at INTEGER NOT NULL,
        UNIQUE (kiosk_id, idempotency_key)) STRICT;
      INSERT INTO deliveries_with_supplements
        (accept_order, idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at)
        SELECT accept_order, idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at
        FROM deliveries;
      DROP TABLE deliveries;
      ALTER TABLE deliveries_with_supplements RENAME TO deliveries;
    `);
  },
};
