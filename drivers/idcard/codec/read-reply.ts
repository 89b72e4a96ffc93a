import { err, ok, type Result } from '../../../kernel/result';

/** Sizes inside a read reply (30 01 / 30 10): text and photo are fixed by GA/T 467. */
export const TEXT_LENGTH = 256;
export const PHOTO_LENGTH = 1024;

/** The data part of a read reply, split into its blocks. */
export interface CardRecord {
  readonly text: Buffer;
  /** WLT-compressed photo, kept as received. */
  readonly photo: Buffer;
  /** Fingerprint data (30 10 only); empty when the card or the command has none. */
  readonly fingerprint: Buffer;
}

export type CardRecordResult = Result<CardRecord, 'malformed_read_reply'>;

/**
 * Split the data of a read reply. `withFingerprint` is true for 30 10, whose header carries a third
 * length. Lengths that do not add up give a reason, never an exception.
 */
export function parseCardRecord(data: Buffer, withFingerprint: boolean): CardRecordResult {
  const headerLength = withFingerprint ? 6 : 4;
  if (data.length < headerLength)
    return err('malformed_read_reply', `read reply data too short (${data.length} bytes)`);
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  const fingerprintLength = withFingerprint ? data.readUInt16BE(4) : 0;
  if (textLength !== TEXT_LENGTH)
    return err('malformed_read_reply', `text length ${textLength}, expected ${TEXT_LENGTH}`);
  const expected = headerLength + textLength + photoLength + fingerprintLength;
  if (data.length !== expected)
    return err('malformed_read_reply', `read reply data is ${data.length} bytes, header says ${expected}`);
  const textEnd = headerLength + textLength;
  const photoEnd = textEnd + photoLength;
  return ok({
    text: data.subarray(headerLength, textEnd),
    photo: data.subarray(textEnd, photoEnd),
    fingerprint: data.subarray(photoEnd, photoEnd + fingerprintLength),
  });
}

/** The data of a read reply (the simulator's side). */
export function encodeCardRecord(
  record: { text: Uint8Array; photo: Uint8Array; fingerprint?: Uint8Array },
  withFingerprint: boolean,
): Buffer {
  const fingerprint = withFingerprint ? (record.fingerprint ?? new Uint8Array(0)) : new Uint8Array(0);
  const headerLength = withFingerprint ? 6 : 4;
  const out = Buffer.alloc(headerLength + record.text.length + record.photo.length + fingerprint.length);
  out.writeUInt16BE(record.text.length, 0);
  out.writeUInt16BE(record.photo.length, 2);
  if (withFingerprint) out.writeUInt16BE(fingerprint.length, 4);
  out.set(record.text, headerLength);
  out.set(record.photo, headerLength + record.text.length);
  out.set(fingerprint, headerLength + record.text.length + record.photo.length);
  return out;
}
