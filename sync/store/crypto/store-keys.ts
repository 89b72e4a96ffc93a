import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { keyedHashOfIdNumber } from '../../../kernel/keyed-hash';
import { WrongKeyError } from '../errors';
import { SealedBox } from './sealed-box';

/**
 * Keys derived from the one random data key: an AES-256-GCM key for sealing and a separate
 * HMAC key for ID-number look-ups (so a leak of look-up hashes says nothing about the sealing
 * key), plus a key check value stored in settings to tell "wrong key" from "corrupt row".
 */
export class StoreKeys {
  readonly box: SealedBox;
  readonly #lookupKey: Buffer;
  readonly checkValue: string;

  /**
   * `hallLookupKey`: the hall-wide look-up key the central system hands out at enrolment. With it,
   * this kiosk's hashes equal the central system's keyed hashes, so form-free store deltas, appointments
   * and purge orders (which name people only by that hash) match local rows. Without it (tests, an
   * unenrolled kiosk) the key is derived from the data key.
   */
  constructor(dataKey: Buffer, generation: number, hallLookupKey?: Buffer) {
    if (dataKey.length !== 32) throw new WrongKeyError('data key must be 32 bytes');
    this.box = new SealedBox(derive(dataKey, `hall-kiosk/seal/v1/gen${generation}`), generation);
    // Not tied to the generation: re-sealing rows under a new generation must not change id_hash,
    // which cannot be recomputed without the ID numbers the store deliberately does not keep.
    this.#lookupKey = hallLookupKey ? Buffer.from(hallLookupKey) : derive(dataKey, 'hall-kiosk/id-lookup/v1');
    this.checkValue = createHmac('sha256', dataKey).update('hall-kiosk/key-check/v1').digest('base64');
  }

  /** HMAC-SHA256 of the normalised ID number: the only form in which an ID number is stored. */
  hashIdNumber(idNumber: string): Buffer {
    return keyedHashOfIdNumber(this.#lookupKey, idNumber);
  }

  matchesCheckValue(stored: string): boolean {
    const a = Buffer.from(stored, 'base64');
    const b = Buffer.from(this.checkValue, 'base64');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

function derive(dataKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
}
