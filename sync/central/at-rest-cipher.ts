/**
 * Envelope encryption of the central's personal data at rest (profiles, case payloads, materials).
 * Every value gets its own random data key (AES-256-GCM); the data key is stored wrapped by the
 * central's master key (AES-256-GCM again), so a copy of the database file reveals nothing and a new
 * master key re-wraps 48-byte data keys instead of re-encrypting every document. The context string
 * (for example `profile:<keyedHash>`) is bound as associated data: a sealed value moved to another
 * row does not open.
 *
 * Both storage implementations (SQLite and PostgreSQL) take an AtRestCipher and store sealed bytes.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

export interface AtRestCipher {
  /** Seals bytes for one place (the context); the result carries everything but the master key. */
  seal(plain: Uint8Array, context: string): Buffer;
  /** Opens what seal made for the same context; throws AtRestCipherError when it was not. */
  open(sealed: Uint8Array, context: string): Buffer;
}

export class AtRestCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AtRestCipherError';
  }
}

const formatVersion = 1;
const ivBytes = 12;
const tagBytes = 16;
const keyBytes = 32;
/** version | key id (4) | wrap iv | wrap tag | wrapped data key | data iv | data tag | ciphertext */
const headerBytes = 1 + 4 + ivBytes + tagBytes + keyBytes + ivBytes + tagBytes;

function gcmSeal(key: Buffer, plain: Uint8Array, aad: Buffer): { iv: Buffer; tag: Buffer; body: Buffer } {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

function gcmOpen(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** The master key's id: the first 4 bytes of a keyed tag, so a value names the key that wrapped it. */
function keyIdOf(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('hall-kiosk/at-rest/key-id').digest().subarray(0, 4);
}

/**
 * An envelope cipher over a master key. Older master keys may be given too (after a rotation): values
 * they wrapped still open; new values are wrapped by the first key.
 */
export function createEnvelopeCipher(masterKey: Buffer, olderKeys: readonly Buffer[] = []): AtRestCipher {
  for (const key of [masterKey, ...olderKeys]) {
    if (key.byteLength !== keyBytes) throw new AtRestCipherError('a master key must be 32 bytes');
  }
  const keys = [masterKey, ...olderKeys].map((key) => ({ key, id: keyIdOf(key) }));
  const current = keys[0]!;
  return {
    seal(plain, context) {
      const aad = Buffer.from(context, 'utf8');
      const dataKey = randomBytes(keyBytes);
      const wrapped = gcmSeal(current.key, dataKey, aad);
      const sealed = gcmSeal(dataKey, plain, aad);
      dataKey.fill(0);
      return Buffer.concat([
        Buffer.from([formatVersion]),
        current.id,
        wrapped.iv,
        wrapped.tag,
        wrapped.body,
        sealed.iv,
        sealed.tag,
        sealed.body,
      ]);
    },
    open(sealedValue, context) {
      const sealed = Buffer.from(sealedValue.buffer, sealedValue.byteOffset, sealedValue.byteLength);
      if (sealed.byteLength < headerBytes || sealed[0] !== formatVersion) {
        throw new AtRestCipherError(`the value stored for ${context.split(':')[0]} is not sealed data`);
      }
      let at = 1;
      const take = (n: number) => {
        const part = sealed.subarray(at, at + n);
        at += n;
        return part;
      };
      const keyId = take(4);
      const wrapIv = take(ivBytes);
      const wrapTag = take(tagBytes);
      const wrappedKey = take(keyBytes);
      const iv = take(ivBytes);
      const tag = take(tagBytes);
      const body = sealed.subarray(at);
      const master = keys.find((k) => k.id.equals(keyId));
      if (!master)
        throw new AtRestCipherError('a stored value was sealed under a master key this server does not hold');
      const aad = Buffer.from(context, 'utf8');
      try {
        const dataKey = gcmOpen(master.key, wrapIv, wrapTag, wrappedKey, aad);
        const plain = gcmOpen(dataKey, iv, tag, body, aad);
        dataKey.fill(0);
        return plain;
      } catch {
        throw new AtRestCipherError(
          `a stored value for ${context.split(':')[0]} does not open: it was altered or belongs elsewhere`,
        );
      }
    },
  };
}

/** JSON through the cipher. */
export function sealJson(cipher: AtRestCipher, value: unknown, context: string): Buffer {
  return cipher.seal(Buffer.from(JSON.stringify(value), 'utf8'), context);
}

export function openJson(cipher: AtRestCipher, sealed: Uint8Array, context: string): unknown {
  return JSON.parse(cipher.open(sealed, context).toString('utf8'));
}

/** Where the master key lives by default: beside the data folder, never in it (a copy of it alone reveals nothing). */
export function defaultMasterKeyFile(dataDir: string): string {
  return `${resolve(dataDir)}-keys/master-key`;
}

/**
 * Reads the master key, or creates it (0600, its folder 0700) on first start. Refuses a key file inside
 * the data folder: a backup or copy of the data would then carry its own key.
 */
export function loadOrCreateMasterKey(file: string, dataDir: string): Buffer {
  const inside = relative(resolve(dataDir), resolve(file));
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new AtRestCipherError(
      `the master key file ${file} is inside the data folder ${dataDir}: put it elsewhere (--key-file)`,
    );
  }
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.byteLength !== keyBytes)
      throw new AtRestCipherError(`${file} does not hold a 32-byte master key`);
    chmodSync(file, 0o600);
    return key;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': two central processes starting at once must not replace each other's key.
    writeFileSync(file, `${randomBytes(keyBytes).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return loadOrCreateMasterKey(file, dataDir);
}
