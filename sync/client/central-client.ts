/**
 * The kiosk's HTTP client for the central API: global fetch (undici) with a timeout per call, a bearer
 * credential, and every response checked against its zod schema before anything trusts it.
 */
import type { z } from 'zod';
import {
  type AppointmentDeltaResponse,
  appointmentDeltaResponseSchema,
  type CaseProgress,
  type CatalogueDeltaResponse,
  caseProgressSchema,
  catalogueDeltaResponseSchema,
  type DeliveryBatchResponse,
  type DeliveryKind,
  deliveryBatchResponseSchema,
  type EnrolmentResponse,
  type ErrorBody,
  enrolmentResponseSchema,
  errorBodySchema,
  type HeartbeatRequest,
  type HeartbeatResponse,
  heartbeatResponseSchema,
  type MaterialBatchResponse,
  type MaterialPutResponse,
  materialBatchResponseSchema,
  materialPresenceResponseSchema,
  materialPutResponseSchema,
  type PurgeOrderDeltaResponse,
  purgeOrderDeltaResponseSchema,
  type QueueState,
  queueStateSchema,
  type StoreDeltaResponse,
  type StoreRecord,
  storeDeltaResponseSchema,
  storeRecordSchema,
  type TicketBlock,
  type TicketBlockRequest,
  ticketBlockSchema,
} from '../protocol/central-api';
import { encodeMaterialFrames, type MaterialFrame } from '../protocol/central-material-frames';

/** Why a call failed, in the terms the sync service acts on. */
export type CentralFailure =
  /** No answer: refused, reset, timed out, body cut short. Retry with backoff. */
  | { kind: 'network'; message: string }
  /** 5xx (and 429): the server's trouble. Retry with backoff. */
  | { kind: 'server'; status: number; message: string }
  /** 4xx with the server's reason: retrying the same request gives the same answer. */
  | { kind: 'client'; status: number; code: string; message: string; missing?: string[] }
  /** An answer that breaks the contract: never trusted; retried a bounded number of times. */
  | { kind: 'invalid_response'; status: number; message: string };

export class CentralCallError extends Error {
  constructor(readonly failure: CentralFailure) {
    super(`${failure.kind}${'status' in failure ? ` ${failure.status}` : ''}: ${failure.message}`);
    this.name = 'CentralCallError';
  }
}

export function isCentralCallError(error: unknown): error is CentralCallError {
  return error instanceof CentralCallError;
}

export interface LinkState {
  /** Last time the server answered anything at all (any status). */
  lastContactAtMs: number | null;
  lastError: string | null;
  /** The last call reached the server. */
  online: boolean;
}

export interface CentralClientOptions {
  baseUrl: string;
  credential?: string;
  timeoutMs?: number;
  /** Longer limit for material uploads. */
  uploadTimeoutMs?: number;
  clock?: () => number;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

export class CentralClient {
  readonly baseUrl: string;
  readonly link: LinkState = { lastContactAtMs: null, lastError: null, online: false };
  #credential: string | undefined;
  readonly #timeoutMs: number;
  readonly #uploadTimeoutMs: number;
  readonly #clock: () => number;
  readonly #fetch: typeof fetch;

  constructor(options: CentralClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#credential = options.credential;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#uploadTimeoutMs = options.uploadTimeoutMs ?? 60_000;
    this.#clock = options.clock ?? Date.now;
    this.#fetch = options.fetch ?? fetch;
  }

  setCredential(credential: string): void {
    this.#credential = credential;
  }

  async #call(
    method: string,
    path: string,
    init: { json?: unknown; binary?: Uint8Array; query?: Query; timeoutMs?: number } = {},
  ): Promise<{ status: number; body: unknown; text: string }> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(init.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#credential) headers.authorization = `Bearer ${this.#credential}`;
    let body: string | Uint8Array | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.binary) {
      headers['content-type'] = 'application/octet-stream';
      body = init.binary;
    }
    let response: Response;
    let text: string;
    // Not AbortSignal.timeout(): its timer outlives the call, and a closed kiosk must leave none behind.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      init.timeoutMs ?? this.#timeoutMs,
    );
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        // Node's fetch takes a Uint8Array body; the DOM typings (benches, e2e) spell it BodyInit.
        body: body as RequestInit['body'],
        signal: abort.signal,
      });
      text = method === 'HEAD' ? '' : await response.text();
    } catch (error) {
      const message = (error as Error).cause
        ? `${(error as Error).message}: ${String((error as Error).cause)}`
        : (error as Error).message;
      return this.#fail({ kind: 'network', message: message.slice(0, 300) });
    } finally {
      clearTimeout(timer);
    }
    this.link.lastContactAtMs = this.#clock();
    this.link.online = true;
    let parsed: unknown;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (response.status >= 500)
          return this.#fail({ kind: 'server', status: response.status, message: 'non-JSON error body' });
        return this.#fail({ kind: 'invalid_response', status: response.status, message: 'body is not JSON' });
      }
    }
    if (response.status >= 500 || response.status === 429) {
      return this.#fail({
        kind: 'server',
        status: response.status,
        message: errorMessage(parsed) ?? response.statusText,
      });
    }
    if (response.status >= 400 && method !== 'HEAD') {
      const error = errorBodySchema.safeParse(parsed);
      if (!error.success)
        return this.#fail({
          kind: 'invalid_response',
          status: response.status,
          message: 'error body breaks the contract',
        });
      return this.#fail(clientFailure(response.status, error.data));
    }
    return { status: response.status, body: parsed, text };
  }

  #fail(failure: CentralFailure): never {
    if (failure.kind === 'network') this.link.online = false;
    this.link.lastError = `${failure.kind}${'status' in failure ? ` ${failure.status}` : ''}: ${failure.message}`;
    throw new CentralCallError(failure);
  }

  #expect<S extends z.ZodType>(schema: S, result: { status: number; body: unknown }): z.infer<S> {
    const parsed = schema.safeParse(result.body);
    if (parsed.success) {
      this.link.lastError = null;
      return parsed.data;
    }
    const issue = parsed.error.issues[0];
    return this.#fail({
      kind: 'invalid_response',
      status: result.status,
      message:
        `response breaks the contract at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`.slice(
          0,
          300,
        ),
    });
  }

  async #get<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.infer<S>> {
    return this.#expect(schema, await this.#call('GET', path, query ? { query } : {}));
  }

  async #post<S extends z.ZodType>(path: string, json: unknown, schema: S): Promise<z.infer<S>> {
    return this.#expect(schema, await this.#call('POST', path, { json }));
  }

  // ------------------------------------------------------------ enrolment, pulls

  async enrol(enrolmentCode: string, kioskName: string, appVersion: string): Promise<EnrolmentResponse> {
    const response = await this.#post(
      '/v1/enrolments',
      { enrolmentCode, kioskName, appVersion },
      enrolmentResponseSchema,
    );
    this.#credential = response.credential;
    return response;
  }

  catalogueDelta(cursor: string | undefined, limit?: number): Promise<CatalogueDeltaResponse> {
    return this.#get('/v1/catalogue', catalogueDeltaResponseSchema, { cursor, limit });
  }

  storeDelta(cursor: string | undefined, limit?: number): Promise<StoreDeltaResponse> {
    return this.#get('/v1/store', storeDeltaResponseSchema, { cursor, limit });
  }

  async storeRecord(keyedHash: string): Promise<StoreRecord | null> {
    try {
      return await this.#get(`/v1/store/${keyedHash}`, storeRecordSchema);
    } catch (error) {
      if (
        error instanceof CentralCallError &&
        error.failure.kind === 'client' &&
        error.failure.status === 404
      )
        return null;
      throw error;
    }
  }

  appointmentDelta(cursor: string | undefined, limit?: number): Promise<AppointmentDeltaResponse> {
    return this.#get('/v1/appointments', appointmentDeltaResponseSchema, { cursor, limit });
  }

  purgeOrders(cursor: string | undefined, limit?: number): Promise<PurgeOrderDeltaResponse> {
    return this.#get('/v1/purge-orders', purgeOrderDeltaResponseSchema, { cursor, limit });
  }

  queueState(): Promise<QueueState> {
    return this.#get('/v1/queue-state', queueStateSchema);
  }

  caseProgress(caseNumber: string): Promise<CaseProgress> {
    return this.#get(`/v1/cases/${encodeURIComponent(caseNumber)}`, caseProgressSchema);
  }

  heartbeat(heartbeat: HeartbeatRequest): Promise<HeartbeatResponse> {
    return this.#post('/v1/heartbeats', heartbeat, heartbeatResponseSchema);
  }

  leaseTicketBlock(request: TicketBlockRequest): Promise<TicketBlock> {
    return this.#post('/v1/ticket-blocks', request, ticketBlockSchema);
  }

  // ------------------------------------------------------------ materials

  async hasMaterial(sha256: string): Promise<boolean> {
    const result = await this.#call('HEAD', `/v1/materials/${sha256}`);
    if (result.status === 200) return true;
    if (result.status === 404) return false;
    if (result.status >= 400 && result.status < 500) {
      return this.#fail({
        kind: 'client',
        status: result.status,
        code: 'unauthorized',
        message: 'HEAD refused',
      });
    }
    return this.#fail({ kind: 'invalid_response', status: result.status, message: 'unexpected HEAD status' });
  }

  async materialPresence(sha256s: readonly string[]): Promise<Set<string>> {
    const response = await this.#post('/v1/materials/presence', { sha256s }, materialPresenceResponseSchema);
    const asked = new Set(sha256s);
    // Only digests we asked about count: a hostile answer cannot make us skip others.
    return new Set(response.present.filter((sha) => asked.has(sha)));
  }

  async putMaterial(sha256: string, bytes: Uint8Array): Promise<MaterialPutResponse> {
    const result = await this.#call('PUT', `/v1/materials/${sha256}`, {
      binary: bytes,
      timeoutMs: this.#uploadTimeoutMs,
    });
    const response = this.#expect(materialPutResponseSchema, result);
    if (response.sha256 !== sha256)
      return this.#fail({ kind: 'invalid_response', status: result.status, message: 'digest echo differs' });
    return response;
  }

  async putMaterialBatch(frames: readonly MaterialFrame[]): Promise<MaterialBatchResponse> {
    const result = await this.#call('POST', '/v1/materials/batch', {
      binary: encodeMaterialFrames(frames),
      timeoutMs: this.#uploadTimeoutMs,
    });
    const response = this.#expect(materialBatchResponseSchema, result);
    const sent = new Set(frames.map((f) => f.sha256));
    const answered = [...response.stored, ...response.alreadyPresent];
    if (answered.length !== sent.size || answered.some((sha) => !sent.has(sha))) {
      return this.#fail({
        kind: 'invalid_response',
        status: result.status,
        message: 'batch answer does not match what was sent',
      });
    }
    return response;
  }

  // ------------------------------------------------------------ deliveries

  async deliverBatch(
    items: readonly { kind: DeliveryKind; idempotencyKey: string; kioskSeq: number; payload: unknown }[],
  ): Promise<DeliveryBatchResponse> {
    const result = await this.#call('POST', '/v1/deliveries/batch', { json: { items } });
    const response = this.#expect(deliveryBatchResponseSchema, result);
    if (
      response.results.length !== items.length ||
      response.results.some((r, i) => r.idempotencyKey !== items[i]!.idempotencyKey)
    ) {
      return this.#fail({
        kind: 'invalid_response',
        status: result.status,
        message: 'batch results do not match the items',
      });
    }
    return response;
  }
}

function errorMessage(body: unknown): string | null {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.message : null;
}

function clientFailure(status: number, body: ErrorBody): CentralFailure {
  return {
    kind: 'client',
    status,
    code: body.error.code,
    message: body.error.message,
    ...(body.error.missing ? { missing: body.error.missing } : {}),
  };
}
