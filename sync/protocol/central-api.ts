/**
 * The kiosk <-> central contract, version 1: every request and response as a zod schema.
 * The reference server (sync/central) and the kiosk's CentralClient (sync/client) both validate
 * against these; scripts/openapi.ts turns centralOperations into docs/central-api.yaml.
 */
import { z } from 'zod';
import { sealedEnvelopeAlgorithm } from '../../kernel/sealed-envelope';
import {
  caseStageSchema,
  missingItemSchema,
  supplementPayloadSchema,
  supplementResponseSchema,
} from './case-workflow';
import {
  caseNumberSchema,
  cursorSchema,
  entityIdSchema,
  epochMsSchema,
  idempotencyKeySchema,
  keyedHashSchema,
  localizedLabelSchema,
  serviceDateSchema,
  sha256HexSchema,
  ticketDisplaySchema,
} from './central-common';
import { profileSchema } from './profile';

export * from './central-common';

// ---------------------------------------------------------------- enrolment

export const enrolmentRequestSchema = z
  .strictObject({
    enrolmentCode: z.string().min(6).max(64),
    kioskName: z.string().min(1).max(100),
    appVersion: z.string().min(1).max(40),
    /** Chosen by the kiosk once per enrolment: a retry with the same id and key gets the same answer. */
    requestId: z.uuid(),
    /** The kiosk's Ed25519 public key (base64 of the SPKI DER); the private half stays in its data. */
    publicKey: z
      .string()
      .min(40)
      .max(120)
      .regex(/^[A-Za-z0-9+/=]+$/),
  })
  .meta({ id: 'EnrolmentRequest' });
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

export const hallSettingsSchema = z
  .strictObject({
    hallId: entityIdSchema,
    hallName: localizedLabelSchema,
    timeZone: z.string().min(1).max(64),
    /** Base64 of the key the kiosk uses to compute keyed hashes of ID numbers. */
    lookupKey: z.string().min(16).max(200),
    ticketBlockSize: z.number().int().min(5).max(1000),
    ticketLowWaterMark: z.number().int().min(1).max(1000),
    heartbeatIntervalSeconds: z.number().int().min(5).max(3600),
    pullIntervalSeconds: z.number().int().min(5).max(3600),
    retentionDays: z.number().int().min(0).max(3650),
    /** Where the public reaches the hall's progress page (`<publicBaseUrl>/v1/progress/<case>`), for receipts. */
    publicBaseUrl: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .optional(),
  })
  .meta({ id: 'HallSettings' });
export type HallSettings = z.infer<typeof hallSettingsSchema>;

export const enrolmentResponseSchema = z
  .strictObject({
    kioskId: entityIdSchema,
    /** Bearer token; shown once, stored only hashed by the server. */
    credential: z.string().min(32).max(200),
    kioskCode: z.string().regex(/^[A-Z0-9]{2,8}$/),
    hall: hallSettingsSchema,
    /**
     * Base64 (SPKI DER) of the hall's Ed25519 order-signing key: the kiosk acts only on orders it signed.
     * Optional so older answers still parse; a kiosk enrolled without it refuses every order.
     */
    orderSigningKey: z.string().min(40).max(200).optional(),
    /**
     * Base64 (SPKI DER) of the central intake's X25519 key: the kiosk seals form values and profiles for
     * it. Optional so older answers still parse; a kiosk enrolled without it sends them in clear over TLS.
     */
    intakeSealingKey: z.string().min(40).max(200).optional(),
  })
  .meta({ id: 'EnrolmentResponse' });
export type EnrolmentResponse = z.infer<typeof enrolmentResponseSchema>;

export const enrolmentCodeResponseSchema = z
  .strictObject({ code: z.string().min(6).max(64), expiresAtMs: epochMsSchema })
  .meta({ id: 'EnrolmentCode' });

// ---------------------------------------------------------------- catalogue deltas

/** One versioned catalogue record; body follows sync/protocol/catalogue.ts for its kind; null when deleted. */
export const catalogueEntrySchema = z
  .strictObject({
    kind: z.string().min(1).max(40),
    id: entityIdSchema,
    version: z.number().int().nonnegative(),
    /** Null when deleted (unknown already admits null; `.nullable()` would be an always-true anyOf). */
    body: z.unknown(),
  })
  .meta({ id: 'CatalogueEntry' });
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const catalogueDeltaResponseSchema = z
  .strictObject({ entries: z.array(catalogueEntrySchema), cursor: cursorSchema, hasMore: z.boolean() })
  .meta({ id: 'CatalogueDelta' });
export type CatalogueDeltaResponse = z.infer<typeof catalogueDeltaResponseSchema>;

// ---------------------------------------------------------------- form-free store

export const storedMaterialRefSchema = z
  .strictObject({
    materialId: entityIdSchema,
    sha256: sha256HexSchema,
    size: z.number().int().nonnegative(),
    mediaType: z.string().min(3).max(100),
    pages: z.number().int().min(1).max(500).optional(),
  })
  .meta({ id: 'StoredMaterialRef' });
export type StoredMaterialRef = z.infer<typeof storedMaterialRefSchema>;

export const storeRecordSchema = z
  .strictObject({
    keyedHash: keyedHashSchema,
    version: z.number().int().nonnegative(),
    profile: profileSchema,
    materials: z.array(storedMaterialRefSchema),
    updatedAtMs: epochMsSchema,
  })
  .meta({ id: 'StoreRecord' });
export type StoreRecord = z.infer<typeof storeRecordSchema>;

export const storeDeltaResponseSchema = z
  .strictObject({
    entries: z.array(
      z.strictObject({
        keyedHash: keyedHashSchema,
        version: z.number().int().nonnegative(),
        record: storeRecordSchema.nullable(),
      }),
    ),
    cursor: cursorSchema,
    hasMore: z.boolean(),
  })
  .meta({ id: 'StoreDelta' });
export type StoreDeltaResponse = z.infer<typeof storeDeltaResponseSchema>;

// ---------------------------------------------------------------- materials

export const materialPutResponseSchema = z
  .strictObject({ sha256: sha256HexSchema, size: z.number().int().nonnegative(), created: z.boolean() })
  .meta({ id: 'MaterialPutResponse' });
export type MaterialPutResponse = z.infer<typeof materialPutResponseSchema>;

export const materialPresenceRequestSchema = z
  .strictObject({ sha256s: z.array(sha256HexSchema).min(1).max(1000) })
  .meta({ id: 'MaterialPresenceRequest' });
export const materialPresenceResponseSchema = z
  .strictObject({ present: z.array(sha256HexSchema) })
  .meta({ id: 'MaterialPresenceResponse' });
export type MaterialPresenceResponse = z.infer<typeof materialPresenceResponseSchema>;

/**
 * POST /v1/materials/batch body (application/octet-stream): repeated frames of
 * 32 raw digest bytes + 4-byte big-endian length + the bytes. Each digest is verified on arrival.
 */
export const materialBatchFrameHeaderBytes = 36;
export const materialBatchMaxBytes = 64 * 1024 * 1024;
export const materialBatchResponseSchema = z
  .strictObject({ stored: z.array(sha256HexSchema), alreadyPresent: z.array(sha256HexSchema) })
  .meta({ id: 'MaterialBatchResponse' });
export type MaterialBatchResponse = z.infer<typeof materialBatchResponseSchema>;

// ---------------------------------------------------------------- tickets

export const ticketBlockRequestSchema = z
  .strictObject({
    /** Same key on a retry returns the same block instead of a second one. */
    leaseKey: idempotencyKeySchema,
    queueId: entityIdSchema,
    serviceDate: serviceDateSchema,
    size: z.number().int().min(1).max(1000),
  })
  .meta({ id: 'TicketBlockRequest' });
export type TicketBlockRequest = z.infer<typeof ticketBlockRequestSchema>;

export const ticketBlockSchema = z
  .strictObject({
    blockId: entityIdSchema,
    queueId: entityIdSchema,
    prefix: z.string().regex(/^[A-Z]{1,3}$/),
    serviceDate: serviceDateSchema,
    first: z.number().int().min(1),
    last: z.number().int().min(1),
  })
  .refine((b) => b.last >= b.first, 'last must not be below first')
  .meta({ id: 'TicketBlock' });
export type TicketBlock = z.infer<typeof ticketBlockSchema>;

export const issuedTicketSchema = z
  .strictObject({
    ticketId: entityIdSchema,
    blockId: entityIdSchema,
    queueId: entityIdSchema,
    serviceDate: serviceDateSchema,
    number: z.number().int().min(1),
    display: ticketDisplaySchema,
    issuedAtMs: epochMsSchema,
    caseNumber: caseNumberSchema.optional(),
  })
  .meta({ id: 'IssuedTicket' });
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

export const ticketRefSchema = z
  .strictObject({
    ticketId: entityIdSchema,
    /** The leased block the number came from: the server checks the number against it. */
    blockId: entityIdSchema,
    queueId: entityIdSchema,
    serviceDate: serviceDateSchema,
    number: z.number().int().min(1),
    display: ticketDisplaySchema,
  })
  .meta({ id: 'TicketRef' });
export type TicketRef = z.infer<typeof ticketRefSchema>;

// ---------------------------------------------------------------- deliveries (outbox kinds)

export const priorityReasonSchema = z
  .enum(['elderly', 'disability', 'veteran', 'pregnant', 'appointment'])
  .meta({ id: 'PriorityReason' });
export type PriorityReason = z.infer<typeof priorityReasonSchema>;

export const submittedMaterialSchema = z
  .strictObject({
    /** The material requirement code of the item (catalogue MaterialRequirement.code). */
    materialId: entityIdSchema,
    /** 1-based page within the material: each page is its own content-addressed file. */
    page: z.number().int().min(1).max(500),
    sha256: sha256HexSchema,
    mediaType: z.string().min(3).max(100),
    size: z.number().int().nonnegative().optional(),
    reusedFromStore: z.boolean(),
  })
  .meta({ id: 'SubmittedMaterial' });

export const submissionPayloadSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    itemId: entityIdSchema,
    departmentId: entityIdSchema,
    queueId: entityIdSchema,
    ticket: ticketRefSchema.nullable(),
    applicant: z.strictObject({
      keyedHash: keyedHashSchema,
      priorityReasons: z.array(priorityReasonSchema).max(5),
      /**
       * A renewed 2023 foreign permanent residence card: the keyed hash of the number it replaced, so
       * the central system moves the person's record to the new key (optional; older kiosks omit it).
       */
      previousKeyedHash: keyedHashSchema.optional(),
    }),
    /**
     * 帮办代办: someone applied on the applicant's behalf (the applicant above is the principal, whose
     * case, receipt and rating it is). `basis` says how the principal was identified: their own card
     * laid by the agent, a power of attorney captured with the form, or guardianship found in the
     * household register (a minor, or a dependent parent). Absent when the applicant applied in person.
     */
    agent: z
      .strictObject({
        keyedHash: keyedHashSchema,
        basis: z.enum(['principal_card', 'power_of_attorney', 'guardian']),
      })
      .optional(),
    /** Form field values (personal data: travels only over TLS, never logged). */
    formValues: z.record(z.string().max(100), z.unknown()),
    materials: z.array(submittedMaterialSchema).max(100),
    consentToStore: z.boolean(),
    /** With consent: the profile to keep in the form-free store (sync/protocol/profile.ts). */
    profile: profileSchema.optional(),
    submittedAtMs: epochMsSchema,
  })
  .meta({ id: 'SubmissionPayload' });
export type SubmissionPayload = z.infer<typeof submissionPayloadSchema>;

/** A payload sealed for the central system alone (kernel/sealed-envelope.ts). */
export const sealedEnvelopeSchema = z
  .strictObject({
    alg: z.literal(sealedEnvelopeAlgorithm),
    epk: z.base64().length(44),
    iv: z.base64().length(16),
    ct: z.base64().max(8 * 1024 * 1024),
  })
  .meta({ id: 'SealedEnvelope' });

/** What a sealed submission carries inside its envelope: the person's data. */
export const sealedSubmissionContentSchema = submissionPayloadSchema.pick({
  formValues: true,
  profile: true,
});
export type SealedSubmissionContent = z.infer<typeof sealedSubmissionContentSchema>;

/**
 * A submission as a kiosk sends it: the applicant named only by keyed hash, form values and profile
 * sealed for the central (the intake opens it with its private key).
 */
export const sealedSubmissionPayloadSchema = submissionPayloadSchema
  .omit({ formValues: true, profile: true })
  .extend({ sealed: sealedEnvelopeSchema })
  .meta({ id: 'SealedSubmissionPayload' });
export type SealedSubmissionPayload = z.infer<typeof sealedSubmissionPayloadSchema>;

/** Sealed (kiosks enrolled with the intake key) or clear (older enrolments, over TLS only). */
export const submissionDeliveryPayloadSchema = z.union([
  sealedSubmissionPayloadSchema,
  submissionPayloadSchema,
]);

export const submissionResponseSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    receivedAtMs: epochMsSchema,
    queueId: entityIdSchema,
    ticket: z.strictObject({ ticketId: entityIdSchema, display: ticketDisplaySchema }),
    status: z.literal('received'),
  })
  .meta({ id: 'SubmissionResponse' });
export type SubmissionResponse = z.infer<typeof submissionResponseSchema>;

export const checkinPayloadSchema = z
  .strictObject({
    appointmentId: entityIdSchema,
    keyedHash: keyedHashSchema,
    ticket: ticketRefSchema.nullable(),
    checkedInAtMs: epochMsSchema,
  })
  .meta({ id: 'CheckinPayload' });
export type CheckinPayload = z.infer<typeof checkinPayloadSchema>;

export const checkinResponseSchema = z
  .strictObject({
    appointmentId: entityIdSchema,
    status: z.literal('checked_in'),
    ticket: z.strictObject({ ticketId: entityIdSchema, display: ticketDisplaySchema }),
  })
  .meta({ id: 'CheckinResponse' });

export const ratingPayloadSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    grade: z.number().int().min(1).max(5),
    reasons: z.array(z.string().min(1).max(60)).max(10),
    comment: z.string().max(500).optional(),
    ratedAtMs: epochMsSchema,
  })
  .meta({ id: 'RatingPayload', description: 'grade 5 = 非常满意 ... 1 = 非常不满意' });
export type RatingPayload = z.infer<typeof ratingPayloadSchema>;

export const ratingResponseSchema = z
  .strictObject({ caseNumber: caseNumberSchema, recorded: z.literal(true) })
  .meta({ id: 'RatingResponse' });

export const ticketReportPayloadSchema = z
  .strictObject({ tickets: z.array(issuedTicketSchema).min(1).max(1000) })
  .meta({ id: 'TicketReportPayload' });
export type TicketReportPayload = z.infer<typeof ticketReportPayloadSchema>;

export const ticketReportResponseSchema = z
  .strictObject({
    accepted: z.array(entityIdSchema),
    duplicates: z.array(entityIdSchema),
    rejected: z.array(z.strictObject({ ticketId: entityIdSchema, reason: z.string().max(200) })),
  })
  .meta({ id: 'TicketReportResponse' });
export type TicketReportResponse = z.infer<typeof ticketReportResponseSchema>;

export const purgeAckPayloadSchema = z
  .strictObject({ orderId: entityIdSchema, completedAtMs: epochMsSchema })
  .meta({ id: 'PurgeAckPayload' });
export type PurgeAckPayload = z.infer<typeof purgeAckPayloadSchema>;
export const purgeAckResponseSchema = z
  .strictObject({ orderId: entityIdSchema, acknowledged: z.literal(true) })
  .meta({ id: 'PurgeAckResponse' });

export const deliveryKindSchema = z
  .enum(['submission', 'checkin', 'rating', 'ticket_report', 'purge_ack', 'supplement'])
  .meta({ id: 'DeliveryKind' });
export type DeliveryKind = z.infer<typeof deliveryKindSchema>;

export const deliveryPayloadSchemas = {
  submission: submissionDeliveryPayloadSchema,
  checkin: checkinPayloadSchema,
  rating: ratingPayloadSchema,
  ticket_report: ticketReportPayloadSchema,
  purge_ack: purgeAckPayloadSchema,
  supplement: supplementPayloadSchema,
} as const;

export const deliveryResponseSchemas = {
  submission: submissionResponseSchema,
  checkin: checkinResponseSchema,
  rating: ratingResponseSchema,
  ticket_report: ticketReportResponseSchema,
  purge_ack: purgeAckResponseSchema,
  supplement: supplementResponseSchema,
} as const;

function deliveryEnvelope<K extends DeliveryKind>(kind: K) {
  return z.strictObject({
    idempotencyKey: idempotencyKeySchema,
    /** The kiosk's outbox sequence: per-kiosk order. */
    kioskSeq: z.number().int().min(0),
    payload: deliveryPayloadSchemas[kind],
  });
}

export const submissionRequestSchema = deliveryEnvelope('submission').meta({ id: 'SubmissionRequest' });
export const checkinRequestSchema = deliveryEnvelope('checkin').meta({ id: 'CheckinRequest' });
export const ratingRequestSchema = deliveryEnvelope('rating').meta({ id: 'RatingRequest' });
export const ticketReportRequestSchema = deliveryEnvelope('ticket_report').meta({
  id: 'TicketReportRequest',
});
export const purgeAckRequestSchema = deliveryEnvelope('purge_ack').meta({ id: 'PurgeAckRequest' });
export const supplementRequestSchema = deliveryEnvelope('supplement').meta({ id: 'SupplementRequest' });

export const deliveryRequestSchemas = {
  submission: submissionRequestSchema,
  checkin: checkinRequestSchema,
  rating: ratingRequestSchema,
  ticket_report: ticketReportRequestSchema,
  purge_ack: purgeAckRequestSchema,
  supplement: supplementRequestSchema,
} as const;

/** The envelope every delivery shares; the payload is checked per kind (so one bad item is one 422). */
export const deliveryEnvelopeSchema = z.strictObject({
  kind: deliveryKindSchema,
  idempotencyKey: idempotencyKeySchema,
  kioskSeq: z.number().int().min(0),
  payload: z.unknown(),
});
export type DeliveryEnvelope = z.infer<typeof deliveryEnvelopeSchema>;

export const deliveryBatchRequestSchema = z
  .strictObject({
    items: z
      .array(
        z.discriminatedUnion('kind', [
          submissionRequestSchema.extend({ kind: z.literal('submission') }),
          checkinRequestSchema.extend({ kind: z.literal('checkin') }),
          ratingRequestSchema.extend({ kind: z.literal('rating') }),
          ticketReportRequestSchema.extend({ kind: z.literal('ticket_report') }),
          purgeAckRequestSchema.extend({ kind: z.literal('purge_ack') }),
          supplementRequestSchema.extend({ kind: z.literal('supplement') }),
        ]),
      )
      .min(1)
      .max(500),
  })
  .meta({
    id: 'DeliveryBatchRequest',
    description: 'Items in kiosk order; processed in that order in one transaction.',
  });

/** What the server reads: envelopes whose payloads are validated one by one. */
export const deliveryBatchEnvelopeSchema = z.strictObject({
  items: z.array(deliveryEnvelopeSchema).min(1).max(500),
});

export const deliveryResultSchema = z
  .strictObject({
    idempotencyKey: idempotencyKeySchema,
    /** The HTTP status the single-item endpoint would have answered (200, 409, 412, 422 ...). */
    status: z.number().int().min(200).max(599),
    /** The body that endpoint would have answered: the kind's response, or an Error. */
    body: z.unknown(),
  })
  .meta({ id: 'DeliveryResult' });
export type DeliveryResult = z.infer<typeof deliveryResultSchema>;

export const deliveryBatchResponseSchema = z
  .strictObject({ results: z.array(deliveryResultSchema) })
  .meta({ id: 'DeliveryBatchResponse' });
export type DeliveryBatchResponse = z.infer<typeof deliveryBatchResponseSchema>;

// ---------------------------------------------------------------- appointments

export const appointmentStatusSchema = z.enum(['booked', 'checked_in', 'cancelled', 'missed']);

export const appointmentSchema = z
  .strictObject({
    appointmentId: entityIdSchema,
    keyedHash: keyedHashSchema,
    itemId: entityIdSchema,
    departmentId: entityIdSchema,
    queueId: entityIdSchema,
    serviceDate: serviceDateSchema,
    slotStart: z.string().regex(/^\d{2}:\d{2}$/),
    slotEnd: z.string().regex(/^\d{2}:\d{2}$/),
    status: appointmentStatusSchema,
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentDeltaResponseSchema = z
  .strictObject({
    entries: z.array(
      z.strictObject({
        appointmentId: entityIdSchema,
        version: z.number().int().nonnegative(),
        appointment: appointmentSchema.nullable(),
      }),
    ),
    cursor: cursorSchema,
    hasMore: z.boolean(),
  })
  .meta({ id: 'AppointmentDelta' });
export type AppointmentDeltaResponse = z.infer<typeof appointmentDeltaResponseSchema>;

export const appointmentBookingRequestSchema = z
  .strictObject({
    idempotencyKey: idempotencyKeySchema,
    keyedHash: keyedHashSchema,
    itemId: entityIdSchema,
    serviceDate: serviceDateSchema,
    slotStart: z.string().regex(/^\d{2}:\d{2}$/),
  })
  .meta({ id: 'AppointmentBookingRequest' });
export type AppointmentBookingRequest = z.infer<typeof appointmentBookingRequestSchema>;

export const appointmentSlotsQuerySchema = z.strictObject({
  itemId: entityIdSchema,
  serviceDate: serviceDateSchema,
});
export const appointmentSlotsResponseSchema = z
  .strictObject({
    slots: z.array(
      z.strictObject({
        slotStart: z.string().regex(/^\d{2}:\d{2}$/),
        slotEnd: z.string().regex(/^\d{2}:\d{2}$/),
        available: z.number().int().nonnegative(),
      }),
    ),
  })
  .meta({ id: 'AppointmentSlots' });

// ---------------------------------------------------------------- progress query

export const caseStatusSchema = z
  .enum(['received', 'in_progress', 'done', 'rejected'])
  .meta({ id: 'CaseStatus' });
export const caseProgressSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    itemId: entityIdSchema,
    status: caseStatusSchema,
    ticketDisplay: ticketDisplaySchema.nullable(),
    history: z.array(
      z.strictObject({ atMs: epochMsSchema, status: caseStatusSchema, note: z.string().max(200).optional() }),
    ),
    ratable: z.boolean(),
    /** The window's workflow stage (case-workflow.ts); absent from centrals before it. */
    stage: caseStageSchema.optional(),
    /** At 补正: what the applicant must still bring. */
    missingItems: z.array(missingItemSchema).optional(),
    /**
     * A 一件事 bundle's case: one case per item, each with its department's progress; the bundle's own
     * status rolls up from them (done when every part is done). Absent for a single item.
     */
    parts: z
      .array(
        z.strictObject({
          caseNumber: caseNumberSchema,
          itemId: entityIdSchema,
          departmentId: entityIdSchema,
          status: caseStatusSchema,
          stage: caseStageSchema.optional(),
        }),
      )
      .max(8)
      .optional(),
  })
  .meta({ id: 'CaseProgress' });
export type CaseProgress = z.infer<typeof caseProgressSchema>;

// ---------------------------------------------------------------- queue state

export const queueStateSchema = z
  .strictObject({
    serviceDate: serviceDateSchema,
    atMs: epochMsSchema,
    queues: z.array(
      z.strictObject({
        queueId: entityIdSchema,
        waiting: z.number().int().nonnegative(),
        openWindows: z.number().int().nonnegative(),
        averageServiceSeconds: z.number().nonnegative(),
        lastCalled: ticketDisplaySchema.nullable(),
      }),
    ),
    windows: z.array(
      z.strictObject({
        windowId: entityIdSchema,
        open: z.boolean(),
        queueIds: z.array(entityIdSchema),
        serving: ticketDisplaySchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'QueueState' });
export type QueueState = z.infer<typeof queueStateSchema>;

// ---------------------------------------------------------------- purge orders, heartbeats

export const purgeOrderSchema = z
  .strictObject({
    orderId: entityIdSchema,
    keyedHash: keyedHashSchema,
    issuedAtMs: epochMsSchema,
    /** Base64 Ed25519 signature by the hall's order key over kernel/signed-orders.ts's canonical bytes. */
    signature: z.string().max(200).optional(),
  })
  .meta({ id: 'PurgeOrder' });
export type PurgeOrder = z.infer<typeof purgeOrderSchema>;

export const purgeOrderDeltaResponseSchema = z
  .strictObject({ entries: z.array(purgeOrderSchema), cursor: cursorSchema, hasMore: z.boolean() })
  .meta({ id: 'PurgeOrderDelta' });
export type PurgeOrderDeltaResponse = z.infer<typeof purgeOrderDeltaResponseSchema>;

export const purgeAckSchema = z
  .strictObject({ kioskId: entityIdSchema, kioskCode: z.string().max(8), completedAtMs: epochMsSchema })
  .meta({ id: 'PurgeAck' });
/** Which kiosks confirmed an order: the proof of erasure, kiosk by kiosk. */
export const purgeOrderAcksResponseSchema = z
  .strictObject({ orderId: entityIdSchema, acks: z.array(purgeAckSchema) })
  .meta({ id: 'PurgeOrderAcks' });
export type PurgeOrderAcks = z.infer<typeof purgeOrderAcksResponseSchema>;

export const purgeOrderCreateRequestSchema = z
  .strictObject({ keyedHash: keyedHashSchema })
  .meta({ id: 'PurgeOrderCreate' });

export const heartbeatRequestSchema = z
  .strictObject({
    appVersion: z.string().min(1).max(40),
    atMs: epochMsSchema,
    backlog: z.number().int().nonnegative(),
    parked: z.number().int().nonnegative(),
    oldestItemAgeSeconds: z.number().nonnegative().nullable(),
    lastError: z.string().max(500).nullable(),
    devices: z.record(z.string().max(40), z.string().max(40)).optional(),
    /** Central orders this kiosk refused (bad or missing signature) or holds (a submission still undelivered). */
    orders: z
      .strictObject({ refused: z.number().int().nonnegative(), held: z.number().int().nonnegative() })
      .optional(),
  })
  .meta({ id: 'HeartbeatRequest' });
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;

export const heartbeatResponseSchema = z
  .strictObject({ serverTimeMs: epochMsSchema, serviceDate: serviceDateSchema })
  .meta({ id: 'HeartbeatResponse' });
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;
