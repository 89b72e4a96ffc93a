import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralHandlers } from '../../sync/central/central-routes';
import { buildCentralApp } from '../../sync/central/server';
import { SqliteCentralStorage } from '../../sync/central/sqlite/sqlite-central-storage';
import type { HallSettings } from '../../sync/protocol/central-api';
import { centralOperations } from '../../sync/protocol/central-operations';
import { tempDir } from './support/kiosk-harness';

const hall: HallSettings = {
  hallId: 'hall-1',
  hallName: { en: 'Test hall' },
  timeZone: 'Asia/Shanghai',
  lookupKey: Buffer.alloc(32, 7).toString('base64'),
  ticketBlockSize: 50,
  ticketLowWaterMark: 10,
  heartbeatIntervalSeconds: 60,
  pullIntervalSeconds: 30,
  retentionDays: 30,
};

/** docs/central-api.yaml as "METHOD /path/:param" lines. */
function documentedRoutes(): string[] {
  const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'central-api.yaml'), 'utf8');
  const doc = load(text) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

describe('the central server and docs/central-api.yaml', () => {
  const registered: string[] = [];
  let storage: SqliteCentralStorage;
  let app: Awaited<ReturnType<typeof buildCentralApp>>;

  beforeAll(async () => {
    storage = new SqliteCentralStorage(tempDir('central-routes'));
    app = await buildCentralApp(storage, {
      hall,
      onRoute: (route) => registered.push(`${route.method} ${route.url}`),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await storage.close();
  });

  it('answers every documented path and method, and serves no API route the document leaves out', () => {
    const documented = documentedRoutes();
    expect(documented.length).toBe(centralOperations.length);
    for (const route of documented) {
      const [method, url] = route.split(' ') as [string, string];
      expect(app.hasRoute({ method: method as 'GET', url }), route).toBe(true);
    }
    // The staff desk and display pages are HTML for people, not part of the API.
    const api = registered.filter((route) => route.split(' ')[1]!.startsWith('/v1/'));
    expect([...api].sort()).toEqual([...documented].sort());
  });

  it('guards each route as the table says', async () => {
    for (const operation of centralOperations) {
      if (operation.auth === 'none') continue;
      const url = operation.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, 'a'.repeat(64));
      const response = await app.inject({ method: operation.method.toUpperCase() as 'GET', url });
      expect(response.statusCode, `${operation.method} ${operation.path}`).toBe(401);
    }
  });
});

describe('the handler map (checked by tsc over tests/)', () => {
  it('must answer every operation of the table, with the statuses and bodies the table names', () => {
    const calls = async () => ({ status: 200 as const, body: { calls: [] } });
    // @ts-expect-error every operation needs its handler: this map has one of them
    const incomplete: CentralHandlers = { getDisplayCalls: calls };
    type DisplayCallsHandler = CentralHandlers['getDisplayCalls'];
    // @ts-expect-error the calling display answers 200 only
    const wrongStatus: DisplayCallsHandler = async () => ({ status: 404 as const, body: { calls: [] } });
    // @ts-expect-error a 200 of the calling display carries its calls
    const wrongBody: DisplayCallsHandler = async () => ({ status: 200 as const, body: { ticket: null } });
    const right: DisplayCallsHandler = calls;
    expect([incomplete, wrongStatus, wrongBody, right]).toHaveLength(4);
  });
});
