import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { SeededRandom, seedFromText } from './random';

/**
 * Deterministic stand-ins for archived material scans: a small grey-scale PNG that looks like a page (a
 * header band and lines of "text"), different for every (code, seed). Drawn in code rather than with sharp
 * so that generating 1,000 sample people stays synchronous and quick; callers needing camera-sized JPEGs
 * can re-encode these with sharp.
 */

const pageWidth = 96;
const pageHeight = 128;

const crcTable = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export const sampleMaterialMime = 'image/png';

/** The PNG bytes of one sample material page. Same inputs, same bytes, on every machine. */
export function sampleMaterialBytes(code: string, seed: number): Buffer {
  const random = new SeededRandom(seedFromText(`${code}:${seed}`));
  const headerShade = 40 + (seedFromText(code) % 120);
  const stride = pageWidth + 1; // each row starts with its filter byte (0: none)
  const pixels = Buffer.alloc(stride * pageHeight, 255);
  for (let y = 0; y < pageHeight; y += 1) {
    pixels[y * stride] = 0;
    const isHeader = y >= 6 && y < 18;
    const isTextLine = y >= 26 && y < pageHeight - 8 && y % 7 < 2;
    if (isHeader) pixels.fill(headerShade, y * stride + 7, y * stride + pageWidth - 5);
    if (isTextLine) {
      // Words of dark pixels separated by gaps, a different line length per row.
      const lineEnd = random.int(30, pageWidth - 8);
      for (let x = 8; x < lineEnd; x += random.int(3, 9)) {
        pixels.fill(70, y * stride + 1 + x, y * stride + 1 + Math.min(lineEnd, x + random.int(2, 6)));
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pageWidth, 0);
  header.writeUInt32BE(pageHeight, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grey-scale, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
