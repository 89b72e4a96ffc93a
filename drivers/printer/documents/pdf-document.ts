import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { documentFonts } from './fonts';

export type PdfDoc = InstanceType<typeof PDFDocument>;

/** Font names registered on every document. */
export const REGULAR = 'NotoSansSC';
export const BOLD = 'NotoSansSC-Bold';

/**
 * A document with the embedded CJK fonts registered and a fixed creation date: the same data gives the
 * same PDF, which the approved-image tests rely on.
 */
export function createPdfDocument(title: string, createdAt: Date, bufferPages = false): PdfDoc {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages,
    compress: true,
    info: {
      Title: title,
      Creator: 'hall-kiosk',
      Producer: 'hall-kiosk',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const fonts = documentFonts();
  // pdfkit takes an already parsed fontkit font (anything with layout()); its types list only sources.
  doc.registerFont(REGULAR, fonts.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.bold as unknown as Buffer);
  return doc;
}

let measuring: { doc: PdfDoc; uses: number } | undefined;

/**
 * pdfkit measures text only on a document with a page; a roll receipt needs its height before its page
 * exists. One never-ended document serves the measuring, replaced now and then because pdfkit caches
 * every measured string's layout.
 */
export function measuringDocument(): PdfDoc {
  if (!measuring || measuring.uses >= 500) {
    const doc = createPdfDocument('measure', new Date(0));
    doc.addPage({ size: [1000, 100_000], margin: 0 });
    measuring = { doc, uses: 0 };
  }
  measuring.uses++;
  return measuring.doc;
}

export function finishPdf(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The QR modules for a text (error correction M: survives a smudged thermal print). */
export function qrModules(text: string): { size: number; isDark: (row: number, col: number) => boolean } {
  const matrix = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  return { size: matrix.size, isDark: (row, col) => matrix.data[row * matrix.size + col] === 1 };
}

/**
 * Draws the QR code as vector rectangles (one per horizontal run of dark modules): sharp at any printer
 * resolution and a few hundred bytes in the PDF. `side` excludes the 4-module quiet zone around it.
 */
export function drawQrCode(doc: PdfDoc, text: string, x: number, y: number, side: number): void {
  const { size, isDark } = qrModules(text);
  const module = side / size;
  doc.save();
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && isDark(row, col)) col++;
      doc.rect(x + start * module, y + row * module, (col - start) * module, module);
    }
  }
  doc.fillColor('black').fill();
  doc.restore();
}

/**
 * CJK fonts draw ’ as a full-width mark ("Nan’ an"); an apostrophe between Latin letters is printed as
 * the ASCII one, which the font draws narrow.
 */
export function printable(text: string): string {
  return text.replace(/(?<=[A-Za-z])[’‘](?=[A-Za-z])/g, "'");
}
