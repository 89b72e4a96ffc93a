/**
 * Orders from the central system (purge orders today) are signed with the hall's Ed25519 order key; the
 * kiosk got the public half at enrolment and verifies before it acts. The central signs and the kiosk
 * verifies the same bytes, so the canonical form lives here, once.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { err, ok, type Result } from './result';

/** What a purge order says; every field is covered by the signature. */
export interface PurgeOrderFields {
  orderId: string;
  keyedHash: string;
  issuedAtMs: number;
}

/** Bumped when the signed form changes, so an old signature can never be read under a new rule. */
const purgeOrderDomain = 'hall-kiosk/purge-order/v1';

/**
 * One field per line, in a fixed order, prefixed by the domain and the hall it is for: a signature
 * for one hall or one kind of order never verifies as another.
 */
export function purgeOrderSigningBytes(order: PurgeOrderFields, hallId: string): Buffer {
  for (const field of [hallId, order.orderId, order.keyedHash])
    if (field.includes('\n')) throw new Error('a signed order field holds a line break');
  if (!Number.isSafeInteger(order.issuedAtMs)) throw new Error('issuedAtMs must be an integer');
  return Buffer.from(
    [purgeOrderDomain, hallId, order.orderId, order.keyedHash, String(order.issuedAtMs)].join('\n'),
    'utf8',
  );
}

/** Base64 of the Ed25519 signature over the order's canonical bytes. */
export function signPurgeOrder(order: PurgeOrderFields, hallId: string, privateKey: KeyObject): string {
  return sign(null, purgeOrderSigningBytes(order, hallId), privateKey).toString('base64');
}

export type OrderVerdict = 'no_key' | 'unsigned' | 'bad_signature';

/**
 * Verifies an order against the hall's public key (base64 of its SPKI DER form, as enrolment hands it
 * out). No key, no signature or a wrong one are all refusals: the kiosk acts only on a proven order.
 */
export function verifyPurgeOrder(
  order: PurgeOrderFields & { signature?: string | undefined },
  hallId: string,
  publicKeySpkiBase64: string | null | undefined,
): Result<void, OrderVerdict> {
  if (!publicKeySpkiBase64) return err('no_key', 'this kiosk holds no hall order key: re-enrol it');
  if (!order.signature) return err('unsigned', 'the order carries no signature');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return err('no_key', 'the stored hall order key is unreadable: re-enrol this kiosk');
  }
  if (key.asymmetricKeyType !== 'ed25519') return err('no_key', 'the hall order key is not Ed25519');
  let valid = false;
  try {
    valid = verify(null, purgeOrderSigningBytes(order, hallId), key, Buffer.from(order.signature, 'base64'));
  } catch {
    valid = false;
  }
  return valid ? ok(undefined) : err('bad_signature', 'the order signature does not verify');
}

/** The public half as enrolment hands it out: base64 of the SPKI DER form. */
export function orderKeyPublicBase64(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

/** Reads a PKCS#8 PEM Ed25519 private key (the central's order-signing key file). */
export function orderKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the hall order key is not Ed25519');
  return key;
}
