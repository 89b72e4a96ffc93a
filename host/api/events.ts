import { z } from 'zod';
import { identityViewSchema } from './identity';
import { cardRejectionSchema, sessionEndReasonSchema } from './session';

export const deviceStatusSchema = z.strictObject({
  device: z.enum(['idcard', 'printer', 'scanner', 'camera']),
  /** The driver's own state name: ready, no_card, reading, disconnected, out_of_paper, ... */
  state: z.string().max(40),
  /** Plain words for the technician; never personal data. */
  detail: z.string().max(500).optional(),
});
export type DeviceStatusEvent = z.infer<typeof deviceStatusSchema>;

export const syncStatusSchema = z.strictObject({
  backlog: z.number().int().min(0),
  parked: z.number().int().min(0),
  oldestItemAgeSeconds: z.number().min(0).nullable(),
  lastContactAt: z.string().nullable(),
  lastError: z.string().max(500).nullable(),
  online: z.boolean(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** Everything the host pushes to the renderer. */
export const hostEventSchema = z.discriminatedUnion('type', [
  /** A card was read. Who is on it is never broadcast with the card: the host decides first. */
  z.strictObject({ type: z.literal('cardPlaced') }),
  z.strictObject({
    type: z.literal('cardError'),
    /** The reader's code (unreadable, checksum, ...), for technician mode; applicants see cardRejected. */
    code: z.string().max(40),
  }),
  z.strictObject({ type: z.literal('cardRemoved') }),
  /** A session ended while its card still lies on the reader: the screen asks for it to be taken. */
  z.strictObject({ type: z.literal('cardLeftOnReader') }),
  /** The host opened an applicant session (an accepted card, or a manual identification). */
  z.strictObject({
    type: z.literal('sessionStarted'),
    sessionId: z.string().max(64),
    identity: identityViewSchema,
  }),
  /** 人证核验: the card was accepted; the renderer checks the face before the host opens the session. */
  z.strictObject({ type: z.literal('faceCheckRequired'), attemptId: z.string().max(64) }),
  /** The card on the reader does not open a session; no personal data, only the reason. */
  z.strictObject({ type: z.literal('cardRejected'), reason: cardRejectionSchema }),
  z.strictObject({
    type: z.literal('sessionEnded'),
    sessionId: z.string().max(64),
    reason: sessionEndReasonSchema,
  }),
  z.strictObject({ type: z.literal('deviceStatus'), status: deviceStatusSchema }),
  z.strictObject({ type: z.literal('syncStatus'), status: syncStatusSchema }),
  /** A help request (呼叫工作人员) that waited for the link reached the staff page. */
  z.strictObject({ type: z.literal('helpRequestDelivered'), requestId: z.string().max(64) }),
]);
export type HostEvent = z.infer<typeof hostEventSchema>;
export type HostEventType = HostEvent['type'];
