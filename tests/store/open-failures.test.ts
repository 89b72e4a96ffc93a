import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileKeyProvider, SafeStorageKeyProvider } from '../../sync/store/crypto/key-provider';
import { KeyUnavailableError, WrongKeyError } from '../../sync/store/errors';
import { testDraft } from '../support/submission-draft';
import { StoreFixture } from './store-fixture';

describe('opening a damaged database or with the wrong key', () => {
  let fixture: StoreFixture;
  beforeEach(() => {
    fixture = new StoreFixture();
  });
  afterEach(() => fixture.remove());

  async function populate(people: number): Promise<string> {
    const db = fixture.open();
    db.people.putMany(
      Array.from({ length: people }, (_, i) => ({
        idNumber: `ID${i}`,
        profile: { n: i, pad: 'x'.repeat(200) },
      })),
      3600_000,
    );
    const { materials } = await db.submissions.commit({
      submission: { id: 's', draft: testDraft('CASE-0001'), retentionUntilMs: 0 },
      materials: [{ code: 'm', page: 1, bytes: randomBytes(1000), mime: 'image/png' }],
      outbox: { idempotencyKey: 'k' },
    });
    db.close();
    return materials[0]!.sha256;
  }

  function expectQuarantinedAndFresh(reason: RegExp): void {
    const db = fixture.open();
    try {
      expect(db.quarantined).not.toBeNull();
      expect(db.quarantined!.reason).toMatch(reason);
      const moved = readdirSync(db.quarantined!.movedTo);
      expect(moved).toEqual(expect.arrayContaining(['kiosk.db', 'materials']));
      expect(readdirSync(join(db.quarantined!.movedTo, 'materials')).length).toBeGreaterThan(0);
      expect(db.people.count()).toBe(0);
      expect(db.auditLog.recent(5).map((e) => e.action)).toContain('store.quarantined');
      db.people.put('ID1', { fresh: true }, 1000);
      expect(db.people.get('ID1')).toEqual({ fresh: true });
    } finally {
      db.close();
    }
    const again = fixture.open();
    expect(again.quarantined).toBeNull();
    again.close();
  }

  it('quarantines a file that is not a database', async () => {
    await populate(10);
    writeFileSync(join(fixture.dir, 'kiosk.db'), randomBytes(64 * 1024));
    expectQuarantinedAndFresh(/SQLITE_NOTADB|not a database|integrity/);
  });

  it('quarantines a truncated file', async () => {
    await populate(3000);
    const path = join(fixture.dir, 'kiosk.db');
    truncateSync(path, Math.floor(readFileSync(path).length / 2));
    expectQuarantinedAndFresh(/SQLITE_CORRUPT|malformed|integrity/);
  });

  it('quarantines a file with a damaged page', async () => {
    await populate(3000);
    const path = join(fixture.dir, 'kiosk.db');
    const bytes = readFileSync(path);
    // Scribble over b-tree pages in the middle of the file (not the header page).
    randomBytes(4096 * 4).copy(bytes, 4096 * Math.floor(bytes.length / 4096 / 2));
    writeFileSync(path, bytes);
    expectQuarantinedAndFresh(/SQLITE_CORRUPT|malformed|integrity/);
  });

  it('throws WrongKeyError for another key file and leaves the database in place', async () => {
    await populate(1);
    const other = join(fixture.root, 'other.key');
    expect(() => fixture.open({ keyProvider: new FileKeyProvider({ path: other }) })).toThrow(
      KeyUnavailableError,
    );
    new FileKeyProvider({ path: other }).wrap(randomBytes(32)); // creates the other key file
    expect(() => fixture.open({ keyProvider: new FileKeyProvider({ path: other }) })).toThrow(WrongKeyError);
    expect(existsSync(join(fixture.dir, 'quarantine'))).toBe(false);
    const db = fixture.open();
    expect(db.quarantined).toBeNull();
    expect(db.people.count()).toBe(1);
    db.close();
  });

  it('throws WrongKeyError when the key store decrypts to a different key, and when the key store differs', async () => {
    const fakeSafeStorage = (secret: string) =>
      new SafeStorageKeyProvider({
        isEncryptionAvailable: () => true,
        encryptString: (s) => Buffer.from(`${secret}:${s}`),
        decryptString: (b) => {
          const [tag, value] = b.toString().split(':');
          // A key store that "decrypts" with the wrong secret returns some other 32-byte key.
          return tag === secret ? value! : randomBytes(32).toString('base64');
        },
      });
    const db = fixture.open({ keyProvider: fakeSafeStorage('machine-a') });
    db.people.put('ID1', { a: 1 }, 1000);
    db.close();
    expect(() => fixture.open({ keyProvider: fakeSafeStorage('machine-b') })).toThrow(WrongKeyError);
    expect(() => fixture.open()).toThrow(/safe-storage/);
    const reopened = fixture.open({ keyProvider: fakeSafeStorage('machine-a') });
    expect(reopened.people.get('ID1')).toEqual({ a: 1 });
    reopened.close();
  });

  it('creates the key file owner-only and refuses a world-readable one', async () => {
    await populate(1);
    const { statSync, chmodSync } = await import('node:fs');
    expect(statSync(fixture.keyPath).mode & 0o777).toBe(0o600);
    chmodSync(fixture.keyPath, 0o644);
    expect(() => fixture.open()).toThrow(KeyUnavailableError);
  });

  it('re-wraps the data key for another provider without touching rows', async () => {
    await populate(1);
    const db = fixture.open();
    const newKey = new FileKeyProvider({ path: join(fixture.root, 'new.key') });
    db.rewrapDataKey(newKey, new FileKeyProvider({ path: fixture.keyPath }));
    db.close();
    expect(() => fixture.open()).toThrow(WrongKeyError);
    const reopened = fixture.open({ keyProvider: newKey });
    expect(reopened.people.get('ID0')).toMatchObject({ n: 0 });
    reopened.close();
  });
});
