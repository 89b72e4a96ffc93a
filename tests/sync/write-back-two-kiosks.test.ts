import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import type { EmbeddedCentralFactory } from '../../host/core/host-context';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { RunningCentralServer } from '../../sync/central/server';
import { HostApplicant, until } from '../support/host-applicant';

/**
 * Issue 13 part 4 across two kiosks and one central server on loopback (both kiosks real hosts with
 * their own encrypted stores, outboxes and pullers): kiosk A takes a consenting applicant's typed facts
 * and photographed pages; once A's outbox has drained and B has pulled its store delta, B fills the
 * same facts on another item's form and offers A's photo as an archived copy (fetched from the central).
 * The phone, a payout field, reaches B only after a supervisor approved it.
 */
let central: RunningCentralServer;
let hostA: Host;
let hostB: Host;
let kioskA: HostApplicant;
let kioskB: HostApplicant;
const dirs: string[] = [];

/** Kiosk B enrols with the central kiosk A's launcher started; B does not own or stop it. */
const sharedCentral: EmbeddedCentralFactory = async () => ({
  url: central.url,
  createEnrolmentCode: () => central.createEnrolmentCode(),
  close: async () => undefined,
});

async function demoHost(
  factory: EmbeddedCentralFactory,
  extra: Record<string, unknown> = {},
): Promise<HostApplicant> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-two-'));
  dirs.push(dataDir);
  const host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' }, ...extra }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral: factory,
  });
  return new HostApplicant(host);
}

beforeAll(async () => {
  kioskA = await demoHost(async (options) => {
    central = await startEmbeddedCentral(options);
    return central;
  });
  hostA = kioskA.host;
  // B caches people on demand: a store delta refreshes only those it holds, as in a hall on_demand.
  kioskB = await demoHost(sharedCentral, { store: { formFreeStore: { replication: 'on_demand' } } });
  hostB = kioskB.host;
  await Promise.all([kioskA.ready(), kioskB.ready()]);
}, 180_000);

afterAll(async () => {
  await hostB?.close();
  await hostA?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** 驾驶证换证 at A; 护照申领 at B: both ask for the current address, the phone and the ID photo. */
const atA = 'cg-jsz-hz';
const atB = 'crj-hz-sl';
const typedAddress = '福建省南安市丰州镇两台路18号';
const typedPhone = '13912345678';

describe('write-back across two kiosks and one central (issue 13 part 4)', { timeout: 120_000 }, () => {
  it('a fact typed and a page photographed at kiosk A fill and are offered at kiosk B after its next store delta', async () => {
    // B has served this person before: it holds their record, so the delta is what brings the change.
    const atKioskB = await kioskB.session('sample-returning');
    const idNumber = atKioskB.idNumber;
    await until('B to hold the person’s record', () => kioskB.localProfile(idNumber));
    const beforeB = await kioskB.prepare(atKioskB.sessionId, atB);
    expect(beforeB.values.currentAddress).not.toBe(typedAddress);
    const phoneBefore = beforeB.values.phone;
    expect(phoneBefore).not.toBe(typedPhone);
    await kioskB.removeCard();

    const atKioskA = await kioskA.session('sample-returning');
    const applied = await kioskA.apply(atKioskA, atA, {
      typed: { currentAddress: typedAddress, phone: typedPhone },
      keepInStore: true,
    });
    await kioskA.removeCard();
    const photo = applied.stored.materials.find((m) => m.code === 'ID_PHOTO')!;
    await kioskA.delivered(applied.caseNumber);

    // B's next pull: the address is there, the phone waits for a supervisor.
    await kioskB.runtime.sync.pullAll();
    const pulled = kioskB.localProfile(idNumber)!;
    expect(pulled.addresses.current).toBe(typedAddress);
    expect(pulled.phone).toBe(phoneBefore ?? null);
    const reviews = await central.storage.payoutReviews('pending');
    const keyedHash = kioskA.keyedHashOf(idNumber);
    const review = reviews.find((r) => r.keyedHash === keyedHash);
    expect(review?.proposed).toEqual({ phone: typedPhone });
    expect(
      (await central.storage.decidePayoutReview(review!.reviewId, true, 'supervisor', Date.now())).ok,
    ).toBe(true);
    await kioskB.runtime.sync.pullAll();
    expect(kioskB.localProfile(idNumber)?.phone).toBe(typedPhone);

    // At B, another item: both facts fill, and A's photo is offered though B never held its file.
    const later = await kioskB.session('sample-returning');
    const prepared = await kioskB.prepare(later.sessionId, atB);
    expect(prepared.values.currentAddress).toBe(typedAddress);
    expect(prepared.provenance.currentAddress).toBe('store');
    expect(prepared.values.phone).toBe(typedPhone);
    const offered = prepared.reusableMaterials.find((m) => m.code === 'ID_PHOTO');
    expect(offered?.sha256).toBe(photo.sha256);
    expect(kioskB.runtime.store.blobs.has(photo.sha256 ?? '')).toBe(false);
    expect(offered?.thumbnailDataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const viewed = await kioskB.call('viewArchivedMaterial', {
      sessionId: later.sessionId,
      sha256: photo.sha256 ?? '',
    });
    expect(viewed.ok).toBe(true);

    // Re-used by reference at B: the central holds the file, so the case is taken as it is.
    const reused = await kioskB.apply(later, atB, { keepInStore: true, reuse: prepared.reusableMaterials });
    await kioskB.removeCard();
    await kioskB.delivered(reused.caseNumber);
    const record = kioskB.runtime.store.submissions.storedRecord(reused.stored.id) as {
      materials: { materialId: string; sha256: string; reusedFromStore: boolean }[];
    };
    expect(record.materials.find((m) => m.materialId === 'ID_PHOTO')).toMatchObject({
      sha256: photo.sha256,
      reusedFromStore: true,
    });
  });
});
