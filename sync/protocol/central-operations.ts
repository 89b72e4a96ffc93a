/**
 * The route table of the central API: one entry per operation (method, path, auth, schemas of its
 * request and of each answer). The reference server registers its routes from it (a handler missing
 * for an operation is a type error), the kiosk's CentralClient builds each call from it, and
 * scripts/openapi.ts renders it to docs/central-api.yaml.
 */
import { z } from 'zod';
import { caseFileResponseSchema, caseStepRequestSchema, supplementResponseSchema } from './case-workflow';
import {
  auditPageQuerySchema,
  auditPageSchema,
  payoutReviewDecisionSchema,
  payoutReviewListSchema,
  payoutReviewSchema,
  publicProgressSchema,
  type StaffPermission,
  staffAccountCreateRequestSchema,
  staffAccountSchema,
  staffLoginRequestSchema,
  staffLogoutResponseSchema,
  staffSessionSchema,
} from './central-admin';
import {
  appointmentBookingRequestSchema,
  appointmentDeltaResponseSchema,
  appointmentSchema,
  appointmentSlotsQuerySchema,
  appointmentSlotsResponseSchema,
  caseNumberSchema,
  caseProgressSchema,
  catalogueDeltaResponseSchema,
  checkinRequestSchema,
  checkinResponseSchema,
  deliveryBatchEnvelopeSchema,
  deliveryBatchRequestSchema,
  deliveryBatchResponseSchema,
  deliveryEnvelopeSchema,
  deltaPageQuerySchema,
  enrolmentCodeResponseSchema,
  enrolmentRequestSchema,
  enrolmentResponseSchema,
  entityIdSchema,
  errorBodySchema,
  heartbeatRequestSchema,
  heartbeatResponseSchema,
  keyedHashSchema,
  materialBatchResponseSchema,
  materialPresenceRequestSchema,
  materialPresenceResponseSchema,
  materialPutResponseSchema,
  purgeAckRequestSchema,
  purgeAckResponseSchema,
  purgeOrderAcksResponseSchema,
  purgeOrderCreateRequestSchema,
  purgeOrderDeltaResponseSchema,
  purgeOrderSchema,
  queueStateSchema,
  ratingRequestSchema,
  ratingResponseSchema,
  sha256HexSchema,
  storeDeltaResponseSchema,
  storeRecordSchema,
  submissionRequestSchema,
  submissionResponseSchema,
  supplementRequestSchema,
  ticketBlockRequestSchema,
  ticketBlockSchema,
  ticketReportRequestSchema,
  ticketReportResponseSchema,
} from './central-api';
import {
  helpRequestAnsweredSchema,
  helpRequestResponseSchema,
  helpRequestSchema,
  identityQrRequestSchema,
  identityQrResponseSchema,
  openHelpRequestsSchema,
} from './central-identity';
import {
  callNextResponseSchema,
  displayCallsSchema,
  staffOverviewSchema,
  ticketActionResponseSchema,
  transferRequestSchema,
  windowOpenRequestSchema,
} from './central-staff';
import {
  ratingFollowUpRequestSchema,
  ratingFollowUpResponseSchema,
  supervisionBoardSchema,
} from './supervision';

export type CentralAuth = 'kiosk' | 'staff' | 'none';
export type HttpMethod = 'get' | 'put' | 'post' | 'head';
/** A binary body or response instead of JSON (`otherTypes`: further media types it may come as). */
export type BinaryBody = { readonly binary: string; readonly otherTypes?: readonly string[] };

export interface CentralOperation {
  readonly method: HttpMethod;
  /** Fastify-style path (":param"). */
  readonly path: string;
  readonly summary: string;
  readonly auth: CentralAuth;
  /** On staff routes: what the signed-in account's role must allow ('any': every signed-in account). */
  readonly permission?: StaffPermission | 'any';
  readonly tag:
    | 'enrolment'
    | 'catalogue'
    | 'store'
    | 'materials'
    | 'deliveries'
    | 'tickets'
    | 'queues'
    | 'appointments'
    | 'cases'
    | 'kiosks'
    | 'updates'
    | 'staff'
    | 'admin'
    | 'public';
  /** Checks of path parameters beyond "a string" (each parameter named in the path). */
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType | BinaryBody;
  /**
   * What the server checks before the handler when it is not `body` (deliveries: the envelope; the
   * handler checks each payload, so a bad payload is 422 `invalid_payload` alone and in a batch alike).
   */
  readonly bodyEnvelope?: z.ZodType;
  /** Every status the operation answers, with its body: a schema, a binary type, or none (null). */
  readonly responses: Readonly<Record<number, z.ZodType | BinaryBody | null>>;
}

/** 429: the rate limit of the route (per credential, or per address before one is known). */
const errors = { 400: errorBodySchema, 401: errorBodySchema, 429: errorBodySchema } as const;
/** Staff routes also answer 403 when the account's role does not allow the action. */
const staffErrors = { ...errors, 403: errorBodySchema } as const;
const singleDeliveryEnvelope = deliveryEnvelopeSchema.omit({ kind: true });

export const centralRoutes = {
  enrolKiosk: {
    method: 'post',
    path: '/v1/enrolments',
    summary:
      'Exchange a one-time enrolment code for a kiosk id, a bearer credential and the hall settings. Idempotent by request id and public key: a retry gets the same answer.',
    auth: 'none',
    tag: 'enrolment',
    body: enrolmentRequestSchema,
    responses: {
      201: enrolmentResponseSchema,
      400: errorBodySchema,
      403: errorBodySchema,
      409: errorBodySchema,
      429: errorBodySchema,
    },
  },
  createEnrolmentCode: {
    method: 'post',
    path: '/v1/admin/enrolment-codes',
    summary: 'Issue a one-time enrolment code (valid 24 h).',
    auth: 'staff',
    permission: 'enrolment',
    tag: 'admin',
    responses: { 201: enrolmentCodeResponseSchema, ...staffErrors },
  },
  getCatalogueDelta: {
    method: 'get',
    path: '/v1/catalogue',
    summary:
      'Catalogue records changed after the cursor (departments, windows, queues, items, forms, materials).',
    auth: 'kiosk',
    tag: 'catalogue',
    query: deltaPageQuerySchema,
    responses: { 200: catalogueDeltaResponseSchema, ...errors },
  },
  getStoreRecord: {
    method: 'get',
    path: '/v1/store/:keyedHash',
    summary: 'Form-free store look-up of one person by keyed hash.',
    auth: 'kiosk',
    tag: 'store',
    params: z.strictObject({ keyedHash: keyedHashSchema }),
    responses: { 200: storeRecordSchema, 404: errorBodySchema, ...errors },
  },
  getStoreDelta: {
    method: 'get',
    path: '/v1/store',
    summary: 'Form-free store records changed after the cursor (null record: deleted).',
    auth: 'kiosk',
    tag: 'store',
    query: deltaPageQuerySchema,
    responses: { 200: storeDeltaResponseSchema, ...errors },
  },
  headMaterial: {
    method: 'head',
    path: '/v1/materials/:sha256',
    summary: 'Ask whether the server holds a material (200) or not (404).',
    auth: 'kiosk',
    tag: 'materials',
    responses: { 200: null, 404: null },
  },
  getMaterial: {
    method: 'get',
    path: '/v1/materials/:sha256',
    summary: 'Download a material (form-free store reuse).',
    auth: 'kiosk',
    tag: 'materials',
    responses: { 200: { binary: 'application/octet-stream' }, 404: errorBodySchema },
  },
  putMaterial: {
    method: 'put',
    path: '/v1/materials/:sha256',
    summary: 'Upload a material by its SHA-256; the digest is verified on arrival (422 on mismatch).',
    auth: 'kiosk',
    tag: 'materials',
    params: z.strictObject({ sha256: sha256HexSchema }),
    body: { binary: 'application/octet-stream' },
    responses: {
      200: materialPutResponseSchema,
      201: materialPutResponseSchema,
      422: errorBodySchema,
      ...errors,
    },
  },
  queryMaterialPresence: {
    method: 'post',
    path: '/v1/materials/presence',
    summary: 'Which of these digests the server already holds (a batched HEAD).',
    auth: 'kiosk',
    tag: 'materials',
    body: materialPresenceRequestSchema,
    responses: { 200: materialPresenceResponseSchema, ...errors },
  },
  putMaterialBatch: {
    method: 'post',
    path: '/v1/materials/batch',
    summary: 'Upload several materials in one body: frames of 32 digest bytes, 4-byte BE length, bytes.',
    auth: 'kiosk',
    tag: 'materials',
    body: { binary: 'application/octet-stream' },
    responses: { 200: materialBatchResponseSchema, 413: errorBodySchema, 422: errorBodySchema, ...errors },
  },
  postSubmission: {
    method: 'post',
    path: '/v1/submissions',
    summary:
      'Idempotent submission intake: the key is the primary key; a repeat returns the first answer byte for byte; the key with another body is 409; named materials not held: 412.',
    auth: 'kiosk',
    tag: 'deliveries',
    body: submissionRequestSchema,
    bodyEnvelope: singleDeliveryEnvelope,
    responses: {
      200: submissionResponseSchema,
      403: errorBodySchema,
      409: errorBodySchema,
      412: errorBodySchema,
      422: errorBodySchema,
      ...errors,
    },
  },
  postCheckin: {
    method: 'post',
    path: '/v1/checkins',
    summary: 'Idempotent appointment check-in.',
    auth: 'kiosk',
    tag: 'deliveries',
    body: checkinRequestSchema,
    bodyEnvelope: singleDeliveryEnvelope,
    responses: {
      200: checkinResponseSchema,
      404: errorBodySchema,
      403: errorBodySchema,
      409: errorBodySchema,
      422: errorBodySchema,
      ...errors,
    },
  },
  postRating: {
    method: 'post',
    path: '/v1/ratings',
    summary: 'Idempotent satisfaction rating (好差评) of a case.',
    auth: 'kiosk',
    tag: 'deliveries',
    body: ratingRequestSchema,
    bodyEnvelope: singleDeliveryEnvelope,
    responses: {
      200: ratingResponseSchema,
      404: errorBodySchema,
      403: errorBodySchema,
      409: errorBodySchema,
      422: errorBodySchema,
      ...errors,
    },
  },
  postTicketReport: {
    method: 'post',
    path: '/v1/ticket-reports',
    summary: 'Tickets the kiosk issued from its blocks (offline or not); idempotent.',
    auth: 'kiosk',
    tag: 'tickets',
    body: ticketReportRequestSchema,
    bodyEnvelope: singleDeliveryEnvelope,
    responses: { 200: ticketReportResponseSchema, 409: errorBodySchema, 422: errorBodySchema, ...errors },
  },
  postPurgeAck: {
    method: 'post',
    path: '/v1/purge-acks',
    summary: 'The kiosk confirms it carried out a purge order; idempotent.',
    auth: 'kiosk',
    tag: 'deliveries',
    body: purgeAckRequestSchema,
    bodyEnvelope: singleDeliveryEnvelope,
    responses: { 200: purgeAckResponseSchema, 409: errorBodySchema, 422: errorBodySchema, ...errors },
  },
  postSupplement: {
    method: 'post',
    path: '/v1/supplements',
    summary:
      'Idempotent 补正 intake from any kiosk: the pages named by the window, for the case whose applicant presented their card there (403 another person, 409 the case is not at 补正, 412 materials not held, 422 pages not asked for).',
    auth: 'kiosk',
    tag: 'deliveries',
    body: supplementRequestSchema,
    bodyEnvelope: singleDeliveryEnvelope,
    responses: {
      200: supplementResponseSchema,
      403: errorBodySchema,
      404: errorBodySchema,
      409: errorBodySchema,
      412: errorBodySchema,
      422: errorBodySchema,
      ...errors,
    },
  },
  postDeliveryBatch: {
    method: 'post',
    path: '/v1/deliveries/batch',
    summary:
      'Several deliveries in kiosk order, in one transaction; each result is what its own endpoint would answer.',
    auth: 'kiosk',
    tag: 'deliveries',
    body: deliveryBatchRequestSchema,
    bodyEnvelope: deliveryBatchEnvelopeSchema,
    responses: { 200: deliveryBatchResponseSchema, ...errors },
  },
  leaseTicketBlock: {
    method: 'post',
    path: '/v1/ticket-blocks',
    summary: 'Lease a block of ticket numbers for one queue and service date; blocks never overlap.',
    auth: 'kiosk',
    tag: 'tickets',
    body: ticketBlockRequestSchema,
    responses: { 200: ticketBlockSchema, 404: errorBodySchema, 409: errorBodySchema, ...errors },
  },
  getQueueState: {
    method: 'get',
    path: '/v1/queue-state',
    summary: 'Open windows, people waiting and average service time per queue, today.',
    auth: 'kiosk',
    tag: 'queues',
    responses: { 200: queueStateSchema, ...errors },
  },
  getAppointmentDelta: {
    method: 'get',
    path: '/v1/appointments',
    summary: 'Appointments changed after the cursor.',
    auth: 'kiosk',
    tag: 'appointments',
    query: deltaPageQuerySchema,
    responses: { 200: appointmentDeltaResponseSchema, ...errors },
  },
  getAppointmentSlots: {
    method: 'get',
    path: '/v1/appointment-slots',
    summary: 'Free appointment slots for an item on a date.',
    auth: 'kiosk',
    tag: 'appointments',
    query: appointmentSlotsQuerySchema,
    responses: { 200: appointmentSlotsResponseSchema, 404: errorBodySchema, ...errors },
  },
  bookAppointment: {
    method: 'post',
    path: '/v1/appointments',
    summary: 'Book an appointment (online only); idempotent.',
    auth: 'kiosk',
    tag: 'appointments',
    body: appointmentBookingRequestSchema,
    responses: { 200: appointmentSchema, 404: errorBodySchema, 409: errorBodySchema, ...errors },
  },
  getCaseProgress: {
    method: 'get',
    path: '/v1/cases/:caseNumber',
    summary: 'Progress query by case number.',
    auth: 'kiosk',
    tag: 'cases',
    responses: { 200: caseProgressSchema, 404: errorBodySchema, ...errors },
  },
  getPurgeOrders: {
    method: 'get',
    path: '/v1/purge-orders',
    summary: 'Purge orders issued after the cursor: every kiosk deletes that person’s data.',
    auth: 'kiosk',
    tag: 'store',
    query: deltaPageQuerySchema,
    responses: { 200: purgeOrderDeltaResponseSchema, ...errors },
  },
  createPurgeOrder: {
    method: 'post',
    path: '/v1/admin/purge-orders',
    summary: 'Delete a person from the central store and order every kiosk to do the same.',
    auth: 'staff',
    permission: 'purge',
    tag: 'admin',
    body: purgeOrderCreateRequestSchema,
    responses: { 201: purgeOrderSchema, ...staffErrors },
  },
  getPurgeOrderAcks: {
    method: 'get',
    path: '/v1/admin/purge-orders/:orderId/acks',
    summary: 'Which kiosks have confirmed carrying out the purge order, and when.',
    auth: 'staff',
    permission: 'purge',
    tag: 'admin',
    params: z.strictObject({ orderId: entityIdSchema }),
    responses: { 200: purgeOrderAcksResponseSchema, 404: errorBodySchema, ...staffErrors },
  },
  postHeartbeat: {
    method: 'post',
    path: '/v1/heartbeats',
    summary: 'Kiosk liveness and sync backlog.',
    auth: 'kiosk',
    tag: 'kiosks',
    body: heartbeatRequestSchema,
    responses: { 200: heartbeatResponseSchema, ...errors },
  },
  getUpdateFile: {
    method: 'get',
    path: '/v1/updates/:file',
    summary: 'electron-updater generic feed: latest.yml and the artefacts it names.',
    auth: 'none',
    tag: 'updates',
    responses: {
      200: { binary: 'application/octet-stream', otherTypes: ['text/yaml; charset=utf-8'] },
      404: errorBodySchema,
    },
  },
  getStaffOverview: {
    method: 'get',
    path: '/v1/staff/overview',
    summary: 'Every window with what it is serving and who waits in its queues.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    responses: { 200: staffOverviewSchema, ...staffErrors },
  },
  setWindowOpen: {
    method: 'post',
    path: '/v1/admin/windows/:windowId/open',
    summary: 'Open or close a window.',
    auth: 'staff',
    permission: 'windows',
    tag: 'admin',
    body: windowOpenRequestSchema,
    responses: { 200: staffOverviewSchema, 404: errorBodySchema, ...staffErrors },
  },
  callNext: {
    method: 'post',
    path: '/v1/staff/windows/:windowId/call-next',
    summary: 'Finish the ticket being served and call the next one (priority queues first).',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    responses: { 200: callNextResponseSchema, 404: errorBodySchema, ...staffErrors },
  },
  transferTicket: {
    method: 'post',
    path: '/v1/staff/tickets/:ticketId/transfer',
    summary: 'Move a ticket to another queue (it keeps its number and waits there).',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    body: transferRequestSchema,
    responses: { 200: ticketActionResponseSchema, 404: errorBodySchema, ...staffErrors },
  },
  markNoShow: {
    method: 'post',
    path: '/v1/staff/tickets/:ticketId/no-show',
    summary: 'The called person did not come.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    responses: { 200: ticketActionResponseSchema, 404: errorBodySchema, ...staffErrors },
  },
  getCaseFile: {
    method: 'get',
    path: '/v1/staff/cases/:caseNumber',
    summary:
      'The case as the window handles it: form, materials, stage, missing items and every audited step.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    params: z.strictObject({ caseNumber: caseNumberSchema }),
    responses: { 200: caseFileResponseSchema, 404: errorBodySchema, ...staffErrors },
  },
  getStaffMaterial: {
    method: 'get',
    path: '/v1/staff/materials/:sha256',
    summary: 'The bytes of a material page, for the window handling the case.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    params: z.strictObject({ sha256: sha256HexSchema }),
    responses: { 200: { binary: 'application/octet-stream' }, 404: errorBodySchema, ...staffErrors },
  },
  takeCaseStep: {
    method: 'post',
    path: '/v1/staff/cases/:caseNumber/steps',
    summary:
      'One step of the window workflow (受理 accept, 补正 request_supplement with the missing items, 办结 finish with a result, 不予受理 reject with a reason), audited with the staff account; 409 illegal_transition when the transition table has no such step.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    params: z.strictObject({ caseNumber: caseNumberSchema }),
    body: caseStepRequestSchema,
    responses: {
      200: caseFileResponseSchema,
      404: errorBodySchema,
      409: errorBodySchema,
      422: errorBodySchema,
      ...staffErrors,
    },
  },
  getDeskBoard: {
    method: 'get',
    path: '/v1/staff/cases',
    summary:
      'Open cases with their deadline (承诺时限 in working days on the hall calendar) and card (yellow near it, red past it), counts per department and window, and the 差评 awaiting follow-up.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    responses: { 200: supervisionBoardSchema, ...staffErrors },
  },
  getSupervisionBoard: {
    method: 'get',
    path: '/v1/supervision/board',
    summary: 'The supervisor’s board (效能监察): the same cards and counts, for the supervision role only.',
    auth: 'staff',
    permission: 'supervision',
    tag: 'staff',
    responses: { 200: supervisionBoardSchema, ...staffErrors },
  },
  followUpRating: {
    method: 'post',
    path: '/v1/staff/ratings/:caseNumber/follow-up',
    summary: 'Mark a 差评 followed up (audited with the staff account); 409 when it was already.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    params: z.strictObject({ caseNumber: caseNumberSchema }),
    body: ratingFollowUpRequestSchema,
    responses: {
      200: ratingFollowUpResponseSchema,
      404: errorBodySchema,
      409: errorBodySchema,
      ...staffErrors,
    },
  },
  getDisplayCalls: {
    method: 'get',
    path: '/v1/display/calls',
    summary: 'The latest calls for the hall calling display.',
    auth: 'none',
    tag: 'staff',
    responses: { 200: displayCallsSchema },
  },

  // ---------------------------------------------------------------- staff sign-in and admin
  staffLogin: {
    method: 'post',
    path: '/v1/staff/session',
    summary:
      'Sign a staff account in (scrypt password; locked for a while after repeated wrong passwords): a session token.',
    auth: 'none',
    tag: 'staff',
    body: staffLoginRequestSchema,
    responses: { 201: staffSessionSchema, 400: errorBodySchema, 401: errorBodySchema, 429: errorBodySchema },
  },
  staffLogout: {
    method: 'post',
    path: '/v1/staff/session/end',
    summary: 'End the calling staff session.',
    auth: 'staff',
    permission: 'any',
    tag: 'staff',
    responses: { 200: staffLogoutResponseSchema, ...staffErrors },
  },
  createStaffAccount: {
    method: 'post',
    path: '/v1/admin/staff-accounts',
    summary: 'Create a staff account with a role (window_staff, hall_admin, supervisor).',
    auth: 'staff',
    permission: 'accounts',
    tag: 'admin',
    body: staffAccountCreateRequestSchema,
    responses: { 201: staffAccountSchema, 409: errorBodySchema, ...staffErrors },
  },
  getAuditLog: {
    method: 'get',
    path: '/v1/admin/audit',
    summary: 'The audit trail: every staff and admin action with the account that took it.',
    auth: 'staff',
    permission: 'audit',
    tag: 'admin',
    query: auditPageQuerySchema,
    responses: { 200: auditPageSchema, ...staffErrors },
  },
  listPayoutReviews: {
    method: 'get',
    path: '/v1/admin/payout-reviews',
    summary: 'Payout fields (bank account, phone) kiosks proposed, held until a supervisor decides.',
    auth: 'staff',
    permission: 'payout_review',
    tag: 'admin',
    responses: { 200: payoutReviewListSchema, ...staffErrors },
  },
  decidePayoutReview: {
    method: 'post',
    path: '/v1/admin/payout-reviews/:reviewId',
    summary: 'Approve (apply as a new profile version) or reject proposed payout fields.',
    auth: 'staff',
    permission: 'payout_review',
    tag: 'admin',
    body: payoutReviewDecisionSchema,
    responses: { 200: payoutReviewSchema, 404: errorBodySchema, 409: errorBodySchema, ...staffErrors },
  },
  getPublicProgress: {
    method: 'get',
    path: '/v1/progress/:caseNumber',
    summary:
      'The public progress of a case (the receipt’s QR code): its status only, nothing about the person.',
    auth: 'none',
    tag: 'public',
    params: z.strictObject({ caseNumber: caseNumberSchema }),
    responses: {
      200: publicProgressSchema,
      400: errorBodySchema,
      404: errorBodySchema,
      429: errorBodySchema,
    },
  },

  // ---------------------------------------------------------------- card-less identity, help (issue 15)
  verifyIdentityQr: {
    method: 'post',
    path: '/v1/identity/qr',
    summary:
      'Verify a provincial app / electronic ID QR code a kiosk read (pluggable verifier: signature, expiry, single use).',
    auth: 'kiosk',
    tag: 'kiosks',
    body: identityQrRequestSchema,
    responses: { 200: identityQrResponseSchema, ...errors },
  },
  postHelpRequest: {
    method: 'post',
    path: '/v1/help-requests',
    summary: 'An applicant pressed 呼叫工作人员: the kiosk, the time and the screen (no personal data).',
    auth: 'kiosk',
    tag: 'kiosks',
    body: helpRequestSchema,
    responses: { 200: helpRequestResponseSchema, ...errors },
  },
  getHelpRequests: {
    method: 'get',
    path: '/v1/staff/help-requests',
    summary: 'Help requests not yet answered, oldest first.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    responses: { 200: openHelpRequestsSchema, ...staffErrors },
  },
  answerHelpRequest: {
    method: 'post',
    path: '/v1/staff/help-requests/:requestId/answer',
    summary: 'Someone is on the way: the request leaves the list.',
    auth: 'staff',
    permission: 'desk',
    tag: 'staff',
    params: z.strictObject({ requestId: z.uuid() }),
    responses: { 200: helpRequestAnsweredSchema, 404: errorBodySchema, ...staffErrors },
  },
} as const satisfies Record<string, CentralOperation>;

export type CentralRoutes = typeof centralRoutes;
export type CentralOperationId = keyof CentralRoutes;

/** The table as a list, each entry with its operationId. */
export const centralOperations: readonly (CentralOperation & { operationId: CentralOperationId })[] =
  Object.entries(centralRoutes).map(([operationId, operation]) => ({
    operationId: operationId as CentralOperationId,
    ...operation,
  }));

/**
 * Answers the server framework gives on any operation beside the handler's own (each with an Error
 * body, none on HEAD): 400 malformed URL or JSON, 401 without a valid credential, 404 a path
 * parameter left empty, 413 a body over the limit, 414 a path parameter over 100 characters, 415 a
 * media type the route does not read, 426 a kiosk below the central's minimum revision, 429 over the
 * rate limit, 431 headers too large, 500 the server's own failure. Documented on every operation; the handlers' answers win.
 */
export function frameworkResponses(operation: CentralOperation): Record<number, z.ZodType | null> {
  const body = operation.method === 'head' ? null : errorBodySchema;
  const answers: Record<number, z.ZodType | null> = {
    400: body,
    404: body,
    414: body,
    426: body,
    429: body,
    431: body,
  };
  if (operation.auth !== 'none') answers[401] = body;
  if (operation.body) {
    answers[413] = body;
    answers[415] = body;
  }
  answers[500] = body;
  return answers;
}

/** Every status an operation may answer: its handler's and the framework's. */
export function documentedResponses(
  operation: CentralOperation,
): Record<number, z.ZodType | BinaryBody | null> {
  return { ...frameworkResponses(operation), ...operation.responses };
}

export function isBinaryBody(value: unknown): value is BinaryBody {
  return typeof value === 'object' && value !== null && 'binary' in value;
}

type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path parameters of an operation, parsed by its params schema when it has one. */
export type RouteParams<K extends CentralOperationId> = CentralRoutes[K] extends { params: z.ZodType }
  ? z.infer<CentralRoutes[K]['params']>
  : { [Name in PathParamNames<CentralRoutes[K]['path']>]: string };

export type RouteQuery<K extends CentralOperationId> = CentralRoutes[K] extends { query: z.ZodType }
  ? z.infer<CentralRoutes[K]['query']>
  : undefined;

/** What the sender builds: the query before coercion. */
export type RouteQueryInput<K extends CentralOperationId> = CentralRoutes[K] extends { query: z.ZodType }
  ? z.input<CentralRoutes[K]['query']>
  : undefined;

export type RouteBody<K extends CentralOperationId> = CentralRoutes[K] extends { body: z.ZodType }
  ? z.infer<CentralRoutes[K]['body']>
  : CentralRoutes[K] extends { body: BinaryBody }
    ? Uint8Array
    : undefined;

/** What the server's handler receives: the envelope it checked when the operation names one. */
export type RouteReadBody<K extends CentralOperationId> = CentralRoutes[K] extends { bodyEnvelope: z.ZodType }
  ? z.infer<CentralRoutes[K]['bodyEnvelope']>
  : RouteBody<K>;

export type RouteStatus<K extends CentralOperationId> = keyof CentralRoutes[K]['responses'] & number;

/** The body answered with `status`: the schema's type, bytes, or nothing. */
export type RouteResponseBody<
  K extends CentralOperationId,
  S extends RouteStatus<K>,
> = CentralRoutes[K]['responses'][S] extends z.ZodType
  ? z.infer<CentralRoutes[K]['responses'][S]>
  : CentralRoutes[K]['responses'][S] extends BinaryBody
    ? Uint8Array
    : undefined;

/** The statuses of an operation's successful answers. */
export type RouteSuccessStatus<K extends CentralOperationId> = Extract<RouteStatus<K>, 200 | 201 | 202 | 204>;
