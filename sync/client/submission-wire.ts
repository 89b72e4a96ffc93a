/**
 * The submission as the kiosk stores it (SubmissionsTable.commit with its default outbox payload) and
 * the submission as the central API takes it. The host puts a KioskSubmissionBody in the submission's
 * payload; toWireSubmission turns the stored outbox payload into a SubmissionPayload, deterministically
 * (the same stored item always gives the same body, so its idempotency key never conflicts).
 */
import { z } from 'zod';
import {
  keyedHashSchema,
  priorityReasonSchema,
  type SubmissionPayload,
  serviceDateSchema,
  sha256HexSchema,
  submissionPayloadSchema,
} from '../protocol/central-api';

export const kioskSubmissionBodySchema = z.object({
  departmentId: z.string().min(1),
  queueId: z.string().min(1),
  serviceDate: serviceDateSchema,
  applicant: z.object({ keyedHash: keyedHashSchema, priorityReasons: z.array(priorityReasonSchema) }),
  formValues: z.record(z.string(), z.unknown()),
  consentToStore: z.boolean(),
  profile: z.unknown().optional(),
  /** Materials taken from the form-free store rather than captured now. */
  reusedMaterialHashes: z.array(sha256HexSchema).optional(),
  /** Archived copies re-used by reference (the central system holds their bytes; the kiosk may not). */
  reusedMaterials: z
    .array(
      z.object({
        code: z.string().min(1),
        page: z.number().int().min(1),
        sha256: sha256HexSchema,
        mime: z.string(),
      }),
    )
    .optional(),
});
export type KioskSubmissionBody = z.infer<typeof kioskSubmissionBodySchema>;

/** sync/store defaultOutboxPayload's shape. */
const storedSubmissionSchema = z.object({
  submissionId: z.string(),
  caseNumber: z.string(),
  itemId: z.string(),
  createdAtMs: z.number().int(),
  payload: kioskSubmissionBodySchema,
  materials: z.array(
    z.object({ code: z.string(), page: z.number().int(), sha256: sha256HexSchema, mime: z.string() }),
  ),
  ticket: z
    .object({
      ticketId: z.string(),
      queueId: z.string(),
      display: z.string(),
      number: z.number().int(),
      blockId: z.string().optional(),
      serviceDate: serviceDateSchema.optional(),
    })
    .nullable(),
});

export type WireResult = { ok: true; payload: SubmissionPayload } | { ok: false; reason: string };

export function toWireSubmission(stored: unknown): WireResult {
  const direct = submissionPayloadSchema.safeParse(stored);
  if (direct.success) return { ok: true, payload: direct.data };
  const parsed = storedSubmissionSchema.safeParse(stored);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `stored submission cannot be sent: ${issue?.path.join('.')} ${issue?.message}`,
    };
  }
  const s = parsed.data;
  const reused = new Set(s.payload.reusedMaterialHashes ?? []);
  const candidate = {
    caseNumber: s.caseNumber,
    itemId: s.itemId,
    departmentId: s.payload.departmentId,
    queueId: s.payload.queueId,
    ticket: s.ticket
      ? {
          ticketId: s.ticket.ticketId,
          ...(s.ticket.blockId ? { blockId: s.ticket.blockId } : {}),
          queueId: s.ticket.queueId,
          serviceDate: s.ticket.serviceDate ?? s.payload.serviceDate,
          number: s.ticket.number,
          display: s.ticket.display,
        }
      : null,
    applicant: s.payload.applicant,
    formValues: s.payload.formValues,
    materials: [
      ...s.materials.map((m) => ({
        materialId: m.code,
        page: m.page,
        sha256: m.sha256,
        mediaType: m.mime,
        reusedFromStore: reused.has(m.sha256),
      })),
      ...(s.payload.reusedMaterials ?? []).map((m) => ({
        materialId: m.code,
        page: m.page,
        sha256: m.sha256,
        mediaType: m.mime,
        reusedFromStore: true,
      })),
    ],
    consentToStore: s.payload.consentToStore,
    ...(s.payload.profile !== undefined ? { profile: s.payload.profile } : {}),
    submittedAtMs: s.createdAtMs,
  };
  const wire = submissionPayloadSchema.safeParse(candidate);
  if (!wire.success) {
    const issue = wire.error.issues[0];
    return {
      ok: false,
      reason: `submission breaks the contract: ${issue?.path.join('.')} ${issue?.message}`,
    };
  }
  return { ok: true, payload: wire.data };
}
