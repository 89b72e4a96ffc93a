import { z } from 'zod';
import { identifiedBySchema } from './cardless';
import { emptyInput, method } from './define';
import { identityViewSchema } from './identity';

export const sessionEndReasonSchema = z.enum(['finished', 'home', 'card_removed', 'timeout', 'error']);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/** Why a card on the reader opens no session: read failures, then the hall's acceptance policy. */
export const cardRejectionSchema = z.enum([
  'unreadable',
  'expired',
  'bad_check_digit',
  /** 人证核验 failed (no match, not live, no face, no camera): the applicant goes to the window. */
  'face_check_failed',
]);
export type CardRejection = z.infer<typeof cardRejectionSchema>;

/** The host's applicant session: what a renderer that (re)connects must show. */
export const sessionStateSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('none') }),
  z.strictObject({
    state: z.literal('active'),
    sessionId: z.string().max(64),
    identity: identityViewSchema,
    /** How the person was identified (absent from hosts before issue 15: a card). */
    identifiedBy: identifiedBySchema.optional(),
  }),
  /** A card is on the reader but opened no session; it stays so until the card is taken away. */
  z.strictObject({ state: z.literal('rejected'), reason: cardRejectionSchema }),
  /** 人证核验: the card was accepted, the on-device face check runs before a session opens. */
  z.strictObject({ state: z.literal('face_check'), attemptId: z.string().max(64) }),
  /** The session ended and its card still lies on the reader: "please take your ID card". */
  z.strictObject({ state: z.literal('card_left') }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionMethods = {
  getSessionState: method({
    summary: 'The applicant session the host holds now (for a renderer that starts or reconnects).',
    input: emptyInput,
    output: sessionStateSchema,
    errors: [],
  }),
  startManualSession: method({
    summary:
      'Begin a session without a card (where the hall allows it): the ID number is checked (GB 11643).',
    input: z.strictObject({ idNumber: z.string().min(15).max(18), name: z.string().min(1).max(60) }),
    output: z.strictObject({ sessionId: z.string().max(64), identity: identityViewSchema }),
    errors: ['not_allowed', 'invalid_id_number'],
  }),
  useCardOnReader: method({
    summary:
      'The applicant chose a service while a card lies on the reader: it counts as laid (the host opens its session).',
    input: emptyInput,
    output: z.strictObject({ sessionId: z.string().max(64) }),
    errors: ['no_card'],
  }),
  touchSession: method({
    summary: 'The applicant touched the screen: the host-side inactivity guard starts again.',
    input: z.strictObject({ sessionId: z.string().max(64) }),
    output: z.strictObject({}),
    errors: ['no_session'],
  }),
  endSession: method({
    summary: 'The applicant left (home, finished, idle): end the session and wipe what the host holds.',
    input: z.strictObject({ sessionId: z.string().max(64), reason: sessionEndReasonSchema }),
    output: z.strictObject({}),
    errors: ['no_session'],
  }),
} as const;
