import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createResponseParser, encodeCardRecord, encodeResponse } from '../../../drivers/idcard/codec';
import { frameProperties } from './frame-properties';

// The fuzz bench (tests/bench/idcard-fuzz.bench.ts) runs the same properties 100,000+ times.
const numRuns = 1000;

describe('FrameParser properties', () => {
  it('random bytes in random chunks never throw and yield only well-formed frames', () => {
    fc.assert(frameProperties.randomBytes, { numRuns });
  });

  it('merged valid frames split anywhere come out exactly, with no errors', () => {
    fc.assert(frameProperties.mergedAndSplit, { numRuns });
  });

  it('every valid frame after garbage, truncated, bit-flipped or bad-checksum frames is still found', () => {
    fc.assert(frameProperties.damagedStream, { numRuns: 2000 });
  });

  it('streams with flipped bits never throw', () => {
    fc.assert(frameProperties.flippedBits, { numRuns });
  });

  it('a full 1295-byte read reply split at every position is found exactly once', () => {
    const record = encodeCardRecord(
      { text: Buffer.alloc(256, 0x20), photo: Buffer.alloc(1024, 0x5a) },
      false,
    );
    const frame = encodeResponse(0x90, record);
    for (let at = 0; at <= frame.length; at++) {
      const parser = createResponseParser();
      const items = [...parser.push(frame.subarray(0, at)), ...parser.push(frame.subarray(at))];
      expect(items.map((i) => i.kind)).toEqual(['frame']);
    }
  });
});
