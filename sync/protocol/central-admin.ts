/**
 * Staff sign-in, staff accounts, the audit trail, payout-field reviews and the public progress page:
 * the messages of the central's staff and admin routes (pure: zod only).
 */
import { z } from 'zod';
import { caseNumberSchema, entityIdSchema, epochMsSchema, keyedHashSchema } from './central-common';

export const staffRoleSchema = z.enum(['window_staff', 'hall_admin', 'supervisor']).meta({
  id: 'StaffRole',
  description: 'window_staff: the desk; hall_admin: the hall; supervisor: reviews.',
});
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** What a staff route needs; each role holds a fixed set (staffRolePermissions). */
export type StaffPermission =
  | 'desk'
  | 'windows'
  | 'enrolment'
  | 'accounts'
  | 'purge'
  | 'payout_review'
  | 'audit'
  /** The supervision board (效能监察): the supervisor's own page. */
  | 'supervision';

/**
 * Payout reviews are the supervisor's alone: the hall admin who can enrol kiosks cannot also approve
 * the bank account a kiosk proposed.
 */
export const staffRolePermissions: Readonly<Record<StaffRole, readonly StaffPermission[]>> = {
  window_staff: ['desk'],
  hall_admin: ['desk', 'windows', 'enrolment', 'accounts', 'purge', 'audit'],
  supervisor: ['desk', 'purge', 'payout_review', 'audit', 'supervision'],
};

export const staffUsernameSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9_.-]+$/);
export const staffPasswordSchema = z.string().min(12).max(200);

export const staffLoginRequestSchema = z
  .strictObject({ username: staffUsernameSchema, password: z.string().min(1).max(200) })
  .meta({ id: 'StaffLoginRequest' });
export type StaffLoginRequest = z.infer<typeof staffLoginRequestSchema>;

export const staffSessionSchema = z
  .strictObject({
    /** Bearer token of the session; stored only hashed by the server. */
    token: z.string().min(32).max(200),
    expiresAtMs: epochMsSchema,
    username: staffUsernameSchema,
    role: staffRoleSchema,
  })
  .meta({ id: 'StaffSession' });
export type StaffSession = z.infer<typeof staffSessionSchema>;

export const staffLogoutResponseSchema = z
  .strictObject({ loggedOut: z.literal(true) })
  .meta({ id: 'StaffLogoutResponse' });

export const staffAccountCreateRequestSchema = z
  .strictObject({ username: staffUsernameSchema, password: staffPasswordSchema, role: staffRoleSchema })
  .meta({ id: 'StaffAccountCreateRequest' });
export type StaffAccountCreateRequest = z.infer<typeof staffAccountCreateRequestSchema>;

export const staffAccountSchema = z
  .strictObject({
    accountId: entityIdSchema,
    username: staffUsernameSchema,
    role: staffRoleSchema,
    createdAtMs: epochMsSchema,
  })
  .meta({ id: 'StaffAccount' });
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const auditEntrySchema = z
  .strictObject({
    seq: z.number().int().min(1),
    atMs: epochMsSchema,
    /** The staff account, or null for an attempt nobody signed in for (a failed login). */
    accountId: entityIdSchema.nullable(),
    username: z.string().max(40).nullable(),
    action: z.string().min(1).max(80),
    target: z.string().max(200).nullable(),
    status: z.number().int().min(100).max(599),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageQuerySchema = z.strictObject({
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const auditPageSchema = z
  .strictObject({ entries: z.array(auditEntrySchema) })
  .meta({ id: 'AuditPage' });

/** The payout fields a kiosk may propose but not apply: what a fraudster would redirect money with. */
export const payoutFieldSchema = z
  .enum(['phone', 'bank.name', 'bank.accountNumber'])
  .meta({ id: 'PayoutField' });
export type PayoutField = z.infer<typeof payoutFieldSchema>;

export const payoutReviewSchema = z
  .strictObject({
    reviewId: entityIdSchema,
    keyedHash: keyedHashSchema,
    /** The case whose submission proposed the change (evidence the person was at that kiosk). */
    caseNumber: caseNumberSchema,
    kioskCode: z.string().max(8),
    /** Proposed values (personal data: shown to the supervisor, never logged). */
    proposed: z.partialRecord(payoutFieldSchema, z.string().max(200).nullable()),
    proposedAtMs: epochMsSchema,
    state: z.enum(['pending', 'approved', 'rejected']),
  })
  .meta({ id: 'PayoutReview' });
export type PayoutReview = z.infer<typeof payoutReviewSchema>;

export const payoutReviewListSchema = z
  .strictObject({ reviews: z.array(payoutReviewSchema) })
  .meta({ id: 'PayoutReviewList' });
export const payoutReviewDecisionSchema = z
  .strictObject({ approve: z.boolean() })
  .meta({ id: 'PayoutReviewDecision' });

/** What anyone holding a receipt may see: the status of a case, nothing about the person. */
export const publicProgressSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    status: z.enum(['received', 'in_progress', 'done', 'rejected']),
    updatedAtMs: epochMsSchema,
  })
  .meta({ id: 'PublicProgress' });
export type PublicProgress = z.infer<typeof publicProgressSchema>;
