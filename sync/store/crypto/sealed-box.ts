import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WrongKeyError } from '../errors';

/**
 * AES-256-GCM envelope for personal fields and material files:
 *   [format 0x01][key generation u8][iv 12][tag 16][ciphertext]
 * The context string is bound as additional authenticated data so a sealed value copied into
 * another row or column (e.g. swapping two people's profiles) fails to open.
 */
const formatVersion = 1;
const ivLength = 12;
const tagLength = 16;
const headerLength = 2 + ivLength + tagLength;

export class SealedBox {
  readonly #key: Buffer;
  readonly generation: number;

  constructor(key: Buffer, generation: number) {
    if (key.length !== 32) throw new Error('SealedBox needs a 32-byte key');
    if (!Number.isInteger(generation) || generation < 1 || generation > 255) {
      throw new Error('key generation must be 1..255');
    }
    this.#key = key;
    this.generation = generation;
  }

  seal(plaintext: Buffer, context: string): Buffer {
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = cipher.update(plaintext);
    const tail = cipher.final();
    const out = Buffer.allocUnsafe(headerLength + body.length + tail.length);
    out[0] = formatVersion;
    out[1] = this.generation;
    iv.copy(out, 2);
    cipher.getAuthTag().copy(out, 2 + ivLength);
    body.copy(out, headerLength);
    tail.copy(out, headerLength + body.length);
    return out;
  }

  open(sealed: Uint8Array, context: string): Buffer {
    const box = Buffer.isBuffer(sealed)
      ? sealed
      : Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (box.length < headerLength || box[0] !== formatVersion) {
      throw new WrongKeyError('sealed value has an unknown format');
    }
    if (box[1] !== this.generation) {
      throw new WrongKeyError(
        `sealed value uses key generation ${box[1]}, this store has ${this.generation}`,
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, box.subarray(2, 2 + ivLength));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(box.subarray(2 + ivLength, headerLength));
    try {
      const body = decipher.update(box.subarray(headerLength));
      const tail = decipher.final();
      return tail.length === 0 ? body : Buffer.concat([body, tail]);
    } catch (error) {
      throw new WrongKeyError('sealed value failed authentication (wrong key or tampered data)', {
        cause: error,
      });
    }
  }

  sealJson(value: unknown, context: string): Buffer {
    return this.seal(Buffer.from(JSON.stringify(value), 'utf8'), context);
  }

  openJson(sealed: Uint8Array, context: string): unknown {
    return JSON.parse(this.open(sealed, context).toString('utf8'));
  }
}
