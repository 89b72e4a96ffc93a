import { z } from 'zod';
import { identityViewSchema } from './identity';

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
  z.strictObject({ type: z.literal('cardPlaced'), identity: identityViewSchema }),
  z.strictObject({
    type: z.literal('cardError'),
    /** unreadable, checksum, expired_card ... mapped to words by the renderer. */
    code: z.string().max(40),
  }),
  z.strictObject({ type: z.literal('cardRemoved') }),
  z.strictObject({ type: z.literal('deviceStatus'), status: deviceStatusSchema }),
  z.strictObject({ type: z.literal('syncStatus'), status: syncStatusSchema }),
  z.strictObject({ type: z.literal('sessionTimeout'), sessionId: z.string().max(64) }),
]);
export type HostEvent = z.infer<typeof hostEventSchema>;
export type HostEventType = HostEvent['type'];
