/** fast-check generators for SAM frames and line damage, shared by the property tests and the fuzz bench. */
import fc from 'fast-check';
import { encodeFrame, encodeResponse } from '../../../drivers/idcard/codec';

/** A valid response frame: SW1 SW2 SW3 + data (sizes up to a full read reply). */
export const validFrameArb: fc.Arbitrary<Buffer> = fc
  .oneof(
    { arbitrary: fc.uint8Array({ minLength: 0, maxLength: 64 }), weight: 6 },
    { arbitrary: fc.uint8Array({ minLength: 1280, maxLength: 1292 }), weight: 1 },
  )
  .chain((data) => fc.integer({ min: 0, max: 255 }).map((sw3) => encodeResponse(sw3, data)));

/** Bytes that are not a frame but may look like the start of one. */
export const garbageArb: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b)),
  // A frame cut short.
  validFrameArb.chain((frame) =>
    fc.integer({ min: 1, max: frame.length - 1 }).map((cut) => frame.subarray(0, cut)),
  ),
  // A frame with one bit flipped (in the preamble, LEN, body or checksum).
  validFrameArb.chain((frame) =>
    fc
      .record({ at: fc.integer({ min: 0, max: frame.length - 1 }), bit: fc.integer({ min: 0, max: 7 }) })
      .map(({ at, bit }) => {
        const bad = Buffer.from(frame);
        bad[at]! ^= 1 << bit;
        return bad;
      }),
  ),
  // A frame whose checksum byte is wrong.
  validFrameArb.chain((frame) =>
    fc.integer({ min: 1, max: 255 }).map((delta) => {
      const bad = Buffer.from(frame);
      bad[bad.length - 1] = (bad[bad.length - 1]! + delta) & 0xff;
      return bad;
    }),
  ),
  // A bare preamble, or one with an arbitrary LEN and a few bytes.
  fc
    .uint8Array({ minLength: 0, maxLength: 12 })
    .map((tail) => Buffer.concat([Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]), tail])),
  fc.constant(Buffer.from([0xaa, 0xaa, 0xaa])),
);

/** Cut `bytes` into chunks at the given (sorted, deduplicated) positions. */
export function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const positions = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const at of positions) {
    chunks.push(bytes.subarray(from, at));
    from = at;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

export const cutsArb = fc.array(fc.nat({ max: 1 << 16 }), { maxLength: 24 });

/** Garbage before each of several valid frames, the whole stream cut into chunks. */
export const damagedStreamArb = fc.record({
  parts: fc.array(fc.record({ garbage: fc.array(garbageArb, { maxLength: 3 }), frame: validFrameArb }), {
    minLength: 1,
    maxLength: 5,
  }),
  cuts: cutsArb,
});

export function frameFromBody(body: Uint8Array): Buffer {
  return encodeFrame(body);
}
