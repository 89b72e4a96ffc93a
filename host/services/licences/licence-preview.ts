import sharp from 'sharp';
import { documentFonts } from '../../../drivers/printer/documents/fonts';
import type { ElectronicLicence } from '../../../sync/protocol/electronic-licences';
import { licencePageTitle, licenceRows } from './licence-page';

/**
 * A picture of a licence's page, for the thumbnail and the enlarged view before the applicant agrees
 * to use it (the image library draws no PDF). The same layout as the PDF, its text drawn as the embedded
 * font's glyph outlines, so it looks the same on a kiosk without CJK system fonts.
 */

/** What fontkit's layout gives (its package has no types; see drivers/printer/documents/fontkit.d.ts). */
interface GlyphRun {
  glyphs: { path: { toSVG(): string } }[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
}
interface OutlineFont {
  unitsPerEm: number;
  layout(text: string): unknown;
}

function textOutline(
  font: OutlineFont,
  text: string,
  x: number,
  baseline: number,
  size: number,
  align: 'left' | 'center',
  width = 0,
): string {
  const run = font.layout(text) as GlyphRun;
  const scale = size / font.unitsPerEm;
  const advance = run.positions.reduce((sum, position) => sum + position.xAdvance, 0) * scale;
  let pen = align === 'center' ? x + (width - advance) / 2 : x;
  const paths: string[] = [];
  run.glyphs.forEach((glyph, index) => {
    const position = run.positions[index]!;
    const outline = glyph.path.toSVG();
    if (outline)
      paths.push(
        `<path transform="translate(${(pen + position.xOffset * scale).toFixed(2)} ${(baseline - position.yOffset * scale).toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${outline}"/>`,
      );
    pen += position.xAdvance * scale;
  });
  return paths.join('');
}

const page = { width: 595, height: 842, margin: 56 };

export function licencePreviewSvg(licence: ElectronicLicence): string {
  const fonts = documentFonts();
  const regular = fonts.regular as unknown as OutlineFont;
  const bold = fonts.bold as unknown as OutlineFont;
  const inner = page.width - 2 * page.margin;
  const rows = licenceRows(licence);
  const compact = rows.length > 24;
  const size = compact ? 9 : 12;
  const step = size * 1.4 + (compact ? 3 : 10);
  const parts = [
    `<rect width="${page.width}" height="${page.height}" fill="white"/>`,
    `<rect x="${page.margin}" y="${page.margin}" width="${inner}" height="34" fill="none" stroke="#b22222" stroke-width="1.5"/>`,
    `<g fill="#b22222">${textOutline(bold, '电子证照', page.margin, page.margin + 23, 16, 'center', inner)}</g>`,
    `<g fill="black">${textOutline(bold, licencePageTitle(licence), page.margin, page.margin + 80, 24, 'center', inner)}</g>`,
  ];
  let baseline = page.margin + 112 + size;
  for (const [label, value] of rows) {
    parts.push(`<g fill="#555555">${textOutline(regular, label, page.margin, baseline, size, 'left')}</g>`);
    parts.push(
      `<g fill="black">${textOutline(regular, value, page.margin + 140, baseline, size, 'left')}</g>`,
    );
    baseline += step;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${page.width}" height="${page.height}" viewBox="0 0 ${page.width} ${page.height}">${parts.join('')}</svg>`;
}

/** The page as a JPEG of the given width. */
export function licencePreviewJpeg(licence: ElectronicLicence, width: number): Promise<Buffer> {
  return sharp(Buffer.from(licencePreviewSvg(licence)), { density: (72 * width) / page.width })
    .resize({ width })
    .jpeg({ quality: 80 })
    .toBuffer();
}
