import { PHOTO_LENGTH, TEXT_LENGTH } from '../codec/read-reply';

/** A UCS-2LE text block as a card stores it: fields at fixed byte offsets, space-padded. */
export class CardTextBuilder {
  readonly #text = Buffer.alloc(TEXT_LENGTH);

  constructor() {
    for (let i = 0; i < TEXT_LENGTH; i += 2) this.#text.writeUInt16LE(0x20, i);
  }

  /** Write `value` at byte `offset`, at most `bytes` long (longer values are cut, as a card would). */
  put(offset: number, bytes: number, value: string): this {
    const encoded = Buffer.from(value, 'utf16le').subarray(0, bytes);
    encoded.copy(this.#text, offset);
    return this;
  }

  build(): Buffer {
    return Buffer.from(this.#text);
  }
}

/** Deterministic filler bytes (xorshift32): stands in for photo and fingerprint data, not an image. */
export function syntheticBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export const SYNTHETIC_PHOTO_LENGTH = PHOTO_LENGTH;
