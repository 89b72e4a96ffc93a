/**
 * Issue 15 parts 2 and 3 on the central system: the identity-QR and help-request routes answer only the
 * right credential. A kiosk verifies codes and files help requests; staff read and answer them; no
 * credential, or the other kind, is refused. A help request keeps no personal data and names the kiosk
 * that filed it, whatever the body says.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoSignedQrVerifier, mintDemoIdentityQr } from '../../sync/central/identity-qr';
import {
  call,
  enrolKiosk,
  staffWithRole,
  startTestCentral,
  type TestCentral,
} from './support/central-fixture';

const issuer = generateKeyPairSync('ed25519');
let server: TestCentral;
let kiosk: Awaited<ReturnType<typeof enrolKiosk>>;
let staff: string;

beforeAll(async () => {
  server = await startTestCentral('cardless-help', {
    identityQrVerifier: new DemoSignedQrVerifier([
      issuer.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ]),
  });
  kiosk = await enrolKiosk(server, 'east-hall-kiosk');
  staff = await staffWithRole(server, 'desk1', 'window_staff');
});
afterAll(async () => {
  await server?.close();
});

function demoCode(): string {
  return mintDemoIdentityQr(issuer.privateKey, {
    idNumber: '11010519491231002X',
    name: '测试人',
    expiresAtMs: Date.now() + 60_000,
    nonce: randomUUID(),
  });
}

describe('identity QR verification', () => {
  it('answers a kiosk, once per code', async () => {
    const payload = demoCode();
    const first = await call(server.url, 'POST', '/v1/identity/qr', {
      token: kiosk.credential,
      body: { payload },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ verified: true, idNumber: '11010519491231002X' });
    const again = await call(server.url, 'POST', '/v1/identity/qr', {
      token: kiosk.credential,
      body: { payload },
    });
    expect(again.body).toEqual({ verified: false, refusal: 'replayed' });
  });

  it('refuses no credential, a staff session and a made-up token (and the code stays unused)', async () => {
    const payload = demoCode();
    for (const token of [undefined, staff, 'not-a-credential']) {
      const answer = await call(server.url, 'POST', '/v1/identity/qr', {
        ...(token ? { token } : {}),
        body: { payload },
      });
      expect(answer.status).toBe(401);
    }
    const byKiosk = await call(server.url, 'POST', '/v1/identity/qr', {
      token: kiosk.credential,
      body: { payload },
    });
    expect(byKiosk.body.verified).toBe(true);
  });
});

describe('help requests', () => {
  it('a kiosk files one; staff see it with the kiosk’s name; answered, it leaves the list', async () => {
    const requestId = randomUUID();
    const filed = await call(server.url, 'POST', '/v1/help-requests', {
      token: kiosk.credential,
      body: { requestId, screen: 'progress-number', requestedAtMs: Date.now() },
    });
    expect(filed.status).toBe(200);
    // A retried delivery is the same request.
    await call(server.url, 'POST', '/v1/help-requests', {
      token: kiosk.credential,
      body: { requestId, screen: 'progress-number', requestedAtMs: Date.now() },
    });
    const open = await call(server.url, 'GET', '/v1/staff/help-requests', { token: staff });
    expect(open.status).toBe(200);
    const mine = open.body.requests.filter((r: { requestId: string }) => r.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kioskName: 'east-hall-kiosk', screen: 'progress-number' });
    expect(Object.keys(mine[0]).sort()).toEqual(
      ['kioskId', 'kioskName', 'receivedAtMs', 'requestId', 'requestedAtMs', 'screen'].sort(),
    );
    const answered = await call(server.url, 'POST', `/v1/staff/help-requests/${requestId}/answer`, {
      token: staff,
    });
    expect(answered.status).toBe(200);
    const after = await call(server.url, 'GET', '/v1/staff/help-requests', { token: staff });
    expect(after.body.requests.some((r: { requestId: string }) => r.requestId === requestId)).toBe(false);
  });

  it('refuses a help request without a kiosk credential; anything more in it is dropped, not kept', async () => {
    const body = { requestId: randomUUID(), screen: 'attract', requestedAtMs: Date.now() };
    for (const token of [undefined, staff]) {
      const answer = await call(server.url, 'POST', '/v1/help-requests', {
        ...(token ? { token } : {}),
        body,
      });
      expect(answer.status).toBe(401);
    }
    const withName = await call(server.url, 'POST', '/v1/help-requests', {
      token: kiosk.credential,
      body: { ...body, name: '张三' },
    });
    // Tolerant of a newer kiosk's fields (the /v1 contract only grows), but nothing beyond the schema is kept.
    expect(withName.status).toBe(200);
    const open = await call(server.url, 'GET', '/v1/staff/help-requests', { token: staff });
    const kept = open.body.requests.find((r: { requestId: string }) => r.requestId === body.requestId);
    expect(kept).toBeDefined();
    expect(JSON.stringify(kept)).not.toContain('张三');
  });

  it('staff routes refuse a kiosk credential and no credential', async () => {
    for (const token of [undefined, kiosk.credential]) {
      const list = await call(server.url, 'GET', '/v1/staff/help-requests', { ...(token ? { token } : {}) });
      expect(list.status).toBe(401);
      const answer = await call(server.url, 'POST', `/v1/staff/help-requests/${randomUUID()}/answer`, {
        ...(token ? { token } : {}),
      });
      expect(answer.status).toBe(401);
    }
    const unknown = await call(server.url, 'POST', `/v1/staff/help-requests/${randomUUID()}/answer`, {
      token: staff,
    });
    expect(unknown.status).toBe(404);
  });
});
