/**
 * A loopback HTTP proxy between a kiosk and its central server that plays the man in the middle: it can
 * rewrite the purge-order feed (forge, strip or tamper with orders), hold deliveries until released (a
 * link that carries reads but not writes), and records the heartbeats the kiosk sends.
 */
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PurgeOrderFeed {
  entries: Record<string, unknown>[];
  cursor: string;
  hasMore: boolean;
}

export interface InterceptingProxy {
  url: string;
  /** Rewrites each answer of GET /v1/purge-orders; null: passed through unchanged. */
  rewritePurgeOrders: ((feed: PurgeOrderFeed) => PurgeOrderFeed) | null;
  /** While on, delivery requests (submissions, batches) wait at the proxy until released. */
  holdDeliveries(on: boolean): void;
  /** Resolves once a delivery request is waiting at the proxy. */
  deliveryHeld(): Promise<void>;
  heartbeats: Record<string, unknown>[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const deliveryPaths = ['/v1/submissions', '/v1/deliveries/batch'];

export async function startInterceptingProxy(target: string): Promise<InterceptingProxy> {
  let holding = false;
  let release: (() => void) | null = null;
  let released = Promise.resolve();
  const heldWaiters: (() => void)[] = [];
  let heldCount = 0;

  const proxy: InterceptingProxy = {
    url: '',
    rewritePurgeOrders: null,
    heartbeats: [],
    holdDeliveries(on) {
      holding = on;
      if (on && !release) released = new Promise<void>((resolve) => (release = resolve));
      if (!on && release) {
        release();
        release = null;
      }
    },
    deliveryHeld() {
      if (heldCount > 0) return Promise.resolve();
      return new Promise<void>((resolve) => heldWaiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const path = (request.url ?? '/').split('?')[0]!;
      if (request.method === 'POST' && deliveryPaths.includes(path) && holding) {
        heldCount++;
        for (const waiter of heldWaiters.splice(0)) waiter();
        await released;
      }
      if (request.method === 'POST' && path === '/v1/heartbeats')
        proxy.heartbeats.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || ['host', 'content-length', 'connection'].includes(name)) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = await fetch(new URL(request.url ?? '/', target), {
        method: request.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
      });
      let payload = Buffer.from(await answer.arrayBuffer());
      const rewrite = proxy.rewritePurgeOrders;
      if (rewrite && request.method === 'GET' && path === '/v1/purge-orders' && answer.status === 200) {
        payload = Buffer.from(
          JSON.stringify(rewrite(JSON.parse(payload.toString('utf8')) as PurgeOrderFeed)),
        );
      }
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
        'content-length': payload.length,
      });
      response.end(payload);
    } catch {
      response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
