import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../../sync/store/errors';
import { migrations } from '../../sync/store/migrations/index';
import { testDraft } from '../support/submission-draft';
import { StoreFixture } from './store-fixture';

describe('migrations', () => {
  let fixture: StoreFixture;
  beforeEach(() => {
    fixture = new StoreFixture();
  });
  afterEach(() => fixture.remove());

  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('migrate a version-1 file forward, keeping its data', async () => {
    const old = fixture.open({ migrations: migrations.slice(0, 1) });
    expect(old.schemaVersion).toBe(1);
    old.people.put('350503195807152528', { name: 'old' }, 3600_000);
    const { outboxSeq } = await old.submissions.commit({
      submission: { id: 's1', draft: testDraft('CASE-0001'), retentionUntilMs: 0 },
      materials: [{ code: 'm', page: 1, bytes: Buffer.from('page'), mime: 'image/png' }],
      outbox: { idempotencyKey: 'k1' },
    });
    const indexesBefore = old.connection
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`)
      .pluck()
      .all();
    expect(indexesBefore).not.toContain('people_expires');
    old.close();

    const db = fixture.open();
    try {
      expect(db.schemaVersion).toBe(migrations.length);
      expect(
        db.connection.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
      ).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
      expect(
        db.connection.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all(),
      ).toContain('people_expires');
      expect(db.people.get('350503195807152528')).toEqual({ name: 'old' });
      expect(db.submissions.get('s1')?.record?.caseNumber).toBe('CASE-0001');
      expect(db.outbox.get(outboxSeq)?.idempotencyKey).toBe('k1');
      const strict = db.connection
        .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%STRICT'`)
        .pluck()
        .get();
      expect(strict).toBe(1); // sqlite_sequence (AUTOINCREMENT bookkeeping) is SQLite's own
    } finally {
      db.close();
    }
  });

  it('refuses a file from a newer build', () => {
    const newer = [...migrations, { version: migrations.length + 1, name: 'future', up: () => undefined }];
    fixture.open({ migrations: newer }).close();
    expect(() => fixture.open()).toThrow(SchemaTooNewError);
  });

  it('sets the pragmas the store relies on', () => {
    const db = fixture.open();
    try {
      expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.connection.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.connection.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.connection.pragma('secure_delete', { simple: true })).toBe(1);
      expect(db.connection.pragma('auto_vacuum', { simple: true })).toBe(2); // INCREMENTAL
      expect(db.connection.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });
});
