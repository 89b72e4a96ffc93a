import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createDispatcher } from '../../host/transport/dispatcher';
import { type RunningWebServer, startWebServer } from '../../host/transport/web-server';
import { testIdentity } from '../support/identities';
import { memoryCardServiceFactory } from '../support/memory-card-service';

let host: Host;
let server: RunningWebServer;
let limited: RunningWebServer;
let cookie: string;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>kiosk page</body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await createHost({
    config: parseConfig({
      dataDir: rendererDir,
      central: { url: 'http://127.0.0.1:9' },
      printer: { kind: 'cups', name: 'none' },
    }),
    logger: silentLogger(),
    cardServiceFactory: memoryCardServiceFactory({ applicant: testIdentity }),
  });
  const options = {
    dispatcher: createDispatcher(host.api, silentLogger()),
    bus: host.bus,
    logger: silentLogger(),
    rendererDir,
  };
  server = await startWebServer(options);
  limited = await startWebServer({ ...options, callsPerMinute: 5 });
  // What the launcher's Chromium does: open the bootstrap link once, keep the cookie.
  const opened = await fetch(server.url, { redirect: 'manual' });
  cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(async () => {
  await server.close();
  await limited.close();
  await host.close();
});

const call = (method: string, body: unknown, headers: Record<string, string> = { cookie }) =>
  fetch(`${server.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('browser-mode web server', () => {
  it('listens on loopback only, and its link carries a bootstrap code', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?bootstrap=[A-Za-z0-9_-]{20,}$/);
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('the bootstrap link sets an HttpOnly, SameSite=Strict cookie and leaves the address bar', async () => {
    const opened = await fetch(server.url, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^kiosk_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
  });

  it('the page holds no secret: without the cookie a local process gets a refusal, with it the page', async () => {
    const anonymous = await fetch(`${server.origin}/`);
    expect(anonymous.status).toBe(401);
    const text = await anonymous.text();
    expect(text).not.toContain(server.token);
    expect(text).not.toContain('kiosk page');
    const wrongCode = await fetch(`${server.origin}/?bootstrap=guess`, { redirect: 'manual' });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.headers.get('set-cookie')).toBeNull();
    const page = await fetch(`${server.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('kiosk page');
    expect(html).not.toContain(server.token);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses API calls without the session cookie or with a wrong one', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { cookie: 'kiosk_session=guess' },
      { cookie: `${cookie}x` },
      { 'x-kiosk-token': server.token },
    ]) {
      const response = await call('getKioskInfo', {}, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ status: 'rejected', code: 'unauthorized' });
    }
  });

  it('refuses calls a page of another origin makes, even with the cookie', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
      const response = await call('getKioskInfo', {}, { cookie, origin });
      expect(response.status, origin).toBe(403);
    }
    expect((await call('getKioskInfo', {}, { cookie, origin: server.origin })).status).toBe(200);
  });

  it('checks the session before reading a body: a large unauthenticated body is refused unread', async () => {
    const response = await call('addCameraPage', { imageDataUrl: 'x'.repeat(8 * 1024 * 1024) }, {});
    expect(response.status).toBe(401);
  });

  it('answers a call with the cookie', async () => {
    const response = await call('getKioskInfo', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', result: { ok: true } });
  });

  it('rejects malformed calls with 400 and a clear message, and keeps serving', async () => {
    const bad = await call('demoPlaceCard', { cardId: 7, extra: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(
      /Invalid arguments for demoPlaceCard/,
    );
    const notJson = await fetch(`${server.origin}/api/call/getKioskInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{"a":',
    });
    expect(notJson.status).toBe(400);
    expect((await call('nope', {})).status).toBe(404);
    expect((await call('getKioskInfo', {})).status).toBe(200);
  });

  it('limits each method’s body: 1 MiB for ordinary calls, more only for a page photo', async () => {
    const ordinary = await call('demoPlaceCard', { cardId: 'x'.repeat(2 * 1024 * 1024) });
    expect(ordinary.status).toBe(413);
    expect(((await ordinary.json()) as { message: string }).message).toBe('The request is too large.');
    const photo = await call('addCameraPage', {
      sessionId: 'none',
      materialCode: 'x',
      imageDataUrl: `data:image/jpeg;base64,${'A'.repeat(2 * 1024 * 1024)}`,
    });
    expect(photo.status).not.toBe(413);
    const huge = await call('addCameraPage', { imageDataUrl: 'x'.repeat(17 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await call('getKioskInfo', {})).status).toBe(200);
  });

  it('limits the rate of calls from one address, wrong guesses included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${limited.origin}/api/call/getKioskInfo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'kiosk_session=guess' },
        body: '{}',
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(server.origin, { headers: { host: 'evil.example:80' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('pushes host events over the WebSocket only with the cookie and from its own origin', async () => {
    const wsUrl = `${server.origin.replace('http', 'ws')}/api/events`;
    for (const headers of [
      {},
      { cookie: 'kiosk_session=wrong' },
      { cookie, origin: 'http://evil.example' },
    ]) {
      const refused = new WebSocket(wsUrl, { headers });
      const outcome = await new Promise<string>((resolve) => {
        refused.on('unexpected-response', (_request, response) => resolve(`http ${response.statusCode}`));
        refused.on('open', () => resolve('open'));
        refused.on('error', () => resolve('error'));
      });
      expect(outcome, JSON.stringify(headers)).toMatch(/^http 40[13]$/);
      refused.terminate();
    }

    const socket = new WebSocket(wsUrl, { headers: { cookie, origin: server.origin } });
    await new Promise((resolve) => socket.on('open', resolve));
    const received = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    await call('demoPlaceCard', { cardId: 'applicant' });
    expect(await received).toMatchObject({
      type: 'sessionStarted',
      identity: { idNumber: testIdentity.idNumber },
    });
    socket.close();
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('root:');
  });
});
