import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName, MethodResult } from '../../host/api/contract';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { RunningCentralServer } from '../../sync/central/server';
import type { FormValue } from '../../sync/protocol/forms';
import { materialRequirementsFor } from '../../sync/protocol/item-materials';
import { type Profile, profileSchema } from '../../sync/protocol/profile';

/**
 * Issue 13 part 4 at one kiosk, with the real encrypted store and the embedded central server: what an
 * applicant typed for a person fact and the pages they photographed for a re-usable document are kept
 * (here and at the central system) when they consent, fill the next item's form and are offered as
 * archived copies in the same session and a later one; one-off papers and the signature never are; and
 * without consent nothing is kept.
 */
let host: Host;
let dataDir: string;
let photoNumber = 0;

async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  return (host.api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>)(args);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function sessionWith(cardId: string): Promise<{ sessionId: string; idNumber: string }> {
  expect((await call('demoPlaceCard', { cardId })).ok).toBe(true);
  const started = await until('the card to be read', async () => {
    const result = await call('getSessionState', {});
    return result.ok && result.value.state === 'active' ? result.value : null;
  });
  return { sessionId: started.sessionId, idNumber: started.identity.idNumber };
}

async function removeCard(): Promise<void> {
  await call('demoRemoveCard', {});
  await until('the session to end', () => !host.sessionActive());
}

type Prepared = Extract<MethodResult<'prepareApplication'>, { ok: true }>['value'];

async function prepare(sessionId: string, itemId: string): Promise<Prepared> {
  const prepared = await call('prepareApplication', { sessionId, itemId });
  if (!prepared.ok) throw new Error(prepared.error.message);
  return prepared.value;
}

/** What the applicant would answer for fields neither the card nor the store filled. */
function completeMissing(prepared: Prepared, today: string): Record<string, FormValue> {
  const values: Record<string, FormValue> = { ...prepared.values };
  const fields = prepared.form?.sections.flatMap((section) => section.fields) ?? [];
  for (const id of prepared.missingFields) {
    const field = fields.find((f) => f.id === id);
    if (!field) continue;
    if (field.type === 'checkbox') values[id] = true;
    else if (field.type === 'choice') values[id] = field.options[0]!.value;
    else if (field.type === 'multiChoice') values[id] = [field.options[0]!.value];
    else if (field.type === 'date') values[id] = today;
    else if (field.type === 'number') values[id] = field.validation?.min ?? 1;
    else if (field.type === 'phone') values[id] = '13800138000';
    else if (field.type === 'email') values[id] = 'applicant@example.cn';
    else if (field.type === 'text' || field.type === 'textarea' || field.type === 'address')
      values[id] = '福建省南安市溪美街道';
  }
  return values;
}

/** A different photo each time, so every page has its own content hash. */
async function photo(): Promise<string> {
  photoNumber++;
  const bytes = await sharp({
    create: { width: 320, height: 440, channels: 3, background: { r: 240, g: photoNumber * 7, b: 200 } },
  })
    .jpeg()
    .toBuffer();
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}

const signature =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type Given = { code: string; archivedSha256: string | null; pageIds: string[] };

/**
 * Answers and submits one item: every required document photographed (as many pages as it has), unless
 * `reuse` names archived copies to use instead.
 */
async function apply(
  session: { sessionId: string },
  itemId: string,
  options: { typed?: Record<string, FormValue>; keepInStore: boolean; reuse?: Prepared['reusableMaterials'] },
) {
  const today = host.context.clock.today();
  const prepared = await prepare(session.sessionId, itemId);
  const values = { ...completeMissing(prepared, today), ...options.typed };
  const catalogue = await call('getCatalogue', {});
  if (!catalogue.ok) throw new Error('no catalogue');
  const item = catalogue.value.items.find((i) => i.id === itemId)!;
  const asked = materialRequirementsFor(item.materials, prepared.form, values, prepared.card);
  const materials: Given[] = [];
  for (const requirement of asked.filter((m) => m.required)) {
    const copy = options.reuse?.find((m) => m.code === requirement.code);
    if (copy) {
      materials.push({ code: requirement.code, archivedSha256: copy.sha256, pageIds: [] });
      continue;
    }
    const pageIds: string[] = [];
    for (let page = 0; page < Math.min(requirement.pages, 2); page++) {
      const taken = await call('addCameraPage', {
        sessionId: session.sessionId,
        materialCode: requirement.code,
        imageDataUrl: await photo(),
      });
      if (!taken.ok) throw new Error(taken.error.message);
      pageIds.push(taken.value.pageId);
    }
    materials.push({ code: requirement.code, archivedSha256: null, pageIds });
  }
  const submitted = await call('submitApplication', {
    sessionId: session.sessionId,
    itemId,
    values,
    materials,
    keepInStore: options.keepInStore,
    signatureDataUrl: signature,
    priority: { disabled: false, veteran: false, pregnant: false },
    proceedWithoutReceipt: true,
    language: 'zh-Hans',
  });
  if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
  const runtime = host.context.runtime()!;
  const stored = runtime.store.submissions.get(
    runtime.store.submissions.findByCaseNumber(submitted.value.caseNumber)!.id,
  )!;
  return { caseNumber: submitted.value.caseNumber, stored, asked };
}

function localProfile(idNumber: string): Profile | null {
  const cached = host.context.runtime()!.store.people.get(idNumber);
  return cached === null ? null : profileSchema.parse(cached);
}

function central(): RunningCentralServer {
  return host.context.embeddedCentral as RunningCentralServer;
}

/** The central system acknowledged the case (the outbox drains in the background). */
async function delivered(caseNumber: string): Promise<void> {
  const submissions = host.context.runtime()!.store.submissions;
  await until('the case to reach the central system', () => {
    const stored = submissions.get(submissions.findByCaseNumber(caseNumber)!.id);
    return stored?.acknowledgedAtMs !== null;
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-write-back-'));
  host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral,
  });
  await until('the catalogue to arrive', async () => (await call('getCatalogue', {})).ok);
  const runtime = host.context.runtime()!;
  const today = host.context.clock.today();
  await until('ticket numbers for every queue', () =>
    runtime.store.catalogue
      .list('queue')
      .every((queue) => runtime.store.ticketBlocks.remaining(queue.id, today) > 0),
  );
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
    const runtime = host.context.runtime()!;
    const person = await sessionWith('sample-first-time');
    expect(localProfile(person.idNumber)).toBeNull();
    const first = await apply(person, licenceRenewal, {
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
    const kept = localProfile(person.idNumber)!;
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
    const next = await prepare(person.sessionId, passport);
    expect(next.values.currentAddress).toBe(typedAddress);
    expect(next.provenance.currentAddress).toBe('store');
    const offered = new Map(next.reusableMaterials.map((m) => [m.code, m]));
    expect(offered.get('ID_PHOTO')?.sha256).toBe(archivable.find((m) => m.code === 'ID_PHOTO')!.sha256);
    expect(offered.get('ID_CARD_COPY')?.pages).toBe(2);
    expect(offered.get('ID_PHOTO')?.thumbnailDataUrl).toMatch(/^data:image\/jpeg;base64,/);
    await removeCard();

    // The central system keeps the same record, with the files, under the person.
    await delivered(first.caseNumber);
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
    const later = await sessionWith('sample-first-time');
    const prepared = await prepare(later.sessionId, passport);
    expect(prepared.values.currentAddress).toBe(typedAddress);
    const second = await apply(later, passport, { keepInStore: true, reuse: prepared.reusableMaterials });
    const idCopyPages = archivable.filter((m) => m.code === 'ID_CARD_COPY').map((m) => m.sha256);
    const record2 = runtime.store.submissions.storedRecord(second.stored.id) as {
      materials: { materialId: string; sha256: string; reusedFromStore: boolean }[];
    };
    expect(
      record2.materials
        .filter((m) => m.materialId === 'ID_CARD_COPY')
        .map((m) => [m.sha256, m.reusedFromStore]),
    ).toEqual(idCopyPages.map((sha) => [sha, true]));
    await removeCard();
  });

  it('keeps nothing without consent, and deletes what this kiosk held (archived copies included)', async () => {
    const runtime = host.context.runtime()!;
    const person = await sessionWith('sample-returning');
    const keyedHash = runtime.store.hashIdNumber(person.idNumber).toString('hex');
    // Consent once: the photographed copies are kept here.
    const consented = await apply(person, licenceRenewal, { keepInStore: true });
    expect(runtime.store.personMaterials.listForPerson(person.idNumber).length).toBeGreaterThan(0);
    await delivered(consented.caseNumber);
    const before = await central().storage.getStoreRecord(keyedHash);
    expect(before).not.toBeNull();

    // Then withheld: nothing of the person stays on this kiosk, nothing of this case reaches the record.
    const withheld = await apply(person, licenceRenewal, {
      typed: { currentAddress: typedAddress },
      keepInStore: false,
    });
    expect(localProfile(person.idNumber)).toBeNull();
    expect(runtime.store.personMaterials.listForPerson(person.idNumber)).toEqual([]);
    await removeCard();
    await delivered(withheld.caseNumber);
    const after = await central().storage.getStoreRecord(keyedHash);
    expect(after?.version).toBe(before!.version);
    expect(after?.profile.addresses.current).not.toBe(typedAddress);
    const captured = new Set(withheld.stored.materials.map((m) => m.sha256));
    expect(after?.materials.some((m) => captured.has(m.sha256))).toBe(false);
  });
});
