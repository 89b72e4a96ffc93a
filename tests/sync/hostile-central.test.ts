import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralCallError, CentralClient } from '../../sync/client/central-client';
import { OutboxDrainer } from '../../sync/client/outbox-drainer';
import type { OutboxItem, OutboxPort } from '../../sync/client/sync-ports';
import { silentLogger } from './support/kiosk-harness';

/** An outbox in memory: enough to watch what the drainer decides (the real one is tested elsewhere). */
class RecordingOutbox implements OutboxPort {
  readonly items: OutboxItem[] = [];
  readonly delivered = new Map<number, unknown>();
  readonly parked = new Map<number, string>();
  add(kind: OutboxItem['kind'], payload: unknown): void {
    const seq = this.items.length + 1;
    this.items.push({
      seq,
      kind,
      idempotencyKey: `key-${seq}-abcdef`,
      payload,
      materialHashes: [],
      subjectId: null,
      state: 'pending',
      attempts: 0,
      nextAttemptAtMs: 0,
      lastError: null,
      createdAtMs: 0,
    });
  }
  nextPending(limit: number, nowMs: number): OutboxItem[] {
    return this.items.filter((i) => i.state === 'pending' && i.nextAttemptAtMs <= nowMs).slice(0, limit);
  }
  markDelivered(seq: number, response: unknown): void {
    this.items[seq - 1]!.state = 'delivered';
    this.delivered.set(seq, response);
  }
  markRetry(seq: number, error: string, nextAttemptAtMs: number): void {
    Object.assign(this.items[seq - 1]!, {
      lastError: error,
      nextAttemptAtMs,
      attempts: this.items[seq - 1]!.attempts + 1,
    });
  }
  markParked(seq: number, reason: string): void {
    this.items[seq - 1]!.state = 'parked';
    this.parked.set(seq, reason);
  }
  stats() {
    return {
      backlog: this.items.filter((i) => i.state === 'pending').length,
      parked: this.parked.size,
      oldestPendingCreatedAtMs: null,
    };
  }
}

type Answer = (body: { items: { idempotencyKey: string }[] }) => { status: number; text: string };

async function hostileServer(answer: Answer) {
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (c: Buffer) => {
      text += c.toString();
    });
    request.on('end', () => {
      const reply = answer(JSON.parse(text || '{}'));
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const rating = { caseNumber: 'K001-CASE-1', grade: 5, reasons: [], ratedAtMs: 1 };
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

function drainerFor(url: string, outbox: RecordingOutbox) {
  const client = new CentralClient({ baseUrl: url, credential: 'x'.repeat(40), timeoutMs: 1_000 });
  return new OutboxDrainer({
    outbox,
    materials: { read: () => Buffer.alloc(0) },
    client,
    logger: silentLogger,
    backoff: { baseMs: 1, maxMs: 5 },
    maxInvalidResponses: 4,
  });
}

describe('central answers that break the contract', () => {
  it.each([
    ['a body that is not JSON', () => ({ status: 200, text: '<html>hello</html>' })],
    ['a batch answer missing its results', () => ({ status: 200, text: '{"ok":true}' })],
    [
      'results for other keys',
      () => ({
        status: 200,
        text: JSON.stringify({ results: [{ idempotencyKey: 'someone-else-1', status: 200, body: {} }] }),
      }),
    ],
    [
      'a success whose body is not a rating answer',
      (b: { items: { idempotencyKey: string }[] }) => ({
        status: 200,
        text: JSON.stringify({
          results: b.items.map((i) => ({
            idempotencyKey: i.idempotencyKey,
            status: 200,
            body: { caseNumber: 'K001-CASE-1', recorded: 'yes', __proto__: { admin: true } },
          })),
        }),
      }),
    ],
    ['an error without the error shape', () => ({ status: 400, text: '{"message":"nope"}' })],
  ] as [string, Answer][])('%s: retried, then parked, never marked delivered', async (_label, answer) => {
    const server = await hostileServer(answer);
    close = server.close;
    const outbox = new RecordingOutbox();
    outbox.add('rating', rating);
    await drainerFor(server.url, outbox).drainUntilIdle();
    expect(outbox.delivered.size).toBe(0);
    expect(outbox.parked.get(1)).toMatch(/contract|not JSON|match/);
    expect(outbox.items[0]!.attempts).toBe(3);
  });

  it('a bad answer followed by a good one: retried and then delivered', async () => {
    let calls = 0;
    const server = await hostileServer((b) => {
      calls++;
      if (calls <= 2) return { status: 200, text: '{"results":"garbage"}' };
      return {
        status: 200,
        text: JSON.stringify({
          results: b.items.map((i) => ({
            idempotencyKey: i.idempotencyKey,
            status: 200,
            body: { caseNumber: 'K001-CASE-1', recorded: true },
          })),
        }),
      };
    });
    close = server.close;
    const outbox = new RecordingOutbox();
    outbox.add('rating', rating);
    await drainerFor(server.url, outbox).drainUntilIdle();
    expect(outbox.parked.size).toBe(0);
    expect(outbox.delivered.get(1)).toEqual({ caseNumber: 'K001-CASE-1', recorded: true });
  });

  it('5xx is retried without parking; 4xx parks with the reason', async () => {
    let calls = 0;
    const server = await hostileServer((b) => {
      calls++;
      if (calls <= 3) return { status: 503, text: '' };
      return {
        status: 200,
        text: JSON.stringify({
          results: b.items.map((i) => ({
            idempotencyKey: i.idempotencyKey,
            status: 404,
            body: { error: { code: 'not_found', message: 'unknown case' } },
          })),
        }),
      };
    });
    close = server.close;
    const outbox = new RecordingOutbox();
    outbox.add('rating', rating);
    await drainerFor(server.url, outbox).drainUntilIdle();
    expect(calls).toBe(4);
    expect(outbox.parked.get(1)).toBe('404 not_found: unknown case');
  });

  it('CentralClient rejects a queue state that breaks the schema', async () => {
    const server = await hostileServer(() => ({
      status: 200,
      text: JSON.stringify({ serviceDate: 'today', queues: [] }),
    }));
    close = server.close;
    const client = new CentralClient({ baseUrl: server.url });
    const error = await client.queueState().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CentralCallError);
    expect((error as CentralCallError).failure.kind).toBe('invalid_response');
  });
});
