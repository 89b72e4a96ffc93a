/**
 * Finding 13, "the contract does not hold", as attacks on the reference central: every status it
 * answers (the framework's own refusals included) is documented in docs/central-api.yaml with the
 * contract's Error body; a bad purge-ack payload gets the same status alone and in a batch; a cursor
 * the server never issued is refused instead of restarting the feed; API revisions are exchanged and
 * a kiosk below the central's minimum (or a central below the kiosk's) is refused with a clear
 * reason; the document passes a third-party linter (Redocly).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { CentralClient, type CentralFailure, isCentralCallError } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import { errorBodySchema } from '../../sync/protocol/central-api';
import { apiRevisionHeader, minimumApiRevisionHeader } from '../../sync/protocol/central-common';
import type { CentralOperationId } from '../../sync/protocol/central-operations';
import { contractToolBin, repoRoot } from '../support/contract-tools';
import {
  commitTestSubmission,
  enrolledClient,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';

type OpenApiOperation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
};
const documented = load(readFileSync(join(repoRoot, 'docs', 'central-api.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, OpenApiOperation>>;
};
function documentedOperation(operationId: CentralOperationId): OpenApiOperation {
  const operation = Object.values(documented.paths)
    .flatMap((methods) => Object.values(methods))
    .find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`${operationId} is not in docs/central-api.yaml`);
  return operation;
}

async function failureOf(promise: Promise<unknown>): Promise<CentralFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isCentralCallError(error)) throw new Error(`expected a CentralCallError, got ${String(error)}`);
  return error.failure;
}

describe('the central API contract under attack', () => {
  let server: RunningCentralServer;
  let credential: string;
  let client: CentralClient;

  beforeAll(async () => {
    const updatesDir = tempDir('updates');
    mkdirSync(updatesDir, { recursive: true });
    writeFileSync(join(updatesDir, 'latest.yml'), 'version: 1.2.3\npath: hall-kiosk-1.2.3.AppImage\n');
    server = await startCentralServer({ port: 0, dataDir: tempDir('central-contract'), updatesDir });
    await seedCatalogue(server.storage, testCatalogue);
    const enrolled = await enrolledClient(server.url, await server.createEnrolmentCode());
    client = enrolled.client;
    credential = enrolled.enrolment.credential;
  });
  afterAll(async () => {
    await server?.close();
  });

  const kioskHeaders = () => ({ authorization: `Bearer ${credential}` });

  /** The answer is a status documented for the operation, with the contract's exact Error body. */
  async function expectDocumentedError(operationId: CentralOperationId, response: Response, status: number) {
    expect(response.status).toBe(status);
    expect(Object.keys(documentedOperation(operationId).responses)).toContain(String(status));
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(errorBodySchema.safeParse(await response.json()).success).toBe(true);
  }

  it("documents the framework's own refusals and answers them in the Error shape", async () => {
    await expectDocumentedError('getCatalogueDelta', await fetch(`${server.url}/v1/catalogue`), 401);
    await expectDocumentedError(
      'getStoreRecord',
      await fetch(`${server.url}/v1/store/${'a'.repeat(200)}`, { headers: kioskHeaders() }),
      414,
    );
    await expectDocumentedError(
      'getCaseProgress',
      await fetch(`${server.url}/v1/cases/%ZZ`, { headers: kioskHeaders() }),
      400,
    );
    await expectDocumentedError(
      'postHeartbeat',
      await fetch(`${server.url}/v1/heartbeats`, {
        method: 'POST',
        headers: { ...kioskHeaders(), 'content-type': 'application/xml' },
        body: '<heartbeat/>',
      }),
      415,
    );
    await expectDocumentedError(
      'postHeartbeat',
      await fetch(`${server.url}/v1/heartbeats`, {
        method: 'POST',
        headers: { ...kioskHeaders(), 'content-type': 'application/json' },
        body: '{"appVersion":',
      }),
      400,
    );

    // 413 on the declared length alone: the server refuses before reading the body.
    const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/heartbeats`, {
        method: 'POST',
        headers: { ...kioskHeaders(), 'content-type': 'application/json', 'content-length': 900_000_000 },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{');
    });
    expect(tooLarge.status).toBe(413);
    expect(Object.keys(documentedOperation('postHeartbeat').responses)).toContain('413');
    expect(errorBodySchema.parse(JSON.parse(tooLarge.body)).error.code).toBe('payload_too_large');

    // 431: headers over the limit are refused on the socket, still in the Error shape.
    const { port } = new URL(server.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /v1/catalogue HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(Object.keys(documentedOperation('getCatalogueDelta').responses)).toContain('431');
    expect(errorBodySchema.safeParse(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).success).toBe(true);

    // An unknown route: the Error shape too.
    const unknown = await fetch(`${server.url}/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(errorBodySchema.safeParse(await unknown.json()).success).toBe(true);
  });

  it('documents the update feed answering text/yaml as well as bytes', async () => {
    const latest = await fetch(`${server.url}/v1/updates/latest.yml`);
    expect(latest.status).toBe(200);
    const type = latest.headers.get('content-type') ?? '';
    expect(type).toMatch(/^text\/yaml/);
    expect(Object.keys(documentedOperation('getUpdateFile').responses['200']?.content ?? {})).toContain(type);
  });

  it('answers a bad purge-ack payload with 422 invalid_payload alone and in a batch alike', async () => {
    const envelope = { idempotencyKey: 'purge-ack-bad-0001', kioskSeq: 1, payload: { orderId: 'order-1' } };
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { ...kioskHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const alone = await post('/v1/purge-acks', envelope);
    expect(alone.status).toBe(422);
    const aloneBody = errorBodySchema.parse(await alone.json());
    expect(aloneBody.error.code).toBe('invalid_payload');
    expect(aloneBody.error.message).toMatch(/completedAtMs/);

    const batch = await post('/v1/deliveries/batch', {
      items: [{ kind: 'purge_ack', ...envelope, idempotencyKey: 'purge-ack-bad-0002' }],
    });
    expect(batch.status).toBe(200);
    const [result] = ((await batch.json()) as { results: { status: number; body: unknown }[] }).results;
    expect(result?.status).toBe(422);
    expect(errorBodySchema.parse(result?.body).error.code).toBe('invalid_payload');

    // A broken envelope (not a payload) is 400 in both.
    const badKey = { ...envelope, idempotencyKey: 'no spaces allowed' };
    expect((await post('/v1/purge-acks', badKey)).status).toBe(400);
    expect((await post('/v1/deliveries/batch', { items: [{ kind: 'purge_ack', ...badKey }] })).status).toBe(
      400,
    );
  });

  it('refuses a cursor it never issued with a clear 400 instead of restarting the feed', async () => {
    const first = await client.catalogueDelta(undefined, 3);
    expect(first.entries).toHaveLength(3);
    const next = await client.catalogueDelta(first.cursor, 3);
    expect(next.entries.map((e) => e.id)).not.toContain(first.entries[0]!.id);

    for (const cursor of ['abc', '-1', '1e3', '00', ' 5', '99999999999999999999']) {
      for (const pull of [
        () => client.catalogueDelta(cursor),
        () => client.storeDelta(cursor),
        () => client.appointmentDelta(cursor),
        () => client.purgeOrders(cursor),
      ]) {
        const failure = await failureOf(pull());
        expect(failure).toMatchObject({ kind: 'client', status: 400, code: 'bad_request' });
        expect(failure.message).toMatch(/cursor .* was not issued by this server/);
      }
    }
  });

  it('exchanges API revisions and refuses a kiosk below the minimum with a documented 426', async () => {
    const answer = await fetch(`${server.url}/v1/queue-state`, {
      headers: { ...kioskHeaders(), [apiRevisionHeader]: '1' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get(apiRevisionHeader)).toBe('1');
    expect(answer.headers.get(minimumApiRevisionHeader)).toBe('1');
    expect(
      (
        await fetch(`${server.url}/v1/queue-state`, {
          headers: { ...kioskHeaders(), [apiRevisionHeader]: 'v1; drop table' },
        })
      ).status,
    ).toBe(400);

    const newer = await startCentralServer({
      port: 0,
      dataDir: tempDir('central-newer'),
      apiRevision: { own: 3, minimumKiosk: 2 },
    });
    try {
      const code = await newer.createEnrolmentCode();
      const refused = await fetch(`${newer.url}/v1/enrolments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [apiRevisionHeader]: '1' },
        body: JSON.stringify({ enrolmentCode: code, kioskName: 'old kiosk', appVersion: '0.1.0' }),
      });
      await expectDocumentedError('enrolKiosk', refused, 426);
      expect(refused.headers.get(minimumApiRevisionHeader)).toBe('2');

      const oldKiosk = new CentralClient({ baseUrl: newer.url, apiRevision: { own: 1, minimumCentral: 1 } });
      const failure = await failureOf(oldKiosk.enrol(code, 'old kiosk', '0.1.0'));
      expect(failure).toMatchObject({ kind: 'incompatible', status: 426 });
      expect(failure.message).toMatch(/revision 1, central minimum 2\): update the kiosk/);
      expect(oldKiosk.link.lastError).toMatch(/^incompatible 426/);

      // The code was not burnt by the refused attempt: a kiosk of a served revision enrols with it.
      const current = new CentralClient({ baseUrl: newer.url, apiRevision: { own: 2, minimumCentral: 1 } });
      const enrolment = await current.enrol(code, 'current kiosk', '0.2.0');
      expect(enrolment.kioskCode).toMatch(/^K/);

      // A kiosk left behind keeps its deliveries: they wait for the update, none is parked or lost.
      await seedCatalogue(newer.storage, testCatalogue);
      const db = openTestStore(tempDir('kiosk-behind'));
      try {
        const serviceDate = hallDateOf(Date.now(), enrolment.hall.timeZone);
        const lease = new TicketBlockLease({
          store: db.ticketBlocks,
          client: current,
          logger: silentLogger,
          blockSize: 10,
          lowWaterMark: 2,
        });
        expect(await lease.ensure('market-general', serviceDate)).toBe('leased');
        await commitTestSubmission(db, {
          caseNumber: `${enrolment.kioskCode}-BEHIND-0001`,
          queueId: 'market-general',
          departmentId: 'market',
          itemId: 'business-licence',
          serviceDate,
          materials: [materialBytes('behind', 1200)],
        });
        const behind = new CentralClient({
          baseUrl: newer.url,
          credential: enrolment.credential,
          apiRevision: { own: 1, minimumCentral: 1 },
        });
        expect(await testDrainer(db, behind).drainUntilIdle({ maxSteps: 3 })).toEqual({
          delivered: 0,
          parked: 0,
        });
        expect(db.outbox.stats(Date.now())).toMatchObject({ backlog: 1, parked: 0 });
        expect(behind.link.lastError).toMatch(/update the kiosk/);
        // Updated, the same kiosk delivers it.
        expect(await testDrainer(db, current).drainUntilIdle()).toEqual({ delivered: 1, parked: 0 });
      } finally {
        db.close();
      }
    } finally {
      await newer.close();
    }
  });

  it('has the kiosk refuse a central below its own minimum', async () => {
    const demanding = new CentralClient({
      baseUrl: server.url,
      credential,
      apiRevision: { own: 3, minimumCentral: 2 },
    });
    const failure = await failureOf(demanding.queueState());
    expect(failure.kind).toBe('incompatible');
    expect(failure.message).toMatch(
      /central's API revision 1 is below this kiosk's minimum 2: update the central/,
    );
  });

  it('passes the Redocly linter', () => {
    const lint = spawnSync(contractToolBin('redocly'), ['lint', 'docs/central-api.yaml'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    expect(`${lint.stdout}${lint.stderr}`).toMatch(/Your API description is valid/);
    expect(`${lint.stdout}${lint.stderr}`).not.toMatch(/You have \d+ warnings?/);
    expect(lint.status).toBe(0);
  }, 60_000);
});
