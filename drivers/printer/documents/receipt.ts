import { formatCaseNumber } from '../../../kernel/case-number';
import {
  type Block,
  dividerBlock,
  drawBlocks,
  labelValueBlock,
  measureBlocks,
  qrBlock,
  spaceBlock,
  textBlock,
} from './layout';
import { createPdfDocument, finishPdf, measuringDocument } from './pdf-document';
import type { PaperSize, ReceiptData } from './types';
import { documentWords, formatDateTime } from './words';

const MM = 72 / 25.4;

/** Type sizes and page geometry per paper, in points. */
interface ReceiptGeometry {
  readonly pageWidth: number;
  /** undefined: as long as the content (a roll). */
  readonly pageHeight?: number;
  readonly marginX: number;
  readonly marginY: number;
  readonly body: number;
  readonly title: number;
  readonly ticket: number;
  readonly window: number;
  readonly qr: number;
}

const geometry: Record<PaperSize, ReceiptGeometry> = {
  // 80 mm roll, 72 mm printable (the usual 576-dot head at 203 dpi).
  '80mm': {
    pageWidth: 80 * MM,
    marginX: 4 * MM,
    marginY: 4 * MM,
    body: 9,
    title: 14,
    ticket: 46,
    window: 14,
    qr: 30 * MM,
  },
  a4: {
    pageWidth: 210 * MM,
    pageHeight: 297 * MM,
    marginX: 30 * MM,
    marginY: 25 * MM,
    body: 13,
    title: 24,
    ticket: 84,
    window: 22,
    qr: 45 * MM,
  },
};

function receiptBlocks(data: ReceiptData, g: ReceiptGeometry): Block[] {
  const words = documentWords(data.language);
  const materials =
    data.materialsReceived.length > 0
      ? data.materialsReceived.map((m, i) => `${i + 1}. ${m}`).join('\n')
      : words.noMaterials;
  const queueLabel = data.priority ? `${words.queueNumber} · ${words.priorityTicket}` : words.queueNumber;
  return [
    textBlock(data.hallName, { size: g.body * 1.15, bold: true, align: 'center', gapAfter: g.body * 0.2 }),
    textBlock(words.acceptanceReceipt, {
      size: g.title,
      bold: true,
      align: 'center',
      gapAfter: g.body * 0.3,
    }),
    dividerBlock(g.body),
    textBlock(queueLabel, { size: g.body, align: 'center' }),
    textBlock(data.ticketNumber, { size: g.ticket, bold: true, align: 'center' }),
    ...(data.priorityReasons ?? []).map((reason) =>
      textBlock(words.priorityExplained[reason], { size: g.body, bold: true, align: 'center' }),
    ),
    textBlock(words.goToWindow(data.windowNumber), {
      size: g.window,
      bold: true,
      align: 'center',
      gapAfter: g.body * 0.2,
    }),
    textBlock(words.peopleAhead(data.peopleAhead), { size: g.body * 1.1, align: 'center' }),
    textBlock(words.estimatedWait(data.waitBand), {
      size: g.body,
      align: 'center',
      gapAfter: g.body * 0.2,
    }),
    dividerBlock(g.body),
    labelValueBlock(words.department, data.departmentName, g.body),
    labelValueBlock(words.serviceItem, data.serviceItemName, g.body),
    ...(data.onBehalf
      ? [
          labelValueBlock(words.applicant, data.onBehalf.applicantName, g.body),
          labelValueBlock(words.agent, data.onBehalf.agentName, g.body),
        ]
      : []),
    labelValueBlock(words.caseNumber, formatCaseNumber(data.caseNumber), g.body),
    labelValueBlock(words.materialsReceived, materials, g.body),
    labelValueBlock(words.issuedAt, formatDateTime(data.issuedAt, data.timeZone), g.body),
    dividerBlock(g.body),
    spaceBlock(g.body * 0.3),
    qrBlock(data.progressQueryUrl, g.qr, g.body * 0.5),
    textBlock(words.scanToCheckProgress, { size: g.body, align: 'center', gapAfter: g.body * 0.2 }),
    textBlock(words.keepReceipt, { size: g.body * 0.85, align: 'center', color: '#333333' }),
  ];
}

/** The queue ticket / acceptance receipt as a PDF, for an 80 mm roll or an A4 sheet. */
export async function renderReceiptPdf(data: ReceiptData, paper: PaperSize): Promise<Buffer> {
  const g = geometry[paper];
  const blocks = receiptBlocks(data, g);
  const width = g.pageWidth - 2 * g.marginX;
  const height = g.pageHeight ?? Math.ceil(measureBlocks(measuringDocument(), blocks, width) + 2 * g.marginY);
  const words = documentWords(data.language);
  const doc = createPdfDocument(`${words.acceptanceReceipt} ${data.ticketNumber}`, data.issuedAt);
  doc.addPage({ size: [g.pageWidth, height], margin: 0 });
  drawBlocks(doc, blocks, g.marginX, g.marginY, width);
  return finishPdf(doc);
}
