/**
 * The CentralStorage contract, run against both implementations (SQLite and PostgreSQL): the same
 * calls must give the same answers. PostgreSQL-only sections below check what only a shared database
 * has to guarantee (several handles at once) and its sealed storage of personal data.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../sync/central/hall-rules';
import { seedCatalogue } from '../../sync/central/seed';
import { BadCursorError, type CentralStorage, type ValidatedDelivery } from '../../sync/central/storage';
import type {
  DeliveryKind,
  SubmissionPayload,
  TicketBlock,
  TicketRef,
} from '../../sync/protocol/central-api';
import { emptyProfile, withProfileField } from '../../sync/protocol/profile';
import {
  type OpenedStorage,
  postgresBackend,
  type StorageBackend,
  sqliteBackend,
} from './support/central-storage-backends';
import { keyedHashOf } from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const serviceDate = '2026-03-02';
const sampleProfile = emptyProfile(
  { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' },
  '2026-03-01T09:00:00+08:00',
);
/** A profile whose owner also agreed to keep their document copies. */
const keepingProfile = { ...sampleProfile, consent: { ...sampleProfile.consent, keepMaterials: true } };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function delivery(
  kind: DeliveryKind,
  idempotencyKey: string,
  payload: unknown,
  kioskSeq = 1,
): ValidatedDelivery {
  return {
    kind,
    idempotencyKey,
    kioskSeq,
    payload,
    requestHash: sha256(Buffer.from(canonicalJson({ kind, payload }))),
  };
}

function ticketFrom(block: TicketBlock, number: number): TicketRef {
  return {
    ticketId: randomUUID(),
    blockId: block.blockId,
    queueId: block.queueId,
    serviceDate: block.serviceDate,
    number,
    display: `${block.prefix}${String(number).padStart(3, '0')}`,
  };
}

function submission(
  kioskCode: string,
  suffix: string,
  ticket: TicketRef | null,
  extra: Partial<SubmissionPayload> = {},
): SubmissionPayload {
  return {
    caseNumber: `20260302-${kioskCode}-${suffix}`,
    itemId: 'business-licence',
    departmentId: 'market',
    queueId: 'market-general',
    ticket,
    applicant: { keyedHash: keyedHashOf(`applicant-${suffix}`), priorityReasons: [] },
    formValues: { name: '张三', idNumber: '110101199003070011' },
    materials: [],
    consentToStore: false,
    submittedAtMs: 1,
    ...extra,
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

const backends: StorageBackend[] = [sqliteBackend, postgresBackend()];

for (const backend of backends) {
  describe.skipIf(backend.unavailable !== null)(`CentralStorage contract on ${backend.name}`, () => {
    let opened: OpenedStorage;
    let storage: CentralStorage;
    let kioskId: string;
    let kioskCode: string;

    beforeAll(() => backend.start());
    afterAll(() => backend.stop());
    beforeEach(async () => {
      opened = await backend.open();
      storage = opened.storage;
      await seedCatalogue(storage, testCatalogue);
      ({ kioskId, kioskCode } = await enrol(storage, 1));
    });
    afterEach(() => opened.close());

    it('an enrolment code works once; the same request again gets the same kiosk', async () => {
      const again = await storage.enrolKiosk({
        kioskId: 'kiosk-2',
        name: 'west',
        codeHash: sha256(Buffer.from('code-1')),
        requestId: 'request-2',
        publicKey: 'key-2',
        credentialHashOf: () => 'e'.repeat(64),
        appVersion: '0.1.0',
        nowMs: 2,
      });
      expect(again).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const repeat = await storage.enrolKiosk({
        kioskId: 'kiosk-other',
        name: 'kiosk 1',
        codeHash: sha256(Buffer.from('code-1')),
        requestId: 'request-1',
        publicKey: 'key-1',
        credentialHashOf: () => sha256(Buffer.from('credential-1')),
        appVersion: '0.1.0',
        nowMs: 3,
      });
      expect(repeat).toEqual({ ok: true, value: { kioskId, kioskCode, name: 'kiosk 1', repeat: true } });
      expect(kioskCode).toBe('K001');
      expect(await storage.kioskByCredentialHash(sha256(Buffer.from('credential-1')))).toEqual({
        kioskId,
        kioskCode,
        name: 'kiosk 1',
      });
      expect(await storage.kioskByCredentialHash('f'.repeat(64))).toBeNull();
      expect((await enrol(storage, 2)).kioskCode).toBe('K002');
    });

    it('a lease key reused for another queue is a conflict; an unknown queue is not found', async () => {
      const request = { leaseKey: 'lease-key-1', queueId: 'market-general', serviceDate, size: 5 };
      const first = await storage.leaseTicketBlock(kioskId, request, 1);
      expect(first).toMatchObject({ ok: true, value: { first: 1, last: 5, prefix: 'A' } });
      expect(await storage.leaseTicketBlock(kioskId, request, 2)).toEqual(first);
      expect(
        await storage.leaseTicketBlock(kioskId, { ...request, queueId: 'civil-general' }, 3),
      ).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await storage.leaseTicketBlock(kioskId, { ...request, queueId: 'nowhere' }, 4)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const next = await storage.leaseTicketBlock(kioskId, { ...request, leaseKey: 'lease-key-2' }, 5);
      expect(next).toMatchObject({ ok: true, value: { first: 6, last: 10 } });
    });

    it('a full slot is a conflict, an unknown item not found, a slot off the grid invalid', async () => {
      const book = (i: number, slotStart = '09:00', itemId = 'business-licence') =>
        storage.bookAppointment(
          {
            idempotencyKey: `booking-${i}-key`,
            keyedHash: keyedHashOf(`p${i}`),
            itemId,
            serviceDate,
            slotStart,
          },
          1,
        );
      for (let i = 0; i < 4; i++) expect((await book(i)).ok).toBe(true);
      expect(await book(9)).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await book(0)).toMatchObject({ ok: true, value: { slotStart: '09:00' } });
      expect(await book(10, '09:10')).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await book(11, '09:00', 'no-such-item')).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const slots = await storage.appointmentSlots('business-licence', serviceDate);
      expect(slots.ok && slots.value.find((s) => s.slotStart === '09:00')?.available).toBe(0);
      expect(slots.ok && slots.value.find((s) => s.slotStart === '09:30')?.available).toBe(4);
      expect((await storage.appointmentSlots('no-such-item', serviceDate)).ok).toBe(false);
      const feed = await storage.appointmentDelta(undefined, 3);
      expect(feed.entries).toHaveLength(3);
      expect(feed.hasMore).toBe(true);
      const rest = await storage.appointmentDelta(feed.cursor, 10);
      expect(rest.entries).toHaveLength(1);
      expect(rest.hasMore).toBe(false);
    });

    it('an appointment checks in once, with a priority ticket, and moves on the feed', async () => {
      const booked = await storage.bookAppointment(
        {
          idempotencyKey: 'booking-key-1',
          keyedHash: keyedHashOf('p1'),
          itemId: 'business-licence',
          serviceDate,
          slotStart: '09:00',
        },
        1,
      );
      if (!booked.ok) throw new Error(booked.error.message);
      const before = await storage.appointmentDelta(undefined, 10);
      const checkin = {
        appointmentId: booked.value.appointmentId,
        keyedHash: keyedHashOf('p1'),
        ticket: null,
        checkedInAtMs: 5,
      };
      const [outcome] = await storage.deliver(kioskId, [delivery('checkin', 'checkin-key-1', checkin)], 5);
      expect(outcome!.status).toBe(200);
      expect(JSON.parse(outcome!.responseJson)).toMatchObject({
        status: 'checked_in',
        ticket: { display: 'V001' },
      });
      const after = await storage.appointmentDelta(before.cursor, 10);
      expect(after.entries).toMatchObject([{ version: 2, appointment: { status: 'checked_in' } }]);
      const wrongPerson = { ...checkin, keyedHash: keyedHashOf('p2') };
      const [refused] = await storage.deliver(
        kioskId,
        [delivery('checkin', 'checkin-key-2', wrongPerson)],
        6,
      );
      expect(refused!.status).toBe(422);
    });

    it('the desk answers not_found for unknown windows, queues and tickets, and null when nobody waits', async () => {
      expect(await storage.callNext('w9', serviceDate, 1)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await storage.callNext('w1', serviceDate, 1)).toEqual({ ok: true, value: null });
      expect(await storage.setWindowOpen('w9', true)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await storage.setWindowOpen('w2', false)).toEqual({ ok: true, value: undefined });
      expect((await storage.queueState(serviceDate, 1)).windows.find((w) => w.windowId === 'w2')?.open).toBe(
        false,
      );
      expect((await storage.queueState(serviceDate, 1)).windows.find((w) => w.windowId === 'w6')?.open).toBe(
        false,
      );
      expect(await storage.setWindowOpen('w6', true)).toEqual({ ok: true, value: undefined });
      expect((await storage.staffOverview(serviceDate)).windows.find((w) => w.windowId === 'w6')?.open).toBe(
        true,
      );
      expect(await storage.markNoShow('no-ticket', 1)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await storage.transferTicket('no-ticket', 'civil-general', 1)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await storage.transferTicket('no-ticket', 'nowhere', 1)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('a submission is taken once: a repeat gets the same text, a key reused with another body is a conflict', async () => {
      const leased = await storage.leaseTicketBlock(
        kioskId,
        { leaseKey: 'lease-1', queueId: 'market-general', serviceDate, size: 5 },
        1,
      );
      if (!leased.ok) throw new Error(leased.error.message);
      const page = new Uint8Array([1, 2, 3, 4]);
      expect(await storage.putMaterials([{ sha256: sha256(page), bytes: page }], 1)).toEqual([true]);
      expect(await storage.putMaterials([{ sha256: sha256(page), bytes: page }], 1)).toEqual([false]);
      expect(await storage.presentMaterials([sha256(page), 'a'.repeat(64)])).toEqual(new Set([sha256(page)]));
      expect(await storage.getMaterial(sha256(page))).toEqual(Buffer.from(page));
      expect(await storage.getMaterial('a'.repeat(64))).toBeNull();
      const payload = submission(kioskCode, 'AAAA1', ticketFrom(leased.value, 1), {
        materials: [
          {
            materialId: 'id-card',
            page: 1,
            sha256: sha256(page),
            mediaType: 'image/png',
            size: 4,
            reusedFromStore: false,
          },
        ],
      });
      const item = delivery('submission', 'sub-key-1', payload);
      const [first] = await storage.deliver(kioskId, [item], 10);
      expect(first!.status).toBe(200);
      expect(JSON.parse(first!.responseJson)).toMatchObject({
        caseNumber: payload.caseNumber,
        status: 'received',
        ticket: { display: 'A001' },
      });
      const [repeat] = await storage.deliver(kioskId, [item], 20);
      expect(repeat).toEqual(first);
      const other = delivery('submission', 'sub-key-1', { ...payload, submittedAtMs: 2 });
      expect((await storage.deliver(kioskId, [other], 30))[0]).toMatchObject({ status: 409 });
      // Another key for the same case number: the case is not filed twice.
      const sameCase = delivery('submission', 'sub-key-2', { ...payload, ticket: null });
      expect((await storage.deliver(kioskId, [sameCase], 30))[0]).toMatchObject({ status: 409 });
      // A case number naming another kiosk is refused.
      const foreign = delivery('submission', 'sub-key-3', submission('K999', 'BBBB1', null));
      expect((await storage.deliver(kioskId, [foreign], 30))[0]).toMatchObject({ status: 403 });
      expect((await storage.acceptedDeliveries()).map((d) => d.idempotencyKey)).toEqual(['sub-key-1']);
      expect(await storage.caseProgress(payload.caseNumber)).toMatchObject({
        status: 'received',
        ticketDisplay: 'A001',
        ratable: false,
      });
      expect(await storage.caseProgress('NO-SUCH-CASE')).toBeNull();
    });

    it('missing materials answer 412 and hold back the rest of the batch (424); nothing of it is kept', async () => {
      const missingHash = 'b'.repeat(64);
      const items = [
        delivery(
          'submission',
          'sub-key-1',
          submission(kioskCode, 'CCCC1', null, {
            materials: [
              {
                materialId: 'id-card',
                page: 1,
                sha256: missingHash,
                mediaType: 'image/png',
                reusedFromStore: false,
              },
            ],
          }),
        ),
        delivery('submission', 'sub-key-2', submission(kioskCode, 'CCCC2', null), 2),
      ];
      const outcomes = await storage.deliver(kioskId, items, 10);
      expect(outcomes.map((o) => o.status)).toEqual([412, 424]);
      expect(JSON.parse(outcomes[0]!.responseJson)).toMatchObject({
        error: { code: 'materials_missing', missing: [missingHash] },
      });
      expect(await storage.acceptedDeliveries()).toEqual([]);
      expect(await storage.caseProgress(`20260302-${kioskCode}-CCCC1`)).toBeNull();
      expect(
        (await storage.queueState(serviceDate, 10)).queues.find((q) => q.queueId === 'market-general')
          ?.waiting,
      ).toBe(0);
    });

    it('tickets numbered by the central follow the leased blocks; the desk calls, finishes and rates in order', async () => {
      const leased = await storage.leaseTicketBlock(
        kioskId,
        { leaseKey: 'lease-1', queueId: 'market-general', serviceDate, size: 3 },
        1,
      );
      if (!leased.ok) throw new Error(leased.error.message);
      const withTicket = submission(kioskCode, 'DDDD1', ticketFrom(leased.value, 1), { submittedAtMs: 1 });
      const centralTicket = submission(kioskCode, 'DDDD2', null, { ticket: null });
      const outcomes = await storage.deliver(
        kioskId,
        [
          delivery('submission', 'k1', withTicket),
          { ...delivery('submission', 'k2', centralTicket), kioskSeq: 2 },
        ],
        1_000,
      );
      expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
      // No service date given: the hall's day of 1970-01-01 08:00 Shanghai; numbered from that day's counter.
      expect(JSON.parse(outcomes[1]!.responseJson).ticket.display).toBe('A001');
      // A ticket outside the kiosk's blocks is rejected within a report, the others kept.
      const report = {
        tickets: [
          { ...ticketFrom(leased.value, 2), issuedAtMs: 1_500 },
          { ...ticketFrom(leased.value, 9), issuedAtMs: 1_500 },
        ],
      };
      const [reported] = await storage.deliver(kioskId, [delivery('ticket_report', 'k3', report)], 2_000);
      const reportAnswer = JSON.parse(reported!.responseJson);
      expect(reportAnswer.accepted).toEqual([report.tickets[0]!.ticketId]);
      expect(reportAnswer.rejected).toMatchObject([{ ticketId: report.tickets[1]!.ticketId }]);
      const state = await storage.queueState(serviceDate, 3_000);
      expect(state.queues.find((q) => q.queueId === 'market-general')).toMatchObject({
        waiting: 2,
        lastCalled: null,
      });

      const called = await storage.callNext('w1', serviceDate, 4_000);
      expect(called).toMatchObject({ ok: true, value: { display: 'A001', state: 'called', windowId: 'w1' } });
      expect(await storage.caseProgress(withTicket.caseNumber)).toMatchObject({ status: 'in_progress' });
      const second = await storage.callNext('w2', serviceDate, 5_000);
      expect(second).toMatchObject({ ok: true, value: { display: 'A002' } });
      expect(
        (await storage.queueState(serviceDate, 5_000)).windows.find((w) => w.windowId === 'w2')?.serving,
      ).toBe('A002');
      expect(await storage.callNext('w1', serviceDate, 6_000)).toEqual({ ok: true, value: null });
      const progress = await storage.caseProgress(withTicket.caseNumber);
      expect(progress).toMatchObject({ status: 'done', ratable: true });
      expect(progress!.history.map((h) => h.status)).toEqual(['received', 'in_progress', 'done']);
      expect((await storage.recentCalls(5)).calls.map((c) => [c.display, c.windowLabel])).toEqual([
        ['A002', '2'],
        ['A001', '1'],
      ]);
      const ticketId = second.ok && second.value ? second.value.ticketId : '';
      expect(await storage.transferTicket(ticketId, 'civil-general', 7_000)).toMatchObject({
        ok: true,
        value: { queueId: 'civil-general', state: 'waiting' },
      });
      expect(await storage.markNoShow(ticketId, 8_000)).toMatchObject({
        ok: true,
        value: { state: 'no_show' },
      });

      const rating = {
        caseNumber: withTicket.caseNumber,
        grade: 5,
        reasons: ['fast'],
        comment: '很好',
        ratedAtMs: 9,
      };
      expect((await storage.deliver(kioskId, [delivery('rating', 'r1', rating)], 9_000))[0]!.status).toBe(
        200,
      );
      expect(
        (await storage.deliver(kioskId, [delivery('rating', 'r2', { ...rating, grade: 1 })], 9_000))[0]!
          .status,
      ).toBe(409);
      expect(await storage.caseProgress(withTicket.caseNumber)).toMatchObject({ ratable: false });
      const otherKiosk = await enrol(storage, 2);
      expect(
        (await storage.deliver(otherKiosk.kioskId, [delivery('rating', 'r3', rating)], 9_000))[0]!.status,
      ).toBe(403);
    });

    it('the store keeps every version; a kiosk’s new payout field waits for review, and approval applies it', async () => {
      const person = keyedHashOf('store-person');
      await storage.putStoreRecord({
        keyedHash: person,
        profile: sampleProfile,
        materials: [],
        updatedAtMs: 1,
      });
      const withPhone = withProfileField(sampleProfile, 'phone', '13800000000');
      const payload = submission(kioskCode, 'EEEE1', null, {
        applicant: { keyedHash: person, priorityReasons: [] },
        consentToStore: true,
        profile: withPhone,
      });
      expect((await storage.deliver(kioskId, [delivery('submission', 's1', payload)], 50))[0]!.status).toBe(
        200,
      );
      expect(await storage.getStoreRecord(person)).toMatchObject({ version: 2, profile: { phone: null } });
      const pending = await storage.payoutReviews('pending');
      expect(pending).toMatchObject([{ keyedHash: person, kioskCode, proposed: { phone: '13800000000' } }]);
      const decided = await storage.decidePayoutReview(pending[0]!.reviewId, true, 'supervisor-1', 60);
      expect(decided).toMatchObject({ ok: true, value: { state: 'approved' } });
      expect(await storage.decidePayoutReview(pending[0]!.reviewId, true, 'supervisor-1', 61)).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      expect(await storage.decidePayoutReview('no-review', true, 'supervisor-1', 61)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await storage.getStoreRecord(person)).toMatchObject({
        version: 3,
        profile: { phone: '13800000000' },
      });
      expect((await storage.storeRecordVersions(person)).map((v) => v.version)).toEqual([1, 2, 3]);
      const firstPage = await storage.storeDelta(undefined, 1);
      expect(firstPage).toMatchObject({ hasMore: false, entries: [{ keyedHash: person, version: 3 }] });
      expect((await storage.storeDelta(firstPage.cursor, 10)).entries).toEqual([]);
      await expect(storage.storeDelta('not-a-cursor', 10)).rejects.toBeInstanceOf(BadCursorError);
      await expect(storage.catalogueDelta('-1', 10)).rejects.toBeInstanceOf(BadCursorError);
      const catalogue = await storage.catalogueDelta(undefined, 1000);
      expect(
        catalogue.entries
          .filter((e) => e.kind === 'window')
          .map((e) => e.id)
          .sort(),
      ).toEqual(['w1', 'w2', 'w5', 'w6']);
    });

    it('a renewed card’s submission moves the record kept under the previous number to the new key', async () => {
      const previous = keyedHashOf('renewed-holder-2017');
      const renewed = keyedHashOf('renewed-holder-2023');
      const before = withProfileField(sampleProfile, 'phone', '13800000001');
      await storage.putStoreRecord({ keyedHash: previous, profile: before, materials: [], updatedAtMs: 1 });
      // The kiosk adopted the record and sends it under the new key, naming the previous one.
      const carried = withProfileField(before, 'email', 'holder@example.cn');
      const payload = submission(kioskCode, 'RENEW1', null, {
        applicant: { keyedHash: renewed, priorityReasons: [], previousKeyedHash: previous },
        consentToStore: true,
        profile: carried,
      });
      expect(
        (await storage.deliver(kioskId, [delivery('submission', 'renew-1', payload)], 70))[0]!.status,
      ).toBe(200);
      // The payout fields carried over are the reviewed ones, not changes waiting for a supervisor.
      expect(await storage.payoutReviews('pending')).toEqual([]);
      expect(await storage.getStoreRecord(renewed)).toMatchObject({
        version: 1,
        profile: { phone: '13800000001', email: 'holder@example.cn' },
      });
      expect(await storage.getStoreRecord(previous)).toBeNull();
      // Every kiosk hears of both through the store feed: the new key's record, the old key emptied.
      const delta = await storage.storeDelta(undefined, 100);
      expect(delta.entries.filter((entry) => entry.keyedHash === previous).at(-1)?.record).toBeNull();
      expect(delta.entries.some((entry) => entry.keyedHash === renewed)).toBe(true);

      // A holder whose new key already has a record keeps it; the previous key is left alone.
      const other = keyedHashOf('renewed-other-2017');
      const otherNew = keyedHashOf('renewed-other-2023');
      await storage.putStoreRecord({ keyedHash: other, profile: before, materials: [], updatedAtMs: 1 });
      await storage.putStoreRecord({
        keyedHash: otherNew,
        profile: sampleProfile,
        materials: [],
        updatedAtMs: 1,
      });
      const second = submission(kioskCode, 'RENEW2', null, {
        applicant: { keyedHash: otherNew, priorityReasons: [], previousKeyedHash: other },
        consentToStore: true,
        profile: sampleProfile,
      });
      expect(
        (await storage.deliver(kioskId, [delivery('submission', 'renew-2', second)], 80))[0]!.status,
      ).toBe(200);
      expect(await storage.getStoreRecord(other)).toMatchObject({ profile: { phone: '13800000001' } });
    });

    it('a consenting case keeps under the person only the archived copies its profile names and this central holds (issue 13)', async () => {
      const person = keyedHashOf('archive-person');
      const [reusable, oneOff, signature] = ['reusable page', 'one-off page', 'signature'].map((text) =>
        Buffer.from(text),
      ) as [Buffer, Buffer, Buffer];
      await storage.putMaterials(
        [reusable, oneOff, signature].map((bytes) => ({ sha256: sha256(bytes), bytes })),
        10,
      );
      const archived = (bytes: Buffer, code: string) => ({
        code,
        sha256: sha256(bytes),
        mime: 'image/jpeg' as const,
        name: code,
        pages: 1,
        sizeBytes: bytes.length,
        archivedAt: '2026-03-02T10:00:00+08:00',
      });
      const page = (bytes: Buffer, materialId: string) => ({
        materialId,
        page: 1,
        sha256: sha256(bytes),
        mediaType: 'image/jpeg',
        reusedFromStore: false,
      });
      const payload = submission(kioskCode, 'ARCH1', null, {
        applicant: { keyedHash: person, priorityReasons: [] },
        materials: [page(reusable, 'ID_PHOTO'), page(oneOff, 'MEDICAL_CHECK'), page(signature, 'SIGNATURE')],
        consentToStore: true,
        // A copy the central never received (a damaged or forged profile) is not kept: nobody could fetch it.
        profile: {
          ...keepingProfile,
          materials: [archived(reusable, 'ID_PHOTO'), archived(Buffer.from('never sent'), 'DIPLOMA')],
        },
      });
      expect((await storage.deliver(kioskId, [delivery('submission', 'a1', payload)], 50))[0]!.status).toBe(
        200,
      );
      const record = await storage.getStoreRecord(person);
      expect(record?.materials).toEqual([
        {
          materialId: 'ID_PHOTO',
          sha256: sha256(reusable),
          size: reusable.length,
          mediaType: 'image/jpeg',
          pages: 1,
        },
      ]);
      expect(record?.profile.materials).toEqual([archived(reusable, 'ID_PHOTO')]);
    });

    it('a case from a kiosk that did not hold the person’s record updates it, never drops what the central knew (issue 13)', async () => {
      const person = keyedHashOf('merge-person');
      const [kept, older, newer] = ['kept copy', 'older copy', 'newer copy'].map((text) =>
        Buffer.from(text),
      ) as [Buffer, Buffer, Buffer];
      await storage.putMaterials(
        [kept, older, newer].map((bytes) => ({ sha256: sha256(bytes), bytes })),
        10,
      );
      const copy = (bytes: Buffer, code: string, archivedAt: string) => ({
        code,
        sha256: sha256(bytes),
        mime: 'image/jpeg' as const,
        name: code,
        pages: 1,
        sizeBytes: bytes.length,
        archivedAt,
      });
      const earlier = (itemId: string, submittedAt: string) => ({
        submittedAt,
        formId: itemId,
        formVersion: 1,
        values: { note: itemId },
      });
      // What the central knows: a marriage finished at the window, a copy archived at another kiosk.
      const known = {
        ...keepingProfile,
        maritalStatus: 'married' as const,
        spouse: { name: '林美华', idNumber: '350583199205170028' },
        addresses: { current: '南安市旧地址1号', mailing: '南安市邮寄路2号', currentSince: null },
        factSources: { 'spouse.name': { source: 'windowCase' as const, asOf: '2026-03-01' } },
        lastSubmissions: { 'item-a': earlier('item-a', '2026-03-01T10:00:00+08:00') },
        materials: [
          copy(kept, 'HOUSEHOLD_REGISTER', '2026-03-01T10:00:00+08:00'),
          copy(newer, 'ID_PHOTO', '2026-03-01T10:00:00+08:00'),
        ],
      };
      await storage.putStoreRecord({ keyedHash: person, profile: known, materials: [], updatedAtMs: 5 });
      // A kiosk offline when the card was read builds on nothing: only this form's facts and an older photo.
      const proposal = {
        ...keepingProfile,
        addresses: { current: '南安市新地址9号', mailing: null, currentSince: null },
        factSources: { 'addresses.current': { source: 'applicant' as const, asOf: '2026-03-02' } },
        lastSubmissions: { 'item-b': earlier('item-b', '2026-03-02T10:00:00+08:00') },
        materials: [copy(older, 'ID_PHOTO', '2026-02-01T10:00:00+08:00')],
      };
      const payload = submission(kioskCode, 'MERGE1', null, {
        applicant: { keyedHash: person, priorityReasons: [] },
        consentToStore: true,
        profile: proposal,
      });
      expect((await storage.deliver(kioskId, [delivery('submission', 'm1', payload)], 50))[0]!.status).toBe(
        200,
      );
      const record = (await storage.getStoreRecord(person))!;
      expect(record.profile).toMatchObject({
        maritalStatus: 'married',
        spouse: known.spouse,
        addresses: { current: '南安市新地址9号', mailing: '南安市邮寄路2号' },
      });
      expect(record.profile.factSources).toEqual({
        'spouse.name': { source: 'windowCase', asOf: '2026-03-01' },
        'addresses.current': { source: 'applicant', asOf: '2026-03-02' },
      });
      expect(Object.keys(record.profile.lastSubmissions).sort()).toEqual(['item-a', 'item-b']);
      expect(record.profile.materials.map((m) => m.sha256).sort()).toEqual(
        [sha256(kept), sha256(newer)].sort(),
      );
      expect(record.materials.map((m) => m.sha256).sort()).toEqual([sha256(kept), sha256(newer)].sort());
    });

    it('a purge order erases the person everywhere and collects kiosk acknowledgements', async () => {
      const person = keyedHashOf('purged-person');
      await storage.putStoreRecord({
        keyedHash: person,
        profile: sampleProfile,
        materials: [],
        updatedAtMs: 1,
      });
      const order = await storage.createPurgeOrder(person, 100);
      expect(await storage.getStoreRecord(person)).toBeNull();
      expect(await storage.storeRecordVersions(person)).toEqual([
        { version: 1, record: null },
        { version: 2, record: null },
      ]);
      expect((await storage.storeDelta(undefined, 10)).entries).toEqual([
        { keyedHash: person, version: 2, record: null },
      ]);
      expect((await storage.purgeOrders(undefined, 10)).entries).toEqual([
        { orderId: order.orderId, keyedHash: person, issuedAtMs: 100 },
      ]);
      const ack = { orderId: order.orderId, completedAtMs: 120 };
      expect((await storage.deliver(kioskId, [delivery('purge_ack', 'p1', ack)], 130))[0]!.status).toBe(200);
      expect(
        (
          await storage.deliver(kioskId, [delivery('purge_ack', 'p2', { ...ack, orderId: 'nothing' })], 130)
        )[0]!.status,
      ).toBe(404);
      expect(await storage.purgeOrderAcks(order.orderId)).toEqual({
        orderId: order.orderId,
        acks: [{ kioskId, kioskCode, completedAtMs: 120 }],
      });
      expect(await storage.purgeOrderAcks('nothing')).toBeNull();
    });

    it('staff accounts: unique names, lockout after repeated failures, sessions that expire, an audit trail', async () => {
      expect(await storage.countStaffAccounts()).toBe(0);
      const account = { accountId: 'a1', username: 'clerk', role: 'window_staff' as const, createdAtMs: 1 };
      expect(await storage.createStaffAccount({ ...account, passwordHash: 'hash' })).toEqual({
        ok: true,
        value: account,
      });
      expect(
        await storage.createStaffAccount({ ...account, accountId: 'a2', passwordHash: 'x' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      expect(await storage.countStaffAccounts()).toBe(1);
      const policy = { maxFailures: 3, lockMs: 1_000 };
      for (let i = 0; i < 2; i++) await storage.recordStaffLogin('a1', false, 10, policy);
      expect((await storage.staffCredentials('clerk'))?.lockedUntilMs).toBeNull();
      await storage.recordStaffLogin('a1', false, 10, policy);
      expect((await storage.staffCredentials('clerk'))?.lockedUntilMs).toBe(1_010);
      await storage.recordStaffLogin('a1', true, 2_000, policy);
      expect((await storage.staffCredentials('clerk'))?.lockedUntilMs).toBeNull();
      expect(await storage.staffCredentials('nobody')).toBeNull();
      const token = 'c'.repeat(64);
      await storage.createStaffSession(token, 'a1', 5_000, 2_000);
      expect(await storage.staffSession(token, 4_999)).toEqual({
        accountId: 'a1',
        username: 'clerk',
        role: 'window_staff',
      });
      expect(await storage.staffSession(token, 5_000)).toBeNull();
      await storage.endStaffSession(token);
      expect(await storage.staffSession(token, 3_000)).toBeNull();
      for (let i = 0; i < 3; i++)
        await storage.recordAudit({
          atMs: i,
          accountId: 'a1',
          username: 'clerk',
          action: `act-${i}`,
          target: null,
          status: 200,
        });
      const page = await storage.auditLog(0, 2);
      expect(page.map((e) => e.action)).toEqual(['act-0', 'act-1']);
      expect((await storage.auditLog(page[1]!.seq, 10)).map((e) => e.action)).toEqual(['act-2']);
    });

    it('a heartbeat from a known kiosk is taken and leaves its credential working', async () => {
      const heartbeat = {
        appVersion: '0.2.0',
        atMs: 5,
        backlog: 3,
        parked: 0,
        oldestItemAgeSeconds: 12,
        lastError: null,
      };
      await expect(storage.recordHeartbeat(kioskId, heartbeat, 5)).resolves.toBeUndefined();
      expect(await storage.kioskByCredentialHash(sha256(Buffer.from('credential-1')))).toMatchObject({
        kioskId,
      });
    });

    it('reads JSON columns through their schemas: a damaged row throws, naming the column and not its value', async () => {
      await storage.putStoreRecord({
        keyedHash: keyedHashOf('a'),
        profile: sampleProfile,
        materials: [],
        updatedAtMs: 1,
      });
      expect(await storage.getStoreRecord(keyedHashOf('a'))).toMatchObject({
        version: 1,
        profile: sampleProfile,
      });
      await opened.damageStoreRecord(keyedHashOf('a'), { keyedHash: 'not-a-hash', personal: '张三' });
      const read = storage.getStoreRecord(keyedHashOf('a'));
      await expect(read).rejects.toThrow(/store_records\.record breaks its schema/);
      await expect(read).rejects.not.toThrow(/张三/);
    });
  });
}
