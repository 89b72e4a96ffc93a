/**
 * Finding 7: the central stored profiles, form values (raw ID numbers, names) and document images in
 * plaintext, and the wire carried card fields in clear. Now the central seals personal data at rest
 * with envelope encryption under a master key kept outside its data folder, and a kiosk seals form
 * values and profiles for the central's intake key: the applicant travels as keyed hash plus sealed payload.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../../drivers/printer/escpos/gb18030';
import { keyedHashHex } from '../../kernel/keyed-hash';
import { defaultMasterKeyFile } from '../../sync/central/at-rest-cipher';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { SqliteCentralStorage } from '../../sync/central/sqlite/sqlite-central-storage';
import { CentralClient } from '../../sync/client/central-client';
import { kioskSyncPorts } from '../../sync/client/kiosk-store-ports';
import { sampleMaterialBytes, samplePeople } from '../../sync/sample-hall';
import { sampleMaterialSource } from '../../sync/sample-hall/people';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { testDraft } from '../support/submission-draft';
import { openTestStore, tempDir, testDrainer } from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';

const people = samplePeople();
const applicant = people.find((p) => p.profile !== null && p.identity.name.length >= 3)!;

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** Every sample person's name, ID number and address. */
function personalValues(): { label: string; value: string }[] {
  return people.flatMap((person, index) =>
    (['name', 'idNumber', 'address'] as const).flatMap((field) => {
      const value = person.identity[field];
      return value && value.length >= 3 ? [{ label: `person ${index} ${field}`, value }] : [];
    }),
  );
}

/**
 * The text a file would show in each encoding a person's data could be written in: runs of three or
 * more CJK, letters or digits, decoded as UTF-8, UTF-16LE and GB18030. Ciphertext yields few such runs;
 * plain data yields the values whole. Searching the runs instead of the raw bytes keeps 3,000 values
 * times 20 MB fast.
 */
function textRunsOf(bytes: Buffer): Record<string, string> {
  const runs = (text: string) => (text.match(/[\u3400-\u9fff\w]{3,}/gu) ?? []).join('\n');
  return {
    utf8: runs(new TextDecoder('utf-8').decode(bytes)),
    utf16le: runs(bytes.toString('utf16le')) + '\n' + runs(bytes.subarray(1).toString('utf16le')),
    gb18030: runs(new TextDecoder('gb18030').decode(bytes)),
  };
}

/** 32 bytes from the middle of 200 archived documents the store seeded. */
function materialNeedles(): { label: string; bytes: Buffer }[] {
  const seen = new Set<string>();
  return people
    .flatMap((person) =>
      (person.profile?.materials ?? []).flatMap((material) => {
        const source = sampleMaterialSource(material.sha256);
        if (!source || seen.has(material.sha256)) return [];
        seen.add(material.sha256);
        const bytes = sampleMaterialBytes(source.code, source.seed);
        const middle = Math.floor(bytes.byteLength / 2);
        return [
          { label: `material ${material.sha256.slice(0, 8)}`, bytes: bytes.subarray(middle, middle + 32) },
        ];
      }),
    )
    .slice(0, 200);
}

function findIn(dir: string): string[] {
  const values = personalValues();
  const materials = materialNeedles();
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const [encoding, text] of Object.entries(textRunsOf(bytes)))
      for (const { label, value } of values)
        if (text.includes(value)) hits.push(`${label} ${encoding} in ${relative(dir, file)}`);
    for (const needle of materials)
      if (bytes.includes(needle.bytes)) hits.push(`${needle.label} in ${relative(dir, file)}`);
  }
  return hits;
}

describe('finding 7: personal data at the central and on the wire', () => {
  let central: RunningCentralServer;
  let dataDir: string;
  let kiosk: KioskDatabase;
  let client: CentralClient;
  let intakeSealingKey: string;
  let keyedHash: string;
  const deliveryBodies: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir('central-at-rest');
    central = await startCentralServer({ port: 0, dataDir, seed: 'sample' });
    // The test hall's items too (the drafts below file under them).
    await seedCatalogue(central.storage, testCatalogue);
    // The kiosk's client, with every request body it sends recorded (what a proxy on the link would see).
    const recordingFetch: typeof fetch = async (input, init) => {
      if (typeof init?.body === 'string') deliveryBodies.push(init.body);
      return fetch(input, init);
    };
    const anonymous = new CentralClient({ baseUrl: central.url, timeoutMs: 10_000 });
    const enrolment = await anonymous.enrol(await central.createEnrolmentCode(), 'at-rest kiosk', '0.1.0');
    expect(enrolment.intakeSealingKey).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    intakeSealingKey = enrolment.intakeSealingKey!;
    client = new CentralClient({
      baseUrl: central.url,
      credential: enrolment.credential,
      timeoutMs: 10_000,
      fetch: recordingFetch,
    });
    keyedHash = keyedHashHex(Buffer.from(enrolment.hall.lookupKey, 'base64'), applicant.identity.idNumber);
    kiosk = openTestStore(tempDir('kiosk-at-rest'));
  }, 120_000);

  afterAll(async () => {
    kiosk.close();
    await central.close();
  });

  it('a submission crosses the link as keyed hash plus sealed payload, and the central opens it', async () => {
    const caseNumber = 'K001-ATREST-0001';
    const { identity } = applicant;
    await kiosk.submissions.commit({
      submission: {
        id: randomUUID(),
        idNumber: identity.idNumber,
        draft: testDraft(caseNumber, {
          applicant: { keyedHash, priorityReasons: [] },
          formValues: { name: identity.name, idNumber: identity.idNumber, address: identity.address },
          consentToStore: true,
          profile: applicant.profile!,
        }),
        retentionUntilMs: Date.now() + 86_400_000,
      },
      materials: [],
      outbox: { idempotencyKey: randomUUID() },
    });
    expect(await testDrainer(kiosk, client, {}, intakeSealingKey).drainUntilIdle()).toEqual({
      delivered: 1,
      parked: 0,
    });
    const sent = deliveryBodies.filter((body) => body.includes(caseNumber));
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) {
      expect(body).toContain('"sealed"');
      expect(body).toContain(keyedHash);
      expect(body).not.toContain(identity.idNumber);
      expect(body).not.toContain(identity.name);
      expect(body).not.toContain('"formValues"');
    }
    // Opened at the intake: the case exists and the consented profile is the person's store record.
    expect((await central.storage.caseProgress(caseNumber))?.status).toBe('received');
    const record = await central.storage.getStoreRecord(keyedHash);
    expect(record?.profile).toEqual(applicant.profile);
  });

  it('refuses a sealed payload moved into another submission, or altered', async () => {
    const [item] = kioskSyncPorts(kiosk, { intakeSealingKey }).outbox.nextPending(1, Date.now());
    expect(item).toBeUndefined();
    const caseNumber = 'K001-ATREST-0002';
    await kiosk.submissions.commit({
      submission: {
        id: randomUUID(),
        idNumber: null,
        draft: testDraft(caseNumber, { formValues: { note: 'moved' } }),
        retentionUntilMs: Date.now() + 86_400_000,
      },
      materials: [],
      outbox: { idempotencyKey: randomUUID() },
    });
    const [pending] = kioskSyncPorts(kiosk, { intakeSealingKey }).outbox.nextPending(1, Date.now());
    const payload = pending!.payload as Record<string, unknown> & { sealed: { ct: string } };
    const moved = { ...payload, caseNumber: 'K001-ATREST-0003' };
    const ct = Buffer.from(payload.sealed.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    const altered = { ...payload, sealed: { ...payload.sealed, ct: ct.toString('base64') } };
    for (const [label, body] of [
      ['moved', moved],
      ['altered', altered],
    ] as const) {
      const answer = await client.deliverBatch([
        {
          kind: 'submission',
          idempotencyKey: `attack-${label}-${randomUUID()}`,
          kioskSeq: 100,
          payload: body,
        },
      ]);
      expect(answer.results[0]).toMatchObject({ status: 422 });
      expect(JSON.stringify(answer.results[0])).toMatch(/sealed: the sealed payload does not open/);
    }
  });

  it('keeps every name, ID number, address and document image out of the central files; owner-only modes; key outside', async () => {
    await central.close();
    expect(personalValues().length).toBeGreaterThan(2500);
    expect(findIn(dataDir)).toEqual([]);
    // A control: the same search finds the plain bytes when they are there.
    const control = tempDir('central-at-rest-control');
    cpSync(dataDir, control, { recursive: true });
    writeFileSync(join(control, 'plain16.bin'), Buffer.from(`x${applicant.identity.name}。`, 'utf16le'));
    writeFileSync(join(control, 'plain-gb.bin'), Buffer.from(encodeGb18030(`${applicant.identity.address}`)));
    writeFileSync(join(control, 'plain8.bin'), Buffer.from(`\u0000${applicant.identity.idNumber}\u0001`));
    expect(findIn(control).map((hit) => hit.replace(/^person \d+ /, ''))).toEqual(
      expect.arrayContaining([
        'name utf16le in plain16.bin',
        'address gb18030 in plain-gb.bin',
        'idNumber utf8 in plain8.bin',
      ]),
    );

    const keyFile = defaultMasterKeyFile(dataDir);
    expect(relative(dataDir, keyFile).startsWith('..')).toBe(true);
    for (const file of [
      join(dataDir, 'central.sqlite'),
      keyFile,
      join(dirname(keyFile), 'intake-sealing-key.pem'),
    ])
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    // A copy of the data folder alone opens nothing: the master key stayed behind.
    const copy = tempDir('central-at-rest-copy');
    cpSync(dataDir, copy, { recursive: true });
    const stolen = new SqliteCentralStorage(copy);
    try {
      await expect(stolen.getStoreRecord(keyedHash)).rejects.toThrow(/master key this server does not hold/);
    } finally {
      await stolen.close();
    }
    // Refused: a master key inside the data folder.
    expect(() => new SqliteCentralStorage(copy, { masterKeyFile: join(copy, 'keys', 'master-key') })).toThrow(
      /inside the data folder/,
    );
    // Restarted with its own key, the central reads the person again.
    const again = new SqliteCentralStorage(dataDir);
    try {
      expect((await again.getStoreRecord(keyedHash))?.profile).toEqual(applicant.profile);
    } finally {
      await again.close();
    }
  }, 120_000);
});
