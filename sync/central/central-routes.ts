/**
 * Registers the central API on Fastify from the one route table (sync/protocol/central-operations):
 * method, path, guard by auth kind, and the request checked against the table's schemas before the
 * handler runs. Handlers are keyed by operationId; one missing, or answering a status or body the
 * table does not name for it, is a type error.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { z } from 'zod';
import { err, ok, type Result } from '../../kernel/result';
import type { ErrorBody, ErrorCode } from '../protocol/central-api';
import {
  type CentralOperation,
  type CentralOperationId,
  type CentralRoutes,
  centralOperations,
  isBinaryBody,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteReadBody,
  type RouteResponseBody,
  type RouteStatus,
} from '../protocol/central-operations';
import { tolerant } from '../protocol/tolerant-schema';
import type { KioskRecord, StaffPrincipal } from './storage';

export interface RouteInput<K extends CentralOperationId> {
  params: RouteParams<K>;
  query: RouteQuery<K>;
  /** Binary bodies arrive as a Buffer; deliveries as their envelope (the handler checks each payload). */
  body: RouteBody<K> extends Uint8Array ? Buffer : RouteReadBody<K>;
  /** The calling kiosk, on kiosk routes. */
  kiosk: CentralRoutes[K]['auth'] extends 'kiosk' ? KioskRecord : null;
  /** The signed-in staff account, on staff routes. */
  staff: CentralRoutes[K]['auth'] extends 'staff' ? StaffPrincipal : null;
  /** The bearer token of the request (a staff session ends by it). */
  bearer: string | null;
}

type StatusAnswer<K extends CentralOperationId> = {
  [S in RouteStatus<K>]: RouteResponseBody<K, S> extends Uint8Array
    ? { status: S; body: Uint8Array | Readable; type: string; headers?: Record<string, string | number> }
    : RouteResponseBody<K, S> extends undefined
      ? { status: S }
      : { status: S; body: RouteResponseBody<K, S> };
}[RouteStatus<K>];

/** A stored answer sent as its exact text (an idempotent repeat is answered byte for byte). */
export interface StoredJsonAnswer {
  status: number;
  storedJson: string;
}

export type RouteAnswer<K extends CentralOperationId> = StatusAnswer<K> | StoredJsonAnswer;

export type CentralHandlers = {
  /** The raw request is for what the table does not model (the caller's address, the audit trail). */
  [K in CentralOperationId]: (input: RouteInput<K>, request: FastifyRequest) => Promise<RouteAnswer<K>>;
};

/** An error answer in the contract's shape. */
export function failure<S extends number>(
  status: S,
  code: ErrorCode,
  message: string,
): { status: S; body: ErrorBody } {
  return { status, body: { error: { code, message } } };
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
): FastifyReply {
  return reply.code(status).send(failure(status, code, message).body);
}

/**
 * One part of a request (params, query, body) checked against its schema, tolerating keys it does not
 * name (a newer kiosk's optional fields); a failure says where.
 */
function parsePart<S extends z.ZodType>(schema: S, value: unknown): Result<z.infer<S>, 'bad_request'> {
  const parsed = tolerant(schema).safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return err(
    'bad_request',
    parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; '),
  );
}

type AnyAnswer = {
  status: number;
  body?: unknown;
  type?: string;
  headers?: Record<string, string | number>;
} & {
  storedJson?: string;
};

function send(reply: FastifyReply, answer: AnyAnswer): FastifyReply {
  reply.code(answer.status);
  if (answer.storedJson !== undefined)
    return reply.type('application/json; charset=utf-8').send(answer.storedJson);
  if (answer.type) reply.type(answer.type);
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  return reply.send(answer.body);
}

export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
}

/** What each route gets besides its handler: hooks run before the body is read, and its body limit. */
export interface RouteSetup {
  /** Rate limit, then authentication: they run on request, so a refused body is never read. */
  onRequest(operation: CentralOperation & { operationId: CentralOperationId }): onRequestHookHandler[];
  bodyLimit(operation: CentralOperation): number;
}

export function registerCentralRoutes(
  app: FastifyInstance,
  handlers: CentralHandlers,
  setup: RouteSetup,
): void {
  for (const operation of centralOperations) {
    const handler = handlers[operation.operationId] as (
      input: unknown,
      request: FastifyRequest,
    ) => Promise<AnyAnswer>;
    app.route({
      method: operation.method.toUpperCase() as 'GET' | 'PUT' | 'POST' | 'HEAD',
      url: operation.path,
      onRequest: setup.onRequest(operation),
      bodyLimit: setup.bodyLimit(operation),
      config: { operationId: operation.operationId },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const params = operation.params ? parsePart(operation.params, request.params) : ok(request.params);
        if (!params.ok) return sendError(reply, 400, 'bad_request', params.error.message);
        const query = operation.query ? parsePart(operation.query, request.query) : ok(undefined);
        if (!query.ok) return sendError(reply, 400, 'bad_request', query.error.message);
        let body: Result<unknown, 'bad_request'> = ok(undefined);
        if (isBinaryBody(operation.body)) {
          body = Buffer.isBuffer(request.body)
            ? ok(request.body)
            : err('bad_request', 'send application/octet-stream');
        } else if (operation.body) {
          body = parsePart(operation.bodyEnvelope ?? operation.body, request.body);
        }
        if (!body.ok) return sendError(reply, 400, 'bad_request', body.error.message);
        return send(
          reply,
          await handler(
            {
              params: params.value,
              query: query.value,
              body: body.value,
              kiosk: request.kiosk,
              staff: request.staff,
              bearer: bearerOf(request),
            },
            request,
          ),
        );
      },
    });
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the kiosk guard. */
    kiosk: KioskRecord | null;
    /** Set by the staff guard. */
    staff: StaffPrincipal | null;
  }
  interface FastifyContextConfig {
    operationId?: CentralOperationId;
  }
}
