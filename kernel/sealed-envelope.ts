/**
 * A payload sealed by a kiosk for the central system alone (ECIES): X25519 with a fresh ephemeral key,
 * HKDF-SHA256, AES-256-GCM. The kiosk learns the central's public key at enrolment; only the central's
 * intake holds the private half, so form values and profiles cross proxies, logs and TLS-terminating
 * gateways unread. The associated data binds a sealed payload to the record that carries it (case
 * number and applicant hash): moved into another submission, it does not open. Kiosk and central must
 * agree on every byte of this, so it lives here, once.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { err, ok, type Result } from './result';

export const sealedEnvelopeAlgorithm = 'X25519-HKDF-SHA256-A256GCM';
const domain = 'hall-kiosk/sealed-envelope/v1';

export interface SealedEnvelope {
  alg: typeof sealedEnvelopeAlgorithm;
  /** The ephemeral public key, base64 of the raw 32 bytes. */
  epk: string;
  iv: string;
  /** Ciphertext with the 16-byte tag appended, base64. */
  ct: string;
}

/** An X25519 key pair for the central's intake: the public half as base64 SPKI DER (what enrolment hands out). */
export function generateSealingKeyPair(): { publicKey: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export function sealingPublicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem))
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
}

function rawX25519(key: KeyObject): Buffer {
  // SPKI DER of an X25519 key is a fixed 12-byte prefix and the 32 raw bytes.
  return key.export({ type: 'spki', format: 'der' }).subarray(-32);
}

function x25519FromRaw(raw: Buffer): KeyObject {
  const prefix = Buffer.from('302a300506032b656e032100', 'hex');
  return createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
}

function contentKey(shared: Buffer, epk: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), domain, 32));
}

/** Seals bytes for the holder of the private half of `recipientPublicKey` (base64 SPKI DER). */
export function sealFor(
  recipientPublicKey: string,
  plain: Uint8Array,
  associatedData: string,
): SealedEnvelope {
  const recipient = createPublicKey({
    key: Buffer.from(recipientPublicKey, 'base64'),
    format: 'der',
    type: 'spki',
  });
  if (recipient.asymmetricKeyType !== 'x25519') throw new Error('the sealing key is not an X25519 key');
  const ephemeral = generateKeyPairSync('x25519');
  const epk = rawX25519(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const key = contentKey(shared, epk, rawX25519(recipient));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${domain}\n${associatedData}`, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return {
    alg: sealedEnvelopeAlgorithm,
    epk: epk.toString('base64'),
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
  };
}

/** Opens an envelope with the recipient's private key; a wrong key, record or altered byte is an error. */
export function openSealed(
  privateKey: KeyObject,
  envelope: SealedEnvelope,
  associatedData: string,
): Result<Buffer, 'does_not_open'> {
  try {
    const epk = Buffer.from(envelope.epk, 'base64');
    const iv = Buffer.from(envelope.iv, 'base64');
    const ct = Buffer.from(envelope.ct, 'base64');
    if (
      envelope.alg !== sealedEnvelopeAlgorithm ||
      epk.byteLength !== 32 ||
      iv.byteLength !== 12 ||
      ct.byteLength < 16
    )
      return err('does_not_open', 'the sealed payload is not in the expected form');
    const shared = diffieHellman({ privateKey, publicKey: x25519FromRaw(epk) });
    const key = contentKey(shared, epk, rawX25519(createPublicKey(privateKey)));
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(`${domain}\n${associatedData}`, 'utf8'));
    decipher.setAuthTag(ct.subarray(-16));
    return ok(Buffer.concat([decipher.update(ct.subarray(0, -16)), decipher.final()]));
  } catch {
    return err(
      'does_not_open',
      'the sealed payload does not open: it was altered, moved, or sealed for another key',
    );
  }
}
