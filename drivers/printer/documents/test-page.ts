import { dividerBlock, drawBlocks, measureBlocks, qrBlock, textBlock } from './layout';
import { createPdfDocument, finishPdf, measuringDocument } from './pdf-document';
import type { PaperSize, TestPageData } from './types';
import { documentWords, formatDateTime } from './words';

const MM = 72 / 25.4;

/** A short page a technician prints to check the printer: words in the three scripts and a QR code. */
export async function renderTestPagePdf(data: TestPageData, paper: PaperSize): Promise<Buffer> {
  const words = documentWords(data.language);
  const pageWidth = paper === '80mm' ? 80 * MM : 210 * MM;
  const margin = paper === '80mm' ? 4 * MM : 30 * MM;
  const width = pageWidth - 2 * margin;
  const blocks = [
    textBlock(words.testPage, { size: 16, bold: true, align: 'center', gapAfter: 4 }),
    textBlock(`${words.printer}: ${data.printerName}`, { size: 9, align: 'center' }),
    textBlock(formatDateTime(data.printedAt, data.timeZone), { size: 9, align: 'center' }),
    dividerBlock(10),
    textBlock('受理回执 排队号 请到 5 号窗口\n受理回執 排隊號 請到 5 號窗口\nAcceptance receipt 0123456789', {
      size: 10,
      align: 'center',
      gapAfter: 6,
    }),
    qrBlock('hall-kiosk test page', 25 * MM, 6),
    textBlock(words.testPageLine, { size: 9, align: 'center' }),
  ];
  const height =
    paper === '80mm' ? Math.ceil(measureBlocks(measuringDocument(), blocks, width) + 2 * margin) : 297 * MM;
  const doc = createPdfDocument(words.testPage, data.printedAt);
  doc.addPage({ size: [pageWidth, height], margin: 0 });
  drawBlocks(doc, blocks, margin, margin, width);
  return finishPdf(doc);
}
