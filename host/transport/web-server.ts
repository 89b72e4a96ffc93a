import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { API_BASE_PATH, SESSION_COOKIE } from '../api/wire';
import type { HostEventBus } from '../core/event-bus';
import { contentSecurityPolicy } from './content-security-policy';
import type { CallDispatcher } from './dispatcher';

export interface WebServerOptions {
  dispatcher: CallDispatcher;
  bus: HostEventBus;
  logger: Logger;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed secrets for tests; random ones per launch otherwise. */
  token?: string;
  bootstrapCode?: string;
  /** Calls per minute from one address before 429 (default 1,200: a busy screen makes a few a second). */
  callsPerMinute?: number;
}

export interface RunningWebServer {
  /** The link the launcher opens (and prints): it sets the session cookie, then goes to the page. */
  readonly url: string;
  /** http://127.0.0.1:port: the only origin the API answers. */
  readonly origin: string;
  readonly port: number;
  /** The session cookie's value (tests). */
  readonly token: string;
  close(): Promise<void>;
}

/** Most calls are small; a page photo as a data URL is the one large call. Checked before parsing. */
const DEFAULT_CALL_BYTES = 1024 * 1024;
const LARGE_CALL_BYTES: Readonly<Record<string, number>> = { addCameraPage: 16 * 1024 * 1024 };
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

function sameSecret(given: unknown, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

const rejected = (code: 'unauthorized' | 'invalid_arguments', message: string) => ({
  status: 'rejected',
  code,
  message,
});

const notOpenedPage = `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>政务服务自助终端</title></head>
<body><p>请使用启动程序给出的链接打开自助终端。Open the kiosk with the link its launcher printed.</p></body></html>`;

/**
 * Browser mode: serves the built renderer and the host API on 127.0.0.1 only. The launcher opens a
 * bootstrap link (printed once, never served) that sets an HttpOnly, SameSite=Strict session cookie;
 * the page itself holds no secret, so a local process that fetches `/` learns nothing. Every API call and
 * the event socket need that cookie and, when the browser names one, this server's own Origin; both are
 * checked in onRequest, before any body is read. The Host header is checked too, against DNS rebinding.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const bootstrapCode = options.bootstrapCode ?? randomBytes(24).toString('base64url');
  const tokenBuffer = Buffer.from(token);
  const bootstrapBuffer = Buffer.from(bootstrapCode);
  const indexPath = join(options.rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(
      `The renderer is not built (${indexPath} is missing): run "npm run build:renderer" first.`,
    );
  }
  const indexHtml = readFileSync(indexPath, 'utf8');

  const app = Fastify({
    // Request lines stay out of the log (info level); warnings and errors go in.
    loggerInstance: options.logger.child({ area: 'web' }, { level: 'warn' }),
    bodyLimit: BODY_LIMIT_BYTES,
  });
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const hasSession = (request: FastifyRequest) =>
    sameSecret(cookieValue(request.headers.cookie, SESSION_COOKIE), tokenBuffer);

  await app.register(fastifyRateLimit, {
    global: false,
    max: options.callsPerMinute ?? 1200,
    timeWindow: 60_000,
    errorResponseBuilder: () => ({
      statusCode: 429,
      ...rejected('unauthorized', 'Too many requests: wait a moment.'),
    }),
  });
  // Counted before the session check, so a flood of wrong guesses is limited too.
  const rateLimited = app.rateLimit();

  app.addHook('onRequest', async (request, reply) => {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return reply.code(421).send(rejected('unauthorized', 'Unknown host.'));
    }
    reply.header('content-security-policy', contentSecurityPolicy([`ws://${request.headers.host}`]));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
  });

  /** onRequest of every API route: nothing is parsed for a caller without the session or from elsewhere. */
  const authorise = async (request: FastifyRequest, reply: FastifyReply) => {
    // A page from anywhere else (another tab, another local server) may not drive the kiosk.
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin))
      return reply.code(403).send(rejected('unauthorized', 'Calls from another origin are refused.'));
    if (!hasSession(request))
      return reply.code(401).send(rejected('unauthorized', 'Missing or wrong kiosk session.'));
  };

  // The body's size is judged by the method it calls, from the header, before a byte of it is parsed.
  app.addHook('preParsing', async (request, reply) => {
    if (!request.url.startsWith(`${API_BASE_PATH}/call/`)) return;
    const method = decodeURIComponent(request.url.slice(`${API_BASE_PATH}/call/`.length).split('?')[0] ?? '');
    const limit = LARGE_CALL_BYTES[method] ?? DEFAULT_CALL_BYTES;
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > limit)
      return reply.code(413).send(rejected('invalid_arguments', 'The request is too large.'));
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifyStatic, {
    root: options.rendererDir,
    index: false,
    wildcard: true,
    serveDotFiles: false,
  });

  const servePage = async (request: FastifyRequest, reply: FastifyReply) => {
    const code = (request.query as Record<string, unknown>).bootstrap;
    if (code !== undefined) {
      if (!sameSecret(code, bootstrapBuffer))
        return reply.code(401).type('text/html; charset=utf-8').send(notOpenedPage);
      // The code leaves the address bar at once; the cookie is all the page needs from here on.
      return reply
        .header('set-cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`)
        .redirect('/', 303);
    }
    if (!hasSession(request)) return reply.code(401).type('text/html; charset=utf-8').send(notOpenedPage);
    return reply.type('text/html; charset=utf-8').send(indexHtml);
  };
  app.get('/', { onRequest: rateLimited }, servePage);
  app.get('/index.html', { onRequest: rateLimited }, servePage);

  app.post<{ Params: { method: string } }>(
    `${API_BASE_PATH}/call/:method`,
    { onRequest: [rateLimited, authorise] },
    async (request, reply) => {
      const response = await options.dispatcher.call(request.params.method, request.body ?? {});
      const code =
        response.status === 'ok'
          ? 200
          : response.code === 'internal_error'
            ? 500
            : response.code === 'unknown_method'
              ? 404
              : 400;
      return reply.code(code).send(response);
    },
  );

  app.get(`${API_BASE_PATH}/events`, { websocket: true, onRequest: [rateLimited, authorise] }, (socket) => {
    const unsubscribe = options.bus.subscribe((event) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
    socket.on('close', unsubscribe);
    // The renderer sends nothing on this socket; anything it does send is ignored.
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const message =
      status === 413
        ? 'The request is too large.'
        : status < 500
          ? `Bad request: ${error.message}`
          : 'The kiosk could not handle that request.';
    if (status >= 500) options.logger.error({ err: error }, 'web request failed');
    return reply
      .code(status)
      .send({ status: 'rejected', code: status < 500 ? 'invalid_arguments' : 'internal_error', message });
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const port = new URL(address).port ? Number(new URL(address).port) : (options.port ?? 0);
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/?bootstrap=${bootstrapCode}`,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    close: () => app.close(),
  };
}
