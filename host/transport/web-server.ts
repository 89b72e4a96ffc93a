import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { API_BASE_PATH, TOKEN_HEADER } from '../api/wire';
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
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
}

export interface RunningWebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Placeholder in renderer/index.html that the server fills with the per-launch token. */
export const TOKEN_PLACEHOLDER = '__KIOSK_TOKEN__';
/** Requests and bodies are bounded: a page photo as a data URL is the largest legitimate call. */
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

function sameToken(given: unknown, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

/**
 * Browser mode: serves the built renderer and the host API on 127.0.0.1 only. Every API call and
 * the event socket need the per-launch token written into the served page, so no other local
 * process (or web page in another browser tab) can call the host. The Host header is checked too,
 * against DNS rebinding.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBuffer = Buffer.from(token);
  const indexPath = join(options.rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(
      `The renderer is not built (${indexPath} is missing): run "npm run build:renderer" first.`,
    );
  }
  const indexHtml = readFileSync(indexPath, 'utf8');
  if (!indexHtml.includes(TOKEN_PLACEHOLDER))
    throw new Error(`${indexPath} has no ${TOKEN_PLACEHOLDER} placeholder.`);

  const app = Fastify({
    // Request lines stay out of the log (info level); warnings and errors go in.
    loggerInstance: options.logger.child({ area: 'web' }, { level: 'warn' }),
    bodyLimit: BODY_LIMIT_BYTES,
  });
  let allowedHosts: Set<string> = new Set();

  app.addHook('onRequest', async (request, reply) => {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return reply.code(421).send({ status: 'rejected', code: 'unauthorized', message: 'Unknown host.' });
    }
    reply.header('content-security-policy', contentSecurityPolicy([`ws://${request.headers.host}`]));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
  });

  const authorised = (request: FastifyRequest, fromQuery = false): boolean => {
    const given = fromQuery
      ? (request.query as Record<string, unknown>).token
      : request.headers[TOKEN_HEADER];
    return sameToken(given, tokenBuffer);
  };

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifyStatic, {
    root: options.rendererDir,
    index: false,
    wildcard: true,
    serveDotFiles: false,
  });

  const servePage = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(indexHtml.replace(TOKEN_PLACEHOLDER, token));
  app.get('/', servePage);
  app.get('/index.html', servePage);

  app.post<{ Params: { method: string } }>(`${API_BASE_PATH}/call/:method`, async (request, reply) => {
    if (!authorised(request)) {
      return reply
        .code(401)
        .send({ status: 'rejected', code: 'unauthorized', message: 'Missing or wrong kiosk token.' });
    }
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
  });

  app.get(`${API_BASE_PATH}/events`, { websocket: true }, (socket, request) => {
    if (!authorised(request, true)) {
      socket.close(4401, 'unauthorized');
      return;
    }
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
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () => app.close(),
  };
}
