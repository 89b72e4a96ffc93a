/**
 * The kiosk's own key pair, made at enrolment: the central keeps the public half with the kiosk (an
 * enrolment retried with the same request id and key is answered the same), the kiosk keeps the
 * private half in its data.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';

export interface KioskIdentity {
  /** One per enrolment: a retry after a lost answer sends the same id. */
  requestId: string;
  /** Ed25519, base64 of the SPKI DER. */
  publicKey: string;
  /** Ed25519, PKCS#8 PEM: a secret, kept with the kiosk's credential. */
  privateKeyPem: string;
}

export function newKioskIdentity(): KioskIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    requestId: randomUUID(),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
