/**
 * The hall's Ed25519 order-signing key: created at the central's first start in its data folder (0600,
 * never overwritten), its public half handed to each kiosk at enrolment. Kiosks act only on orders it signed.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderKeyFromPem, orderKeyPublicBase64 } from '../../kernel/signed-orders';

export interface OrderSigningKey {
  privateKey: KeyObject;
  /** Base64 of the SPKI DER public key, as the enrolment answer carries it. */
  publicKey: string;
}

export const orderSigningKeyFileName = 'order-signing-key.pem';

export function loadOrCreateOrderSigningKey(dataDir: string): OrderSigningKey {
  const file = join(dataDir, orderSigningKeyFileName);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    try {
      // 'wx': two processes starting at once must not replace each other's key.
      writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  const privateKey = orderKeyFromPem(readFileSync(file, 'utf8'));
  return { privateKey, publicKey: orderKeyPublicBase64(privateKey) };
}

/** For an app built without a data folder (route tests): a key that lives as long as the process. */
export function ephemeralOrderSigningKey(): OrderSigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: orderKeyPublicBase64(privateKey) };
}
