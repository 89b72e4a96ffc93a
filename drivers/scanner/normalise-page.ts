import { createHash } from 'node:crypto';
import sharp from 'sharp';

export type PageFormat = 'jpeg' | 'webp';
export type QuarterTurn = 0 | 90 | 180 | 270;

export interface PageLimits {
  readonly format: PageFormat;
  /** Long edge cap in pixels: 2480 is A4 at about 210 dpi, plenty for reading and archiving. */
  readonly maxLongEdgePx: number;
  readonly maxBytes: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { format: 'jpeg', maxLongEdgePx: 2480, maxBytes: 600_000 };

/** A captured page ready to store and upload (content-addressed by its SHA-256). */
export interface NormalisedPage {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly mime: 'image/jpeg' | 'image/webp';
  readonly width: number;
  readonly height: number;
  /** The encoder quality that met the size cap. */
  readonly quality: number;
}

const QUALITY_STEPS = [82, 75, 68, 60, 52, 45, 40];
/** When even the lowest quality is too big, the page shrinks by this much and tries again. */
const SHRINK = 0.8;
const MIN_LONG_EDGE = 800;

async function encode(
  raw: Buffer,
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 },
  format: PageFormat,
  quality: number,
): Promise<Buffer> {
  const image = sharp(raw, { raw: { width: info.width, height: info.height, channels: info.channels } });
  return format === 'jpeg'
    ? image.jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:2:0' }).toBuffer()
    : image.webp({ quality, effort: 2 }).toBuffer();
}

/**
 * A page from the document camera (JPEG/PNG from the renderer) or a scanner: turned upright (EXIF
 * orientation, then the applicant's explicit quarter turns), no larger than the long-edge cap, on
 * white, with metadata (GPS, camera) dropped, and encoded at the best quality under the byte cap.
 */
export async function normalisePage(
  input: Uint8Array,
  rotation: QuarterTurn = 0,
  limits: PageLimits = DEFAULT_PAGE_LIMITS,
): Promise<NormalisedPage> {
  let longEdge = limits.maxLongEdgePx;
  for (;;) {
    // Decode, orient and resize once per size; the quality steps re-encode the same pixels.
    const { data, info } = await sharp(input, { failOn: 'error' })
      .autoOrient()
      .rotate(rotation)
      .resize({ width: longEdge, height: longEdge, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const channels = info.channels as 1 | 2 | 3 | 4;
    const pixels = { width: info.width, height: info.height, channels };
    // Binary search over the quality steps (size falls as quality falls): 3 encodes instead of up to 7.
    let fitting: { bytes: Buffer; quality: number } | undefined;
    let low = 0;
    let high = QUALITY_STEPS.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const quality = QUALITY_STEPS[middle]!;
      const bytes = await encode(data, pixels, limits.format, quality);
      if (bytes.length <= limits.maxBytes) {
        fitting = { bytes, quality };
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    const lowest = QUALITY_STEPS.at(-1)!;
    if (!fitting && longEdge <= MIN_LONG_EDGE) {
      // The smallest page at the lowest quality is what the kiosk can do; it still gets stored.
      fitting = { bytes: await encode(data, pixels, limits.format, lowest), quality: lowest };
    }
    if (fitting) {
      return {
        bytes: fitting.bytes,
        sha256: createHash('sha256').update(fitting.bytes).digest('hex'),
        mime: limits.format === 'jpeg' ? 'image/jpeg' : 'image/webp',
        width: info.width,
        height: info.height,
        quality: fitting.quality,
      };
    }
    longEdge = Math.max(
      MIN_LONG_EDGE,
      Math.round(Math.min(longEdge, Math.max(info.width, info.height)) * SHRINK),
    );
  }
}
