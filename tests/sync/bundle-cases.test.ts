/**
 * 一件事 on the central side, over real HTTP on loopback, on SQLite and PostgreSQL alike: a bundle
 * submission is split by the central's own catalogue into one case per item at its department (each
 * with its own form values and only the materials its item needs), redelivery adds nothing, an unknown
 * bundle is refused, each part takes its window steps and the bundle's progress rolls up from them,
 * and the agent who applied is recorded on every case while the case stays the principal's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueCaseNumber } from '../../kernel/case-number';
import { hallDateOf } from '../../kernel/hall-time';
import { catalogueEntries } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import type { CentralClient } from '../../sync/client/central-client';
import type { CaseFile } from '../../sync/protocol/case-workflow';
import { catalogueEntrySchemas } from '../../sync/protocol/catalogue';
import type { SubmissionPayload } from '../../sync/protocol/central-api';
import type { SupervisionBoard } from '../../sync/protocol/supervision';
import {
  agent,
  bundle,
  bundleHallCatalogue,
  bundleSubmission,
  page,
  pages,
  principal,
  sha256,
} from './support/bundle-hall';
import {
  type OpenedStorage,
  postgresBackend,
  type StorageBackend,
  sqliteBackend,
} from './support/central-storage-backends';
import { enrolledClient, tempDir } from './support/kiosk-harness';

const backends: StorageBackend[] = [sqliteBackend, postgresBackend()];

for (const backend of backends) {
  describe.skipIf(backend.unavailable !== null)(`一件事 cases on ${backend.name}, over HTTP`, () => {
    let opened: OpenedStorage;
    let server: RunningCentralServer;
    let client: CentralClient;
    let admin: string;
    let caseNumber: string;
    let kioskCode: string;
    let kioskSeq = 0;

    async function staff(method: string, path: string, body?: unknown): Promise<Response> {
      return fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${admin}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    }
    async function caseFile(number: string): Promise<CaseFile> {
      const response = await staff('GET', `/v1/staff/cases/${number}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { case: CaseFile }).case;
    }
    async function step(number: string, body: unknown): Promise<Response> {
      return staff('POST', `/v1/staff/cases/${number}/steps`, body);
    }
    async function deliver(payload: SubmissionPayload, idempotencyKey = randomUUID()) {
      kioskSeq += 1;
      const answer = await client.deliverBatch([{ kind: 'submission', idempotencyKey, kioskSeq, payload }]);
      return answer.results[0]!;
    }
    const part = (n: number) => `${caseNumber}-${n}`;

    beforeAll(() => backend.start());
    afterAll(() => backend.stop());
    beforeEach(async () => {
      opened = await backend.open();
      server = await startCentralServer({
        port: 0,
        dataDir: tempDir('central-bundles'),
        storage: opened.storage,
      });
      await opened.storage.putCatalogueEntries(catalogueEntries(bundleHallCatalogue));
      const enrolled = await enrolledClient(server.url, await server.createEnrolmentCode());
      client = enrolled.client;
      kioskCode = enrolled.enrolment.kioskCode;
      const issued = issueCaseNumber(hallDateOf(Date.now(), 'Asia/Shanghai'), kioskCode, () => 4242);
      if (!issued.ok) throw new Error(issued.error.message);
      caseNumber = issued.value;
      for (const bytes of Object.values(pages)) await client.putMaterial(sha256(bytes), bytes);
      const login = await fetch(`${server.url}/v1/staff/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: server.adminSecret }),
      });
      admin = ((await login.json()) as { token: string }).token;
    });
    // The server closes the storage it was given.
    afterEach(() => server.close());

    it('files the bundle case and one case per item at its department, each with its own values and materials', async () => {
      const answer = await deliver(bundleSubmission(caseNumber));
      expect(answer.status).toBe(200);

      const bundleFile = await caseFile(caseNumber);
      expect(bundleFile.departmentId).toBe('integrated');
      expect(bundleFile.itemName['zh-Hans']).toBe('开办个体户一件事');
      expect(bundleFile.parts?.map((p) => [p.caseNumber, p.itemId, p.departmentId, p.stage])).toEqual([
        [part(1), 'shop-licence', 'market', 'received'],
        [part(2), 'tax-registration', 'tax', 'received'],
        [part(3), 'social-insurance-account', 'civil', 'received'],
      ]);
      expect(bundleFile.parts?.[1]?.departmentName['zh-Hans']).toBe('税务局');

      const [licence, tax, insurance] = [
        await caseFile(part(1)),
        await caseFile(part(2)),
        await caseFile(part(3)),
      ];
      // Each item's own form values, keyed by its own form's field ids; the shared fact in every part.
      expect(licence.formValues).toEqual({
        applicantName: '陈阿婆',
        shopName: '南安市溪美陈记杂货店',
        premises: '福建省南安市溪美街道新华路 8 号',
        contactPhone: '13800000001',
      });
      expect(tax.formValues).toEqual({
        applicantName: '陈阿婆',
        shopName: '南安市溪美陈记杂货店',
        bankAccount: '6222020200112233445',
        contactPhone: '13800000002',
      });
      expect(insurance.formValues).toEqual({
        applicantName: '陈阿婆',
        shopName: '南安市溪美陈记杂货店',
        employees: '2',
      });
      expect([licence.departmentId, tax.departmentId, insurance.departmentId]).toEqual([
        'market',
        'tax',
        'civil',
      ]);
      // Only the materials each item needs; the ID copy both need is one stored file, referenced by each.
      const codes = (file: CaseFile) => file.materials.map((m) => m.materialId).sort();
      // The power of attorney, asked by no item, goes with every part: each department sees it.
      expect(codes(licence)).toEqual(['ID_COPY', 'LEASE', 'POWER_OF_ATTORNEY']);
      expect(codes(tax)).toEqual(['BANK_CARD', 'ID_COPY', 'POWER_OF_ATTORNEY']);
      expect(codes(insurance)).toEqual(['ID_COPY', 'POWER_OF_ATTORNEY']);
      const idCopies = [licence, tax, insurance].map(
        (f) => f.materials.find((m) => m.materialId === 'ID_COPY')?.sha256,
      );
      expect(new Set(idCopies)).toEqual(new Set([sha256(pages.ID_COPY)]));
      expect(licence.requiredMaterials.map((m) => m.materialId)).toEqual(['ID_COPY', 'LEASE']);
      // Each part knows its bundle.
      expect(tax.partOf).toEqual({
        caseNumber,
        bundleId: bundle.id,
        bundleName: bundle.name,
        part: 2,
        of: 3,
      });

      // The case is the principal's; the agent is recorded on the bundle and on every part.
      for (const file of [bundleFile, licence, tax, insurance]) {
        expect(file.applicantKeyedHash).toBe(principal);
        expect(file.agent).toEqual({ keyedHash: agent, basis: 'power_of_attorney' });
      }

      // The desk's list: the three parts at their departments, marked with their bundle; not the bundle case.
      const board = (await (await staff('GET', '/v1/staff/cases')).json()) as SupervisionBoard;
      const listed = board.cases.filter((c) => c.caseNumber.startsWith(caseNumber));
      expect(listed.map((c) => [c.caseNumber, c.departmentId, c.partOf?.part, c.partOf?.of]).sort()).toEqual([
        [part(1), 'market', 1, 3],
        [part(2), 'tax', 2, 3],
        [part(3), 'civil', 3, 3],
      ]);
      expect(listed[0]?.partOf?.bundleName['zh-Hans']).toBe('开办个体户一件事');
      expect(listed.find((c) => c.caseNumber === part(2))?.departmentName?.['zh-Hans']).toBe('税务局');
    });

    it('a redelivery adds no parts; the same number under another key is refused', async () => {
      const key = randomUUID();
      const first = await deliver(bundleSubmission(caseNumber), key);
      expect(first.status).toBe(200);
      const again = await deliver(bundleSubmission(caseNumber), key);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const other = await deliver(bundleSubmission(caseNumber));
      expect(other.status).toBe(409);
      expect((await caseFile(caseNumber)).parts).toHaveLength(3);
      const board = (await (await staff('GET', '/v1/staff/cases')).json()) as SupervisionBoard;
      expect(board.cases.filter((c) => c.caseNumber.startsWith(caseNumber))).toHaveLength(3);
      expect((await staff('GET', `/v1/staff/cases/${part(4)}`)).status).toBe(404);
    });

    it('an unknown bundle, or one the central cannot split, is refused and files nothing', async () => {
      const unknown = await deliver(bundleSubmission(caseNumber, 'no-such-bundle'));
      expect(unknown.status).toBe(422);
      expect(JSON.stringify(unknown.body)).toContain('no-such-bundle');
      // A bundle naming an item the central does not know: the split would be a guess, so none is made.
      await opened.storage.putCatalogueEntries([
        {
          kind: 'bundle',
          id: 'broken-bundle',
          version: 1,
          body: catalogueEntrySchemas.bundle.parse({
            ...bundle,
            id: 'broken-bundle',
            itemIds: ['shop-licence', 'no-such-item'],
          }),
        },
      ]);
      const broken = await deliver(bundleSubmission(caseNumber, 'broken-bundle'));
      expect(broken.status).toBe(422);
      expect(JSON.stringify(broken.body)).toContain('no-such-item');
      for (const number of [caseNumber, part(1)]) {
        expect((await staff('GET', `/v1/staff/cases/${number}`)).status).toBe(404);
      }
      // Nothing was left behind: the number is still free for the real bundle.
      expect((await deliver(bundleSubmission(caseNumber))).status).toBe(200);
    });

    it('each part takes its steps; the bundle is in progress once one is accepted and done after the last 办结', async () => {
      expect((await deliver(bundleSubmission(caseNumber))).status).toBe(200);
      expect((await client.caseProgress(caseNumber)).status).toBe('received');

      expect((await step(part(1), { action: 'accept' })).status).toBe(200);
      let progress = await client.caseProgress(caseNumber);
      expect(progress.status).toBe('in_progress');
      expect(progress.parts?.map((p) => [p.caseNumber, p.itemId, p.departmentId, p.status, p.stage])).toEqual(
        [
          [part(1), 'shop-licence', 'market', 'in_progress', 'accepted'],
          [part(2), 'tax-registration', 'tax', 'received', 'received'],
          [part(3), 'social-insurance-account', 'civil', 'received', 'received'],
        ],
      );
      expect(progress.history.at(-1)?.note).toBe('个体户设立登记：受理');

      // The bundle case takes no steps itself.
      const onBundle = await step(caseNumber, { action: 'accept' });
      expect(onBundle.status).toBe(422);
      expect(((await onBundle.json()) as { error: { message: string } }).error.message).toContain(part(1));

      // 补正 names the part's own materials only.
      const notItsMaterial = await step(part(3), {
        action: 'request_supplement',
        missingItems: [{ materialId: 'LEASE' }],
      });
      expect(notItsMaterial.status).toBe(422);

      expect((await step(part(1), { action: 'finish', result: '准予登记' })).status).toBe(200);
      for (const n of [2, 3]) {
        expect((await step(part(n), { action: 'accept' })).status).toBe(200);
      }
      expect((await step(part(2), { action: 'finish', result: '已登记' })).status).toBe(200);
      progress = await client.caseProgress(caseNumber);
      expect(progress.status).toBe('in_progress');
      expect(progress.ratable).toBe(false);

      // A progress query on a part's number answers that part.
      const partProgress = await client.caseProgress(part(1));
      expect(partProgress).toMatchObject({
        caseNumber: part(1),
        itemId: 'shop-licence',
        status: 'done',
        stage: 'finished',
      });
      expect(partProgress.parts).toBeUndefined();

      expect((await step(part(3), { action: 'finish', result: '已开户' })).status).toBe(200);
      progress = await client.caseProgress(caseNumber);
      expect(progress.status).toBe('done');
      expect(progress.ratable).toBe(true);
      expect(progress.parts?.every((p) => p.status === 'done' && p.stage === 'finished')).toBe(true);
      // Finished parts leave the desk's list; the bundle case was never on it.
      const board = (await (await staff('GET', '/v1/staff/cases')).json()) as SupervisionBoard;
      expect(board.cases.filter((c) => c.caseNumber.startsWith(caseNumber))).toEqual([]);
    });

    it('two windows finishing the last two parts at once (another process on PostgreSQL) leave the bundle done', async () => {
      expect((await deliver(bundleSubmission(caseNumber))).status).toBe(200);
      for (const n of [1, 2, 3]) expect((await step(part(n), { action: 'accept' })).status).toBe(200);
      expect((await step(part(1), { action: 'finish', result: '办结' })).status).toBe(200);
      // SQLite has one writer: the same storage twice is the same race there.
      const another = (await opened.openAnother()) ?? opened.storage;
      try {
        const windows = [
          { accountId: 'window-a', username: 'window.a' },
          { accountId: 'window-b', username: 'window.b' },
        ];
        for (const account of windows) {
          const created = await opened.storage.createStaffAccount({
            ...account,
            role: 'window_staff',
            createdAtMs: 1,
            passwordHash: 'hash',
          });
          expect(created.ok).toBe(true);
        }
        const finished = await Promise.all([
          opened.storage.takeCaseStep(part(2), { action: 'finish', result: '办结' }, windows[0]!, 50),
          another.takeCaseStep(part(3), { action: 'finish', result: '办结' }, windows[1]!, 50),
        ]);
        expect(finished.map((f) => f.ok)).toEqual([true, true]);
        const progress = await client.caseProgress(caseNumber);
        expect(progress.status).toBe('done');
        expect(progress.history.filter((h) => h.status === 'done')).toHaveLength(1);
      } finally {
        if (another !== opened.storage) await another.close();
      }
    });

    it('a part refused (不予受理) shows in the progress, and the bundle is not done', async () => {
      expect((await deliver(bundleSubmission(caseNumber))).status).toBe(200);
      expect((await step(part(2), { action: 'reject', reason: '银行账户未开立' })).status).toBe(200);
      let progress = await client.caseProgress(caseNumber);
      expect(progress.status).toBe('in_progress');
      expect(progress.parts?.[1]).toMatchObject({
        caseNumber: part(2),
        status: 'rejected',
        stage: 'rejected',
      });
      for (const n of [1, 3]) {
        expect((await step(part(n), { action: 'accept' })).status).toBe(200);
        expect((await step(part(n), { action: 'finish', result: '办结' })).status).toBe(200);
      }
      progress = await client.caseProgress(caseNumber);
      expect(progress.status).toBe('rejected');
      expect(progress.ratable).toBe(false);
      expect(progress.parts?.map((p) => p.status)).toEqual(['done', 'rejected', 'done']);
    });

    it('a single item applied for by an agent records the agent; one applied for in person has none', async () => {
      const single: SubmissionPayload = {
        ...bundleSubmission(caseNumber, 'shop-licence'),
        departmentId: 'market',
        queueId: 'market-general',
        agent: { keyedHash: agent, basis: 'guardian' },
        formValues: { applicantName: '陈阿婆', shopName: '陈记', premises: '新华路 8 号', contactPhone: '1' },
        materials: [page('ID_COPY'), page('LEASE')],
      };
      expect((await deliver(single)).status).toBe(200);
      const file = await caseFile(caseNumber);
      expect(file.agent).toEqual({ keyedHash: agent, basis: 'guardian' });
      expect(file.applicantKeyedHash).toBe(principal);
      expect(file.parts).toBeUndefined();
      expect(file.partOf).toBeUndefined();
      const { agent: _none, ...inPerson } = single;
      const issued = issueCaseNumber(hallDateOf(Date.now(), 'Asia/Shanghai'), kioskCode, () => 777);
      if (!issued.ok) throw new Error(issued.error.message);
      expect((await deliver({ ...inPerson, caseNumber: issued.value })).status).toBe(200);
      expect((await caseFile(issued.value)).agent).toBeUndefined();
      // An applicant named as their own agent is refused: a kiosk's mistake, never a case.
      const twice = issueCaseNumber(hallDateOf(Date.now(), 'Asia/Shanghai'), kioskCode, () => 778);
      if (!twice.ok) throw new Error(twice.error.message);
      const self = await deliver({
        ...single,
        caseNumber: twice.value,
        agent: { keyedHash: principal, basis: 'principal_card' },
      });
      expect(self.status).toBe(422);
      expect((await staff('GET', `/v1/staff/cases/${twice.value}`)).status).toBe(404);
    });
  });
}
