/**
 * Card-less identification and help requests between kiosk and central (issue 15, parts 2 and 3).
 * Pure zod: shared by the kiosk's client, the central server and the OpenAPI document.
 */
import { z } from 'zod';
import { entityIdSchema, epochMsSchema } from './central-common';

/** What a kiosk sends: the text of a provincial app / electronic ID QR code, exactly as decoded. */
export const identityQrRequestSchema = z
  .strictObject({ payload: z.string().min(8).max(2000) })
  .meta({ id: 'IdentityQrRequest' });
export type IdentityQrRequest = z.infer<typeof identityQrRequestSchema>;

/** Why a QR code proves nobody: forged or unknown signer, past its expiry, or shown before. */
export const identityQrRefusalSchema = z.enum(['invalid', 'expired', 'replayed', 'unsupported']);
export type IdentityQrRefusal = z.infer<typeof identityQrRefusalSchema>;

export const identityQrResponseSchema = z
  .discriminatedUnion('verified', [
    z.strictObject({
      verified: z.literal(true),
      /** The resident ID number and name the issuer vouches for. */
      idNumber: z.string().regex(/^\d{17}[\dX]$/),
      name: z.string().min(1).max(60),
      /** Which verifier vouched (e.g. "demo-signed-qr"). */
      issuer: z.string().min(1).max(60),
    }),
    z.strictObject({ verified: z.literal(false), refusal: identityQrRefusalSchema }),
  ])
  .meta({ id: 'IdentityQrResponse', description: 'Personal data: the kiosk keeps it for the session only.' });
export type IdentityQrResponse = z.infer<typeof identityQrResponseSchema>;

/** Which screen the applicant was on (a screen id, nothing personal). */
export const helpScreenSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const helpRequestSchema = z
  .strictObject({
    /** The kiosk's own id for the request: a retried delivery is the same request. */
    requestId: z.uuid(),
    screen: helpScreenSchema,
    /** When the applicant pressed the button (kiosk clock), also when it was queued offline. */
    requestedAtMs: epochMsSchema,
  })
  .meta({ id: 'HelpRequest', description: 'No personal data: the kiosk, the time and the screen.' });
export type HelpRequest = z.infer<typeof helpRequestSchema>;

export const helpRequestResponseSchema = z
  .strictObject({ requestId: z.uuid(), recorded: z.literal(true) })
  .meta({ id: 'HelpRequestResponse' });

export const openHelpRequestSchema = z
  .strictObject({
    requestId: z.uuid(),
    kioskId: entityIdSchema,
    kioskName: z.string().max(100),
    screen: helpScreenSchema,
    requestedAtMs: epochMsSchema,
    receivedAtMs: epochMsSchema,
  })
  .meta({ id: 'OpenHelpRequest' });
export type OpenHelpRequest = z.infer<typeof openHelpRequestSchema>;

export const openHelpRequestsSchema = z
  .strictObject({ requests: z.array(openHelpRequestSchema).max(200) })
  .meta({ id: 'OpenHelpRequests' });

export const helpRequestAnsweredSchema = z
  .strictObject({ requestId: z.uuid(), answered: z.literal(true) })
  .meta({ id: 'HelpRequestAnswered' });
