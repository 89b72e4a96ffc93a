/** The frame parser's properties, run by the unit suite (a few thousand cases) and the fuzz bench (100,000+). */
import fc from 'fast-check';
import { createResponseParser, encodeFrame, type ParserItem } from '../../../drivers/idcard/codec';
import { cutsArb, damagedStreamArb, splitAt, validFrameArb } from './frame-arbitraries';

function feed(chunks: readonly Buffer[], flush = true): ParserItem[] {
  const parser = createResponseParser();
  const items: ParserItem[] = [];
  for (const chunk of chunks) items.push(...parser.push(chunk));
  if (flush) items.push(...parser.flush());
  return items;
}

const bodiesOf = (items: readonly ParserItem[]) =>
  items.flatMap((i) => (i.kind === 'frame' ? [i.frame.body.toString('hex')] : []));
const bodyOf = (frame: Buffer) => frame.subarray(7, frame.length - 1).toString('hex');

/** Every frame yielded is really on the line: its re-encoded bytes (with a good checksum) occur in the stream. */
function framesAreOnTheLine(items: readonly ParserItem[], stream: Buffer): boolean {
  return items.every(
    (i) => i.kind === 'error' || (i.frame.body.length >= 3 && stream.includes(encodeFrame(i.frame.body))),
  );
}

/** True if `needles` occur in `haystack` in order (other items may come between). */
function isSubsequence(needles: readonly string[], haystack: readonly string[]): boolean {
  let at = 0;
  for (const item of haystack) if (at < needles.length && item === needles[at]) at++;
  return at === needles.length;
}

export const frameProperties = {
  /** Random bytes in random chunks: no throw, only well-formed frames. */
  randomBytes: fc.property(fc.uint8Array({ maxLength: 3000 }), cutsArb, (bytes, cuts) => {
    const stream = Buffer.from(bytes);
    return framesAreOnTheLine(feed(splitAt(stream, cuts)), stream);
  }),

  /** Valid frames merged into one stream and split anywhere: exactly those frames, no errors. */
  mergedAndSplit: fc.property(
    fc.array(validFrameArb, { minLength: 1, maxLength: 6 }),
    cutsArb,
    (frames, cuts) => {
      const items = feed(splitAt(Buffer.concat(frames), cuts));
      const errors = items.filter((i) => i.kind === 'error');
      return errors.length === 0 && JSON.stringify(bodiesOf(items)) === JSON.stringify(frames.map(bodyOf));
    },
  ),

  /** Garbage, truncated, bit-flipped and bad-checksum frames before each valid frame: every valid one still found, in order. */
  damagedStream: fc.property(damagedStreamArb, ({ parts, cuts }) => {
    const stream = Buffer.concat(parts.flatMap((p) => [...p.garbage, p.frame]));
    const items = feed(splitAt(stream, cuts));
    return (
      framesAreOnTheLine(items, stream) &&
      isSubsequence(
        parts.map((p) => bodyOf(p.frame)),
        bodiesOf(items),
      )
    );
  }),

  /** Any stream with bits flipped anywhere: no throw, and no frame yielded that is not on the line. */
  flippedBits: fc.property(
    fc.array(validFrameArb, { minLength: 1, maxLength: 4 }),
    fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), {
      minLength: 1,
      maxLength: 8,
    }),
    cutsArb,
    (frames, flips, cuts) => {
      const stream = Buffer.concat(frames);
      for (const { at, bit } of flips) stream[at % stream.length]! ^= 1 << bit;
      return framesAreOnTheLine(feed(splitAt(stream, cuts)), stream);
    },
  ),
};

export type FramePropertyName = keyof typeof frameProperties;
