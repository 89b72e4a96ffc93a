/**
 * The reference central server: Fastify 5 over CentralStorage. Embedded on loopback for demo mode and
 * tests (startCentralServer), or run alone with `npm run central -- --port N --data DIR`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { err, ok, type Result } from '../../kernel/result';
import { signPurgeOrder } from '../../kernel/signed-orders';
import {
  type DeliveryKind,
  type DeliveryResult,
  deliveryPayloadSchemas,
  type ErrorBody,
  type HallSettings,
  materialBatchMaxBytes,
  type PurgeOrder,
} from '../protocol/central-api';
import {
  apiRevisionHeader,
  centralApiPrefix,
  centralApiRevision,
  minimumApiRevisionHeader,
  minimumKioskApiRevision,
} from '../protocol/central-common';
import { decodeMaterialFrames } from '../protocol/central-material-frames';
import { tolerant } from '../protocol/tolerant-schema';
import {
  type CentralHandlers,
  failure,
  registerCentralRoutes,
  type StoredJsonAnswer,
  sendError,
} from './central-routes';
import { canonicalJson } from './hall-rules';
import {
  ephemeralOrderSigningKey,
  loadOrCreateOrderSigningKey,
  type OrderSigningKey,
} from './order-signing-key';
import { SqliteCentralStorage } from './sqlite/sqlite-central-storage';
import { registerStaffPages } from './staff-pages';
import { BadCursorError, type CentralStorage, type KioskRecord, type ValidatedDelivery } from './storage';
import { updateFile } from './update-feed';

export interface CentralServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  /** Load the sample hall's catalogue and people (demo mode, tests). */
  seed?: 'sample';
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** When set, staff pages' API and admin calls need `Authorization: Bearer <staffToken>`. */
  staffToken?: string;
  /** Folder holding electron-updater's latest.yml and artefacts. */
  updatesDir?: string;
  hall?: Partial<HallSettings>;
  logger?: Logger;
  /** Injected clock for tests. */
  clock?: () => number;
  /** A storage other than the SQLite file in dataDir (e.g. PostgreSQL). */
  storage?: CentralStorage;
  /** The API revision this central answers with and the oldest kiosk revision it serves (tests simulate others). */
  apiRevision?: { own: number; minimumKiosk: number };
}

export interface RunningCentralServer {
  url: string;
  storage: CentralStorage;
  hall: HallSettings;
  /** Issues a one-time enrolment code (valid 24 h). */
  createEnrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

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
  extends Omit<CentralServerOptions, 'port' | 'dataDir' | 'storage' | 'hall'> {
  hall: HallSettings;
  /** The hall's order-signing key (startCentralServer keeps it in dataDir); a throwaway one if absent. */
  orderSigningKey?: OrderSigningKey;
  /** Told of every route as it is registered (a test holds them against docs/central-api.yaml). */
  onRoute?: (route: { method: string; url: string }) => void;
}

export async function buildCentralApp(
  storage: CentralStorage,
  options: CentralAppOptions,
): Promise<FastifyInstance> {
  const clock = options.clock ?? Date.now;
  const hall = options.hall;
  const revision = options.apiRevision ?? { own: centralApiRevision, minimumKiosk: minimumKioskApiRevision };
  const revisionHeaders = {
    [apiRevisionHeader]: String(revision.own),
    [minimumApiRevisionHeader]: String(revision.minimumKiosk),
  };
  const orderKey = options.orderSigningKey ?? ephemeralOrderSigningKey();
  const signed = (order: PurgeOrder): PurgeOrder => ({
    ...order,
    signature: signPurgeOrder(order, hall.hallId, orderKey.privateKey),
  });
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : {}),
    bodyLimit: materialBatchMaxBytes + 1024 * 1024,
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
  const bearer = (request: FastifyRequest): string | null => {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  };
  const requireKiosk = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(request);
    if (!token) return sendError(reply, 401, 'unauthorized', 'kiosk credential required');
    const hash = sha256Hex(token);
    const kiosk = credentialCache.get(hash) ?? (await storage.kioskByCredentialHash(hash));
    if (!kiosk) return sendError(reply, 401, 'unauthorized', 'unknown kiosk credential');
    credentialCache.set(hash, kiosk);
    request.kiosk = kiosk;
  };
  const requireStaff = async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.staffToken === undefined) return;
    if (bearer(request) !== options.staffToken)
      return sendError(reply, 401, 'unauthorized', 'staff token required');
  };
  const today = () => serviceDateOf(clock(), hall.timeZone);

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
  const ok200 = <T>(body: T) => ({ status: 200 as const, body });

  const handlers: CentralHandlers = {
    // ---------------------------------------------------------------- enrolment
    enrolKiosk: async ({ body }) => {
      const number = await storage.nextKioskNumber();
      const credential = randomBytes(32).toString('base64url');
      const enrolled = await storage.enrolKiosk({
        kioskId: randomUUID(),
        kioskCode: `K${String(number).padStart(3, '0')}`,
        name: body.kioskName,
        codeHash: sha256Hex(body.enrolmentCode),
        credentialHash: sha256Hex(credential),
        appVersion: body.appVersion,
        nowMs: clock(),
      });
      if (!enrolled.ok) return failure(403, 'enrolment_code_invalid', enrolled.error.message);
      const { kioskId, kioskCode } = enrolled.value;
      return {
        status: 201,
        body: { kioskId, credential, kioskCode, hall, orderSigningKey: orderKey.publicKey },
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
    return ok({
      kind,
      idempotencyKey: envelope.idempotencyKey,
      kioskSeq: envelope.kioskSeq,
      payload: parsed.data,
      requestHash: sha256Hex(canonicalJson({ kind, payload: parsed.data })),
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

  registerCentralRoutes(app, handlers, { kiosk: requireKiosk, staff: requireStaff, none: null });
  registerStaffPages(app);
  return app;
}

export async function startCentralServer(options: CentralServerOptions): Promise<RunningCentralServer> {
  const hall = defaultHall(await loadHallSettings(options.dataDir, options.hall));
  const storage = options.storage ?? new SqliteCentralStorage(options.dataDir, { timeZone: hall.timeZone });
  if (options.seed === 'sample') {
    const { seedSampleHall } = await import('./seed');
    await seedSampleHall(storage, hall, options.clock?.() ?? Date.now());
  }
  const orderSigningKey = loadOrCreateOrderSigningKey(options.dataDir);
  const app = await buildCentralApp(storage, { ...options, hall, orderSigningKey });
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${scheme}://${host}:${address.port}`,
    storage,
    hall,
    async createEnrolmentCode() {
      const code = randomBytes(6).toString('hex').toUpperCase();
      await storage.createEnrolmentCode(sha256Hex(code), Date.now() + 24 * 3600_000);
      return code;
    },
    async close() {
      await app.close();
      await storage.close();
    },
  };
}

/**
 * The hall's look-up key must survive restarts (kiosks hash ID numbers with it): kept in the data
 * folder, created on first start.
 */
async function loadHallSettings(
  dataDir: string,
  overrides: Partial<HallSettings> | undefined,
): Promise<Partial<HallSettings>> {
  const file = join(dataDir, 'hall-lookup-key');
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return { lookupKey: readFileSync(file, 'utf8').trim(), ...overrides };
}
