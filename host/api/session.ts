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
