import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { RunningCentralServer } from '../../sync/central/server';
import { HostApplicant, until } from '../support/host-applicant';

/**
 * Issue 13 part 4 at one kiosk, with the real encrypted store and the embedded central server: what an
 * applicant typed for a person fact and the pages they photographed for a re-usable document are kept
 * (here and at the central system) when they consent, fill the next item's form and are offered as
 * archived copies in the same session and a later one; one-off papers and the signature never are; and
 * without consent nothing is kept.
 */
let host: Host;
let kiosk: HostApplicant;
let dataDir: string;

function central(): RunningCentralServer {
  return host.context.embeddedCentral as RunningCentralServer;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-write-back-'));
  host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral,
  });
  kiosk = new HostApplicant(host);
  await kiosk.ready();
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** 驾驶证换证: re-usable ID card copy (2 pages), driving licence and photo; a one-off medical check. */
const licenceRenewal = 'cg-jsz-hz';
/** 护照申领: asks for the current address and the same ID card copy and photo. */
const passport = 'crj-hz-sl';
const typedAddress = '福建省南安市柳城街道写回路8号';

describe('write-back with consent (issue 13 part 4)', { timeout: 60_000 }, () => {
  it('keeps a typed fact and the photographed re-usable pages: the next form fills and offers them, here and at the central system', async () => {
    const runtime = kiosk.runtime;
    const person = await kiosk.session('sample-first-time');
    expect(kiosk.localProfile(person.idNumber)).toBeNull();
    const first = await kiosk.apply(person, licenceRenewal, {
      typed: { currentAddress: typedAddress },
      keepInStore: true,
    });
    const captured = first.stored.materials;
    const reusableCodes = new Set(first.asked.filter((m) => m.reusable).map((m) => m.code));
    const oneOff = captured.filter((m) => !reusableCodes.has(m.code));
    // The medical check is this application's paper, and the signature is never a document to re-use.
    expect(oneOff.map((m) => m.code).sort()).toEqual(['MEDICAL_CHECK', 'SIGNATURE']);
    const archivable = captured.filter((m) => reusableCodes.has(m.code));
    expect(archivable.filter((m) => m.code === 'ID_CARD_COPY')).toHaveLength(2);

    // Kept on this kiosk: the profile names every re-usable page by its hash, the files stay.
    const kept = kiosk.localProfile(person.idNumber)!;
    expect(kept.addresses.current).toBe(typedAddress);
    expect(kept.materials.map((m) => m.sha256).sort()).toEqual(archivable.map((m) => m.sha256).sort());
    for (const material of kept.materials) {
      expect(material.sizeBytes).toBeGreaterThan(0);
      expect(material.pages).toBe(material.code === 'ID_CARD_COPY' ? 2 : 1);
    }
    expect(
      runtime.store.personMaterials
        .listForPerson(person.idNumber)
        .map((m) => m.sha256)
        .sort(),
    ).toEqual(archivable.map((m) => m.sha256).sort());
    for (const page of archivable) expect(runtime.store.blobs.has(page.sha256 ?? '')).toBe(true);

    // The same session, another item: the fact fills its form and the copies are offered.
    const next = await kiosk.prepare(person.sessionId, passport);
    expect(next.values.currentAddress).toBe(typedAddress);
    expect(next.provenance.currentAddress).toBe('store');
    const offered = new Map(next.reusableMaterials.map((m) => [m.code, m]));
    expect(offered.get('ID_PHOTO')?.sha256).toBe(archivable.find((m) => m.code === 'ID_PHOTO')!.sha256);
    expect(offered.get('ID_CARD_COPY')?.pages).toBe(2);
    expect(offered.get('ID_PHOTO')?.thumbnailDataUrl).toMatch(/^data:image\/jpeg;base64,/);
    await kiosk.removeCard();

    // The central system keeps the same record, with the files, under the person.
    await kiosk.delivered(first.caseNumber);
    const keyedHash = runtime.store.hashIdNumber(person.idNumber).toString('hex');
    const record = await until('the person’s record at the central system', () =>
      central().storage.getStoreRecord(keyedHash),
    );
    expect(record.profile.addresses.current).toBe(typedAddress);
    expect(record.profile.materials.map((m) => m.sha256).sort()).toEqual(
      archivable.map((m) => m.sha256).sort(),
    );
    expect(record.materials.map((m) => m.sha256).sort()).toEqual(archivable.map((m) => m.sha256).sort());
    for (const page of archivable)
      expect((await central().storage.getMaterial(page.sha256 ?? ''))?.byteLength).toBeGreaterThan(0);

    // A later session: the copies are re-used by reference, both pages of the ID card copy.
    const later = await kiosk.session('sample-first-time');
    const prepared = await kiosk.prepare(later.sessionId, passport);
    expect(prepared.values.currentAddress).toBe(typedAddress);
    const second = await kiosk.apply(later, passport, {
      keepInStore: true,
      reuse: prepared.reusableMaterials,
    });
    const idCopyPages = archivable.filter((m) => m.code === 'ID_CARD_COPY').map((m) => m.sha256);
    const record2 = runtime.store.submissions.storedRecord(second.stored.id) as {
      materials: { materialId: string; sha256: string; reusedFromStore: boolean }[];
    };
    expect(
      record2.materials
        .filter((m) => m.materialId === 'ID_CARD_COPY')
        .map((m) => [m.sha256, m.reusedFromStore]),
    ).toEqual(idCopyPages.map((sha) => [sha, true]));
    await kiosk.removeCard();
  });

  it('keeps nothing without consent, and deletes what this kiosk held (archived copies included)', async () => {
    const runtime = kiosk.runtime;
    const person = await kiosk.session('sample-returning');
    const keyedHash = runtime.store.hashIdNumber(person.idNumber).toString('hex');
    // Consent once: the photographed copies are kept here.
    const consented = await kiosk.apply(person, licenceRenewal, { keepInStore: true });
    expect(runtime.store.personMaterials.listForPerson(person.idNumber).length).toBeGreaterThan(0);
    await kiosk.delivered(consented.caseNumber);
    const before = await central().storage.getStoreRecord(keyedHash);
    expect(before).not.toBeNull();

    // Then withheld: nothing of the person stays on this kiosk, nothing of this case reaches the record.
    const withheld = await kiosk.apply(person, licenceRenewal, {
      typed: { currentAddress: typedAddress },
      keepInStore: false,
    });
    expect(kiosk.localProfile(person.idNumber)).toBeNull();
    expect(runtime.store.personMaterials.listForPerson(person.idNumber)).toEqual([]);
    await kiosk.removeCard();
    await kiosk.delivered(withheld.caseNumber);
    const after = await central().storage.getStoreRecord(keyedHash);
    expect(after?.version).toBe(before!.version);
    expect(after?.profile.addresses.current).not.toBe(typedAddress);
    const captured = new Set(withheld.stored.materials.map((m) => m.sha256));
    expect(after?.materials.some((m) => captured.has(m.sha256))).toBe(false);
  });
  it('a typed ID number (nothing checked) writes nobody’s record, with consent or not', async () => {
    const returning = await kiosk.session('sample-returning');
    const idNumber = returning.idNumber;
    await kiosk.removeCard();
    const keyedHash = kiosk.keyedHashOf(idNumber);
    const before = await central().storage.getStoreRecord(keyedHash);
    const started = await kiosk.call('startManualSession', { idNumber, name: '冒用者' });
    if (!started.ok) throw new Error(started.error.message);
    const applied = await kiosk.apply({ sessionId: started.value.sessionId }, licenceRenewal, {
      // Without a card the form asks what a card would give; a resident's nationality is CHN.
      typed: { currentAddress: typedAddress, nationality: 'CHN' },
      keepInStore: true,
    });
    const record = kiosk.runtime.store.submissions.storedRecord(applied.stored.id) as { profile?: unknown };
    expect(record.profile).toBeUndefined();
    await kiosk.call('endSession', { sessionId: started.value.sessionId, reason: 'home' });
    await kiosk.delivered(applied.caseNumber);
    expect((await central().storage.getStoreRecord(keyedHash))?.version).toBe(before?.version);
  });
});
