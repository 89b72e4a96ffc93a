import { z } from 'zod';
import { emptyInput, method } from './define';
import { identityViewSchema } from './identity';

export const sessionEndReasonSchema = z.enum(['finished', 'home', 'card_removed', 'timeout', 'error']);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

export const sessionMethods = {
  startSession: method({
    summary: 'Begin an applicant session for the card now on the reader (or a manual identification).',
    input: emptyInput,
    output: z.strictObject({ sessionId: z.string().max(64), identity: identityViewSchema }),
    errors: ['no_card'],
  }),
  startManualSession: method({
    summary:
      'Begin a session without a card (where the hall allows it): the ID number is checked (GB 11643).',
    input: z.strictObject({ idNumber: z.string().min(15).max(18), name: z.string().min(1).max(60) }),
    output: z.strictObject({ sessionId: z.string().max(64), identity: identityViewSchema }),
    errors: ['not_allowed', 'invalid_id_number'],
  }),
  touchSession: method({
    summary: 'The applicant touched the screen: the host-side inactivity guard starts again.',
    input: z.strictObject({ sessionId: z.string().max(64) }),
    output: z.strictObject({}),
    errors: ['no_session'],
  }),
  endSession: method({
    summary: 'End the session and wipe everything the host holds for it.',
    input: z.strictObject({ sessionId: z.string().max(64), reason: sessionEndReasonSchema }),
    output: z.strictObject({}),
    errors: ['no_session'],
  }),
} as const;
