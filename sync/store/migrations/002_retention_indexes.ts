import type { Migration } from './migration';

/**
 * Indexes for the retention sweep and purge orders, which otherwise scan whole tables
 * (a million cached people) on every run.
 */
export const retentionIndexesMigration: Migration = {
  version: 2,
  name: 'retention_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX people_expires ON people (expires_at);
      CREATE INDEX person_materials_expires ON person_materials (expires_at);
      CREATE INDEX person_materials_sha256 ON person_materials (sha256);
      CREATE INDEX submission_materials_sha256 ON submission_materials (sha256);
      CREATE INDEX submissions_id_hash ON submissions (id_hash) WHERE id_hash IS NOT NULL;
      CREATE INDEX submissions_redactable ON submissions (retention_until) WHERE state = 'acknowledged';
      CREATE INDEX outbox_id_hash ON outbox (id_hash) WHERE id_hash IS NOT NULL;
      CREATE INDEX appointments_expires ON appointments (expires_at);
      CREATE INDEX printed_receipts_id_hash ON printed_receipts (id_hash) WHERE id_hash IS NOT NULL;
      CREATE INDEX printed_receipts_expires ON printed_receipts (expires_at);
    `);
  },
};
