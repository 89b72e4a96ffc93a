import { z } from 'zod';
import { emptyInput, method } from './define';

/** How the person at the kiosk was identified: a card read, or one of the card-less ways. */
export const identifiedBySchema = z.enum(['card', 'sms', 'qr', 'typed']);
export type IdentifiedBy = z.infer<typeof identifiedBySchema>;

const sessionIdSchema = z.string().max(64);

/**
 * Ways in without an ID card (issue 15 part 2), each a hall setting (ui.cardless). A card-less session
 * is marked with how the person was identified; what it may not reach is decided in the host
 * (host/services/cardless/cardless-policy.ts).
 */
export const cardlessMethods = {
  requestCardlessCode: method({
    summary:
      'ID number and name typed on the keypad: when the form-free store holds a phone for that ID number, a one-time code is sent to it.',
    input: z.strictObject({ idNumber: z.string().min(15).max(18), name: z.string().min(1).max(60) }),
    output: z.strictObject({
      challengeId: z.string().max(64),
      /** 138****5678: which phone, without showing the number. */
      phoneHint: z.string().max(20),
      expiresInSeconds: z.number().int().positive(),
    }),
    errors: [
      'not_allowed',
      'not_enrolled',
      'invalid_id_number',
      'no_phone_on_record',
      'rate_limited',
      'sms_failed',
    ],
  }),
  verifyCardlessCode: method({
    summary: 'The code from the text message: right, and the session opens (marked "sms").',
    input: z.strictObject({ challengeId: z.string().max(64), code: z.string().regex(/^\d{4,8}$/) }),
    output: z.strictObject({ sessionId: sessionIdSchema }),
    errors: ['not_allowed', 'code_wrong', 'code_expired', 'too_many_attempts'],
  }),
  startQrSession: method({
    summary:
      'A provincial app / electronic ID QR code read by the camera, verified by the central system: the session opens (marked "qr").',
    input: z.strictObject({ payload: z.string().min(8).max(2000) }),
    output: z.strictObject({ sessionId: sessionIdSchema }),
    errors: ['not_allowed', 'not_enrolled', 'qr_invalid', 'qr_expired', 'qr_replayed', 'central_unreachable'],
  }),
  demoLastSms: method({
    summary: 'Demo mode: the last text message the simulated gateway "sent" (the operator panel shows it).',
    input: emptyInput,
    output: z.strictObject({
      message: z.strictObject({ phoneHint: z.string().max(20), text: z.string().max(200) }).nullable(),
    }),
    errors: ['not_demo'],
  }),
} as const;
