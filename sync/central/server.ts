/**
 * The reference central server: Fastify 5 over CentralStorage. Embedded on loopback for demo mode and
 * tests (startCentralServer), or run alone with `npm run central -- --port N --data DIR`.
 */

import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { type AddressInfo, isIP, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type onRequestHookHandler,
} from 'fastify';
import type { Logger } from 'pino';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { keyedHashHex } from '../../kernel/keyed-hash';
import { err, ok, type Result } from '../../kernel/result';
import { signPurgeOrder } from '../../kernel/signed-orders';
import { type StaffPermission, staffRolePermissions } from '../protocol/central-admin';
import {
  type DeliveryKind,
  type DeliveryResult,
  deliveryPayloadSchemas,
  type ErrorBody,
  type HallSettings,
  materialBatchMaxBytes,
  type PurgeOrder,
  type SealedSubmissionPayload,
} from '../protocol/central-api';
import {
  apiRevisionHeader,
  centralApiPrefix,
  centralApiRevision,
  minimumApiRevisionHeader,
  minimumKioskApiRevision,
} from '../protocol/central-common';
import { decodeMaterialFrames } from '../protocol/central-material-frames';
import { type CentralOperation, centralRoutes, isBinaryBody } from '../protocol/central-operations';
import { tolerant } from '../protocol/tolerant-schema';
import { defaultMasterKeyFile } from './at-rest-cipher';
import {
  bearerOf,
  type CentralHandlers,
  failure,
  registerCentralRoutes,
  type StoredJsonAnswer,
  sendError,
} from './central-routes';
import { canonicalJson } from './hall-rules';
import { HelpRequests } from './help-requests';
import { type IdentityQrVerifier, noIdentityQrVerifier } from './identity-qr';
import {
  ephemeralIntakeSealingKey,
  type IntakeSealingKey,
  loadOrCreateIntakeSealingKey,
} from './intake-sealing-key';
import { recordLifeEvent } from './life-events';
import {
  ephemeralOrderSigningKey,
  loadOrCreateOrderSigningKey,
  type OrderSigningKey,
} from './order-signing-key';
import { openSubmission } from './sealed-submission';
import { SqliteCentralStorage } from './sqlite/sqlite-central-storage';
import {
  hashStaffPassword,
  newSecretToken,
  passwordHashForUnknownAccount,
  sha256Hex,
  verifyStaffPassword,
} from './staff-auth';
import { registerStaffPages } from './staff-pages';
import {
  BadCursorError,
  type CentralStorage,
  type KioskRecord,
  type LockoutPolicy,
  type ValidatedDelivery,
} from './storage';
import { defaultSupervisionSettings, type SupervisionSettings, supervisionBoard } from './supervision';
import { updateFile } from './update-feed';

export { sha256Hex } from './staff-auth';

export interface CentralServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  /** Load the sample hall's catalogue and people (demo mode, tests). */
  seed?: 'sample';
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * With no staff account in the database: create a one-time hall admin (`admin`, a random secret
   * written to <dataDir>/admin-secret, 0600) — loopback only. Without it the server refuses to start.
   * Default true for in-process servers (demo, tests); the CLI sets it only with --demo.
   */
  demoAdmin?: boolean;
  rateLimits?: Partial<RateLimits>;
  /** Wrong passwords before a staff account is locked, and for how long. */
  lockout?: LockoutPolicy;
  /** Folder holding electron-updater's latest.yml and artefacts. */
  updatesDir?: string;
  hall?: Partial<HallSettings>;
  logger?: Logger;
  /** Injected clock for tests. */
  clock?: () => number;
  /** A storage other than the SQLite file in dataDir (e.g. PostgreSQL). */
  storage?: CentralStorage;
  /** The master key that seals personal data at rest (default: beside dataDir, never inside it). */
  masterKeyFile?: string;
  /** The hall's holiday calendar and when a case gets a yellow card (default: the sample hall's 2026, 1 working day). */
  supervision?: SupervisionSettings;
  /** The API revision this central answers with and the oldest kiosk revision it serves (tests simulate others). */
  apiRevision?: { own: number; minimumKiosk: number };
  /** Who vouches for a provincial app / electronic ID QR code; none: every code is refused. */
  identityQrVerifier?: IdentityQrVerifier;
}

export interface RunningCentralServer {
  url: string;
  storage: CentralStorage;
  hall: HallSettings;
  /** The one-time admin secret created at this start (demo on loopback), else null. */
  adminSecret: string | null;
  /** Issues a one-time enrolment code (valid 24 h). */
  createEnrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

/** Requests per minute and key (a credential, or the address before one is known). */
export interface RateLimits {
  /** Each kiosk credential or staff session, on every authenticated route. */
  perCredential: number;
  /** Enrolment, staff sign-in and the public progress page, per address. */
  perAddressSensitive: number;
}

/** 200 requests/s per kiosk: above a backlog drain after a day offline; a 429 is retried with backoff. */
const defaultRateLimits: RateLimits = { perCredential: 12_000, perAddressSensitive: 20 };
const defaultLockout: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };
const staffSessionMs = 12 * 3600_000;
/** JSON bodies; a delivery batch of 100 submissions with their forms fits several times over. */
const jsonBodyLimit = 1024 * 1024;
const deliveryBatchBodyLimit = 4 * 1024 * 1024;

function defaultHall(partial: Partial<HallSettings> | undefined): HallSettings {
  return {
    hallId: 'hall-1',
    hallName: { 'zh-Hans': '政务服务中心', 'zh-Hant': '政務服務中心', en: 'Government Service Centre' },
    timeZone: 'Asia/Shanghai',
    lookupKey: randomBytes(32).toString('base64'),
    ticketBlockSize: 50,
    ticketLowWaterMark: 10,
    heartbeatIntervalSeconds: 60,
    pullIntervalSeconds: 30,
    retentionDays: 30,
    ...partial,
  };
}

export interface CentralAppOptions
  extends Omit<CentralServerOptions, 'port' | 'dataDir' | 'storage' | 'hall' | 'demoAdmin'> {
  hall: HallSettings;
  /** Kiosk credentials are HMACs of kiosk id and request under this key (a retried enrolment gets the same). */
  credentialKey?: Buffer;
  /** The hall's order-signing key (startCentralServer keeps it in dataDir); a throwaway one if absent. */
  orderSigningKey?: OrderSigningKey;
  /** The intake's sealing key (startCentralServer keeps it in the keys folder); a throwaway one if absent. */
  intakeSealingKey?: IntakeSealingKey;
  /** Told of every route as it is registered (a test holds them against docs/central-api.yaml). */
  onRoute?: (route: { method: string; url: string }) => void;
}

export async function buildCentralApp(
  storage: CentralStorage,
  options: CentralAppOptions,
): Promise<FastifyInstance> {
  const clock = options.clock ?? Date.now;
  const hall = options.hall;
  /** The hall's look-up key: life events name the other people they concern (a spouse) by it. */
  const lookupKey = Buffer.from(hall.lookupKey, 'base64');
  const revision = options.apiRevision ?? { own: centralApiRevision, minimumKiosk: minimumKioskApiRevision };
  const revisionHeaders = {
    [apiRevisionHeader]: String(revision.own),
    [minimumApiRevisionHeader]: String(revision.minimumKiosk),
  };
  const credentialKey = options.credentialKey ?? randomBytes(32);
  const limits = { ...defaultRateLimits, ...options.rateLimits };
  const lockout = options.lockout ?? defaultLockout;
  const orderKey = options.orderSigningKey ?? ephemeralOrderSigningKey();
  const sealingKey = options.intakeSealingKey ?? ephemeralIntakeSealingKey();
  const identityQr = options.identityQrVerifier ?? noIdentityQrVerifier;
  const helpRequests = new HelpRequests();
  const signed = (order: PurgeOrder): PurgeOrder => ({
    ...order,
    signature: signPurgeOrder(order, hall.hallId, orderKey.privateKey),
  });
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : {}),
    // Each route sets its own (registerCentralRoutes); this covers anything else.
    bodyLimit: jsonBodyLimit,
    // The router's own refusals (bad URL encoding, a path parameter over maxParamLength) in the contract's Error shape.
    frameworkErrors: (
      error: { code?: string; message: string },
      _request: FastifyRequest,
      reply: FastifyReply,
    ) => {
      reply.headers(revisionHeaders);
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
        return sendError(reply, 414, 'uri_too_long', 'a path parameter is too long');
      return sendError(reply, 400, 'bad_request', 'malformed URL');
    },
    // Refusals before any request exists (headers too large, garbage): written on the socket, same shape.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
      const status =
        error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const body = JSON.stringify(
        failure(status, 'bad_request', STATUS_CODES[status] ?? 'client error').body,
      );
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    // HEAD only where the route table declares it.
    exposeHeadRoutes: false,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  const { onRoute } = options;
  if (onRoute) {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) onRoute({ method, url: route.url });
    });
  }
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  app.decorateRequest('kiosk', null);
  app.decorateRequest('staff', null);
  await app.register(rateLimit, {
    global: false,
    // The limit answers through the error handler below, in the contract's Error shape.
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `rate limit reached: ${context.max} per ${context.after}`,
    }),
  });
  /** A credential's own bucket (hashed, so the key store holds no secret), else the address. */
  const credentialOrAddress = (request: FastifyRequest) => {
    const token = bearerOf(request);
    return token ? `credential:${sha256Hex(token).slice(0, 32)}` : `address:${request.ip}`;
  };
  const perCredential = app.rateLimit({
    max: limits.perCredential,
    timeWindow: 60_000,
    keyGenerator: credentialOrAddress,
  });
  /** Each sensitive route counts on its own: sign-in attempts do not use up enrolment's. */
  const perAddress = () =>
    app.rateLimit({
      max: limits.perAddressSensitive,
      timeWindow: 60_000,
      keyGenerator: (request) => `address:${request.ip}`,
    });

  const audit = (request: FastifyRequest, action: string, status: number, target: string | null = null) =>
    storage.recordAudit({
      atMs: clock(),
      accountId: request.staff?.accountId ?? null,
      username: request.staff?.username ?? null,
      action,
      target,
      status,
    });

  // Every answer names this central's revision and its minimum; a kiosk below the minimum is refused
  // before anything else (a request without the header is a kiosk from before revisions: revision 1).
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(revisionHeaders);
    if (!request.url.startsWith(`${centralApiPrefix}/`)) return;
    const sent = request.headers[apiRevisionHeader];
    const text = Array.isArray(sent) ? sent[0] : sent;
    if (text !== undefined && !/^[1-9][0-9]{0,5}$/.test(text))
      return sendError(reply, 400, 'bad_request', `${apiRevisionHeader} must be a positive integer`);
    const kioskRevision = text === undefined ? 1 : Number(text);
    if (kioskRevision < revision.minimumKiosk) {
      return sendError(
        reply,
        426,
        'upgrade_required',
        `kiosk API revision ${kioskRevision} is below this central's minimum ${revision.minimumKiosk}: update the kiosk`,
      );
    }
  });

  const credentialCache = new Map<string, KioskRecord>();
  const requireKiosk: onRequestHookHandler = async (request, reply) => {
    const token = bearerOf(request);
    if (!token) return sendError(reply, 401, 'unauthorized', 'kiosk credential required');
    // Looked up by its SHA-256: the comparison never runs over the secret itself.
    const hash = sha256Hex(token);
    const kiosk = credentialCache.get(hash) ?? (await storage.kioskByCredentialHash(hash));
    if (!kiosk) return sendError(reply, 401, 'unauthorized', 'unknown kiosk credential');
    credentialCache.set(hash, kiosk);
    request.kiosk = kiosk;
  };
  const requireStaff =
    (operation: CentralOperation & { operationId: string }): onRequestHookHandler =>
    async (request, reply) => {
      const token = bearerOf(request);
      const principal = token ? await storage.staffSession(sha256Hex(token), clock()) : null;
      if (!principal) {
        await audit(request, operation.operationId, 401);
        return sendError(reply, 401, 'unauthorized', 'sign in as staff (POST /v1/staff/session)');
      }
      request.staff = principal;
      const permission = operation.permission ?? 'any';
      if (
        permission !== 'any' &&
        !staffRolePermissions[principal.role].includes(permission as StaffPermission)
      ) {
        await audit(request, operation.operationId, 403);
        return sendError(reply, 403, 'forbidden', `the ${principal.role} role may not do this`);
      }
    };
  /** The desk's read-only polling is not an action; everything else a staff account does is audited. */
  const audited = (operation: CentralOperation) =>
    operation.auth === 'staff' && !(operation.method === 'get' && operation.permission === 'desk');
  app.addHook('onResponse', async (request, reply) => {
    const operationId = request.routeOptions.config.operationId;
    if (!operationId || !request.staff) return;
    const operation = centralRoutes[operationId];
    if (!audited(operation)) return;
    const params = request.params as Record<string, string>;
    await audit(request, operationId, reply.statusCode, Object.values(params).join('/') || null);
  });

  const today = () => serviceDateOf(clock(), hall.timeZone);
  const supervision = options.supervision ?? defaultSupervisionSettings;
  const board = () => supervisionBoard(storage, supervision, hall.timeZone, clock());

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    if (error instanceof BadCursorError) return sendError(reply, 400, 'bad_request', error.message);
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, 413, 'payload_too_large', 'body too large');
    if (status === 415)
      return sendError(
        reply,
        415,
        'unsupported_media_type',
        'send application/json (or octet-stream where documented)',
      );
    if (status === 429) return sendError(reply, 429, 'rate_limited', error.message);
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
    options.logger?.error({ err: error.message }, 'central request failed');
    return sendError(reply, 500, 'internal', 'internal error');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'not_found', 'no such route'));

  const createEnrolmentCode = async (): Promise<{ code: string; expiresAtMs: number }> => {
    const code = randomBytes(6).toString('hex').toUpperCase();
    const expiresAtMs = clock() + 24 * 3600_000;
    await storage.createEnrolmentCode(sha256Hex(code), expiresAtMs);
    return { code, expiresAtMs };
  };
  /** Derived, not stored: a retried enrolment is answered the same credential; only its hash is kept. */
  const credentialOf = (kioskId: string, requestId: string) =>
    createHmac('sha256', credentialKey).update(`${kioskId}\n${requestId}`).digest('base64url');
  const ok200 = <T>(body: T) => ({ status: 200 as const, body });

  const handlers: CentralHandlers = {
    // ---------------------------------------------------------------- enrolment
    enrolKiosk: async ({ body }) => {
      const enrolled = await storage.enrolKiosk({
        kioskId: randomUUID(),
        name: body.kioskName,
        appVersion: body.appVersion,
        codeHash: sha256Hex(body.enrolmentCode),
        requestId: body.requestId,
        publicKey: body.publicKey,
        nowMs: clock(),
        credentialHashOf: (kioskId) => sha256Hex(credentialOf(kioskId, body.requestId)),
      });
      if (!enrolled.ok) {
        return enrolled.error.code === 'conflict'
          ? failure(409, 'idempotency_conflict', enrolled.error.message)
          : failure(403, 'enrolment_code_invalid', enrolled.error.message);
      }
      const { kioskId, kioskCode } = enrolled.value;
      return {
        status: 201,
        body: {
          kioskId,
          credential: credentialOf(kioskId, body.requestId),
          kioskCode,
          hall,
          orderSigningKey: orderKey.publicKey,
          intakeSealingKey: sealingKey.publicKey,
        },
      };
    },
    createEnrolmentCode: async () => ({ status: 201, body: await createEnrolmentCode() }),

    // ---------------------------------------------------------------- pulls
    getCatalogueDelta: async ({ query }) =>
      ok200(await storage.catalogueDelta(query.cursor, query.limit ?? 500)),
    getStoreDelta: async ({ query }) => ok200(await storage.storeDelta(query.cursor, query.limit ?? 500)),
    getStoreRecord: async ({ params }) => {
      const record = await storage.getStoreRecord(params.keyedHash);
      return record ? ok200(record) : failure(404, 'not_found', 'no record');
    },
    getQueueState: async () => ok200(await storage.queueState(today(), clock())),
    getAppointmentDelta: async ({ query }) =>
      ok200(await storage.appointmentDelta(query.cursor, query.limit ?? 500)),
    getAppointmentSlots: async ({ query }) => {
      const slots = await storage.appointmentSlots(query.itemId, query.serviceDate);
      return slots.ok ? ok200({ slots: slots.value }) : failure(404, 'not_found', slots.error.message);
    },
    bookAppointment: async ({ body }) => {
      const booked = await storage.bookAppointment(body, clock());
      if (booked.ok) return ok200(booked.value);
      const { code, message } = booked.error;
      if (code === 'not_found') return failure(404, 'not_found', message);
      if (code === 'conflict') return failure(409, 'idempotency_conflict', message);
      return failure(400, 'bad_request', message);
    },
    getCaseProgress: async ({ params }) => {
      const progress = await storage.caseProgress(params.caseNumber);
      return progress ? ok200(progress) : failure(404, 'not_found', 'unknown case');
    },
    // Signed as served: the signature is deterministic (Ed25519) and the key never enters storage.
    getPurgeOrders: async ({ query }) => {
      const page = await storage.purgeOrders(query.cursor, query.limit ?? 500);
      return ok200({ ...page, entries: page.entries.map(signed) });
    },
    createPurgeOrder: async ({ body }) => ({
      status: 201,
      body: signed(await storage.createPurgeOrder(body.keyedHash, clock())),
    }),
    getPurgeOrderAcks: async ({ params }) => {
      const acks = await storage.purgeOrderAcks(params.orderId);
      return acks ? ok200(acks) : failure(404, 'not_found', 'unknown purge order');
    },
    postHeartbeat: async ({ body, kiosk }) => {
      await storage.recordHeartbeat(kiosk.kioskId, body, clock());
      return ok200({ serverTimeMs: clock(), serviceDate: today() });
    },

    // ---------------------------------------------------------------- materials
    headMaterial: async ({ params }) => {
      const present = await storage.presentMaterials([params.sha256]);
      return present.size === 1 ? { status: 200 } : { status: 404 };
    },
    getMaterial: async ({ params }) => {
      const bytes = await storage.getMaterial(params.sha256);
      if (!bytes) return failure(404, 'not_found', 'no such material');
      return { status: 200, body: bytes, type: 'application/octet-stream' };
    },
    putMaterial: async ({ params, body }) => {
      if (sha256Hex(body) !== params.sha256)
        return failure(422, 'digest_mismatch', 'bytes do not match the digest');
      const [created] = await storage.putMaterials([{ sha256: params.sha256, bytes: body }], clock());
      const answer = { sha256: params.sha256, size: body.byteLength, created: created ?? false };
      return answer.created ? { status: 201, body: answer } : { status: 200, body: answer };
    },
    queryMaterialPresence: async ({ body }) =>
      ok200({ present: [...(await storage.presentMaterials(body.sha256s))] }),
    putMaterialBatch: async ({ body }) => {
      const frames = decodeMaterialFrames(body);
      if (!frames || frames.length === 0) return failure(400, 'bad_request', 'broken material framing');
      for (const frame of frames) {
        if (sha256Hex(frame.bytes) !== frame.sha256) {
          return failure(422, 'digest_mismatch', `bytes do not match ${frame.sha256}`);
        }
      }
      const created = await storage.putMaterials(frames, clock());
      return ok200({
        stored: frames.filter((_, i) => created[i]).map((f) => f.sha256),
        alreadyPresent: frames.filter((_, i) => !created[i]).map((f) => f.sha256),
      });
    },

    // ---------------------------------------------------------------- deliveries
    postSubmission: async ({ body, kiosk }) => deliverOne('submission', body, kiosk),
    postCheckin: async ({ body, kiosk }) => deliverOne('checkin', body, kiosk),
    postRating: async ({ body, kiosk }) => deliverOne('rating', body, kiosk),
    postTicketReport: async ({ body, kiosk }) => deliverOne('ticket_report', body, kiosk),
    postPurgeAck: async ({ body, kiosk }) => deliverOne('purge_ack', body, kiosk),
    postSupplement: async ({ body, kiosk }) => deliverOne('supplement', body, kiosk),
    postDeliveryBatch: async ({ body, kiosk }) => {
      const results: DeliveryResult[] = new Array(body.items.length);
      const valid: ValidatedDelivery[] = [];
      const validIndex: number[] = [];
      body.items.forEach((item, index) => {
        const validated = validateDelivery(item.kind, item);
        if (validated.ok) {
          valid.push(validated.value);
          validIndex.push(index);
        } else {
          results[index] = {
            idempotencyKey: item.idempotencyKey,
            status: 422,
            body: failure(422, 'invalid_payload', validated.error.message).body,
          };
        }
      });
      const outcomes = valid.length > 0 ? await storage.deliver(kiosk.kioskId, valid, clock()) : [];
      outcomes.forEach((outcome, i) => {
        results[validIndex[i]!] = {
          idempotencyKey: outcome.idempotencyKey,
          status: outcome.status,
          body: JSON.parse(outcome.responseJson),
        };
      });
      return ok200({ results });
    },

    // ---------------------------------------------------------------- tickets
    leaseTicketBlock: async ({ body, kiosk }) => {
      const leased = await storage.leaseTicketBlock(kiosk.kioskId, body, clock());
      if (leased.ok) return ok200(leased.value);
      return leased.error.code === 'not_found'
        ? failure(404, 'not_found', leased.error.message)
        : failure(409, 'idempotency_conflict', leased.error.message);
    },

    // ---------------------------------------------------------------- updates
    getUpdateFile: async ({ params }) => {
      const file = options.updatesDir ? updateFile(options.updatesDir, params.file) : null;
      if (!file) return failure(404, 'not_found', 'no such update file');
      return { status: 200, ...file };
    },

    // ---------------------------------------------------------------- staff desk and display
    getStaffOverview: async () => ok200(await storage.staffOverview(today())),
    setWindowOpen: async ({ params, body }) => {
      const set = await storage.setWindowOpen(params.windowId, body.open);
      if (!set.ok) return failure(404, 'not_found', set.error.message);
      return ok200(await storage.staffOverview(today()));
    },
    callNext: async ({ params }) => {
      const called = await storage.callNext(params.windowId, today(), clock());
      return called.ok ? ok200({ called: called.value }) : failure(404, 'not_found', called.error.message);
    },
    transferTicket: async ({ params, body }) => {
      const ticket = await storage.transferTicket(params.ticketId, body.queueId, clock());
      return ticket.ok ? ok200({ ticket: ticket.value }) : failure(404, 'not_found', ticket.error.message);
    },
    markNoShow: async ({ params }) => {
      const ticket = await storage.markNoShow(params.ticketId, clock());
      return ticket.ok ? ok200({ ticket: ticket.value }) : failure(404, 'not_found', ticket.error.message);
    },
    getDisplayCalls: async () => ok200(await storage.recentCalls(8)),
    getCaseFile: async ({ params }) => {
      const file = await storage.caseFile(params.caseNumber);
      return file ? ok200({ case: file }) : failure(404, 'not_found', 'unknown case');
    },
    getDeskBoard: async () => ok200(await board()),
    getSupervisionBoard: async () => ok200(await board()),
    followUpRating: async ({ params, staff }) => {
      const followed = await storage.followUpRating(params.caseNumber, staff, clock());
      if (!followed.ok) {
        return followed.error.code === 'not_found'
          ? failure(404, 'not_found', followed.error.message)
          : failure(409, 'idempotency_conflict', followed.error.message);
      }
      return ok200({
        caseNumber: params.caseNumber,
        followedUpAtMs: followed.value.followedUpAtMs,
        followedUpBy: staff.username,
      });
    },
    getStaffMaterial: async ({ params }) => {
      const bytes = await storage.getMaterial(params.sha256);
      if (!bytes) return failure(404, 'not_found', 'no such material');
      return { status: 200, body: bytes, type: 'application/octet-stream' };
    },
    takeCaseStep: async ({ params, body, staff }) => {
      const nowMs = clock();
      const taken = await storage.takeCaseStep(params.caseNumber, body, staff, nowMs);
      if (!taken.ok) {
        const { code, message } = taken.error;
        if (code === 'not_found') return failure(404, 'not_found', message);
        if (code === 'conflict') return failure(409, 'illegal_transition', message);
        return failure(422, 'invalid_payload', message);
      }
      if (taken.value.stage === 'finished') {
        await recordLifeEvent(
          storage,
          {
            caseNumber: taken.value.caseNumber,
            itemId: taken.value.itemId,
            applicantKeyedHash: taken.value.applicantKeyedHash,
            formValues: taken.value.formValues,
            ...(body.action === 'finish' ? { result: body.result } : {}),
            finishedAtMs: nowMs,
          },
          (idNumber) => keyedHashHex(lookupKey, idNumber),
        );
      }
      return ok200({ case: taken.value });
    },

    // ---------------------------------------------------------------- staff sign-in and admin
    staffLogin: async ({ body }, request) => {
      const nowMs = clock();
      const account = await storage.staffCredentials(body.username);
      // An unknown name costs the same scrypt time as a wrong password.
      const matches = await verifyStaffPassword(
        body.password,
        account?.passwordHash ?? (await passwordHashForUnknownAccount()),
      );
      const locked = account?.lockedUntilMs != null && account.lockedUntilMs > nowMs;
      if (!account || locked || !matches) {
        if (account && !locked) await storage.recordStaffLogin(account.accountId, false, nowMs, lockout);
        await audit(request, locked ? 'staffLogin.locked' : 'staffLogin', 401, body.username);
        // One answer for all three: the caller learns nothing about which names exist.
        return failure(401, 'unauthorized', 'wrong username or password, or the account is locked for now');
      }
      await storage.recordStaffLogin(account.accountId, true, nowMs, lockout);
      const token = newSecretToken();
      const expiresAtMs = nowMs + staffSessionMs;
      await storage.createStaffSession(sha256Hex(token), account.accountId, expiresAtMs, nowMs);
      request.staff = account;
      await audit(request, 'staffLogin', 201, account.username);
      return { status: 201, body: { token, expiresAtMs, username: account.username, role: account.role } };
    },
    staffLogout: async ({ bearer }) => {
      if (bearer) await storage.endStaffSession(sha256Hex(bearer));
      return ok200({ loggedOut: true as const });
    },
    createStaffAccount: async ({ body }) => {
      const created = await storage.createStaffAccount({
        accountId: randomUUID(),
        username: body.username,
        role: body.role,
        createdAtMs: clock(),
        passwordHash: await hashStaffPassword(body.password),
      });
      return created.ok
        ? { status: 201, body: created.value }
        : failure(409, 'idempotency_conflict', created.error.message);
    },
    getAuditLog: async ({ query }) =>
      ok200({ entries: await storage.auditLog(query.afterSeq ?? 0, query.limit ?? 100) }),
    listPayoutReviews: async () => ok200({ reviews: await storage.payoutReviews('pending') }),
    decidePayoutReview: async ({ params, body, staff }) => {
      const decided = await storage.decidePayoutReview(
        params.reviewId,
        body.approve,
        staff.accountId,
        clock(),
      );
      if (decided.ok) return ok200(decided.value);
      return decided.error.code === 'not_found'
        ? failure(404, 'not_found', decided.error.message)
        : failure(409, 'idempotency_conflict', decided.error.message);
    },
    // ---------------------------------------------------------------- card-less identity, help (issue 15)
    verifyIdentityQr: async ({ body }) => ok200(identityQr.verify(body.payload, clock())),
    postHelpRequest: async ({ body, kiosk }) => {
      helpRequests.record(kiosk, body, clock());
      return ok200({ requestId: body.requestId, recorded: true as const });
    },
    getHelpRequests: async () => ok200({ requests: helpRequests.open(clock()) }),
    answerHelpRequest: async ({ params }) =>
      helpRequests.answer(params.requestId)
        ? ok200({ requestId: params.requestId, answered: true as const })
        : failure(404, 'not_found', 'no open help request with that id'),
    getPublicProgress: async ({ params }) => {
      const progress = await storage.caseProgress(params.caseNumber);
      if (!progress) return failure(404, 'not_found', 'unknown case');
      const latest = progress.history.at(-1);
      return ok200({
        caseNumber: progress.caseNumber,
        status: progress.status,
        updatedAtMs: latest?.atMs ?? 0,
      });
    },
  };

  // ---------------------------------------------------------------- deliveries
  function validateDelivery(
    kind: DeliveryKind,
    envelope: { idempotencyKey: string; kioskSeq: number; payload: unknown },
  ): Result<ValidatedDelivery, 'invalid_payload'> {
    // Tolerant: a newer kiosk's optional payload fields are dropped, not refused.
    const parsed = tolerant(deliveryPayloadSchemas[kind]).safeParse(envelope.payload);
    if (!parsed.success) {
      return err(
        'invalid_payload',
        parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      );
    }
    // A sealed submission is opened here: the storage and the idempotency hash see the content, so a
    // retry sealed afresh (new ephemeral key) is still the same request.
    const opened =
      kind === 'submission' && 'sealed' in parsed.data
        ? openSubmission(parsed.data as SealedSubmissionPayload, sealingKey.privateKey)
        : ok(parsed.data);
    if (!opened.ok) return err('invalid_payload', opened.error.message);
    return ok({
      kind,
      idempotencyKey: envelope.idempotencyKey,
      kioskSeq: envelope.kioskSeq,
      payload: opened.value,
      requestHash: sha256Hex(canonicalJson({ kind, payload: opened.value })),
    });
  }

  /** The stored text itself: a repeat gets the first answer byte for byte. */
  async function deliverOne(
    kind: DeliveryKind,
    envelope: { idempotencyKey: string; kioskSeq: number; payload: unknown },
    kiosk: KioskRecord,
  ): Promise<StoredJsonAnswer | { status: 422; body: ErrorBody }> {
    const validated = validateDelivery(kind, envelope);
    if (!validated.ok) return failure(422, 'invalid_payload', validated.error.message);
    const [outcome] = await storage.deliver(kiosk.kioskId, [validated.value], clock());
    return { status: outcome!.status, storedJson: outcome!.responseJson };
  }

  registerCentralRoutes(app, handlers, {
    onRequest: (operation) => {
      if (operation.auth === 'kiosk') return [perCredential, requireKiosk];
      if (operation.auth === 'staff') return [perCredential, requireStaff(operation)];
      // Enrolment, sign-in and the public page: guessing is what a per-address limit stops.
      if (operation.operationId === 'getDisplayCalls' || operation.operationId === 'getUpdateFile')
        return [perCredential];
      return [perAddress()];
    },
    bodyLimit: (operation) => {
      if (isBinaryBody(operation.body)) return materialBatchMaxBytes + 1024 * 1024;
      return operation.path === centralRoutes.postDeliveryBatch.path ? deliveryBatchBodyLimit : jsonBodyLimit;
    },
  });
  registerStaffPages(app);
  return app;
}

export const adminSecretFileName = 'admin-secret';

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

export async function startCentralServer(options: CentralServerOptions): Promise<RunningCentralServer> {
  const host = options.host ?? '127.0.0.1';
  const hall = defaultHall(await loadHallSettings(options.dataDir, options.hall));
  const storage =
    options.storage ??
    new SqliteCentralStorage(options.dataDir, {
      timeZone: hall.timeZone,
      ...(options.masterKeyFile ? { masterKeyFile: options.masterKeyFile } : {}),
    });
  let adminSecret: string | null;
  let app: FastifyInstance | null = null;
  try {
    adminSecret = await ensureStaffAuthentication(storage, options, host);
    if (options.seed === 'sample') {
      const { seedSampleHall } = await import('./seed');
      await seedSampleHall(storage, hall, options.clock?.() ?? Date.now());
    }
    app = await buildCentralApp(storage, {
      ...options,
      hall,
      credentialKey: secretFile(options.dataDir, 'kiosk-credential-key'),
      orderSigningKey: loadOrCreateOrderSigningKey(options.dataDir),
      intakeSealingKey: loadOrCreateIntakeSealingKey(
        dirname(options.masterKeyFile ?? defaultMasterKeyFile(options.dataDir)),
      ),
    });
    // A hall's kiosks reconnect together after an outage: Node's default backlog (511) resets the rest.
    await app.listen({ port: options.port, host, backlog: 4096 });
  } catch (error) {
    await app?.close();
    await storage.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const running = app;
  return {
    url: `${scheme}://${urlHost}:${address.port}`,
    storage,
    hall,
    adminSecret,
    async createEnrolmentCode() {
      const code = randomBytes(6).toString('hex').toUpperCase();
      await storage.createEnrolmentCode(sha256Hex(code), Date.now() + 24 * 3600_000);
      return code;
    },
    async close() {
      await running.close();
      await storage.close();
    },
  };
}

/**
 * Fail closed: staff routes always need a signed-in account. With none in the database the server
 * starts only as the loopback demo, which creates a one-time hall admin and hands its secret over
 * (returned, and written 0600 to <dataDir>/admin-secret); anything else refuses to start.
 */
async function ensureStaffAuthentication(
  storage: CentralStorage,
  options: CentralServerOptions,
  host: string,
): Promise<string | null> {
  if ((await storage.countStaffAccounts()) > 0) return null;
  if (options.demoAdmin === false || !isLoopbackHost(host)) {
    throw new Error(
      'no staff account is configured: create one first (npm run central -- --data DIR --add-staff NAME --role hall_admin), or run the loopback demo (--demo)',
    );
  }
  const secret = newSecretToken();
  await storage.createStaffAccount({
    accountId: randomUUID(),
    username: 'admin',
    role: 'hall_admin',
    createdAtMs: Date.now(),
    passwordHash: await hashStaffPassword(secret),
  });
  const file = join(options.dataDir, adminSecretFileName);
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  options.logger?.warn(
    { file },
    'no staff account: created the one-time demo admin "admin"; its secret is in this file',
  );
  return secret;
}

/** A server secret that must survive restarts, created on first start (0600). */
function secretFile(dataDir: string, name: string): Buffer {
  const file = join(dataDir, name);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/**
 * The hall's look-up key must survive restarts (kiosks hash ID numbers with it): kept in the data
 * folder, created on first start.
 */
async function loadHallSettings(
  dataDir: string,
  overrides: Partial<HallSettings> | undefined,
): Promise<Partial<HallSettings>> {
  return { lookupKey: secretFile(dataDir, 'hall-lookup-key').toString('base64'), ...overrides };
}
