import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName, MethodResult } from '../../host/api/contract';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { renderLicencePage } from '../../host/services/licences/licence-page';
import { hallSettingsKey } from '../../host/services/technician/hall-settings';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { RunningCentralServer } from '../../sync/central/server';
import type { LicenceOf } from '../../sync/protocol/electronic-licences';
import { type FormValue, validateFormValues } from '../../sync/protocol/forms';
import { materialRequirementsFor } from '../../sync/protocol/item-materials';
import { profileSchema } from '../../sync/protocol/profile';
import { sampleCreditCode, sampleIdNumber } from '../../sync/sample-hall/people';
import { SeededRandom } from '../../sync/sample-hall/random';

/**
 * The applicant journey through the host API with every real part behind it: the simulated reader on
 * a PTY pair, the embedded reference central server seeded with the sample hall, the encrypted store,
 * the outbox drainer and the ESC/POS printer emulator.
 */
let host: Host;
let dataDir: string;
let pagePhoto: string;
const seenPeople: { name: string; idNumber: string; address: string | null }[] = [];

async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  return (host.api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>)(args);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined> | T | null | undefined,
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

async function sessionWith(
  cardId: string,
): Promise<{ sessionId: string; name: string; idNumber: string; address: string | null }> {
  const placed = await call('demoPlaceCard', { cardId });
  expect(placed.ok).toBe(true);
  const started = await until('the card to be read', async () => {
    const result = await call('getSessionState', {});
    return result.ok && result.value.state === 'active' ? result.value : null;
  });
  const person = {
    sessionId: started.sessionId,
    name: started.identity.name,
    idNumber: started.identity.idNumber,
    address: started.identity.address,
  };
  seenPeople.push(person);
  return person;
}

async function removeCard(): Promise<void> {
  await call('demoRemoveCard', {});
  await until('the session to end', () => !host.sessionActive());
}

type Prepared = Extract<MethodResult<'prepareApplication'>, { ok: true }>['value'];

/** What the applicant would type for fields neither the card nor the store could fill. */
function completeMissing(prepared: Prepared, today: string): Record<string, FormValue> {
  const values: Record<string, FormValue> = { ...prepared.values };
  const fields = prepared.form?.sections.flatMap((section) => section.fields) ?? [];
  for (const id of prepared.missingFields) {
    const field = fields.find((f) => f.id === id);
    if (!field) continue;
    switch (field.type) {
      case 'checkbox':
        values[id] = true;
        break;
      case 'choice':
        values[id] = field.options[0]!.value;
        break;
      case 'multiChoice':
        values[id] = [field.options[0]!.value];
        break;
      case 'date':
        values[id] = today;
        break;
      case 'number':
        values[id] = field.validation?.min ?? 1;
        break;
      case 'phone':
        values[id] = '13800138000';
        break;
      case 'email':
        values[id] = 'applicant@example.cn';
        break;
      case 'text':
      case 'textarea':
      case 'address':
        values[id] = '福建省南安市溪美街道';
        break;
      default:
        break;
    }
  }
  return values;
}

const signature =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-journey-'));
  host = await createHost({
    // These journeys end a session by taking the card away: the hall policy under which that ends it.
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral,
  });
  pagePhoto = `data:image/jpeg;base64,${(
    await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#f4f1e8' } })
      .jpeg()
      .toBuffer()
  ).toString('base64')}`;
  await until('the catalogue to arrive', async () => (await call('getCatalogue', {})).ok);
  // Numbers are leased in the background once the catalogue is here; a submission never leases them.
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

describe('the applicant journey through the host', () => {
  it('serves the sample hall catalogue from the local store', async () => {
    const catalogue = await call('getCatalogue', {});
    if (!catalogue.ok) throw new Error(catalogue.error.message);
    expect(catalogue.value.departments.length).toBeGreaterThanOrEqual(30);
    expect(catalogue.value.items.length).toBeGreaterThanOrEqual(150);
  });

  it('offers only the items the hall chose for this kiosk', async () => {
    const all = await call('getCatalogue', {});
    if (!all.ok) throw new Error('no catalogue');
    const chosen = all.value.items.slice(0, 3).map((item) => item.id);
    const settings = host.context.runtime()!.store.settings;
    settings.set(hallSettingsKey, { itemsOffered: chosen });
    try {
      const offered = await call('getCatalogue', {});
      if (!offered.ok) throw new Error('no catalogue');
      expect(offered.value.items.map((item) => item.id).sort()).toEqual([...chosen].sort());
      for (const event of offered.value.lifeEvents)
        expect(event.itemIds.every((id) => chosen.includes(id))).toBe(true);
    } finally {
      settings.set(hallSettingsKey, {});
    }
    const restored = await call('getCatalogue', {});
    expect(restored.ok && restored.value.items.length).toBe(all.value.items.length);
  });

  it('fills a returning applicant’s form from the card and the form-free store, submits, routes, tickets and prints', async () => {
    const person = await sessionWith('sample-returning');
    const catalogue = await call('getCatalogue', {});
    if (!catalogue.ok) throw new Error('no catalogue');
    const today = new Date().toISOString().slice(0, 10);
    let chosen: { itemId: string; values: Record<string, FormValue>; prepared: Prepared } | null = null;
    for (const item of catalogue.value.items.filter((i) => i.common && i.formId)) {
      const result = await call('prepareApplication', { sessionId: person.sessionId, itemId: item.id });
      if (!result.ok) throw new Error(result.error.message);
      const provenances = Object.values(result.value.provenance);
      if (!provenances.includes('previous') && !provenances.includes('store')) continue;
      expect(provenances).toContain('card');
      const values = completeMissing(result.value, today);
      if (result.value.form && validateFormValues(result.value.form, values, { today }).ok) {
        chosen = { itemId: item.id, values, prepared: result.value };
        break;
      }
    }
    expect(chosen, 'a common item this person applied for before').not.toBeNull();
    const { itemId, values, prepared } = chosen!;
    expect(Object.values(prepared.values)).toContain(person.name);
    const item = catalogue.value.items.find((i) => i.id === itemId)!;

    // Materials: archived copies where the store has them, otherwise a page from the camera.
    const materials = [];
    for (const requirement of item.materials) {
      const archived = prepared.reusableMaterials.find((m) => m.code === requirement.code);
      if (archived) {
        materials.push({ code: requirement.code, archivedSha256: archived.sha256, pageIds: [] });
      } else if (requirement.required) {
        const page = await call('addCameraPage', {
          sessionId: person.sessionId,
          materialCode: requirement.code,
          imageDataUrl: pagePhoto,
        });
        if (!page.ok) throw new Error(page.error.message);
        materials.push({ code: requirement.code, archivedSha256: null, pageIds: [page.value.pageId] });
      }
    }
    const submitted = await call('submitApplication', {
      sessionId: person.sessionId,
      itemId,
      values,
      materials,
      keepInStore: true,
      signatureDataUrl: signature,
      priority: { disabled: false, veteran: false, pregnant: false },
      proceedWithoutReceipt: false,
      language: 'zh-Hans',
    });
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
    expect(submitted.value.ticket.number).toMatch(/^[A-Z]{1,2}\d{3,}$/);
    expect(submitted.value.ticket.windowNumbers.length).toBeGreaterThan(0);
    expect(submitted.value.receipt).toEqual({ printed: true });

    // The central system receives it exactly once (the drainer runs in the background).
    const central = host.context.embeddedCentral as RunningCentralServer;
    await until('the submission to reach the central system', async () => {
      const delivered = await central.storage.acceptedDeliveries();
      return delivered.some((d) => d.kind === 'submission');
    });
    expect((await central.storage.acceptedDeliveries()).filter((d) => d.kind === 'submission')).toHaveLength(
      1,
    );
    expect(host.context.runtime()!.syncStatus()).toMatchObject({ backlog: 0, parked: 0 });
    const progress = await call('queryProgress', { caseNumber: submitted.value.caseNumber });
    expect(progress.ok && progress.value.cases[0]?.status).toBe('received');
    // The receipt's progress address is one the central serves, to anyone, with the status only.
    const printed = await fetch(submitted.value.progressUrl);
    expect(printed.status).toBe(200);
    expect(await printed.json()).toEqual({
      caseNumber: submitted.value.caseNumber,
      status: 'received',
      updatedAtMs: expect.any(Number),
    });
    await removeCard();
  });

  it('tells the applicant before confirming when the printer is out of paper, and stores nothing until told to go on', async () => {
    const emulator = host.context.printer.simulator!.emulator;
    const person = await sessionWith('sample-first-time');
    const runtime = host.context.runtime()!;
    const catalogue = await call('getCatalogue', {});
    if (!catalogue.ok) throw new Error('no catalogue');
    const item = catalogue.value.items.find((i) => !i.formId) ?? null;
    expect(item, 'an item without a form').not.toBeNull();
    const materials = [];
    for (const requirement of item!.materials.filter((m) => m.required)) {
      const page = await call('addCameraPage', {
        sessionId: person.sessionId,
        materialCode: requirement.code,
        imageDataUrl: pagePhoto,
      });
      if (!page.ok) throw new Error(page.error.message);
      materials.push({ code: requirement.code, archivedSha256: null, pageIds: [page.value.pageId] });
    }
    const before =
      runtime.store.outbox.stats(Date.now()).backlog +
      (await (host.context.embeddedCentral as RunningCentralServer).storage.acceptedDeliveries()).length;
    emulator.setPaper('out');
    await until('the printer to report no paper', async () => {
      const status = await call('getPrinterStatus', {});
      return status.ok && !status.value.ready && status.value.state === 'out_of_paper';
    });
    const args = {
      sessionId: person.sessionId,
      itemId: item!.id,
      values: {},
      materials,
      keepInStore: false,
      signatureDataUrl: signature,
      priority: { disabled: false, veteran: false, pregnant: false },
      proceedWithoutReceipt: false,
      language: 'en' as const,
    };
    const refused = await call('submitApplication', args);
    expect(refused).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });
    expect(
      runtime.store.outbox.stats(Date.now()).backlog +
        (await (host.context.embeddedCentral as RunningCentralServer).storage.acceptedDeliveries()).length,
    ).toBe(before);

    const accepted = await call('submitApplication', { ...args, proceedWithoutReceipt: true });
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(accepted.value.receipt).toEqual({ printed: false, problem: 'out_of_paper' });
    expect(accepted.value.ticket.number.length).toBeGreaterThan(1);
    emulator.loadPaper();
    await removeCard();
  });

  it('checks in today’s appointment with a priority ticket that reaches the central system', async () => {
    const person = await sessionWith('sample-elderly');
    const listed = await until('the appointment to be pulled', async () => {
      const result = await call('listAppointments', { sessionId: person.sessionId });
      return result.ok && result.value.appointments.length > 0 ? result.value.appointments : null;
    });
    expect(listed[0]!.checkedIn).toBe(false);
    const checkedIn = await call('checkInAppointment', {
      sessionId: person.sessionId,
      appointmentId: listed[0]!.appointmentId,
      proceedWithoutReceipt: false,
      language: 'zh-Hant',
    });
    if (!checkedIn.ok) throw new Error(`${checkedIn.error.code}: ${checkedIn.error.message}`);
    expect(checkedIn.value.ticket.priority).toBe(true);
    expect(checkedIn.value.receipt).toEqual({ printed: true });
    const again = await call('checkInAppointment', {
      sessionId: person.sessionId,
      appointmentId: listed[0]!.appointmentId,
      proceedWithoutReceipt: false,
      language: 'zh-Hant',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_checked_in' } });
    await until('the check-in to reach the central system', async () =>
      (await (host.context.embeddedCentral as RunningCentralServer).storage.acceptedDeliveries()).some(
        (d) => d.kind === 'checkin',
      ),
    );
    await removeCard();
  });

  it('refuses card fields that differ from the card, and takes a 2017 foreign permanent resident’s application (issue 13)', async () => {
    const today = host.context.clock.today();
    const catalogue = await call('getCatalogue', {});
    if (!catalogue.ok) throw new Error('no catalogue');
    const items = catalogue.value.items;
    type Item = (typeof items)[number];
    // A common item whose open fields this test can answer for the holder (the card gives the rest).
    async function answerableItem(cardId: string): Promise<Item> {
      const person = await sessionWith(cardId);
      try {
        for (const candidate of items.filter((i) => i.common && i.formId)) {
          const prepared = await call('prepareApplication', {
            sessionId: person.sessionId,
            itemId: candidate.id,
          });
          if (!prepared.ok || !prepared.value.form) continue;
          const values = completeMissing(prepared.value, today);
          if (validateFormValues(prepared.value.form, values, { today, card: prepared.value.card }).ok)
            return candidate;
        }
        throw new Error(`no common item the test can answer for ${cardId}`);
      } finally {
        await removeCard();
      }
    }

    async function attempt(cardId: string, item: Item, forge: Record<string, FormValue>) {
      const person = await sessionWith(cardId);
      const prepared = await call('prepareApplication', { sessionId: person.sessionId, itemId: item.id });
      if (!prepared.ok) throw new Error(prepared.error.message);
      const values = { ...completeMissing(prepared.value, today), ...forge };
      const materials = [];
      for (const requirement of item.materials.filter((m) => m.required)) {
        const page = await call('addCameraPage', {
          sessionId: person.sessionId,
          materialCode: requirement.code,
          imageDataUrl: pagePhoto,
        });
        if (!page.ok) throw new Error(page.error.message);
        materials.push({ code: requirement.code, archivedSha256: null, pageIds: [page.value.pageId] });
      }
      const submitted = await call('submitApplication', {
        sessionId: person.sessionId,
        itemId: item.id,
        values,
        materials,
        keepInStore: false,
        signatureDataUrl: signature,
        priority: { disabled: false, veteran: false, pregnant: false },
        proceedWithoutReceipt: true,
        language: 'en',
      });
      await removeCard();
      return { submitted, prepared: prepared.value };
    }

    const residentItem = await answerableItem('sample-first-time');
    const forgedName = await attempt('sample-first-time', residentItem, { name: '王冒名' });
    expect(forgedName.submitted).toMatchObject({ ok: false, error: { code: 'invalid_values' } });
    expect(!forgedName.submitted.ok && forgedName.submitted.error.message).toContain('name');
    const forgedNumber = await attempt('sample-first-time', residentItem, { idNumber: '11010519491231002X' });
    expect(forgedNumber.submitted).toMatchObject({ ok: false, error: { code: 'invalid_values' } });
    expect(!forgedNumber.submitted.ok && forgedNumber.submitted.error.message).toContain('idNumber');

    // Before issue 13 no item could be answered at all: the number failed every form's ID check.
    const foreigner = await attempt(
      'foreign-permanent-2017',
      await answerableItem('foreign-permanent-2017'),
      {},
    );
    expect(foreigner.prepared.card?.idNumber).toBe('USA350090010152');
    expect(foreigner.prepared.missingFields).not.toContain('registeredAddress');
    if (!foreigner.submitted.ok)
      throw new Error(`${foreigner.submitted.error.code}: ${foreigner.submitted.error.message}`);
    expect(foreigner.submitted.value.caseNumber).toBeTruthy();
  });

  it('takes a company change from an employee with the power of attorney the answer asks for, stored with the case (issue 13)', async () => {
    const today = host.context.clock.today();
    const person = await sessionWith('sample-first-time');
    const prepared = await call('prepareApplication', {
      sessionId: person.sessionId,
      itemId: 'scjg-yxgs-bg',
    });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const values: Record<string, FormValue> = {
      ...completeMissing(prepared.value, today),
      role: 'employee',
      creditCode: sampleCreditCode(new SeededRandom(3)),
      changes: ['name'],
      newName: '南安市示例贸易有限公司',
    };
    const catalogue = await call('getCatalogue', {});
    if (!catalogue.ok) throw new Error('no catalogue');
    const item = catalogue.value.items.find((i) => i.id === 'scjg-yxgs-bg')!;
    expect(item.materials.map((m) => m.code)).not.toContain('POWER_OF_ATTORNEY');
    const asked = materialRequirementsFor(item.materials, prepared.value.form, values, prepared.value.card);
    expect(asked.find((m) => m.code === 'POWER_OF_ATTORNEY')?.required).toBe(true);
    const capture = async (code: string) => {
      const page = await call('addCameraPage', {
        sessionId: person.sessionId,
        materialCode: code,
        imageDataUrl: pagePhoto,
      });
      if (!page.ok) throw new Error(page.error.message);
      return { code, archivedSha256: null, pageIds: [page.value.pageId] };
    };
    type Given = Awaited<ReturnType<typeof capture>>;
    const materials: Given[] = [];
    for (const requirement of asked.filter((m) => m.required))
      materials.push(await capture(requirement.code));
    const submit = (given: Given[]) =>
      call('submitApplication', {
        sessionId: person.sessionId,
        itemId: item.id,
        values,
        materials: given,
        keepInStore: false,
        signatureDataUrl: signature,
        priority: { disabled: false, veteran: false, pregnant: false },
        proceedWithoutReceipt: true,
        language: 'zh-Hans',
      });
    // A document the answers do not ask for is refused, not silently dropped.
    const stray = await submit([...materials, await capture('DEATH_CERT')]);
    expect(stray).toMatchObject({ ok: false, error: { code: 'missing_materials' } });
    const fresh: Given[] = [];
    for (const requirement of asked.filter((m) => m.required)) fresh.push(await capture(requirement.code));
    const submitted = await submit(fresh);
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
    const runtime = host.context.runtime()!;
    const stored = runtime.store.submissions.get(
      runtime.store.submissions.findByCaseNumber(submitted.value.caseNumber)!.id,
    )!;
    expect(stored.materials.map((m) => m.code)).toContain('POWER_OF_ATTORNEY');
    await removeCard();
  });

  it('takes a returning person’s 结婚证 e-licence for MARRIAGE_CERT without a photograph: the spouse fills from it and the host’s page goes with the case (issue 13 part 2)', async () => {
    const runtime = host.context.runtime()!;
    const central = host.context.embeddedCentral as RunningCentralServer;
    // The record as the kiosk holds it after the first visit; then the licence store's 结婚证 is all it
    // knows of the marriage: no spouse fact and no photographed certificate.
    const first = await sessionWith('sample-returning');
    await until('the record to be prefetched', () => runtime.store.people.get(first.idNumber));
    await removeCard();
    const stored = profileSchema.parse(runtime.store.people.get(first.idNumber));
    const spouseIdNumber = sampleIdNumber(new SeededRandom(13), '1990-02-03', 'female');
    const marriage: LicenceOf<'marriageCertificate'> = {
      kind: 'marriageCertificate',
      holderName: first.name,
      holderIdNumber: first.idNumber,
      licenceNumber: 'J350583-2019-004321',
      issuer: '南安市民政局',
      issuedOn: '2019-10-01',
      validTo: null,
      spouseName: '王晓燕',
      spouseIdNumber,
      registeredOn: '2019-10-01',
    };
    const { spouse: _spouse, maritalStatus: _status, ...rest } = stored;
    runtime.store.people.put(
      first.idNumber,
      profileSchema.parse({
        ...rest,
        spouse: null,
        maritalStatus: null,
        materials: stored.materials.filter((m) => m.code !== 'MARRIAGE_CERT'),
        licences: [marriage],
      }),
      runtime.profileTtlMs,
    );
    const licencePage = await renderLicencePage(marriage);
    const licenceSha256 = createHash('sha256').update(licencePage).digest('hex');

    const person = await sessionWith('sample-returning');
    const prepared = await call('prepareApplication', { sessionId: person.sessionId, itemId: 'wj-syfw-dj' });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.values.spouseName).toBe('王晓燕');
    expect(prepared.value.values.spouseIdNumber).toBe(spouseIdNumber);
    const offered = prepared.value.reusableMaterials.find((m) => m.code === 'MARRIAGE_CERT');
    expect(offered?.sha256).toBe(licenceSha256);
    // The applicant can look at the page before using it, like any archived copy.
    expect(offered?.thumbnailDataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const viewed = await call('viewArchivedMaterial', { sessionId: person.sessionId, sha256: licenceSha256 });
    expect(viewed.ok && viewed.value.imageDataUrl).toMatch(/^data:image\/jpeg;base64,/);

    const today = host.context.clock.today();
    const values = completeMissing(prepared.value, today);
    const catalogue = await call('getCatalogue', {});
    if (!catalogue.ok) throw new Error('no catalogue');
    const item = catalogue.value.items.find((i) => i.id === 'wj-syfw-dj')!;
    const asked = materialRequirementsFor(item.materials, prepared.value.form, values, prepared.value.card);
    const materials: MethodArgs<'submitApplication'>['materials'] = [];
    for (const requirement of asked.filter((m) => m.required)) {
      if (requirement.code === 'MARRIAGE_CERT') {
        materials.push({ code: requirement.code, archivedSha256: licenceSha256, pageIds: [] });
        continue;
      }
      const archived = prepared.value.reusableMaterials.find((m) => m.code === requirement.code);
      if (archived) {
        materials.push({ code: requirement.code, archivedSha256: archived.sha256, pageIds: [] });
        continue;
      }
      const page = await call('addCameraPage', {
        sessionId: person.sessionId,
        materialCode: requirement.code,
        imageDataUrl: pagePhoto,
      });
      if (!page.ok) throw new Error(page.error.message);
      materials.push({ code: requirement.code, archivedSha256: null, pageIds: [page.value.pageId] });
    }
    const submit = (given: typeof materials) =>
      call('submitApplication', {
        sessionId: person.sessionId,
        itemId: item.id,
        values,
        materials: given,
        keepInStore: true,
        signatureDataUrl: signature,
        priority: { disabled: false, veteran: false, pregnant: false },
        proceedWithoutReceipt: true,
        language: 'zh-Hans',
      });
    // A hash the host did not draw (a page the screen made up) is no licence page.
    const forged = materials.map((m) =>
      m.code === 'MARRIAGE_CERT' ? { ...m, archivedSha256: 'f'.repeat(64) } : m,
    );
    expect(await submit(forged)).toMatchObject({ ok: false, error: { code: 'missing_materials' } });
    const submitted = await submit(materials);
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);

    const kept = runtime.store.submissions.get(
      runtime.store.submissions.findByCaseNumber(submitted.value.caseNumber)!.id,
    )!;
    expect(kept.materials).toContainEqual({
      code: 'MARRIAGE_CERT',
      page: 1,
      sha256: licenceSha256,
      mime: 'application/pdf',
    });
    expect(Buffer.from(runtime.store.blobs.read(licenceSha256)!).equals(licencePage)).toBe(true);
    // The central receives the page with the case, like a photographed one.
    const received = await until('the licence page at the central system', () =>
      central.storage.getMaterial(licenceSha256),
    );
    expect(received.equals(licencePage)).toBe(true);
    const caseFile = await until('the case at the central system', () =>
      central.storage.caseFile(submitted.value.caseNumber),
    );
    expect(JSON.stringify(caseFile)).toContain(licenceSha256);
    await removeCard();
  });

  it('keeps nothing readable on disk: the store and materials do not contain the applicant in clear', async () => {
    // Everyone served in this file, including the returning applicant whose submission is stored.
    expect(seenPeople.length).toBeGreaterThanOrEqual(2);
    const needles = seenPeople
      .flatMap((person) => [person.name, person.idNumber, person.address ?? person.name])
      .flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(join(dataDir, 'store'));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} holds personal data`).toBe(false);
    }
    expect(files.length).toBeGreaterThan(0);
  });
});
