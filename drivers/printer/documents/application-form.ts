import { BOLD, createPdfDocument, finishPdf, type PdfDoc, printable, REGULAR } from './pdf-document';
import type { ApplicationFormData, FormRow } from './types';
import { documentWords, formatDateTime } from './words';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { x: 20 * MM, top: 20 * MM, bottom: 22 * MM };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN.x;
const BOTTOM = PAGE.height - MARGIN.bottom;
const BODY = 11;
const LABEL_WIDTH = CONTENT_WIDTH * 0.3;
const CELL_PAD = 5;
const LINE_GAP = 2;
const BORDER = '#777777';

function rowHeight(doc: PdfDoc, row: FormRow): number {
  const label = doc
    .font(REGULAR)
    .fontSize(BODY)
    .heightOfString(row.label, { width: LABEL_WIDTH - 2 * CELL_PAD, lineGap: LINE_GAP });
  const value = doc
    .font(REGULAR)
    .fontSize(BODY)
    .heightOfString(row.value || ' ', {
      width: CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PAD,
      lineGap: LINE_GAP,
    });
  return Math.max(label, value) + 2 * CELL_PAD;
}

function drawRow(doc: PdfDoc, row: FormRow, y: number, height: number): void {
  doc.save().rect(MARGIN.x, y, LABEL_WIDTH, height).fillColor('#f0f0f0').fill().restore();
  doc.rect(MARGIN.x, y, CONTENT_WIDTH, height).lineWidth(0.5).strokeColor(BORDER).stroke();
  doc
    .moveTo(MARGIN.x + LABEL_WIDTH, y)
    .lineTo(MARGIN.x + LABEL_WIDTH, y + height)
    .stroke();
  doc
    .font(REGULAR)
    .fontSize(BODY)
    .fillColor('#222222')
    .text(row.label, MARGIN.x + CELL_PAD, y + CELL_PAD, {
      width: LABEL_WIDTH - 2 * CELL_PAD,
      lineGap: LINE_GAP,
    });
  doc
    .font(REGULAR)
    .fontSize(BODY)
    .fillColor('black')
    .text(row.value, MARGIN.x + LABEL_WIDTH + CELL_PAD, y + CELL_PAD, {
      width: CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PAD,
      lineGap: LINE_GAP,
    });
}

function printableForm(data: ApplicationFormData): ApplicationFormData {
  return {
    ...data,
    hallName: printable(data.hallName),
    title: printable(data.title),
    serviceItemName: printable(data.serviceItemName),
    sections: data.sections.map((section) => ({
      title: printable(section.title),
      rows: section.rows.map((row) => ({ label: printable(row.label), value: printable(row.value) })),
    })),
  };
}

/** The filled application form on A4: title, header facts, sections of label/value rows, signature. */
export async function renderApplicationFormPdf(input: ApplicationFormData): Promise<Buffer> {
  const data = printableForm(input);
  const words = documentWords(data.language);
  // Buffered pages: the "page n of N" footers are written once the page count is known.
  const doc = createPdfDocument(data.title, data.submittedAt, true);
  const newPage = (): number => {
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    return MARGIN.top;
  };
  let y = newPage();

  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor('#333333')
    .text(data.hallName, MARGIN.x, y, { width: CONTENT_WIDTH });
  y += doc.heightOfString(data.hallName, { width: CONTENT_WIDTH }) + 6;
  doc
    .font(BOLD)
    .fontSize(20)
    .fillColor('black')
    .text(data.title, MARGIN.x, y, { width: CONTENT_WIDTH, align: 'center' });
  y += doc.heightOfString(data.title, { width: CONTENT_WIDTH, align: 'center' }) + 10;

  const facts: FormRow[] = [
    { label: words.serviceItem, value: data.serviceItemName },
    ...(data.caseNumber ? [{ label: words.caseNumber, value: data.caseNumber }] : []),
    { label: words.submittedAt, value: formatDateTime(data.submittedAt, data.timeZone) },
  ];
  const sections = [{ title: '', rows: facts }, ...data.sections];

  for (const section of sections) {
    if (section.title) {
      doc.font(BOLD).fontSize(13);
      const titleHeight = doc.heightOfString(section.title, { width: CONTENT_WIDTH }) + 6;
      const firstRow = section.rows[0];
      const firstRowHeight = firstRow ? rowHeight(doc, firstRow) : 0;
      // Keep a section title with its first row.
      if (y + titleHeight + firstRowHeight > BOTTOM) y = newPage();
      y += 6;
      doc
        .font(BOLD)
        .fontSize(13)
        .fillColor('black')
        .text(section.title, MARGIN.x, y, { width: CONTENT_WIDTH });
      y += titleHeight;
    }
    for (const row of section.rows) {
      const height = rowHeight(doc, row);
      if (y + height > BOTTOM) y = newPage();
      drawRow(doc, row, y, height);
      y += height;
    }
    y += 8;
  }

  const signatureBox = { width: 60 * MM, height: 25 * MM };
  if (y + signatureBox.height + 30 > BOTTOM) y = newPage();
  y += 10;
  doc.font(BOLD).fontSize(BODY).fillColor('black').text(printable(words.applicantSignature), MARGIN.x, y);
  y += BODY * 1.6;
  const boxX = MARGIN.x;
  doc.rect(boxX, y, signatureBox.width, signatureBox.height).lineWidth(0.5).strokeColor(BORDER).stroke();
  if (data.signatureImage) {
    doc.image(Buffer.from(data.signatureImage), boxX + 4, y + 4, {
      fit: [signatureBox.width - 8, signatureBox.height - 8],
      align: 'center',
      valign: 'center',
    });
  } else {
    doc
      .font(REGULAR)
      .fontSize(BODY)
      .fillColor('#777777')
      .text(words.notSigned, boxX + 6, y + signatureBox.height / 2 - BODY / 2);
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const footer = words.pageOf(i + 1, range.count);
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor('#555555')
      .text(footer, MARGIN.x, PAGE.height - MARGIN.bottom + 8, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
  }
  return finishPdf(doc);
}
