import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createDispatcher } from '../../host/transport/dispatcher';
import { type RunningWebServer, startWebServer, TOKEN_PLACEHOLDER } from '../../host/transport/web-server';
import { testIdentity } from '../support/identities';
import { memoryCardServiceFactory } from '../support/memory-card-service';

let host: Host;
let server: RunningWebServer;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<html><head><meta name="kiosk-token" content="${TOKEN_PLACEHOLDER}"></head><body></body></html>`,
  );
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
  server = await startWebServer({
    dispatcher: createDispatcher(host.api, silentLogger()),
    bus: host.bus,
    logger: silentLogger(),
    rendererDir,
  });
});
afterAll(async () => {
  await server.close();
  await host.close();
});

const call = (
  method: string,
  body: unknown,
  headers: Record<string, string> = { 'x-kiosk-token': server.token },
) =>
  fetch(`${server.url}api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('browser-mode web server', () => {
  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('hands the per-launch token to the page and sends a strict CSP', async () => {
    const response = await fetch(server.url);
    const html = await response.text();
    expect(html).toContain(`content="${server.token}"`);
    expect(html).not.toContain(TOKEN_PLACEHOLDER);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'x-kiosk-token': 'guess' },
      { 'x-kiosk-token': `${server.token}x` },
    ]) {
      const response = await call('getKioskInfo', {}, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ status: 'rejected', code: 'unauthorized' });
    }
  });

  it('answers a call with the token', async () => {
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
    const notJson = await fetch(`${server.url}api/call/getKioskInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': server.token },
      body: '{"a":',
    });
    expect(notJson.status).toBe(400);
    expect((await call('nope', {})).status).toBe(404);
    expect((await call('getKioskInfo', {})).status).toBe(200);
  });

  it('refuses bodies over the size limit with a clear message', async () => {
    const response = await call('demoPlaceCard', { cardId: 'x'.repeat(17 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toBe('The request is too large.');
    expect((await call('getKioskInfo', {})).status).toBe(200);
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(server.url, { headers: { host: 'evil.example:80' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('pushes host events over the WebSocket only with the token', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}api/events`;
    const refused = new WebSocket(`${wsUrl}?token=wrong`);
    const closeCode = await new Promise<number>((resolve) => refused.on('close', (code) => resolve(code)));
    expect(closeCode).toBe(4401);

    const socket = new WebSocket(`${wsUrl}?token=${server.token}`);
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
    const response = await fetch(`${server.url}..%2f..%2fetc%2fpasswd`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('root:');
  });
});
