/**
 * SAM frame layout (GA/T 467): PREAMBLE | LEN (2, big-endian) | body | CHK.
 * LEN counts body + CHK; CHK is the XOR of LEN1..last body byte (the preamble is not included).
 */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
export const PREAMBLE_LENGTH = PREAMBLE.length;
/** Preamble + 2 length bytes. */
export const HEADER_LENGTH = PREAMBLE_LENGTH + 2;

/** XOR of bytes[start, end): the frame checksum when given LEN1..last body byte. */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let chk = 0;
  for (let i = start; i < end; i++) chk ^= bytes[i]!;
  return chk;
}

/** A whole frame around `body` (command: CMD PARA DATA; response: SW1 SW2 SW3 DATA). */
export function encodeFrame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`frame body too long: ${body.length} bytes`);
  const frame = Buffer.alloc(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame.writeUInt16BE(len, PREAMBLE_LENGTH);
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, PREAMBLE_LENGTH, frame.length - 1);
  return frame;
}
