import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDraft } from '../support/submission-draft';
import { StoreFixture } from './store-fixture';

const person = {
  name: '林秀英',
  latinName: 'LIN XIUYING',
  idNumber: '350503195807152528',
  address: '福建省泉州市丰泽区东湖街道刺桐路88号',
  phone: '13905951234',
};

function needles(): { label: string; bytes: Buffer }[] {
  return Object.entries(person).flatMap(([field, value]) => [
    { label: `${field} utf8`, bytes: Buffer.from(value, 'utf8') },
    { label: `${field} utf16le`, bytes: Buffer.from(value, 'utf16le') },
  ]);
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

function findPlaintext(dir: string): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const n of needles()) if (bytes.includes(n.bytes)) hits.push(`${n.label} in ${file}`);
  }
  return hits;
}

describe('encryption at rest', () => {
  const fixture = new StoreFixture();
  afterAll(() => fixture.remove());

  it('keeps name, ID number, address and phone out of the db, the -wal and the materials, in UTF-8 and UTF-16', async () => {
    const db = fixture.open();
    const profile = { ...person, company: { name: '泉州刺桐贸易有限公司' } };
    db.people.put(person.idNumber, profile, 3600_000);
    // A "scan" whose bytes contain the personal text in both encodings.
    const scan = Buffer.concat([
      Buffer.from(JSON.stringify(person), 'utf8'),
      Buffer.from(JSON.stringify(person), 'utf16le'),
    ]);
    await db.personMaterials.archive({
      idNumber: person.idNumber,
      materialCode: 'household-register',
      pages: [{ bytes: scan, mime: 'image/jpeg' }],
      consent: 'consent-v1',
      ttlMs: 3600_000,
    });
    db.ticketBlocks.addBlock({
      blockId: 'b',
      queueId: 'q',
      prefix: 'A',
      serviceDate: '2026-03-02',
      first: 1,
      last: 9,
    });
    await db.submissions.commit({
      submission: {
        id: 's1',
        idNumber: person.idNumber,
        draft: testDraft('QZ-2026-000001', { itemId: 'residence-permit', queueId: 'q', formValues: person }),
        retentionUntilMs: fixture.now + 3600_000,
      },
      materials: [{ code: 'photo', page: 1, bytes: scan, mime: 'image/jpeg' }],
      outbox: { idempotencyKey: 'sub-s1' },
      ticket: { queueId: 'q', serviceDate: '2026-03-02' },
    });
    db.appointments.upsert({
      id: 'ap1',
      idNumber: person.idNumber,
      serviceDate: '2026-03-02',
      startsAtMs: fixture.now,
      itemId: 'residence-permit',
      queueId: 'q',
      personal: { name: person.name, phone: person.phone },
      expiresAtMs: fixture.now + 3600_000,
    });
    db.printedReceipts.record({
      id: 'r1',
      submissionId: 's1',
      idNumber: person.idNumber,
      receipt: { name: person.name, address: person.address },
      status: 'printed',
      expiresAtMs: fixture.now + 3600_000,
    });

    // While open: the data sits in kiosk.db-wal.
    expect(existsSync(join(fixture.dir, 'kiosk.db-wal'))).toBe(true);
    expect(statSync(join(fixture.dir, 'kiosk.db-wal')).size).toBeGreaterThan(0);
    expect(findPlaintext(fixture.dir)).toEqual([]);

    // Everything still reads back through the store.
    expect(db.people.get(person.idNumber)).toEqual(profile);
    expect(db.people.get(` ${person.idNumber.toLowerCase()} `)).toEqual(profile);
    expect(db.submissions.get('s1')?.record?.formValues).toEqual(person);
    expect(db.appointments.listForPerson(person.idNumber, '2026-03-02')[0]?.personal).toEqual({
      name: person.name,
      phone: person.phone,
    });
    expect(db.printedReceipts.get('r1')).toEqual({ name: person.name, address: person.address });
    const [archived] = db.personMaterials.listForPerson(person.idNumber);
    expect(db.blobs.read(archived!.sha256).equals(scan)).toBe(true);

    // After close: checkpointed into kiosk.db.
    db.close();
    expect(findPlaintext(fixture.dir)).toEqual([]);
    expect(findPlaintext(fixture.root).filter((hit) => !hit.endsWith('kiosk.key'))).toEqual([]);
  });

  it('finds the text when it is there (control for the search above)', () => {
    const control = new StoreFixture();
    try {
      mkdirSync(control.dir, { recursive: true });
      writeFileSync(join(control.dir, 'plain.bin'), Buffer.from(`x${person.address}y`, 'utf16le'));
      expect(findPlaintext(control.dir)).toEqual([`address utf16le in ${join(control.dir, 'plain.bin')}`]);
    } finally {
      control.remove();
    }
  });

  it('refuses a sealed value moved to another row (bound to its context)', () => {
    const db = fixture.open();
    try {
      db.people.put('110101199003077777', { name: 'A' }, 3600_000);
      db.people.put('110101199003078999', { name: 'B' }, 3600_000);
      const a = db.hashIdNumber('110101199003077777');
      const b = db.hashIdNumber('110101199003078999');
      db.connection
        .prepare(
          'UPDATE people SET profile = (SELECT profile FROM people WHERE id_hash = ?) WHERE id_hash = ?',
        )
        .run(a, b);
      expect(() => db.people.get('110101199003078999')).toThrow(
        expect.objectContaining({ code: 'wrong_key' }),
      );
    } finally {
      db.close();
    }
  });
});
