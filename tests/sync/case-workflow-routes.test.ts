/**
 * The case workflow's routes on a real central server (loopback, the sample hall): 办结 of a 结婚登记
 * writes the life event to the person's kept record through the route, and the supervision board is the
 * supervisor's alone (a window or hall-admin account is refused: fail closed).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHashOfIdNumber } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { emptyProfile } from '../../sync/protocol/profile';
import { enrolledClient, keyedHashOf, tempDir } from './support/kiosk-harness';

let server: RunningCentralServer;

async function tokenOf(username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  server = await startCentralServer({ port: 0, dataDir: tempDir('central-workflow-routes'), seed: 'sample' });
});
afterAll(() => server?.close());

describe('case workflow routes', () => {
  it('办结 of a 结婚登记 marks the applicant married, with the spouse, in their kept record', async () => {
    const admin = await tokenOf('admin', server.adminSecret ?? '');
    const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
    const keyedHash = keyedHashOf('bride-routes');
    const consent = { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' };
    // The partner has a kept record too, under the hall's key for their number.
    const partner = keyedHashOfIdNumber(server.hall.lookupKey, '110101199003070011');
    for (const person of [keyedHash, partner])
      await server.storage.putStoreRecord({
        keyedHash: person,
        profile: { ...emptyProfile(consent, '2026-03-01T09:00:00+08:00'), maritalStatus: 'single' },
        materials: [],
        updatedAtMs: 1,
      });
    const caseNumber = `${enrolment.kioskCode}-LIFE-1`;
    const delivered = await client.deliverBatch([
      {
        kind: 'submission',
        idempotencyKey: randomUUID(),
        kioskSeq: 1,
        payload: {
          caseNumber,
          itemId: 'mz-jhdj',
          departmentId: 'civil-affairs',
          queueId: 'civil-affairs-regular',
          ticket: null,
          applicant: { keyedHash, priorityReasons: [] },
          formValues: {
            name: '王芳',
            idNumber: '350583199205060023',
            partnerName: '李四',
            partnerIdNumber: '110101199003070011',
          },
          materials: [],
          consentToStore: false,
          submittedAtMs: 1,
        },
      },
    ]);
    expect(delivered.results[0]?.status).toBe(200);
    expect(
      (await call(admin, 'POST', `/v1/staff/cases/${caseNumber}/steps`, { action: 'accept' })).status,
    ).toBe(200);
    const finished = await call(admin, 'POST', `/v1/staff/cases/${caseNumber}/steps`, {
      action: 'finish',
      result: '准予登记',
    });
    expect(finished.status).toBe(200);
    const record = await server.storage.getStoreRecord(keyedHash);
    expect(record?.profile.maritalStatus).toBe('married');
    expect(record?.profile.spouse).toEqual({ name: '李四', idNumber: '110101199003070011' });
    // …and the partner is married to the applicant in theirs.
    expect((await server.storage.getStoreRecord(partner))?.profile).toMatchObject({
      maritalStatus: 'married',
      spouse: { name: '王芳', idNumber: '350583199205060023' },
    });
    // A step the table lacks: 409 with the stage named, and the record is not written twice.
    const again = await call(admin, 'POST', `/v1/staff/cases/${caseNumber}/steps`, { action: 'accept' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'illegal_transition',
      message: expect.stringContaining('办结'),
    });
    expect((await server.storage.storeRecordVersions(keyedHash)).map((v) => v.version)).toEqual([1, 2]);
  });

  it('办结 of a 个体户设立 whose result names the issued credit code adds the business to the record', async () => {
    const admin = await tokenOf('admin', server.adminSecret ?? '');
    const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
    const keyedHash = keyedHashOf('trader-routes');
    const consent = { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' };
    await server.storage.putStoreRecord({
      keyedHash,
      profile: emptyProfile(consent, '2026-03-01T09:00:00+08:00'),
      materials: [],
      updatedAtMs: 1,
    });
    const caseNumber = `${enrolment.kioskCode}-LIFE-2`;
    const delivered = await client.deliverBatch([
      {
        kind: 'submission',
        idempotencyKey: randomUUID(),
        kioskSeq: 1,
        payload: {
          caseNumber,
          itemId: 'scjg-gtgsh-sl',
          departmentId: 'market',
          queueId: 'market-regular',
          ticket: null,
          applicant: { keyedHash, priorityReasons: [] },
          formValues: {
            businessName: '南安市溪美满记茶叶店',
            premisesAddress: '福建省南安市溪美街道新华路 12 号',
          },
          materials: [],
          consentToStore: false,
          submittedAtMs: 1,
        },
      },
    ]);
    expect(delivered.results[0]?.status).toBe(200);
    expect(
      (await call(admin, 'POST', `/v1/staff/cases/${caseNumber}/steps`, { action: 'accept' })).status,
    ).toBe(200);
    const finished = await call(admin, 'POST', `/v1/staff/cases/${caseNumber}/steps`, {
      action: 'finish',
      result: '准予登记，统一社会信用代码 92350583MA2XYC001N',
    });
    expect(finished.status).toBe(200);
    const record = await server.storage.getStoreRecord(keyedHash);
    expect(record?.profile.businesses).toMatchObject([
      {
        name: '南安市溪美满记茶叶店',
        creditCode: '92350583MA2XYC001N',
        kind: 'soleTrader',
        role: 'legalRepresentative',
        address: '福建省南安市溪美街道新华路 12 号',
      },
    ]);
    expect(record?.profile.company?.creditCode).toBe('92350583MA2XYC001N');
    expect(record?.profile.factSources.businesses?.source).toBe('windowCase');
  });

  it('the supervision board is the supervisor’s alone; the desk board is every desk account’s', async () => {
    const admin = await tokenOf('admin', server.adminSecret ?? '');
    for (const [username, role] of [
      ['super.visor', 'supervisor'],
      ['desk.one', 'window_staff'],
    ] as const) {
      const created = await call(admin, 'POST', '/v1/admin/staff-accounts', {
        username,
        password: 'a long enough password',
        role,
      });
      expect(created.status).toBe(201);
    }
    const supervisor = await tokenOf('super.visor', 'a long enough password');
    const desk = await tokenOf('desk.one', 'a long enough password');
    expect((await call(supervisor, 'GET', '/v1/supervision/board')).status).toBe(200);
    expect((await call(desk, 'GET', '/v1/supervision/board')).status).toBe(403);
    expect((await call(admin, 'GET', '/v1/supervision/board')).status).toBe(403);
    expect((await fetch(`${server.url}/v1/supervision/board`)).status).toBe(401);
    expect((await call(desk, 'GET', '/v1/staff/cases')).status).toBe(200);
  });
});
