import { createHmac } from 'node:crypto';

/**
 * How a person is named wherever an ID number may not be: HMAC-SHA256 under the hall's look-up key of
 * the normalised number. Kiosk store, sync and central server must normalise alike, or a person cached
 * on one side is never found on the other.
 */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

export function keyedHashOfIdNumber(lookupKey: Buffer, idNumber: string): Buffer {
  return createHmac('sha256', lookupKey).update(normaliseIdNumber(idNumber), 'utf8').digest();
}

/** The hex form used on the wire (central API `keyedHash`). */
export function keyedHashHex(lookupKey: Buffer, idNumber: string): string {
  return keyedHashOfIdNumber(lookupKey, idNumber).toString('hex');
}
