/**
 * Finding 10: enrolment was not idempotent (a lost answer burnt the code and left a ghost kiosk) and
 * failed attempts consumed kiosk numbers. Now a retry with the same request id and public key gets
 * the same answer, the number is allocated only when the code is accepted, and the request id cannot
 * be taken over with another key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralClient } from '../../sync/client/central-client';
import { newKioskIdentity } from '../../sync/client/kiosk-identity';
import { call, startTestCentral, type TestCentral } from './support/central-fixture';

describe('enrolment', () => {
  let server: TestCentral;

  beforeAll(async () => {
    server = await startTestCentral('enrolment');
  });
  afterAll(async () => {
    await server?.close();
  });

  const enrol = (code: string, identity: { requestId: string; publicKey: string }) =>
    call(server.url, 'POST', '/v1/enrolments', {
      body: {
        enrolmentCode: code,
        kioskName: 'east',
        appVersion: '1.0.0',
        requestId: identity.requestId,
        publicKey: identity.publicKey,
      },
    });

  it('answers a retried request the same, once the first answer was lost', async () => {
    const code = await server.createEnrolmentCode();
    const identity = newKioskIdentity();
    const first = await enrol(code, identity);
    expect(first.status).toBe(201);
    // The kiosk never saw `first` and asks again.
    const retry = await enrol(code, identity);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    // The credential works: no ghost kiosk, one kiosk.
    const client = new CentralClient({
      baseUrl: server.url,
      timeoutMs: 5_000,
      credential: retry.body.credential,
    });
    expect((await client.queueState()).queues.length).toBeGreaterThan(0);
  });

  it('refuses the request id with another key (nobody takes over a kiosk by its request id)', async () => {
    const code = await server.createEnrolmentCode();
    const identity = newKioskIdentity();
    expect((await enrol(code, identity)).status).toBe(201);
    const thief = await enrol(code, {
      requestId: identity.requestId,
      publicKey: newKioskIdentity().publicKey,
    });
    expect(thief.status).toBe(409);
    expect(JSON.stringify(thief.body)).not.toContain('credential');
    // A new request with the used code is refused as before.
    expect((await enrol(code, newKioskIdentity())).status).toBe(403);
  });

  it('consumes no kiosk number on refused attempts', async () => {
    const before = (await enrol(await server.createEnrolmentCode(), newKioskIdentity())).body
      .kioskCode as string;
    for (let i = 0; i < 5; i++) expect((await enrol(`WRONG${i}CODE`, newKioskIdentity())).status).toBe(403);
    const after = (await enrol(await server.createEnrolmentCode(), newKioskIdentity())).body
      .kioskCode as string;
    expect(Number(after.slice(1))).toBe(Number(before.slice(1)) + 1);
  });

  it('keeps the kiosk’s public key with it', async () => {
    const identity = newKioskIdentity();
    const answer = await enrol(await server.createEnrolmentCode(), identity);
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(`${server.dataDir}/central.sqlite`, { readonly: true });
    const key = raw
      .prepare('SELECT public_key FROM kiosks WHERE kiosk_id = ?')
      .pluck()
      .get(answer.body.kioskId);
    raw.close();
    expect(key).toBe(identity.publicKey);
    expect(identity.privateKeyPem).toMatch(/BEGIN PRIVATE KEY/);
  });
});
