import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName, MethodResult } from '../../host/api/contract';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { RunningCentralServer } from '../../sync/central/server';
import { bundleFormId } from '../../sync/protocol/bundles';
import { type FormValue, formFields, validateFormValues } from '../../sync/protocol/forms';
import { sampleCatalogue } from '../../sync/sample-hall';
import { type TestBundleEntries, testBundleEntries, testBundleId } from '../support/test-bundle';

/**
 * 一件事一次办 through the host: a bundle of two items (tests/support/test-bundle.ts) added to the sample
 * hall's catalogue at the embedded central, synced to the kiosk, prepared as one composed form and
 * submitted as one submission with one ticket for the integrated window's queue.
 */
let host: Host;
let dataDir: string;
let fixture: TestBundleEntries;

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

async function sessionWith(cardId: string): Promise<{ sessionId: string; name: string; idNumber: string }> {
  expect((await call('demoPlaceCard', { cardId })).ok).toBe(true);
  const started = await until('the card to be read', async () => {
    const result = await call('getSessionState', {});
    return result.ok && result.value.state === 'active' ? result.value : null;
  });
  return { sessionId: started.sessionId, name: started.identity.name, idNumber: started.identity.idNumber };
}

async function removeCard(): Promise<void> {
  await call('demoRemoveCard', {});
  await until('the session to end', () => !host.sessionActive());
}

const signature =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const pagePhoto =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bundle-'));
  fixture = testBundleEntries(sampleCatalogue());
  host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    // The bundle is at the central before the kiosk first pulls the catalogue.
    startEmbeddedCentral: async (options) => {
      const central = await startEmbeddedCentral(options);
      await central.storage.putCatalogueEntries(fixture.entries);
      return central;
    },
  });
  await until('the bundle to arrive', async () => {
    const catalogue = await call('getCatalogue', {});
    return catalogue.ok && catalogue.value.bundles.some((bundle) => bundle.id === testBundleId);
  });
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

type Prepared = Extract<MethodResult<'prepareApplication'>, { ok: true }>['value'];

async function prepareBundle(sessionId: string): Promise<Prepared> {
  const prepared = await call('prepareApplication', { sessionId, itemId: testBundleId });
  if (!prepared.ok) throw new Error(prepared.error.message);
  return prepared.value;
}

describe('一件事一次办 at the kiosk', () => {
  it('offers the bundle with its integrated window’s department and each material once', async () => {
    const catalogue = await call('getCatalogue', {});
    if (!catalogue.ok) throw new Error(catalogue.error.message);
    const bundle = catalogue.value.bundles.find((entry) => entry.id === testBundleId);
    expect(bundle?.departmentId).toBe(fixture.integratedDepartmentId);
    expect(bundle?.itemIds).toEqual(fixture.bundle.itemIds);
    expect(bundle?.materials.map((m) => m.code)).toEqual(['ID_CARD_COPY', 'HOUSEHOLD_REGISTER']);
    const register = bundle?.materials.find((m) => m.code === 'HOUSEHOLD_REGISTER');
    expect(register?.neededBy).toEqual(fixture.bundle.itemIds);
    // The larger page count of the two items' lists.
    expect(register?.pages).toBe(3);
  });

  it('prepares one composed form: a shared fact asked once, filled from the card and the store', async () => {
    const person = await sessionWith('sample-returning');
    try {
      const prepared = await prepareBundle(person.sessionId);
      expect(prepared.itemId).toBe(testBundleId);
      expect(prepared.form?.id).toBe(bundleFormId(testBundleId));
      const ids = formFields(prepared.form!).map((field) => field.id);
      for (const shared of ['name', 'idNumber', 'phone', 'babyName', 'declaration'])
        expect(ids.filter((id) => id === shared)).toHaveLength(1);
      expect(prepared.values.name).toBe(person.name);
      expect(prepared.provenance.name).toBe('card');
      expect(prepared.provenance.phone).toBe('store');
      // Section titles carry the item's name, so the applicant sees whose question it is.
      expect(prepared.form!.sections[0]!.title['zh-Hans']).toContain(fixture.items[0]!.name['zh-Hans']);
    } finally {
      await removeCard();
    }
  });

  it('refuses a shared fact too long for the stricter item, and says which item asks for it', async () => {
    const person = await sessionWith('sample-returning');
    try {
      const prepared = await prepareBundle(person.sessionId);
      const today = host.context.clock.today();
      const values: Record<string, FormValue> = {
        ...prepared.values,
        babyName: '林小明明',
        babyBirthDate: today,
        declaration: true,
      };
      // Five characters: the certificate (20) allows it, the register (4) does not.
      const tooLong = { ...values, babyName: '林小明明明' };
      const checked = validateFormValues(prepared.form!, tooLong, { today });
      expect(checked.ok).toBe(false);
      const problem = !checked.ok ? checked.errors.find((e) => e.fieldId === 'babyName') : undefined;
      expect(problem?.message['zh-Hans']).toContain(fixture.items[1]!.name['zh-Hans']);
      expect(problem?.message.en).toContain(fixture.items[1]!.name.en);
      expect(validateFormValues(prepared.form!, values, { today }).ok).toBe(true);

      const before = host.context.runtime()!.store.submissions.listForPerson(person.idNumber).length;
      const refused = await call('submitApplication', {
        sessionId: person.sessionId,
        itemId: testBundleId,
        values: tooLong,
        materials: [],
        keepInStore: true,
        signatureDataUrl: signature,
        priority: { disabled: false, veteran: false, pregnant: false },
        proceedWithoutReceipt: false,
        language: 'zh-Hans',
      });
      expect(refused.ok).toBe(false);
      // Nothing is stored for a refused application.
      expect(host.context.runtime()!.store.submissions.listForPerson(person.idNumber)).toHaveLength(before);
    } finally {
      await removeCard();
    }
  });

  it('submits the bundle as one submission with one case number and one ticket at the integrated window', async () => {
    const person = await sessionWith('sample-returning');
    const runtime = host.context.runtime()!;
    const central = host.context.embeddedCentral as RunningCentralServer;
    const deliveredBefore = (await central.storage.acceptedDeliveries()).filter(
      (d) => d.kind === 'submission',
    ).length;
    const storedBefore = runtime.store.submissions.listForPerson(person.idNumber).length;
    try {
      const prepared = await prepareBundle(person.sessionId);
      const today = host.context.clock.today();
      const values: Record<string, FormValue> = {
        ...prepared.values,
        babyName: '林小明',
        babyBirthDate: today,
        declaration: true,
      };
      // Each material once: the household register both items need is captured one time.
      const materials = [];
      for (const code of ['ID_CARD_COPY', 'HOUSEHOLD_REGISTER']) {
        const archived = prepared.reusableMaterials.find((m) => m.code === code);
        if (archived) {
          materials.push({ code, archivedSha256: archived.sha256, pageIds: [] });
          continue;
        }
        const page = await call('addCameraPage', {
          sessionId: person.sessionId,
          materialCode: code,
          imageDataUrl: pagePhoto,
        });
        if (!page.ok) throw new Error(page.error.message);
        materials.push({ code, archivedSha256: null, pageIds: [page.value.pageId] });
      }
      const submitted = await call('submitApplication', {
        sessionId: person.sessionId,
        itemId: testBundleId,
        values,
        materials,
        keepInStore: true,
        signatureDataUrl: signature,
        priority: { disabled: false, veteran: false, pregnant: false },
        proceedWithoutReceipt: false,
        language: 'zh-Hans',
      });
      if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
      const integrated = sampleCatalogue().departments.find((d) => d.id === fixture.integratedDepartmentId)!;
      expect(submitted.value.ticket.departmentName).toEqual(integrated.name);

      const mine = runtime.store.submissions.listForPerson(person.idNumber);
      expect(mine).toHaveLength(storedBefore + 1);
      const stored = runtime.store.submissions.get(mine[0]!.id)!;
      expect(stored.caseNumber).toBe(submitted.value.caseNumber);
      expect(stored.itemId).toBe(testBundleId);
      const draft = stored.record;
      expect(draft?.departmentId).toBe(fixture.integratedDepartmentId);
      const queue = sampleCatalogue().queues.find((q) => q.id === draft?.queueId);
      expect(queue?.departmentId).toBe(fixture.integratedDepartmentId);
      expect(draft?.formValues.babyName).toBe('林小明');
      // One signature; the household register's pages once, under its one code.
      expect(stored.materials.filter((m) => m.code === 'SIGNATURE')).toHaveLength(1);
      expect(new Set(stored.materials.map((m) => m.code)).size).toBe(
        stored.materials.filter((m) => m.page === 1).length,
      );

      // The receipt names the bundle and lists its items.
      const receiptId = runtime.store.printedReceipts.recent(1)[0]!.id;
      const receipt = runtime.store.printedReceipts.get(receiptId) as { serviceItemName: string };
      expect(receipt.serviceItemName).toContain(fixture.bundle.name['zh-Hans']);
      for (const item of fixture.items) expect(receipt.serviceItemName).toContain(item.name['zh-Hans']);

      // One outbox row: the central system accepts one submission for the whole bundle.
      await until('the submission to reach the central system', async () => {
        const delivered = await central.storage.acceptedDeliveries();
        return delivered.filter((d) => d.kind === 'submission').length > deliveredBefore;
      });
      await until('the outbox to drain', () => runtime.syncStatus().backlog === 0);
      expect(
        (await central.storage.acceptedDeliveries()).filter((d) => d.kind === 'submission'),
      ).toHaveLength(deliveredBefore + 1);

      // Progress by case number names the bundle (from the central, or from this kiosk's copy).
      const progress = await call('queryProgress', { caseNumber: submitted.value.caseNumber });
      if (!progress.ok) throw new Error(progress.error.message);
      expect(progress.value.cases[0]?.itemName).toEqual(fixture.bundle.name);
      // The central files one case per item: the progress lists each with its name and department.
      expect(progress.value.source).toBe('central');
      const parts = progress.value.cases[0]?.parts ?? [];
      expect(parts.map((part) => part.caseNumber)).toEqual([
        `${submitted.value.caseNumber}-1`,
        `${submitted.value.caseNumber}-2`,
      ]);
      expect(parts.map((part) => part.itemName)).toEqual(fixture.items.map((item) => item.name));
      const departments = sampleCatalogue().departments;
      expect(parts.map((part) => part.departmentName)).toEqual(
        fixture.items.map((item) => departments.find((d) => d.id === item.departmentId)!.name),
      );
    } finally {
      await removeCard();
    }
  });
});
