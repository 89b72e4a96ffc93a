import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  type DocumentLanguage,
  renderApplicationFormPdf,
  renderReceiptPdf,
  SAMPLE_PROGRESS_URL,
  sampleApplicationForm,
  sampleReceipt,
} from '../../../drivers/printer/documents/index';
import { compareWithApproved, pdfToPngPages } from './approved-images';

const languages: DocumentLanguage[] = ['zh-Hans', 'zh-Hant', 'en'];
/** At most 0.2% of pixels may differ (anti-aliasing across poppler/freetype builds). */
const MAX_DIFFERING_SHARE = 0.002;

async function decodeQr(png: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)
    ?.data;
}

describe('printable documents', () => {
  for (const language of languages) {
    describe(language, () => {
      it('renders the 80 mm receipt as approved, with a QR code that reads back the progress URL', async () => {
        const pdf = await renderReceiptPdf(sampleReceipt(language), '80mm');
        const pages = await pdfToPngPages(pdf, 150);
        expect(pages).toHaveLength(1);
        const difference = await compareWithApproved(`receipt-80mm-${language}`, pages[0]!);
        expect(difference.sameSize).toBe(true);
        expect(difference.differingShare).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
        expect(await decodeQr(pages[0]!)).toBe(SAMPLE_PROGRESS_URL);
      });

      it('renders the A4 receipt as approved', async () => {
        const pdf = await renderReceiptPdf(sampleReceipt(language), 'a4');
        const pages = await pdfToPngPages(pdf, 72);
        expect(pages).toHaveLength(1);
        const difference = await compareWithApproved(`receipt-a4-${language}`, pages[0]!);
        expect(difference.sameSize).toBe(true);
        expect(difference.differingShare).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
        const sharper = await pdfToPngPages(pdf, 150);
        expect(await decodeQr(sharper[0]!)).toBe(SAMPLE_PROGRESS_URL);
      });

      it('renders the filled application form with the signature as approved', async () => {
        const pdf = await renderApplicationFormPdf(await sampleApplicationForm(language));
        const pages = await pdfToPngPages(pdf, 72);
        expect(pages).toHaveLength(1);
        const difference = await compareWithApproved(`application-form-${language}`, pages[0]!);
        expect(difference.sameSize).toBe(true);
        expect(difference.differingShare).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
      });
    });
  }

  it('renders the same bytes for the same data (fixed creation date, no random ids)', async () => {
    const first = await renderReceiptPdf(sampleReceipt('zh-Hans'), '80mm');
    const second = await renderReceiptPdf(sampleReceipt('zh-Hans'), '80mm');
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it('embeds a subset of the CJK font, keeping the receipt small', async () => {
    const pdf = await renderReceiptPdf(sampleReceipt('zh-Hans'), '80mm');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(pdf.length).toBeLessThan(80 * 1024);
  });

  it('moves a long form onto more pages, each with its page number', async () => {
    const form = await sampleApplicationForm('zh-Hans', false);
    const rows = Array.from({ length: 60 }, (_, i) => ({
      label: `第 ${i + 1} 项`,
      value: '内容'.repeat(10 + (i % 7)),
    }));
    const pdf = await renderApplicationFormPdf({ ...form, sections: [{ title: '附加信息', rows }] });
    const pages = await pdfToPngPages(pdf, 30);
    expect(pages.length).toBeGreaterThan(1);
  });
});
