import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normalisePage } from '../../../drivers/scanner/normalise-page';

/** A landscape test card: left half red, right half blue, so a rotation shows where red went. */
async function halfAndHalf(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="${width / 2}" height="${height}" fill="#ff0000"/>
    <rect x="${width / 2}" width="${width / 2}" height="${height}" fill="#0000ff"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
}

const isRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 80 && b < 80;
const isBlue = ([r, g, b]: [number, number, number]) => b > 180 && r < 80 && g < 80;

/** Random pixels compress badly: a worst case for the byte cap. */
async function noiseJpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = seed >> 23;
  }
  const image = sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 });
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
}

describe('page normaliser', () => {
  it('turns a page upright from its EXIF orientation and drops the metadata', async () => {
    const landscape = await halfAndHalf(400, 300);
    const tagged = await sharp(landscape).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const page = await normalisePage(tagged);
    expect([page.width, page.height]).toEqual([300, 400]);
    // Orientation 6 = rotate 90° clockwise to display: the left (red) half ends on top.
    expect(isRed(await pixel(page.bytes, 150, 50))).toBe(true);
    expect(isBlue(await pixel(page.bytes, 150, 350))).toBe(true);
    expect((await sharp(page.bytes).metadata()).orientation).toBeUndefined();
  });

  it('applies the applicant’s explicit quarter turns', async () => {
    const page = await normalisePage(await halfAndHalf(400, 300), 270);
    expect([page.width, page.height]).toEqual([300, 400]);
    expect(isBlue(await pixel(page.bytes, 150, 50))).toBe(true);
    const flipped = await normalisePage(await halfAndHalf(400, 300), 180);
    expect(isBlue(await pixel(flipped.bytes, 50, 150))).toBe(true);
  });

  it('caps the long edge and keeps small pages at their size', async () => {
    const big = await normalisePage(await halfAndHalf(4000, 3000));
    expect(Math.max(big.width, big.height)).toBe(2480);
    expect(big.width / big.height).toBeCloseTo(4 / 3, 2);
    const small = await normalisePage(await halfAndHalf(1000, 700));
    expect([small.width, small.height]).toEqual([1000, 700]);
  });

  it('lowers the quality step by step to meet the byte cap', async () => {
    const page = await normalisePage(await noiseJpeg(1600, 1200), 0, {
      format: 'jpeg',
      maxLongEdgePx: 2480,
      maxBytes: 600_000,
    });
    expect(page.bytes.length).toBeLessThanOrEqual(600_000);
    expect(page.quality).toBeLessThan(82);
    expect(page.mime).toBe('image/jpeg');
  });

  it('shrinks the page when even the lowest quality is too big', async () => {
    const page = await normalisePage(await noiseJpeg(1600, 1200), 0, {
      format: 'jpeg',
      maxLongEdgePx: 2480,
      maxBytes: 150_000,
    });
    expect(page.bytes.length).toBeLessThanOrEqual(150_000);
    expect(page.width).toBeLessThan(1600);
  });

  it('writes WebP, with the SHA-256 of exactly the returned bytes', async () => {
    const page = await normalisePage(await halfAndHalf(800, 600), 0, {
      format: 'webp',
      maxLongEdgePx: 2480,
      maxBytes: 600_000,
    });
    expect(page.mime).toBe('image/webp');
    expect((await sharp(page.bytes).metadata()).format).toBe('webp');
    expect(page.sha256).toBe(createHash('sha256').update(page.bytes).digest('hex'));
  });

  it('rejects bytes that are not an image', async () => {
    await expect(normalisePage(Buffer.from('not an image'))).rejects.toThrow();
  });
});
