/**
 * The window's case workflow in the CentralStorage contract, on SQLite and PostgreSQL alike: each step
 * audited with its staff account, illegal steps refused, the missing items of a 补正 shown in the
 * progress answer, and the supplement delivered once, only by the applicant, only for what was asked.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../sync/central/hall-rules';
import { seedCatalogue } from '../../sync/central/seed';
import type { CentralStorage, StaffActor, ValidatedDelivery } from '../../sync/central/storage';
import type { SupplementPayload } from '../../sync/protocol/case-workflow';
import type { DeliveryKind, SubmissionPayload } from '../../sync/protocol/central-api';
import {
  type OpenedStorage,
  postgresBackend,
  type StorageBackend,
  sqliteBackend,
} from './support/central-storage-backends';
import { keyedHashOf } from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

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
  const codeHash = sha256(`code-${n}`);
  await storage.createEnrolmentCode(codeHash, 10_000);
  const enrolled = await storage.enrolKiosk({
    kioskId: `kiosk-${n}`,
    name: `kiosk ${n}`,
    codeHash,
    requestId: `request-${n}`,
    publicKey: `key-${n}`,
    credentialHashOf: () => sha256(`credential-${n}`),
    appVersion: '0.1.0',
    nowMs: 1,
  });
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  return enrolled.value;
}

const applicant = keyedHashOf('applicant-workflow');
const pageBytes = Buffer.from('a page of the ID copy, brought again');
const page = {
  materialId: 'ID_COPY',
  page: 1,
  sha256: sha256(pageBytes),
  mediaType: 'image/jpeg',
};

function submission(kioskCode: string): SubmissionPayload {
  return {
    caseNumber: `20260302-${kioskCode}-WF01`,
    itemId: 'business-licence',
    departmentId: 'market',
    queueId: 'market-general',
    ticket: null,
    applicant: { keyedHash: applicant, priorityReasons: [] },
    formValues: { name: '张三' },
    materials: [],
    consentToStore: false,
    submittedAtMs: 1,
  };
}

const backends: StorageBackend[] = [sqliteBackend, postgresBackend()];

for (const backend of backends) {
  describe.skipIf(backend.unavailable !== null)(`case workflow storage on ${backend.name}`, () => {
    let opened: OpenedStorage;
    let storage: CentralStorage;
    let first: { kioskId: string; kioskCode: string };
    let second: { kioskId: string; kioskCode: string };
    let staff: StaffActor;
    let caseNumber: string;

    beforeAll(() => backend.start());
    afterAll(() => backend.stop());
    beforeEach(async () => {
      opened = await backend.open();
      storage = opened.storage;
      await seedCatalogue(storage, testCatalogue);
      first = await enrol(storage, 1);
      second = await enrol(storage, 2);
      const account = await storage.createStaffAccount({
        accountId: 'staff-1',
        username: 'window.one',
        role: 'window_staff',
        createdAtMs: 1,
        passwordHash: 'hash',
      });
      if (!account.ok) throw new Error(account.error.message);
      staff = { accountId: 'staff-1', username: 'window.one' };
      const payload = submission(first.kioskCode);
      caseNumber = payload.caseNumber;
      const [outcome] = await storage.deliver(
        first.kioskId,
        [delivery('submission', 'sub-wf-0001', payload)],
        10,
      );
      expect(outcome?.status).toBe(200);
    });
    afterEach(() => opened.close());

    const supplement = (extra: Partial<SupplementPayload> = {}): SupplementPayload => ({
      caseNumber,
      applicant: { keyedHash: applicant },
      materials: [page],
      submittedAtMs: 50,
      ...extra,
    });

    it('a new case is at received and its file shows the form; an unknown case is null', async () => {
      const file = await storage.caseFile(caseNumber);
      expect(file).toMatchObject({
        stage: 'received',
        itemId: 'business-licence',
        formValues: { name: '张三' },
        applicantKeyedHash: applicant,
        steps: [],
        missingItems: [],
      });
      expect(await storage.caseFile('20260302-K009-NONE')).toBeNull();
      expect(await storage.takeCaseStep('20260302-K009-NONE', { action: 'accept' }, staff, 11)).toMatchObject(
        {
          ok: false,
          error: { code: 'not_found' },
        },
      );
    });

    it('受理, 补正 answered at a second kiosk, then 办结: every step audited with who and when', async () => {
      expect(await storage.takeCaseStep(caseNumber, { action: 'accept' }, staff, 20)).toMatchObject({
        ok: true,
        value: { stage: 'accepted' },
      });
      const asked = await storage.takeCaseStep(
        caseNumber,
        { action: 'request_supplement', missingItems: [{ materialId: 'ID_COPY', note: '复印件不清晰' }] },
        staff,
        30,
      );
      expect(asked).toMatchObject({
        ok: true,
        value: {
          stage: 'supplement_requested',
          missingItems: [{ materialId: 'ID_COPY', note: '复印件不清晰' }],
        },
      });
      const progress = await storage.caseProgress(caseNumber);
      expect(progress).toMatchObject({
        status: 'in_progress',
        stage: 'supplement_requested',
        missingItems: [{ materialId: 'ID_COPY', note: '复印件不清晰' }],
      });

      // Pages not yet uploaded: 412, and nothing moves.
      const early = await storage.deliver(
        second.kioskId,
        [delivery('supplement', 'sup-wf-0001', supplement())],
        40,
      );
      expect(early[0]?.status).toBe(412);
      await storage.putMaterials([{ sha256: page.sha256, bytes: pageBytes }], 41);
      const sent = await storage.deliver(
        second.kioskId,
        [delivery('supplement', 'sup-wf-0002', supplement())],
        42,
      );
      expect(sent[0]?.status).toBe(200);
      expect(JSON.parse(sent[0]!.responseJson)).toEqual({
        caseNumber,
        stage: 'supplement_submitted',
        receivedAtMs: 42,
      });
      // Delivered once: the same key again is the same answer, byte for byte, and no second step.
      const again = await storage.deliver(
        second.kioskId,
        [delivery('supplement', 'sup-wf-0002', supplement())],
        43,
      );
      expect(again[0]).toEqual(sent[0]);
      // Another key: the case is no longer at 补正.
      const late = await storage.deliver(
        second.kioskId,
        [delivery('supplement', 'sup-wf-0003', supplement())],
        44,
      );
      expect(late[0]?.status).toBe(409);
      expect(JSON.parse(late[0]!.responseJson)).toMatchObject({ error: { code: 'illegal_transition' } });

      const finished = await storage.takeCaseStep(
        caseNumber,
        { action: 'finish', result: '准予许可' },
        staff,
        60,
      );
      expect(finished.ok).toBe(true);
      const file = await storage.caseFile(caseNumber);
      expect(file?.stage).toBe('finished');
      expect(file?.materials).toEqual([{ ...page, supplement: true }]);
      expect(file?.steps).toEqual([
        {
          atMs: 20,
          action: 'accept',
          from: 'received',
          to: 'accepted',
          username: 'window.one',
          kioskId: null,
        },
        {
          atMs: 30,
          action: 'request_supplement',
          from: 'accepted',
          to: 'supplement_requested',
          username: 'window.one',
          kioskId: null,
          missingItems: [{ materialId: 'ID_COPY', note: '复印件不清晰' }],
        },
        {
          atMs: 42,
          action: 'submit_supplement',
          from: 'supplement_requested',
          to: 'supplement_submitted',
          username: null,
          kioskId: second.kioskId,
          materials: [page],
        },
        {
          atMs: 60,
          action: 'finish',
          from: 'supplement_submitted',
          to: 'finished',
          username: 'window.one',
          kioskId: null,
          result: '准予许可',
        },
      ]);
      expect(await storage.caseProgress(caseNumber)).toMatchObject({ status: 'done', ratable: true });
    });

    it('refuses illegal steps with the stage named, and leaves the case where it was', async () => {
      const finishEarly = await storage.takeCaseStep(
        caseNumber,
        { action: 'finish', result: 'x' },
        staff,
        20,
      );
      expect(finishEarly).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(finishEarly.ok || finishEarly.error.message).toMatch(/已收件.*办结/);
      expect(
        await storage.takeCaseStep(caseNumber, { action: 'reject', reason: '不属于受理范围' }, staff, 21),
      ).toMatchObject({ ok: true, value: { stage: 'rejected' } });
      expect(await storage.takeCaseStep(caseNumber, { action: 'accept' }, staff, 22)).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      const file = await storage.caseFile(caseNumber);
      expect(file?.stage).toBe('rejected');
      expect(file?.steps.map((s) => s.reason)).toEqual(['不属于受理范围']);
      expect(await storage.caseProgress(caseNumber)).toMatchObject({ status: 'rejected', ratable: false });
    });

    it('a 补正 naming a material the item lacks is invalid', async () => {
      const bad = await storage.takeCaseStep(
        caseNumber,
        { action: 'request_supplement', missingItems: [{ materialId: 'NO_SUCH_PAPER' }] },
        staff,
        20,
      );
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect((await storage.caseFile(caseNumber))?.stage).toBe('received');
    });

    it('lists open cases with their time limit until finished; the desk no longer moves a stepped case', async () => {
      expect(await storage.openCases(10)).toEqual([
        {
          caseNumber,
          itemId: 'business-licence',
          departmentId: 'market',
          departmentName: expect.objectContaining({ 'zh-Hans': expect.any(String) }),
          windowLabel: null,
          stage: 'received',
          receivedAtMs: 10,
          timeLimitDays: 0,
        },
      ]);
      await storage.takeCaseStep(caseNumber, { action: 'accept' }, staff, 20);
      // Calling the next ticket at the window finishes what it served only for a case without steps.
      const serviceDate = new Date(10).toISOString().slice(0, 10);
      await storage.callNext('w1', serviceDate, 21);
      await storage.callNext('w1', serviceDate, 22);
      expect(await storage.caseProgress(caseNumber)).toMatchObject({
        status: 'in_progress',
        stage: 'accepted',
      });
      await storage.takeCaseStep(caseNumber, { action: 'finish', result: '准予许可' }, staff, 30);
      expect(await storage.openCases(10)).toEqual([]);
    });

    it('flags a 差评 with its reasons until a staff member follows it up, once', async () => {
      await storage.takeCaseStep(caseNumber, { action: 'accept' }, staff, 20);
      await storage.takeCaseStep(caseNumber, { action: 'finish', result: '准予许可' }, staff, 21);
      const rating = {
        caseNumber,
        grade: 1,
        reasons: ['等候时间长', '态度不好'],
        comment: '窗口无人',
        ratedAtMs: 40,
      };
      const [rated] = await storage.deliver(
        first.kioskId,
        [delivery('rating', 'rating-wf-0001', rating)],
        40,
      );
      expect(rated?.status).toBe(200);
      expect(await storage.flaggedRatings(10)).toEqual([
        { itemId: 'business-licence', departmentId: 'market', ...rating },
      ]);
      expect(await storage.followUpRating(caseNumber, staff, 50)).toEqual({
        ok: true,
        value: { followedUpAtMs: 50 },
      });
      expect(await storage.followUpRating(caseNumber, staff, 51)).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      expect(await storage.flaggedRatings(10)).toEqual([]);
      expect(await storage.followUpRating('20260302-K009-NONE', staff, 52)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('a supplement from another person, or of pages not asked for, is refused and changes nothing', async () => {
      await storage.takeCaseStep(
        caseNumber,
        { action: 'request_supplement', missingItems: [{ materialId: 'ID_COPY' }] },
        staff,
        20,
      );
      await storage.putMaterials([{ sha256: page.sha256, bytes: pageBytes }], 21);
      const stranger = await storage.deliver(
        second.kioskId,
        [
          delivery(
            'supplement',
            'sup-wf-0101',
            supplement({ applicant: { keyedHash: keyedHashOf('someone-else') } }),
          ),
        ],
        22,
      );
      expect(stranger[0]?.status).toBe(403);
      const stray = await storage.deliver(
        second.kioskId,
        [
          delivery(
            'supplement',
            'sup-wf-0102',
            supplement({ materials: [{ ...page, materialId: 'PHOTO' }] }),
          ),
        ],
        23,
      );
      expect(stray[0]?.status).toBe(422);
      const unknown = await storage.deliver(
        second.kioskId,
        [delivery('supplement', 'sup-wf-0103', supplement({ caseNumber: '20260302-K001-NONE' }))],
        24,
      );
      expect(unknown[0]?.status).toBe(404);
      expect((await storage.caseFile(caseNumber))?.stage).toBe('supplement_requested');
    });
  });
}
