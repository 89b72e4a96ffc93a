/**
 * The central intake's X25519 key: kiosks seal form values and profiles for it (kernel/sealed-envelope.ts).
 * Made at first start in the keys folder beside the data (0600, never overwritten; several central
 * processes behind one database share the folder), its public half handed to each kiosk at enrolment.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSealingKeyPair, sealingPublicKeyOf } from '../../kernel/sealed-envelope';

export interface IntakeSealingKey {
  privateKey: KeyObject;
  /** Base64 of the SPKI DER public key, as the enrolment answer carries it. */
  publicKey: string;
}

export const intakeSealingKeyFileName = 'intake-sealing-key.pem';

export function loadOrCreateIntakeSealingKey(keysDir: string): IntakeSealingKey {
  const file = join(keysDir, intakeSealingKeyFileName);
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting at once must not replace each other's key.
    writeFileSync(file, generateSealingKeyPair().privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  return fromPem(readFileSync(file, 'utf8'));
}

/** For an app built without a data folder (route tests): a key that lives as long as the process. */
export function ephemeralIntakeSealingKey(): IntakeSealingKey {
  return fromPem(generateSealingKeyPair().privateKeyPem);
}

function fromPem(pem: string): IntakeSealingKey {
  return { privateKey: createPrivateKey(pem), publicKey: sealingPublicKeyOf(pem) };
}
