/**
 * An HTTP proxy on loopback that misbehaves on a seeded share of requests: resets the connection
 * before or after forwarding (the server may have acted on a request whose answer is lost), stalls
 * without answering, answers 5xx, or cuts the answer's body short. Deterministic for a seed.
 * As a black hole it accepts every connection and request and never answers (a link that is "up"
 * but leads nowhere: the caller learns nothing until its own timeout).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'reset_before' | 'reset_after' | 'stall' | 'server_error' | 'truncate';
export const allFaults: readonly Fault[] = [
  'reset_before',
  'reset_after',
  'stall',
  'server_error',
  'truncate',
];

export interface FaultProxyOptions {
  target: string;
  /** Share of requests that get a fault, 0..1. */
  faultRate: number;
  seed: number;
  faults?: readonly Fault[];
  /** How long a stalled request is held before its connection is dropped. */
  stallMs?: number;
}

export interface FaultProxy {
  url: string;
  counts: Record<Fault | 'forwarded', number>;
  /** Requests the black hole has held unanswered. */
  swallowed(): number;
  setFaultRate(rate: number): void;
  /** On: every request is held unanswered. Off: the held ones are dropped and forwarding resumes. */
  setBlackHole(on: boolean): void;
  close(): Promise<void>;
}

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  const faults = options.faults ?? allFaults;
  let faultRate = options.faultRate;
  let blackHole = false;
  const swallowed = new Set<Socket>();
  let swallowedCount = 0;
  const counts = { forwarded: 0, reset_before: 0, reset_after: 0, stall: 0, server_error: 0, truncate: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const forward = (
    request: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: target.host, 'content-length': String(body.length) },
          agent,
        },
        (response) => {
          readBody(response).then(
            (b) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: b }),
            reject,
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (blackHole) {
      swallowedCount++;
      swallowed.add(request.socket);
      return;
    }
    const body = await readBody(request);
    const fault = random() < faultRate ? faults[Math.floor(random() * faults.length)]! : null;
    if (fault) counts[fault]++;
    else counts.forwarded++;
    if (fault === 'reset_before') {
      request.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        request.socket.destroy();
      }, options.stallMs ?? 5_000);
      timers.add(timer);
      return;
    }
    if (fault === 'server_error') {
      response
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"error":{"code":"internal","message":"injected"}}');
      return;
    }
    let upstream: Awaited<ReturnType<typeof forward>>;
    try {
      upstream = await forward(request, body);
    } catch {
      request.socket.destroy();
      return;
    }
    if (fault === 'reset_after') {
      request.socket.destroy();
      return;
    }
    const headers = { ...upstream.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    headers['content-length'] = String(upstream.body.length);
    if (fault === 'truncate' && upstream.body.length > 1) {
      response.writeHead(upstream.status, headers);
      response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)));
      setImmediate(() => request.socket.destroy());
      return;
    }
    response.writeHead(upstream.status, headers).end(upstream.body);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    swallowed: () => swallowedCount,
    setFaultRate(rate) {
      faultRate = rate;
    },
    setBlackHole(on) {
      blackHole = on;
      if (on) return;
      for (const socket of swallowed) socket.destroy();
      swallowed.clear();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
