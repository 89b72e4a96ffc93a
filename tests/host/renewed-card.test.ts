import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CardTextBuilder,
  SYNTHETIC_PHOTO_LENGTH,
  syntheticBytes,
} from '../../drivers/idcard/simulator/card-text';
import type { TestCard } from '../../drivers/idcard/simulator/test-cards';
import type { MethodArgs, MethodName, MethodResult } from '../../host/api/contract';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import { keyedHashOfIdNumber } from '../../sync/central/seed';
import type { RunningCentralServer } from '../../sync/central/server';
import { emptyProfile, type Profile } from '../../sync/protocol/profile';

/**
 * Issue 13 part 6: a renewed 2023 foreign permanent residence card ('Y') kept its link to the previous
 * card number as raw text, so the holder's form-free record (kept under the 2017 number) was lost. Here
 * the real reader path (simulator on a PTY, decoder, host session) and the embedded central server:
 * the card's previous number finds the record, which fills the form and moves to the new number, at
 * the kiosk and, with the next consented submission, at the central system.
 */
const newNumber = '931586198001010028';
const previousNumber = 'PAK310080010103';
let host: Host;
let dataDir: string;
let central: RunningCentralServer;

/** The vendor SDK's published sample pair: 2023 card 931586198001010028 renewed from PAK310080010103. */
const renewedCard: TestCard = {
  id: 'renewed-foreign-2023',
  label: 'Foreign permanent resident card, 2023 layout, renewed from a 2017 card',
  text: new CardTextBuilder()
    .put(0, 30, '证件样本')
    .put(30, 2, '2')
    .put(32, 4, '01')
    .put(36, 16, '19800101')
    .put(52, 70, 'ZHENGJIAN, YANGBEN')
    .put(122, 36, newNumber)
    .put(188, 16, '20230808')
    .put(204, 16, '20330807')
    .put(242, 6, 'PAK')
    .put(248, 2, 'Y')
    .put(250, 6, '000')
    .build(),
  photo: syntheticBytes(SYNTHETIC_PHOTO_LENGTH, 2023),
  fingerprint: Buffer.alloc(0),
  serial: syntheticBytes(8, 2017),
  addedAddress: null,
};

const recordBeforeRenewal: Profile = {
  ...emptyProfile(
    { storeProfile: true, keepMaterials: true, consentedAt: '2024-05-01T09:00:00+08:00' },
    '2024-05-01T09:00:00+08:00',
  ),
  phone: '13959512345',
  addresses: { current: '福建省南安市溪美街道柳城路 18 号', mailing: null, currentSince: null },
  employer: { name: '南安市示例石材有限公司', creditCode: null },
  // A payout field: a value new to the person's key would wait for a supervisor's review.
  bank: { name: '中国银行', accountNumber: '6217000012345678901' },
};

async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  return (host.api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>)(args);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-renewed-card-'));
  host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    // The real reader on the simulator, with the renewed card among the demo cards.
    cardServiceFactory: (deps) =>
      createCardService({ ...deps, demoCards: [...(deps.demoCards ?? []), renewedCard] }),
    startEmbeddedCentral,
  });
  central = host.context.embeddedCentral as RunningCentralServer;
  await until('the catalogue to arrive', async () => (await call('getCatalogue', {})).ok);
  const runtime = host.context.runtime()!;
  const today = host.context.clock.today();
  await until('ticket numbers for every queue', () =>
    runtime.store.catalogue
      .list('queue')
      .every((queue) => runtime.store.ticketBlocks.remaining(queue.id, today) > 0),
  );
  // The record the central system keeps under the holder's 2017 number (their earlier visits).
  await central.storage.putStoreRecord({
    keyedHash: keyedHashOfIdNumber(central.hall.lookupKey, previousNumber),
    profile: recordBeforeRenewal,
    materials: [],
    updatedAtMs: Date.now(),
  });
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a renewed Y card finds the record of its previous number', () => {
  it('the session knows the previous number, the record fills the form and is re-keyed at the kiosk', async () => {
    expect((await call('demoPlaceCard', { cardId: renewedCard.id })).ok).toBe(true);
    const session = await until('the card to be read', async () => {
      const state = await call('getSessionState', {});
      return state.ok && state.value.state === 'active' ? state.value : null;
    });
    expect(session.identity.idNumber).toBe(newNumber);
    expect(session.identity.previousIdNumber).toBe(previousNumber);

    const runtime = host.context.runtime()!;
    await until('the record to reach this kiosk', () => runtime.store.people.get(newNumber) !== null);
    expect(runtime.store.people.get(previousNumber)).toBeNull();

    const prepared = await call('prepareApplication', { sessionId: session.sessionId, itemId: 'ga-wfzjl' });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.values.phone).toBe('13959512345');
    expect(prepared.value.provenance.phone).toBe('store');
    expect(prepared.value.values.currentAddress).toBe('福建省南安市溪美街道柳城路 18 号');
    // The card fills the person: the English name, the number, no 户籍 address or 民族 asked.
    expect(prepared.value.values.name).toBe('ZHENGJIAN, YANGBEN');
    expect(prepared.value.values.idNumber).toBe(newNumber);
    expect(prepared.value.missingFields).not.toContain('registeredAddress');

    // A consented submission tells the central system the link: the record moves to the new key.
    const pagePhoto = `data:image/jpeg;base64,${(
      await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#f4f1e8' } })
        .jpeg()
        .toBuffer()
    ).toString('base64')}`;
    const page = await call('addCameraPage', {
      sessionId: session.sessionId,
      materialCode: 'ID_CARD_COPY',
      imageDataUrl: pagePhoto,
    });
    if (!page.ok) throw new Error(page.error.message);
    const submitted = await call('submitApplication', {
      sessionId: session.sessionId,
      itemId: 'ga-wfzjl',
      values: {
        ...prepared.value.values,
        purpose: 'employment',
        receivingOrganisation: '南安市示例石材有限公司',
        pickup: 'collect',
        declaration: true,
      },
      materials: [{ code: 'ID_CARD_COPY', archivedSha256: null, pageIds: [page.value.pageId] }],
      keepInStore: true,
      signatureDataUrl:
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      priority: { disabled: false, veteran: false, pregnant: false },
      proceedWithoutReceipt: true,
      language: 'zh-Hans',
    });
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);

    const newKey = keyedHashOfIdNumber(central.hall.lookupKey, newNumber);
    const previousKey = keyedHashOfIdNumber(central.hall.lookupKey, previousNumber);
    const moved = await until('the record to move at the central system', async () =>
      central.storage.getStoreRecord(newKey),
    );
    expect(moved.profile?.phone).toBe('13959512345');
    expect(moved.profile?.addresses.current).toBe('福建省南安市溪美街道柳城路 18 号');
    expect(moved.profile?.bank?.accountNumber).toBe('6217000012345678901');
    expect(await central.storage.getStoreRecord(previousKey)).toBeNull();
    // Nothing held for review: the carried-over facts are the reviewed ones, not changes.
    expect(await central.storage.payoutReviews('pending')).toEqual([]);
  });
});
