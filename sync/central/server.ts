/**
 * The reference central server: Fastify 5 over CentralStorage. Embedded on loopback for demo mode and
 * tests (startCentralServer), or run alone with `npm run central -- --port N --data DIR`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import {
  appointmentBookingRequestSchema,
  appointmentSlotsQuerySchema,
  type DeliveryKind,
  deliveryBatchEnvelopeSchema,
  deliveryPayloadSchemas,
  deliveryRequestSchemas,
  deltaPageQuerySchema,
  type ErrorCode,
  enrolmentRequestSchema,
  type HallSettings,
  heartbeatRequestSchema,
  keyedHashSchema,
  materialBatchMaxBytes,
  materialPresenceRequestSchema,
  purgeOrderCreateRequestSchema,
  sha256HexSchema,
  ticketBlockRequestSchema,
} from '../protocol/central-api';
import { decodeMaterialFrames } from '../protocol/central-material-frames';
import { transferRequestSchema, windowOpenRequestSchema } from '../protocol/central-staff';
import { canonicalJson } from './hall-rules';
import { SqliteCentralStorage } from './sqlite-storage';
import { registerStaffPages } from './staff-pages';
import { type CentralStorage, isStorageFailure, type KioskRecord, type ValidatedDelivery } from './storage';
import { registerUpdateFeed } from './update-feed';

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
}

export interface RunningCentralServer {
  url: string;
  storage: CentralStorage;
  hall: HallSettings;
  /** Issues a one-time enrolment code (valid 24 h). */
  createEnrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    kiosk: KioskRecord | null;
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

function parseOr400<S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply): z.infer<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  sendError(reply, 400, 'bad_request', message);
  return null;
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

export async function buildCentralApp(
  storage: CentralStorage,
  options: Omit<CentralServerOptions, 'port' | 'dataDir' | 'storage'> & { hall: HallSettings },
): Promise<FastifyInstance> {
  const clock = options.clock ?? Date.now;
  const hall = options.hall;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : {}),
    bodyLimit: materialBatchMaxBytes + 1024 * 1024,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  app.decorateRequest('kiosk', null);

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
  const kioskOf = (request: FastifyRequest): KioskRecord => request.kiosk!;
  const today = () => serviceDateOf(clock(), hall.timeZone);

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, 413, 'payload_too_large', 'body too large');
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
    options.logger?.error({ err: error.message }, 'central request failed');
    return sendError(reply, 500, 'internal', 'internal error');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'not_found', 'no such route'));

  // ---------------------------------------------------------------- enrolment
  app.post('/v1/enrolments', async (request, reply) => {
    const body = parseOr400(enrolmentRequestSchema, request.body, reply);
    if (!body) return reply;
    const number = await storage.nextKioskNumber();
    const credential = randomBytes(32).toString('base64url');
    const kiosk = {
      kioskId: randomUUID(),
      kioskCode: `K${String(number).padStart(3, '0')}`,
      name: body.kioskName,
    };
    const enrolled = await storage.enrolKiosk({
      ...kiosk,
      codeHash: sha256Hex(body.enrolmentCode),
      credentialHash: sha256Hex(credential),
      appVersion: body.appVersion,
      nowMs: clock(),
    });
    if (!enrolled)
      return sendError(reply, 403, 'enrolment_code_invalid', 'enrolment code unknown, used or expired');
    return reply.code(201).send({ kioskId: kiosk.kioskId, credential, kioskCode: kiosk.kioskCode, hall });
  });

  const createEnrolmentCode = async (): Promise<{ code: string; expiresAtMs: number }> => {
    const code = randomBytes(6).toString('hex').toUpperCase();
    const expiresAtMs = clock() + 24 * 3600_000;
    await storage.createEnrolmentCode(sha256Hex(code), expiresAtMs);
    return { code, expiresAtMs };
  };
  app.post('/v1/admin/enrolment-codes', { preHandler: requireStaff }, async (_request, reply) =>
    reply.code(201).send(await createEnrolmentCode()),
  );

  // ---------------------------------------------------------------- pulls
  app.get('/v1/catalogue', { preHandler: requireKiosk }, async (request, reply) => {
    const query = parseOr400(deltaPageQuerySchema, request.query, reply);
    if (!query) return reply;
    return storage.catalogueDelta(query.cursor, query.limit ?? 500);
  });
  app.get('/v1/store', { preHandler: requireKiosk }, async (request, reply) => {
    const query = parseOr400(deltaPageQuerySchema, request.query, reply);
    if (!query) return reply;
    return storage.storeDelta(query.cursor, query.limit ?? 500);
  });
  app.get<{ Params: { keyedHash: string } }>(
    '/v1/store/:keyedHash',
    { preHandler: requireKiosk },
    async (request, reply) => {
      const keyedHash = parseOr400(keyedHashSchema, request.params.keyedHash, reply);
      if (!keyedHash) return reply;
      const record = await storage.getStoreRecord(keyedHash);
      return record ?? sendError(reply, 404, 'not_found', 'no record');
    },
  );
  app.get('/v1/queue-state', { preHandler: requireKiosk }, async () => storage.queueState(today(), clock()));
  app.get('/v1/appointments', { preHandler: requireKiosk }, async (request, reply) => {
    const query = parseOr400(deltaPageQuerySchema, request.query, reply);
    if (!query) return reply;
    return storage.appointmentDelta(query.cursor, query.limit ?? 500);
  });
  app.get('/v1/appointment-slots', { preHandler: requireKiosk }, async (request, reply) => {
    const query = parseOr400(appointmentSlotsQuerySchema, request.query, reply);
    if (!query) return reply;
    const slots = await storage.appointmentSlots(query.itemId, query.serviceDate);
    return slots ? { slots } : sendError(reply, 404, 'not_found', 'unknown item');
  });
  app.post('/v1/appointments', { preHandler: requireKiosk }, async (request, reply) => {
    const body = parseOr400(appointmentBookingRequestSchema, request.body, reply);
    if (!body) return reply;
    const result = await storage.bookAppointment(body, clock());
    if (!isStorageFailure(result)) return result;
    if (result.error === 'not_found') return sendError(reply, 404, 'not_found', result.message);
    if (result.error === 'conflict') return sendError(reply, 409, 'idempotency_conflict', result.message);
    return sendError(reply, 400, 'bad_request', result.message);
  });
  app.get<{ Params: { caseNumber: string } }>(
    '/v1/cases/:caseNumber',
    { preHandler: requireKiosk },
    async (request, reply) => {
      const progress = await storage.caseProgress(request.params.caseNumber);
      return progress ?? sendError(reply, 404, 'not_found', 'unknown case');
    },
  );
  app.get('/v1/purge-orders', { preHandler: requireKiosk }, async (request, reply) => {
    const query = parseOr400(deltaPageQuerySchema, request.query, reply);
    if (!query) return reply;
    return storage.purgeOrders(query.cursor, query.limit ?? 500);
  });
  app.post('/v1/admin/purge-orders', { preHandler: requireStaff }, async (request, reply) => {
    const body = parseOr400(purgeOrderCreateRequestSchema, request.body, reply);
    if (!body) return reply;
    return reply.code(201).send(await storage.createPurgeOrder(body.keyedHash, clock()));
  });
  app.post('/v1/heartbeats', { preHandler: requireKiosk }, async (request, reply) => {
    const body = parseOr400(heartbeatRequestSchema, request.body, reply);
    if (!body) return reply;
    await storage.recordHeartbeat(kioskOf(request).kioskId, body, clock());
    return { serverTimeMs: clock(), serviceDate: today() };
  });

  // ---------------------------------------------------------------- materials
  app.head<{ Params: { sha256: string } }>(
    '/v1/materials/:sha256',
    { preHandler: requireKiosk },
    async (request, reply) => {
      const present = await storage.presentMaterials([request.params.sha256]);
      return reply.code(present.size === 1 ? 200 : 404).send();
    },
  );
  app.get<{ Params: { sha256: string } }>(
    '/v1/materials/:sha256',
    { preHandler: requireKiosk },
    async (request, reply) => {
      const bytes = await storage.getMaterial(request.params.sha256);
      if (!bytes) return sendError(reply, 404, 'not_found', 'no such material');
      return reply.type('application/octet-stream').send(bytes);
    },
  );
  app.put<{ Params: { sha256: string } }>(
    '/v1/materials/:sha256',
    { preHandler: requireKiosk },
    async (request, reply) => {
      const sha = parseOr400(sha256HexSchema, request.params.sha256, reply);
      if (!sha) return reply;
      if (!Buffer.isBuffer(request.body))
        return sendError(reply, 400, 'bad_request', 'send application/octet-stream');
      if (sha256Hex(request.body) !== sha)
        return sendError(reply, 422, 'digest_mismatch', 'bytes do not match the digest');
      const [created] = await storage.putMaterials([{ sha256: sha, bytes: request.body }], clock());
      return reply
        .code(created ? 201 : 200)
        .send({ sha256: sha, size: request.body.byteLength, created: created ?? false });
    },
  );
  app.post('/v1/materials/presence', { preHandler: requireKiosk }, async (request, reply) => {
    const body = parseOr400(materialPresenceRequestSchema, request.body, reply);
    if (!body) return reply;
    return { present: [...(await storage.presentMaterials(body.sha256s))] };
  });
  app.post('/v1/materials/batch', { preHandler: requireKiosk }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body))
      return sendError(reply, 400, 'bad_request', 'send application/octet-stream');
    const frames = decodeMaterialFrames(request.body);
    if (!frames || frames.length === 0)
      return sendError(reply, 400, 'bad_request', 'broken material framing');
    for (const frame of frames) {
      if (sha256Hex(frame.bytes) !== frame.sha256) {
        return sendError(reply, 422, 'digest_mismatch', `bytes do not match ${frame.sha256}`);
      }
    }
    const created = await storage.putMaterials(frames, clock());
    return {
      stored: frames.filter((_, i) => created[i]).map((f) => f.sha256),
      alreadyPresent: frames.filter((_, i) => !created[i]).map((f) => f.sha256),
    };
  });

  // ---------------------------------------------------------------- deliveries
  const validateDelivery = (
    kind: DeliveryKind,
    envelope: { idempotencyKey: string; kioskSeq: number; payload: unknown },
  ): ValidatedDelivery | { error: string } => {
    const parsed = deliveryPayloadSchemas[kind].safeParse(envelope.payload);
    if (!parsed.success) {
      return {
        error: parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      };
    }
    return {
      kind,
      idempotencyKey: envelope.idempotencyKey,
      kioskSeq: envelope.kioskSeq,
      payload: parsed.data,
      requestHash: sha256Hex(canonicalJson({ kind, payload: parsed.data })),
    };
  };
  const singleDelivery = (kind: DeliveryKind, path: string) => {
    app.post(path, { preHandler: requireKiosk }, async (request, reply) => {
      const envelope = parseOr400(deliveryRequestSchemas[kind], request.body, reply);
      if (!envelope) return reply;
      const validated = validateDelivery(kind, envelope);
      if ('error' in validated) return sendError(reply, 422, 'invalid_payload', validated.error);
      const [outcome] = await storage.deliver(kioskOf(request).kioskId, [validated], clock());
      // The stored text itself: a repeat gets the first answer byte for byte.
      return reply.code(outcome!.status).type('application/json; charset=utf-8').send(outcome!.responseJson);
    });
  };
  singleDelivery('submission', '/v1/submissions');
  singleDelivery('checkin', '/v1/checkins');
  singleDelivery('rating', '/v1/ratings');
  singleDelivery('ticket_report', '/v1/ticket-reports');
  singleDelivery('purge_ack', '/v1/purge-acks');

  app.post('/v1/deliveries/batch', { preHandler: requireKiosk }, async (request, reply) => {
    const batch = parseOr400(deliveryBatchEnvelopeSchema, request.body, reply);
    if (!batch) return reply;
    const results: { idempotencyKey: string; status: number; body: unknown }[] = new Array(
      batch.items.length,
    );
    const valid: ValidatedDelivery[] = [];
    const validIndex: number[] = [];
    batch.items.forEach((item, index) => {
      const validated = validateDelivery(item.kind, item);
      if ('error' in validated) {
        results[index] = {
          idempotencyKey: item.idempotencyKey,
          status: 422,
          body: { error: { code: 'invalid_payload', message: validated.error } },
        };
      } else {
        valid.push(validated);
        validIndex.push(index);
      }
    });
    const outcomes = valid.length > 0 ? await storage.deliver(kioskOf(request).kioskId, valid, clock()) : [];
    outcomes.forEach((outcome, i) => {
      results[validIndex[i]!] = {
        idempotencyKey: outcome.idempotencyKey,
        status: outcome.status,
        body: JSON.parse(outcome.responseJson),
      };
    });
    return { results };
  });

  // ---------------------------------------------------------------- tickets
  app.post('/v1/ticket-blocks', { preHandler: requireKiosk }, async (request, reply) => {
    const body = parseOr400(ticketBlockRequestSchema, request.body, reply);
    if (!body) return reply;
    const result = await storage.leaseTicketBlock(kioskOf(request).kioskId, body, clock());
    if (!isStorageFailure(result)) return result;
    return sendError(
      reply,
      result.error === 'not_found' ? 404 : 409,
      result.error === 'not_found' ? 'not_found' : 'idempotency_conflict',
      result.message,
    );
  });

  // ---------------------------------------------------------------- staff desk and display
  app.get('/v1/staff/overview', { preHandler: requireStaff }, async () => storage.staffOverview(today()));
  app.post<{ Params: { windowId: string } }>(
    '/v1/staff/windows/:windowId/open',
    { preHandler: requireStaff },
    async (request, reply) => {
      const body = parseOr400(windowOpenRequestSchema, request.body, reply);
      if (!body) return reply;
      if (!(await storage.setWindowOpen(request.params.windowId, body.open)))
        return sendError(reply, 404, 'not_found', 'unknown window');
      return storage.staffOverview(today());
    },
  );
  app.post<{ Params: { windowId: string } }>(
    '/v1/staff/windows/:windowId/call-next',
    { preHandler: requireStaff },
    async (request, reply) => {
      const called = await storage.callNext(request.params.windowId, today(), clock());
      if (isStorageFailure(called)) return sendError(reply, 404, 'not_found', called.message);
      return { called };
    },
  );
  app.post<{ Params: { ticketId: string } }>(
    '/v1/staff/tickets/:ticketId/transfer',
    { preHandler: requireStaff },
    async (request, reply) => {
      const body = parseOr400(transferRequestSchema, request.body, reply);
      if (!body) return reply;
      const ticket = await storage.transferTicket(request.params.ticketId, body.queueId, clock());
      return isStorageFailure(ticket) ? sendError(reply, 404, 'not_found', ticket.message) : { ticket };
    },
  );
  app.post<{ Params: { ticketId: string } }>(
    '/v1/staff/tickets/:ticketId/no-show',
    { preHandler: requireStaff },
    async (request, reply) => {
      const ticket = await storage.markNoShow(request.params.ticketId, clock());
      return isStorageFailure(ticket) ? sendError(reply, 404, 'not_found', ticket.message) : { ticket };
    },
  );
  app.get('/v1/display/calls', async () => storage.recentCalls(8));

  registerStaffPages(app);
  if (options.updatesDir) registerUpdateFeed(app, options.updatesDir);
  return app;
}

export async function startCentralServer(options: CentralServerOptions): Promise<RunningCentralServer> {
  const storage = options.storage ?? new SqliteCentralStorage(options.dataDir);
  const hall = defaultHall(await loadHallSettings(options.dataDir, options.hall));
  if (options.seed === 'sample') {
    const { seedSampleHall } = await import('./seed');
    await seedSampleHall(storage, hall, options.clock?.() ?? Date.now());
  }
  const app = await buildCentralApp(storage, { ...options, hall });
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
