/**
 * The kiosk's HTTP client for the central API: global fetch (undici) with a timeout per call, a bearer
 * credential, and every response checked against its zod schema before anything trusts it.
 */

import { z } from 'zod';
import type {
  AppointmentDeltaResponse,
  CaseProgress,
  CatalogueDeltaResponse,
  DeliveryBatchResponse,
  DeliveryKind,
  EnrolmentResponse,
  HeartbeatRequest,
  HeartbeatResponse,
  MaterialBatchResponse,
  MaterialPutResponse,
  PurgeOrderDeltaResponse,
  QueueState,
  StoreDeltaResponse,
  StoreRecord,
  TicketBlock,
  TicketBlockRequest,
} from '../protocol/central-api';
import {
  apiRevisionHeader,
  centralApiRevision,
  minimumApiRevisionHeader,
  minimumCentralApiRevision,
  sha256HexSchema,
} from '../protocol/central-common';
import type { HelpRequest, IdentityQrResponse } from '../protocol/central-identity';
import { encodeMaterialFrames, type MaterialFrame } from '../protocol/central-material-frames';
import {
  type CentralOperationId,
  centralRoutes,
  isBinaryBody,
  type RouteBody,
  type RouteParams,
  type RouteQueryInput,
  type RouteResponseBody,
  type RouteStatus,
  type RouteSuccessStatus,
} from '../protocol/central-operations';
import { tolerant } from '../protocol/tolerant-schema';
import { type KioskIdentity, newKioskIdentity } from './kiosk-identity';

/** Why a call failed, in the terms the sync service acts on. */
export type CentralFailure =
  /** No answer: refused, reset, timed out, body cut short. Retry with backoff. */
  | { kind: 'network'; message: string }
  /** 5xx (and 429): the server's trouble. Retry with backoff. */
  | { kind: 'server'; status: number; message: string }
  /** 4xx with the server's reason: retrying the same request gives the same answer. */
  | { kind: 'client'; status: number; code: string; message: string; missing?: string[] }
  /** An answer that breaks the contract: never trusted; retried a bounded number of times. */
  | { kind: 'invalid_response'; status: number; message: string }
  /**
   * The two sides' API revisions do not fit (426 from a central that no longer serves this kiosk, or a
   * central older than this kiosk's minimum): nothing is sent or trusted until one side is updated;
   * the items wait, they are not parked.
   */
  | { kind: 'incompatible'; status: number; message: string };

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
  /** This kiosk's API revision and the oldest central it works with (tests simulate others). */
  apiRevision?: { own: number; minimumCentral: number };
}

export class CentralClient {
  readonly baseUrl: string;
  readonly link: LinkState = { lastContactAtMs: null, lastError: null, online: false };
  #credential: string | undefined;
  readonly #timeoutMs: number;
  readonly #uploadTimeoutMs: number;
  readonly #clock: () => number;
  readonly #fetch: typeof fetch;
  readonly #revision: { own: number; minimumCentral: number };

  constructor(options: CentralClientOptions) {
    this.#revision = options.apiRevision ?? {
      own: centralApiRevision,
      minimumCentral: minimumCentralApiRevision,
    };
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

  /**
   * One operation of the route table: its method and path (parameters filled in), its query and body,
   * and an answer that is either a status the table names for it or a CentralCallError.
   */
  async #call<K extends CentralOperationId>(
    operationId: K,
    input: CallInput<K>,
    timeoutMs = this.#timeoutMs,
  ): Promise<{ status: RouteStatus<K>; body: unknown; text: string }> {
    const operation = centralRoutes[operationId];
    const params = (input as { params?: Record<string, string> }).params ?? {};
    const path = operation.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ''),
    );
    const url = new URL(this.baseUrl + path);
    const query = (input as { query?: Record<string, string | number | undefined> }).query ?? {};
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const method = operation.method.toUpperCase();
    const headers: Record<string, string> = {
      accept: 'application/json',
      [apiRevisionHeader]: String(this.#revision.own),
    };
    if (this.#credential) headers.authorization = `Bearer ${this.#credential}`;
    const payload = (input as { body?: unknown }).body;
    let body: string | Uint8Array | undefined;
    if (payload !== undefined && 'body' in operation && isBinaryBody(operation.body)) {
      headers['content-type'] = operation.body.binary;
      body = payload as Uint8Array;
    } else if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(payload);
    }
    let response: Response;
    let text: string;
    // Not AbortSignal.timeout(): its timer outlives the call, and a closed kiosk must leave none behind.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      timeoutMs,
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
    this.#checkCentralRevision(response);
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
    if (response.status === 426) {
      return this.#fail({
        kind: 'incompatible',
        status: 426,
        message: `the central no longer serves this kiosk (API revision ${this.#revision.own}, central minimum ${response.headers.get(minimumApiRevisionHeader) ?? '?'}): update the kiosk${errorMessage(parsed) ? ` (${errorMessage(parsed)})` : ''}`,
      });
    }
    const responses = operation.responses as Record<number, unknown>;
    if (response.status >= 400 && !(method === 'HEAD' && response.status in responses)) {
      if (method === 'HEAD')
        return this.#fail({
          kind: 'client',
          status: response.status,
          code: 'unauthorized',
          message: 'HEAD refused',
        });
      const error = receivedErrorSchema.safeParse(parsed);
      if (!error.success)
        return this.#fail({
          kind: 'invalid_response',
          status: response.status,
          message: 'error body breaks the contract',
        });
      return this.#fail(clientFailure(response.status, error.data));
    }
    if (!(response.status in responses)) {
      return this.#fail({
        kind: 'invalid_response',
        status: response.status,
        message: `status ${response.status} is not an answer of ${operationId}`,
      });
    }
    return { status: response.status as RouteStatus<K>, body: parsed, text };
  }

  /** The call's answer checked against the table's schema for the status it came with. */
  async #request<K extends CentralOperationId>(
    operationId: K,
    input: CallInput<K>,
    timeoutMs?: number,
  ): Promise<{ status: RouteSuccessStatus<K>; body: RouteResponseBody<K, RouteSuccessStatus<K>> }> {
    const result = await this.#call(operationId, input, timeoutMs);
    const schema = (centralRoutes[operationId].responses as Record<number, z.ZodType | object | null>)[
      result.status
    ];
    // #call answers only a success here (an error status is thrown), HEAD's 404 aside.
    const status = result.status as RouteSuccessStatus<K>;
    if (schema === null || schema === undefined || isBinaryBody(schema)) {
      return { status, body: undefined as RouteResponseBody<K, RouteSuccessStatus<K>> };
    }
    return {
      status,
      body: this.#expect(schema as z.ZodType, result) as RouteResponseBody<K, RouteSuccessStatus<K>>,
    };
  }

  /** A central below this kiosk's minimum is not trusted with anything (no header: revision 1). */
  #checkCentralRevision(response: Response): void {
    const header = response.headers.get(apiRevisionHeader);
    const revision = header === null ? 1 : Number(header);
    if (Number.isSafeInteger(revision) && revision >= this.#revision.minimumCentral) return;
    this.#fail({
      kind: 'incompatible',
      status: response.status,
      message: `the central's API revision ${header ?? '1 (none sent)'} is below this kiosk's minimum ${this.#revision.minimumCentral}: update the central`,
    });
  }

  #fail(failure: CentralFailure): never {
    if (failure.kind === 'network') this.link.online = false;
    this.link.lastError = `${failure.kind}${'status' in failure ? ` ${failure.status}` : ''}: ${failure.message}`;
    throw new CentralCallError(failure);
  }

  #expect<S extends z.ZodType>(schema: S, result: { status: number; body: unknown }): z.infer<S> {
    // Tolerant: fields a newer central added are dropped, the ones this kiosk knows are checked.
    const parsed = tolerant(schema).safeParse(result.body);
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

  // ------------------------------------------------------------ enrolment, pulls

  /**
   * Enrolment is idempotent by the identity's request id and key, so a lost answer is simply asked
   * for again (a few times) and the code is not burnt.
   */
  async enrol(
    enrolmentCode: string,
    kioskName: string,
    appVersion: string,
    identity: Pick<KioskIdentity, 'requestId' | 'publicKey'> = newKioskIdentity(),
  ): Promise<EnrolmentResponse> {
    const request = {
      enrolmentCode,
      kioskName,
      appVersion,
      requestId: identity.requestId,
      publicKey: identity.publicKey,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        const { body } = await this.#request('enrolKiosk', { body: request });
        this.#credential = body.credential;
        return body;
      } catch (error) {
        if (attempt >= 3 || !isCentralCallError(error) || error.failure.kind !== 'network') throw error;
      }
    }
  }

  async catalogueDelta(cursor: string | undefined, limit?: number): Promise<CatalogueDeltaResponse> {
    return (await this.#request('getCatalogueDelta', { query: { cursor, limit } })).body;
  }

  async storeDelta(cursor: string | undefined, limit?: number): Promise<StoreDeltaResponse> {
    return (await this.#request('getStoreDelta', { query: { cursor, limit } })).body;
  }

  async storeRecord(keyedHash: string): Promise<StoreRecord | null> {
    try {
      return (await this.#request('getStoreRecord', { params: { keyedHash } })).body;
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

  async appointmentDelta(cursor: string | undefined, limit?: number): Promise<AppointmentDeltaResponse> {
    return (await this.#request('getAppointmentDelta', { query: { cursor, limit } })).body;
  }

  async purgeOrders(cursor: string | undefined, limit?: number): Promise<PurgeOrderDeltaResponse> {
    return (await this.#request('getPurgeOrders', { query: { cursor, limit } })).body;
  }

  async queueState(): Promise<QueueState> {
    return (await this.#request('getQueueState', {})).body;
  }

  async caseProgress(caseNumber: string): Promise<CaseProgress> {
    return (await this.#request('getCaseProgress', { params: { caseNumber } })).body;
  }

  async verifyIdentityQr(payload: string): Promise<IdentityQrResponse> {
    return (await this.#request('verifyIdentityQr', { body: { payload } })).body;
  }

  async postHelpRequest(request: HelpRequest): Promise<void> {
    await this.#request('postHelpRequest', { body: request });
  }

  async heartbeat(heartbeat: HeartbeatRequest): Promise<HeartbeatResponse> {
    return (await this.#request('postHeartbeat', { body: heartbeat })).body;
  }

  async leaseTicketBlock(request: TicketBlockRequest): Promise<TicketBlock> {
    return (await this.#request('leaseTicketBlock', { body: request })).body;
  }

  // ------------------------------------------------------------ materials

  async hasMaterial(sha256: string): Promise<boolean> {
    const { status } = await this.#call('headMaterial', { params: { sha256 } });
    return status === 200;
  }

  /**
   * Download an archived material (form-free store reuse) so the applicant can see it before agreeing
   * to re-use it. null when the server does not hold it; the bytes must hash to the name asked for.
   */
  async getMaterial(sha256: string): Promise<Uint8Array | null> {
    const url = new URL(`${this.baseUrl}${centralRoutes.getMaterial.path.replace(':sha256', sha256)}`);
    const headers: Record<string, string> = {
      accept: 'application/octet-stream',
      [apiRevisionHeader]: String(this.#revision.own),
    };
    if (this.#credential) headers.authorization = `Bearer ${this.#credential}`;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('timeout', 'TimeoutError')), this.#timeoutMs);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      const response = await this.#fetch(url, { method: 'GET', headers, signal: abort.signal });
      if (response.status === 404) return null;
      if (response.status !== 200)
        return this.#fail({ kind: 'server', status: response.status, message: 'material download refused' });
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (isCentralCallError(error)) throw error;
      return this.#fail({ kind: 'network', message: (error as Error).message.slice(0, 300) });
    } finally {
      clearTimeout(timer);
    }
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    if (digest !== sha256)
      return this.#fail({ kind: 'invalid_response', status: 200, message: 'material digest differs' });
    return bytes;
  }

  async materialPresence(sha256s: readonly string[]): Promise<Set<string>> {
    const { body } = await this.#request('queryMaterialPresence', { body: { sha256s: [...sha256s] } });
    const asked = new Set(sha256s);
    // Only digests we asked about count: a hostile answer cannot make us skip others.
    return new Set(body.present.filter((sha) => asked.has(sha)));
  }

  async putMaterial(sha256: string, bytes: Uint8Array): Promise<MaterialPutResponse> {
    const { status, body } = await this.#request(
      'putMaterial',
      { params: { sha256 }, body: bytes },
      this.#uploadTimeoutMs,
    );
    if (body.sha256 !== sha256)
      return this.#fail({ kind: 'invalid_response', status, message: 'digest echo differs' });
    return body;
  }

  async putMaterialBatch(frames: readonly MaterialFrame[]): Promise<MaterialBatchResponse> {
    const { status, body } = await this.#request(
      'putMaterialBatch',
      { body: encodeMaterialFrames(frames) },
      this.#uploadTimeoutMs,
    );
    const sent = new Set(frames.map((f) => f.sha256));
    const answered = [...body.stored, ...body.alreadyPresent];
    if (answered.length !== sent.size || answered.some((sha) => !sent.has(sha))) {
      return this.#fail({
        kind: 'invalid_response',
        status,
        message: 'batch answer does not match what was sent',
      });
    }
    return body;
  }

  // ------------------------------------------------------------ deliveries

  async deliverBatch(
    items: readonly { kind: DeliveryKind; idempotencyKey: string; kioskSeq: number; payload: unknown }[],
  ): Promise<DeliveryBatchResponse> {
    // The payloads come from the outbox as stored; the server checks each against its kind's schema.
    const body = { items: [...items] } as RouteBody<'postDeliveryBatch'>;
    const { status, body: response } = await this.#request('postDeliveryBatch', { body });
    if (
      response.results.length !== items.length ||
      response.results.some((r, i) => r.idempotencyKey !== items[i]!.idempotencyKey)
    ) {
      return this.#fail({
        kind: 'invalid_response',
        status,
        message: 'batch results do not match the items',
      });
    }
    return response;
  }
}

/** What a call sends: path parameters, query and body, each only when the operation has one. */
type CallInput<K extends CentralOperationId> = (keyof RouteParams<K> extends never
  ? { params?: undefined }
  : { params: RouteParams<K> }) &
  (RouteQueryInput<K> extends undefined ? { query?: undefined } : { query: RouteQueryInput<K> }) &
  (RouteBody<K> extends undefined ? { body?: undefined } : { body: RouteBody<K> });

/**
 * An error answer as the kiosk reads it: a code it may not know yet (a newer central's) is kept as
 * text, not taken for a broken answer; unknown fields are dropped.
 */
const receivedErrorSchema = z.object({
  error: z.object({
    code: z.string().min(1).max(100),
    message: z.string().max(2000),
    missing: z.array(sha256HexSchema).optional(),
  }),
});
type ReceivedError = z.infer<typeof receivedErrorSchema>;

function errorMessage(body: unknown): string | null {
  const parsed = receivedErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.error.message : null;
}

function clientFailure(status: number, body: ReceivedError): CentralFailure {
  return {
    kind: 'client',
    status,
    code: body.error.code,
    message: body.error.message,
    ...(body.error.missing ? { missing: body.error.missing } : {}),
  };
}
