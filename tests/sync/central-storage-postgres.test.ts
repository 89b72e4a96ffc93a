/**
 * What only the PostgreSQL storage must guarantee: several handles (several central processes' pools)
 * on one database at once — blocks that never overlap, a delivery applied once, a ticket called at one
 * window only, migrations applied once — and personal data stored only sealed.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelopeCipher } from '../../sync/central/at-rest-cipher';
import { canonicalJson } from '../../sync/central/hall-rules';
import { postgresMigrations } from '../../sync/central/postgres/migrations/index';
import { PostgresCentralStorage } from '../../sync/central/postgres/postgres-central-storage';
import { seedCatalogue } from '../../sync/central/seed';
import type { CentralStorage, ValidatedDelivery } from '../../sync/central/storage';
import type { DeliveryKind, SubmissionPayload } from '../../sync/protocol/central-api';
import { emptyProfile, withProfileField } from '../../sync/protocol/profile';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres';
import { keyedHashOf } from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const serviceDate = '2026-03-02';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function delivery(kind: DeliveryKind, idempotencyKey: string, payload: unknown): ValidatedDelivery {
  return {
    kind,
    idempotencyKey,
    kioskSeq: 1,
    payload,
    requestHash: sha256(Buffer.from(canonicalJson({ kind, payload }))),
  };
}

async function enrol(storage: CentralStorage, n: number): Promise<{ kioskId: string; kioskCode: string }> {
  const codeHash = sha256(Buffer.from(`code-${n}`));
  await storage.createEnrolmentCode(codeHash, 10_000);
  const enrolled = await storage.enrolKiosk({
    kioskId: `kiosk-${n}`,
    name: `kiosk ${n}`,
    codeHash,
    requestId: `request-${n}`,
    publicKey: `key-${n}`,
    credentialHashOf: () => sha256(Buffer.from(`credential-${n}`)),
    appVersion: '0.1.0',
    nowMs: 1,
  });
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  return enrolled.value;
}

function submission(
  kioskCode: string,
  suffix: string,
  extra: Partial<SubmissionPayload> = {},
): SubmissionPayload {
  return {
    caseNumber: `20260302-${kioskCode}-${suffix}`,
    itemId: 'business-licence',
    departmentId: 'market',
    queueId: 'market-general',
    ticket: null,
    applicant: { keyedHash: keyedHashOf(`applicant-${suffix}`), priorityReasons: [] },
    formValues: {},
    materials: [],
    consentToStore: false,
    submittedAtMs: 1,
    ...extra,
  };
}

const unavailable = postgresUnavailable();

describe.skipIf(unavailable !== null)('PostgresCentralStorage', () => {
  let cluster: TestPostgres;
  const cipher = createEnvelopeCipher(randomBytes(32));

  beforeAll(async () => {
    cluster = await startTestPostgres();
  });
  afterAll(() => cluster?.stop());

  /** Two handles on one fresh database, as two central processes would have. */
  async function twoHandles(): Promise<{
    url: string;
    a: PostgresCentralStorage;
    b: PostgresCentralStorage;
  }> {
    const url = await cluster.newDatabase();
    // Opened at once: both try to migrate; the advisory lock lets one do it.
    const [a, b] = await Promise.all([
      PostgresCentralStorage.open(url, { cipher, poolSize: 5 }),
      PostgresCentralStorage.open(url, { cipher, poolSize: 5 }),
    ]);
    await seedCatalogue(a, testCatalogue);
    return { url, a, b };
  }

  it('two handles opened at once apply the migrations once', async () => {
    const { url, a, b } = await twoHandles();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = (await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
    await client.end();
    expect(rows).toEqual(postgresMigrations.map((m) => ({ version: m.version })));
    expect(rows).toHaveLength(3);
    await Promise.all([a.close(), b.close()]);
  });

  it('blocks leased through two handles at once never overlap', async () => {
    const { a, b } = await twoHandles();
    const { kioskId } = await enrol(a, 1);
    const leases = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).leaseTicketBlock(
          kioskId,
          { leaseKey: `lease-${i}`, queueId: 'market-general', serviceDate, size: 5 },
          i,
        ),
      ),
    );
    const numbers = leases.flatMap((l) => {
      if (!l.ok) throw new Error(l.error.message);
      return Array.from({ length: l.value.last - l.value.first + 1 }, (_, k) => l.value.first + k);
    });
    expect(numbers.sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, k) => k + 1));
    // The same lease key through both handles at once: one block.
    const same = await Promise.all(
      [a, b].map((s) =>
        s.leaseTicketBlock(
          kioskId,
          { leaseKey: 'shared-key', queueId: 'market-general', serviceDate, size: 5 },
          99,
        ),
      ),
    );
    expect(same[0]).toEqual(same[1]);
    expect(same[0]).toMatchObject({ ok: true, value: { first: 201 } });
    await Promise.all([a.close(), b.close()]);
  });

  it('the same deliveries through two handles at once are applied once, each answered with the same text', async () => {
    const { a, b } = await twoHandles();
    const { kioskId, kioskCode } = await enrol(a, 1);
    const items = Array.from({ length: 12 }, (_, i) =>
      delivery('submission', `key-${i}`, submission(kioskCode, `CASE${i}`)),
    );
    const [fromA, fromB] = await Promise.all([
      Promise.all(items.map((item) => a.deliver(kioskId, [item], 10))),
      Promise.all(items.map((item) => b.deliver(kioskId, [item], 10))),
    ]);
    expect(fromA.flat().map((o) => o.status)).toEqual(items.map(() => 200));
    expect(fromB).toEqual(fromA);
    expect(await a.acceptedDeliveries()).toHaveLength(12);
    const displays = fromA.flat().map((o) => JSON.parse(o.responseJson).ticket.display as string);
    expect(new Set(displays).size).toBe(12);
    await Promise.all([a.close(), b.close()]);
  });

  it('two windows calling through two handles never call the same ticket', async () => {
    const { a, b } = await twoHandles();
    const { kioskId, kioskCode } = await enrol(a, 1);
    for (let i = 0; i < 10; i++) {
      const payload = submission(kioskCode, `CALL${i}`, { ticket: null });
      const [outcome] = await a.deliver(
        kioskId,
        [delivery('submission', `call-${i}`, { ...payload })],
        10 + i,
      );
      expect(outcome!.status).toBe(200);
    }
    // Numbered by the central at nowMs 10..19: the hall's day then.
    const today = '1970-01-01';
    const called: string[] = [];
    for (let round = 0; round < 5; round++) {
      const [w1, w2] = await Promise.all([
        a.callNext('w1', today, 100 + round),
        b.callNext('w2', today, 100 + round),
      ]);
      for (const c of [w1, w2]) if (c.ok && c.value) called.push(c.value.display);
    }
    expect(called).toHaveLength(10);
    expect(new Set(called).size).toBe(10);
    await Promise.all([a.close(), b.close()]);
  });

  it('one enrolment request through two handles at once makes one kiosk', async () => {
    const { a, b } = await twoHandles();
    const codeHash = sha256(Buffer.from('shared-code'));
    await a.createEnrolmentCode(codeHash, 10_000);
    const attempt = {
      kioskId: 'kiosk-x',
      name: 'x',
      codeHash,
      requestId: 'shared-request',
      publicKey: 'key-x',
      credentialHashOf: () => sha256(Buffer.from('credential-x')),
      appVersion: '0.1.0',
      nowMs: 1,
    };
    const [first, second] = await Promise.all([a.enrolKiosk(attempt), b.enrolKiosk(attempt)]);
    expect(first.ok && second.ok).toBe(true);
    expect(first.ok && first.value.kioskCode).toBe(second.ok && second.value.kioskCode);
    expect([first.ok && first.value.repeat, second.ok && second.value.repeat].sort()).toEqual([false, true]);
    expect((await enrol(a, 2)).kioskCode).toBe('K002');
    await Promise.all([a.close(), b.close()]);
  });

  it('stores profiles, case payloads, payout proposals and material bytes only sealed; a moved value does not open', async () => {
    const { url, a, b } = await twoHandles();
    const { kioskId, kioskCode } = await enrol(a, 1);
    const marker = '王小明-110101199003070011';
    const page = Buffer.from(`scan of ${marker}`);
    await a.putMaterials([{ sha256: sha256(page), bytes: page }], 1);
    const person = keyedHashOf('sealed-person');
    const profile = withProfileField(
      emptyProfile(
        { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' },
        '2026-03-01T09:00:00+08:00',
      ),
      'phone',
      '13912345678',
    );
    await a.putStoreRecord({
      keyedHash: person,
      profile: withProfileField(profile, 'phone', null),
      materials: [],
      updatedAtMs: 1,
    });
    const payload = submission(kioskCode, 'SEALED1', {
      applicant: { keyedHash: person, priorityReasons: [] },
      formValues: { name: marker },
      consentToStore: true,
      profile,
      materials: [
        {
          materialId: 'id-card',
          page: 1,
          sha256: sha256(page),
          mediaType: 'text/plain',
          size: page.length,
          reusedFromStore: false,
        },
      ],
    });
    expect((await a.deliver(kioskId, [delivery('submission', 'sealed-key', payload)], 5))[0]!.status).toBe(
      200,
    );
    expect(await b.getMaterial(sha256(page))).toEqual(page);
    expect(await b.payoutReviews('pending')).toMatchObject([{ proposed: { phone: '13912345678' } }]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const dump = (
      await client.query<{ v: Buffer }>(
        `SELECT record AS v FROM store_records UNION ALL SELECT record FROM store_record_versions
         UNION ALL SELECT payload FROM cases UNION ALL SELECT bytes FROM materials UNION ALL SELECT proposed FROM payout_reviews`,
      )
    ).rows;
    expect(dump.length).toBeGreaterThanOrEqual(6);
    const all = Buffer.concat(dump.map((r) => r.v));
    for (const secret of ['110101199003070011', '13912345678', '王小明', 'scan of']) {
      expect(all.includes(Buffer.from(secret))).toBe(false);
    }
    // A sealed record copied onto another version's row (or person's) does not open there.
    await client.query(
      `UPDATE store_records SET record = (SELECT record FROM store_record_versions WHERE keyed_hash = $1 AND version = 1)
       WHERE keyed_hash = $1`,
      [person],
    );
    await client.end();
    const read = a.getStoreRecord(person);
    await expect(read).rejects.toThrow(/does not open/);
    await expect(read).rejects.not.toThrow(/王小明|13912345678/);
    await Promise.all([a.close(), b.close()]);
  });
});
