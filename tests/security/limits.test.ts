/**
 * Finding 9: every route parsed bodies up to 65 MiB before checking credentials, and nothing was
 * rate limited (enrolment codes could be tried at 1,229/s). Now credentials are checked when the
 * request arrives, before its body is read; JSON bodies are limited to about 1 MiB (large bodies only
 * on material uploads); enrolment, staff sign-in and every credential have a rate limit.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, enrolKiosk, startTestCentral, type TestCentral } from './support/central-fixture';

/**
 * Sends the headers of a 50 MiB body and then only as much as the server reads before answering:
 * the answer comes while almost all of the body is still unsent.
 */
function hugeBodyAnswer(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytesSent: number }> {
  const { hostname, port } = new URL(url);
  const total = 50 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let bytesSent = 0;
    let answered = false;
    let received = '';
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    socket.on('connect', () => {
      const head = [
        `POST ${path} HTTP/1.1`,
        `host: ${hostname}:${port}`,
        'content-type: application/json',
        `content-length: ${total}`,
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      const pump = () => {
        // Never more than 1 MiB: a server that reads the body before answering never answers.
        while (!answered && bytesSent < 1024 * 1024) {
          bytesSent += chunk.length;
          if (!socket.write(chunk)) return socket.once('drain', pump);
        }
      };
      pump();
    });
    socket.on('data', (data) => {
      received += data.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (match && !answered) {
        answered = true;
        resolve({ status: Number(match[1]), bytesSent });
        socket.destroy();
      }
    });
    socket.on('error', (error) => {
      if (!answered) reject(error);
    });
    socket.setTimeout(10_000, () => {
      socket.destroy();
      if (!answered) reject(new Error('no answer before the body was sent: the server is reading it'));
    });
  });
}

describe('limits on what an unauthenticated caller can make the central do', () => {
  let server: TestCentral;

  beforeAll(async () => {
    server = await startTestCentral('limits', { rateLimits: { perCredential: 30, perAddressSensitive: 10 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a 50 MiB body without a credential before reading it', async () => {
    const kioskRoute = await hugeBodyAnswer(server.url, '/v1/submissions', {});
    expect(kioskRoute.status).toBe(401);
    const forged = await hugeBodyAnswer(server.url, '/v1/deliveries/batch', {
      authorization: `Bearer ${'x'.repeat(43)}`,
    });
    expect(forged.status).toBe(401);
    const staffRoute = await hugeBodyAnswer(server.url, '/v1/admin/purge-orders', {});
    expect(staffRoute.status).toBe(401);
    // A route anyone may call refuses it by its declared length.
    const open = await hugeBodyAnswer(server.url, '/v1/staff/session', {});
    expect(open.status).toBe(413);
  });

  it('limits JSON bodies to about 1 MiB even for an enrolled kiosk; material uploads may be large', async () => {
    const kiosk = await enrolKiosk(server, 'limits');
    const heartbeat = await call(server.url, 'POST', '/v1/heartbeats', {
      token: kiosk.credential,
      body: {
        appVersion: '1',
        atMs: 1,
        backlog: 0,
        parked: 0,
        oldestItemAgeSeconds: null,
        lastError: 'x'.repeat(2 * 1024 * 1024),
      },
    });
    expect(heartbeat.status).toBe(413);
    const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
    const { createHash } = await import('node:crypto');
    const uploaded = await kiosk.client.putMaterial(createHash('sha256').update(bytes).digest('hex'), bytes);
    expect(uploaded.created).toBe(true);
  });

  it('stops enrolment code guessing with 429', async () => {
    const fresh = await startTestCentral('limits-enrol', { rateLimits: { perAddressSensitive: 10 } });
    const code = await fresh.createEnrolmentCode();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const guess = await call(fresh.url, 'POST', '/v1/enrolments', {
        body: {
          enrolmentCode: `GUESS${String(i).padStart(4, '0')}`,
          kioskName: 'rogue',
          appVersion: '1',
          requestId: crypto.randomUUID(),
          publicKey: Buffer.alloc(44, i).toString('base64'),
        },
      });
      statuses.push(guess.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429]);
    const limited = await call(fresh.url, 'POST', '/v1/enrolments', {
      body: {
        enrolmentCode: code,
        kioskName: 'rogue',
        appVersion: '1',
        requestId: crypto.randomUUID(),
        publicKey: Buffer.alloc(44, 1).toString('base64'),
      },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    await fresh.close();
  });

  it('stops staff password guessing with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await call(server.url, 'POST', '/v1/staff/session', {
            body: { username: 'admin', password: `guess-${i}` },
          })
        ).status,
      );
    }
    expect(statuses).toContain(429);
  });

  it('limits each kiosk credential on its own: one flooding kiosk does not stop another', async () => {
    const flooding = await enrolKiosk(server, 'flood');
    const other = await enrolKiosk(server, 'quiet');
    // Enrolment calls count per address, not against the kiosks' credentials.
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push(
        (await call(server.url, 'GET', '/v1/queue-state', { token: flooding.credential })).status,
      );
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect((await call(server.url, 'GET', '/v1/queue-state', { token: other.credential })).status).toBe(200);
  });
});
