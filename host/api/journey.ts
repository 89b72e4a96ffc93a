import { z } from 'zod';
import {
  bundleSchema,
  departmentSchema,
  lifeEventSchema,
  materialRequirementSchema,
  queueSchema,
  serviceItemSchema,
  windowSchema,
} from '../../sync/protocol/catalogue';
import { priorityReasonSchema } from '../../sync/protocol/central-api';
import { cardIdentitySchema, formDefinitionSchema } from '../../sync/protocol/forms';
import { languageSchema, localizedTextSchema } from '../../sync/protocol/localized-text';
import { formValueSchema, materialCodeSchema } from '../../sync/protocol/profile';
import { actingForViewSchema } from './agent';
import { emptyInput, limits, method } from './define';

const sessionId = z.string().max(64);
const itemId = z.string().max(64);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const imageDataUrl = z
  .string()
  .max(limits.dataUrl)
  .regex(
    /^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/,
    'must be a base64 JPEG, PNG or WebP data URL',
  );
const thumbnailDataUrl = z.string().max(2_000_000);

/** Where a filled value came from, shown beside the field. */
export const provenanceSchema = z.enum(['card', 'store', 'previous', 'typed', 'empty']);
export type Provenance = z.infer<typeof provenanceSchema>;

/** Wait bands shown instead of a promise of minutes. */
export const waitBandSchema = z.enum(['under_10', '10_20', '20_40', 'over_40', 'unknown']);
export type WaitBand = z.infer<typeof waitBandSchema>;

export const ticketViewSchema = z.strictObject({
  /** A001: queue prefix + daily sequence. */
  number: z.string().max(12),
  queueName: localizedTextSchema,
  departmentName: localizedTextSchema,
  windowNumbers: z.array(z.number().int()).max(20),
  peopleAhead: z.number().int().min(0),
  waitBand: waitBandSchema,
  priority: z.boolean(),
  /** Why the green channel applies (empty when the ticket is not a priority one): explained on the ticket. */
  priorityReasons: z.array(priorityReasonSchema).max(5),
  issuedAt: z.string().max(40),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

export const receiptProblemSchema = z.enum(['out_of_paper', 'cover_open', 'offline', 'error']);

/** Printing is checked before a submission is confirmed; this says how the receipt went. */
export const receiptOutcomeSchema = z.discriminatedUnion('printed', [
  z.strictObject({ printed: z.literal(true) }),
  z.strictObject({ printed: z.literal(false), problem: receiptProblemSchema }),
]);

export type ReceiptOutcome = z.infer<typeof receiptOutcomeSchema>;

export const materialPageSchema = z.strictObject({
  pageId: z.string().max(64),
  materialCode: materialCodeSchema,
  thumbnailDataUrl,
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  bytes: z.number().int().min(1),
});
export type MaterialPage = z.infer<typeof materialPageSchema>;

export const reusableMaterialSchema = z.strictObject({
  code: materialCodeSchema,
  sha256,
  name: z.string().max(200),
  archivedAt: z.string().max(40),
  pages: z.number().int().min(1),
  thumbnailDataUrl: thumbnailDataUrl.nullable(),
});
export type ReusableMaterial = z.infer<typeof reusableMaterialSchema>;

/**
 * A 一件事 bundle as the kiosk offers it: its items done in one application, with the department of
 * its integrated window (综合窗口, where the ticket is for), each material once (`neededBy` names the
 * items that need it) and the longest of its items' time limits.
 */
export const bundleViewSchema = bundleSchema.extend({
  departmentId: z.string().max(64),
  materials: z.array(materialRequirementSchema.extend({ neededBy: z.array(itemId).max(8) })).max(60),
  timeLimitDays: z.number().int().min(0).max(365),
});
export type BundleView = z.infer<typeof bundleViewSchema>;

export const caseStatusSchema = z.enum([
  'received',
  'queued',
  'in_progress',
  'needs_more',
  'approved',
  'rejected',
  'done',
]);

export const caseViewSchema = z.strictObject({
  caseNumber: z.string().max(40),
  itemName: localizedTextSchema,
  status: caseStatusSchema,
  submittedAt: z.string().max(40),
  history: z.array(z.strictObject({ at: z.string().max(40), status: caseStatusSchema })).max(100),
  /** A finished case not yet rated may be rated (好差评). */
  rateable: z.boolean(),
  /**
   * A 一件事 bundle's case: each item's own case at its department, in the bundle's order (the
   * case's own status rolls up from them). Absent for a single item.
   */
  parts: z
    .array(
      z.strictObject({
        caseNumber: z.string().max(40),
        itemName: localizedTextSchema,
        departmentName: localizedTextSchema,
        status: caseStatusSchema,
      }),
    )
    .max(8)
    .optional(),
  /** At 补正 (status needs_more): the documents the window asked for, to capture here. */
  missingItems: z
    .array(
      z.strictObject({
        code: materialCodeSchema,
        name: localizedTextSchema,
        note: z.string().max(100).optional(),
      }),
    )
    .max(20)
    .optional(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

/**
 * Who answered: the central system, or this kiosk from what it holds because the central system did
 * not answer in time (progress may be behind; a rating is checked when it arrives).
 */
export const answerSourceSchema = z.enum(['central', 'kiosk']);

export const appointmentViewSchema = z.strictObject({
  appointmentId: z.string().max(64),
  itemName: localizedTextSchema,
  departmentName: localizedTextSchema,
  startsAt: z.string().max(40),
  checkedIn: z.boolean(),
});
export type AppointmentView = z.infer<typeof appointmentViewSchema>;

export const journeyMethods = {
  getCatalogue: method({
    summary: 'The service catalogue as cached on the kiosk (search by pinyin runs in the renderer).',
    input: emptyInput,
    output: z.strictObject({
      version: z.string().max(64),
      departments: z.array(departmentSchema),
      windows: z.array(windowSchema),
      queues: z.array(queueSchema),
      items: z.array(serviceItemSchema),
      lifeEvents: z.array(lifeEventSchema),
      bundles: z.array(bundleViewSchema),
    }),
    errors: ['catalogue_unavailable'],
  }),
  prepareApplication: method({
    summary:
      'The item’s form (or a 一件事 bundle’s composed form) auto-filled from the card and the form-free store, with provenance and reusable materials.',
    input: z.strictObject({ sessionId, itemId }),
    output: z.strictObject({
      itemId,
      form: formDefinitionSchema.nullable(),
      values: z.record(z.string().max(48), formValueSchema),
      provenance: z.record(z.string().max(48), provenanceSchema),
      missingFields: z.array(z.string().max(48)),
      /** Values for fields hidden when the form opens, filled by the renderer when each appears. */
      whenShown: z.record(
        z.string().max(48),
        z.strictObject({ value: formValueSchema, provenance: provenanceSchema }),
      ),
      reusableMaterials: z.array(reusableMaterialSchema),
      /** What a returning applicant agreed to before (null: nothing known), to pre-tick the consent box. */
      consent: z.strictObject({ storeProfile: z.boolean(), keepMaterials: z.boolean() }).nullable(),
      /**
       * The card that opened the session: card-bound fields are shown read-only with these values, and
       * those the card has none for (a foreigner's 户籍 address) are not asked. The host checks the same.
       * null for a session opened without a card.
       */
      card: cardIdentitySchema.nullable(),
      /** 帮办代办: the form is the principal's, applied for by the agent (absent: for oneself). */
      onBehalf: actingForViewSchema.optional(),
      /** Documents the applicant's situation adds to the item's (a power of attorney for an agent). */
      addedMaterials: z.array(materialRequirementSchema).max(10).optional(),
    }),
    errors: ['no_session', 'unknown_item'],
  }),
  addCameraPage: method({
    summary:
      'A page photographed with the document camera: normalised, compressed and held for this session.',
    input: z.strictObject({ sessionId, materialCode: materialCodeSchema, imageDataUrl }),
    output: materialPageSchema,
    errors: ['no_session', 'bad_image', 'too_many_pages'],
  }),
  scanPage: method({
    summary: 'Scan one page on the flatbed scanner.',
    input: z.strictObject({ sessionId, materialCode: materialCodeSchema }),
    output: materialPageSchema,
    errors: ['no_session', 'scanner_unavailable', 'scan_failed', 'too_many_pages'],
  }),
  rotatePage: method({
    summary: 'Turn a captured page a quarter, half or three quarters clockwise.',
    input: z.strictObject({
      sessionId,
      pageId: z.string().max(64),
      degrees: z.union([z.literal(90), z.literal(180), z.literal(270)]),
    }),
    output: materialPageSchema,
    errors: ['no_session', 'unknown_page'],
  }),
  deletePage: method({
    summary: 'Drop a captured page.',
    input: z.strictObject({ sessionId, pageId: z.string().max(64) }),
    output: z.strictObject({}),
    errors: ['no_session', 'unknown_page'],
  }),
  viewArchivedMaterial: method({
    summary:
      'A large image of an archived copy of the session’s applicant, to look at before agreeing to re-use it.',
    input: z.strictObject({ sessionId, sha256 }),
    output: z.strictObject({ imageDataUrl: z.string().max(limits.dataUrl) }),
    errors: ['no_session', 'unknown_material'],
  }),
  printGuideNotice: method({
    summary:
      'Print the item’s 一次性告知单 (materials, conditions, fees, steps, time limit) on the receipt printer.',
    input: z.strictObject({ sessionId, itemId, language: languageSchema }),
    output: z.strictObject({}),
    errors: ['no_session', 'unknown_item', 'printer_unavailable'],
  }),
  getPrinterStatus: method({
    summary: 'Whether a receipt can be printed now, checked before the applicant confirms.',
    input: emptyInput,
    output: z.strictObject({ ready: z.boolean(), state: z.string().max(40) }),
    errors: [],
  }),
  submitApplication: method({
    summary: 'Store the submission durably, route it, issue a ticket and print the receipt.',
    input: z.strictObject({
      sessionId,
      itemId,
      values: z.record(z.string().max(48), formValueSchema),
      /** Per material code: an archived copy to reuse and/or the pages captured now. */
      materials: z
        .array(
          z.strictObject({
            code: materialCodeSchema,
            archivedSha256: sha256.nullable(),
            pageIds: z.array(z.string().max(64)).max(50),
          }),
        )
        .max(30),
      keepInStore: z.boolean(),
      signatureDataUrl: imageDataUrl,
      priority: z.strictObject({ disabled: z.boolean(), veteran: z.boolean(), pregnant: z.boolean() }),
      /** Confirmed after being told the printer cannot print (the ticket is then shown on screen only). */
      proceedWithoutReceipt: z.boolean(),
      /** The language the receipt is printed in: the one on screen. */
      language: languageSchema,
    }),
    output: z.strictObject({
      caseNumber: z.string().max(40),
      progressUrl: z.string().max(400),
      ticket: ticketViewSchema,
      receipt: receiptOutcomeSchema,
    }),
    errors: [
      'no_session',
      'unknown_item',
      'invalid_values',
      'missing_materials',
      'printer_unavailable',
      'disk_full',
      'no_ticket_numbers',
      'storage_failed',
    ],
  }),
  printFilledForm: method({
    summary: 'Print the filled application form on A4 for the applicant to take.',
    input: z.strictObject({ sessionId, caseNumber: z.string().max(40), language: languageSchema }),
    output: z.strictObject({}),
    errors: ['no_session', 'unknown_case', 'printer_unavailable'],
  }),
  listAppointments: method({
    summary: 'Today’s appointments of the person on the card.',
    input: z.strictObject({ sessionId }),
    output: z.strictObject({ appointments: z.array(appointmentViewSchema) }),
    errors: ['no_session'],
  }),
  checkInAppointment: method({
    summary: 'Check in for an appointment: a priority ticket is issued and printed.',
    input: z.strictObject({
      sessionId,
      appointmentId: z.string().max(64),
      proceedWithoutReceipt: z.boolean(),
      language: languageSchema,
    }),
    output: z.strictObject({ ticket: ticketViewSchema, receipt: receiptOutcomeSchema }),
    errors: [
      'no_session',
      'unknown_appointment',
      'already_checked_in',
      'printer_unavailable',
      'no_ticket_numbers',
    ],
  }),
  queryProgress: method({
    summary: 'Cases of the person on the card, or one case by its number (keypad or receipt QR code).',
    input: z.union([
      z.strictObject({ sessionId }),
      z.strictObject({ caseNumber: z.string().min(4).max(40) }),
    ]),
    output: z.strictObject({ cases: z.array(caseViewSchema), source: answerSourceSchema.optional() }),
    /** bad_case_number: the check digit does not hold (a typing slip), nothing was looked up. */
    errors: ['no_session', 'not_found', 'central_unreachable', 'bad_case_number'],
  }),
  submitSupplement: method({
    summary:
      'Send the documents a 补正 asked for, captured now at this kiosk for the card holder’s case: stored and delivered exactly once.',
    input: z.strictObject({
      sessionId,
      caseNumber: z.string().min(4).max(40),
      materials: z
        .array(
          z.strictObject({ code: materialCodeSchema, pageIds: z.array(z.string().max(64)).min(1).max(20) }),
        )
        .min(1)
        .max(20),
    }),
    output: z.strictObject({ caseNumber: z.string().max(40), pages: z.number().int().min(1) }),
    errors: [
      'no_session',
      'not_found',
      'central_unreachable',
      'not_awaiting_supplement',
      'missing_materials',
    ],
  }),
  rateCase: method({
    summary: 'Rate a finished case: grade 5 = 非常满意 … 1 = 非常不满意, and optional reason keys.',
    input: z.strictObject({
      caseNumber: z.string().min(4).max(40),
      grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
      reasons: z.array(z.string().max(40)).max(10),
      comment: z.string().max(500),
    }),
    output: z.strictObject({ source: answerSourceSchema.optional() }),
    errors: ['not_found', 'not_rateable', 'already_rated'],
  }),
} as const;

/** Form values travel as the protocol defines them. */
export { formValueSchema };
