/**
 * Supervision (效能监察): each open case's deadline from its item's 承诺时限 and the hall's calendar,
 * yellow and red cards per department and window, and the 差评 awaiting follow-up. Pure: zod only.
 */
import { z } from 'zod';
import { casePartOfSchema, caseStageSchema } from './case-workflow';
import { caseNumberSchema, entityIdSchema, epochMsSchema, localizedLabelSchema } from './central-common';

export const deadlineCardSchema = z.enum(['none', 'yellow', 'red']).meta({
  id: 'DeadlineCard',
  description: 'yellow: at most the configured working days left (default 1); red: past the deadline.',
});

export const supervisedCaseSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    itemId: entityIdSchema,
    departmentId: entityIdSchema,
    /** The window that called its ticket, or null before one did. */
    windowLabel: z.string().max(20).nullable(),
    stage: caseStageSchema,
    receivedAtMs: epochMsSchema,
    timeLimitDays: z.number().int().min(0),
    deadlineDate: z.iso.date(),
    workingDaysLeft: z.number().int(),
    card: deadlineCardSchema,
    /** The department's name, for grouping the list by department (older servers omit it). */
    departmentName: localizedLabelSchema.optional(),
    /** A part case of a 一件事: the bundle it belongs to ("一件事: <name> (n/N)"). */
    partOf: casePartOfSchema.optional(),
  })
  .meta({ id: 'SupervisedCase' });
export type SupervisedCase = z.infer<typeof supervisedCaseSchema>;

/** A rating of 2 or less (不满意, 非常不满意) with its reasons, until a staff member follows it up. */
export const flaggedRatingSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    itemId: entityIdSchema,
    departmentId: entityIdSchema,
    grade: z.number().int().min(1).max(5),
    reasons: z.array(z.string().max(60)),
    comment: z.string().max(500).optional(),
    ratedAtMs: epochMsSchema,
  })
  .meta({ id: 'FlaggedRating' });
export type FlaggedRating = z.infer<typeof flaggedRatingSchema>;

export const supervisionBoardSchema = z
  .strictObject({
    atMs: epochMsSchema,
    /** Open cases, the most urgent first. */
    cases: z.array(supervisedCaseSchema),
    counts: z.array(
      z.strictObject({
        departmentId: entityIdSchema,
        departmentName: localizedLabelSchema,
        windowLabel: z.string().max(20).nullable(),
        yellow: z.number().int().nonnegative(),
        red: z.number().int().nonnegative(),
      }),
    ),
    flaggedRatings: z.array(flaggedRatingSchema),
  })
  .meta({ id: 'SupervisionBoard' });
export type SupervisionBoard = z.infer<typeof supervisionBoardSchema>;

export const ratingFollowUpRequestSchema = z
  .strictObject({ note: z.string().max(200).optional() })
  .meta({ id: 'RatingFollowUpRequest' });
export const ratingFollowUpResponseSchema = z
  .strictObject({ caseNumber: caseNumberSchema, followedUpAtMs: epochMsSchema, followedUpBy: z.string() })
  .meta({ id: 'RatingFollowUp' });

/** The lowest grade that is not a 差评. */
export const badRatingAtMost = 2;
