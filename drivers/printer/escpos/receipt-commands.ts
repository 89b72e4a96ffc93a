import { formatCaseNumber } from '../../../kernel/case-number';
import { guideNoticeWords } from '../documents/guide-notice';
import type { GuideNoticeData, ReceiptData, TestPageData } from '../documents/types';
import { documentWords, formatDateTime } from '../documents/words';
import {
  type Alignment,
  align,
  bold,
  characterSize,
  chineseMode,
  concatBytes,
  cutPaper,
  feedLines,
  initialise,
  LF,
  qrCode,
} from './commands';
import { encodeGb18030, printedWidth } from './gb18030';

/**
 * The receipt as ESC/POS text, printed by the printer's own GB18030 font and QR generator: a few
 * hundred bytes, so it prints at once even at 9600 baud (a raster of the PDF would be ~80 KB).
 */

/** Font A on a 576-dot (72 mm) head: 48 ASCII columns, 24 hanzi. */
export const RECEIPT_COLUMNS = 48;

/** Splits text into lines of at most `columns` printed columns, breaking at spaces where it can. */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lastSpace = -1;
    for (const char of paragraph) {
      if (printedWidth(line + char) > columns) {
        if (char === ' ') {
          lines.push(line);
          line = '';
          lastSpace = -1;
          continue;
        }
        if (lastSpace > 0) {
          lines.push(line.slice(0, lastSpace));
          line = line.slice(lastSpace + 1);
        } else {
          lines.push(line);
          line = '';
        }
        lastSpace = -1;
      }
      if (char === ' ') lastSpace = line.length;
      line += char;
    }
    lines.push(line);
  }
  return lines;
}

class EscPosWriter {
  private readonly parts: Uint8Array[] = [initialise(), chineseMode(true)];

  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }

  line(text: string, options: { align?: Alignment; bold?: boolean; size?: number } = {}): this {
    const size = options.size ?? 1;
    this.parts.push(align(options.align ?? 'left'), bold(options.bold ?? false), characterSize(size, size));
    for (const wrapped of wrapColumns(text.replace(/’/g, "'"), Math.floor(RECEIPT_COLUMNS / size))) {
      this.parts.push(encodeGb18030(wrapped), Uint8Array.of(LF));
    }
    if (size !== 1) this.parts.push(characterSize(1, 1));
    return this;
  }

  labelled(label: string, value: string): this {
    const labelColumns = 12;
    const valueLines = wrapColumns(value, RECEIPT_COLUMNS - labelColumns);
    valueLines.forEach((valueLine, index) => {
      const head = index === 0 ? label : '';
      const padded = head + ' '.repeat(Math.max(1, labelColumns - printedWidth(head)));
      this.line(padded + valueLine);
    });
    return this;
  }

  divider(): this {
    return this.line('-'.repeat(RECEIPT_COLUMNS));
  }

  bytes(): Uint8Array {
    return concatBytes(this.parts);
  }
}

export function receiptEscPos(data: ReceiptData): Uint8Array {
  const words = documentWords(data.language);
  const writer = new EscPosWriter()
    .line(data.hallName, { align: 'center', bold: true })
    .line(words.acceptanceReceipt, { align: 'center', bold: true, size: 2 })
    .divider()
    .line(data.priority ? `${words.queueNumber} · ${words.priorityTicket}` : words.queueNumber, {
      align: 'center',
    })
    .line(data.ticketNumber, { align: 'center', bold: true, size: 4 });
  for (const reason of data.priorityReasons ?? [])
    writer.line(words.priorityExplained[reason], { align: 'center', bold: true });
  writer
    .line(words.goToWindow(data.windowNumber), { align: 'center', bold: true, size: 2 })
    .line(words.peopleAhead(data.peopleAhead), { align: 'center' })
    .line(words.estimatedWait(data.waitBand), { align: 'center' })
    .divider()
    .labelled(words.department, data.departmentName)
    .labelled(words.serviceItem, data.serviceItemName);
  // 帮办代办: whose application it is, and who applied for them.
  if (data.onBehalf)
    writer
      .labelled(words.applicant, data.onBehalf.applicantName)
      .labelled(words.agent, data.onBehalf.agentName);
  writer
    .labelled(words.caseNumber, formatCaseNumber(data.caseNumber))
    .labelled(
      words.materialsReceived,
      data.materialsReceived.length > 0
        ? data.materialsReceived.map((m, i) => `${i + 1}. ${m}`).join('\n')
        : words.noMaterials,
    )
    .labelled(words.issuedAt, formatDateTime(data.issuedAt, data.timeZone))
    .divider()
    .raw(align('center'))
    .raw(qrCode(new TextEncoder().encode(data.progressQueryUrl), 6, 'M'))
    .line(words.scanToCheckProgress, { align: 'center' })
    .line(words.keepReceipt, { align: 'center' })
    .raw(feedLines(3))
    .raw(cutPaper());
  return writer.bytes();
}

export function testPageEscPos(data: TestPageData): Uint8Array {
  const words = documentWords(data.language);
  return new EscPosWriter()
    .line(words.testPage, { align: 'center', bold: true, size: 2 })
    .line(`${words.printer}: ${data.printerName}`, { align: 'center' })
    .line(formatDateTime(data.printedAt, data.timeZone), { align: 'center' })
    .divider()
    .line('受理回执 排队号 请到 5 号窗口', { align: 'center' })
    .line('受理回執 排隊號 請到 5 號窗口', { align: 'center' })
    .line('Acceptance receipt 0123456789', { align: 'center' })
    .raw(align('center'))
    .raw(qrCode(new TextEncoder().encode('hall-kiosk test page'), 6, 'M'))
    .line(words.testPageLine, { align: 'center' })
    .raw(feedLines(3))
    .raw(cutPaper())
    .bytes();
}

/** The 一次性告知单 as ESC/POS text, for a thermal receipt printer on a serial or USB line. */
export function guideNoticeEscPos(data: GuideNoticeData): Uint8Array {
  const words = guideNoticeWords[data.language];
  const numbered = (lines: readonly string[]) => lines.map((line, i) => `${i + 1}. ${line}`);
  const writer = new EscPosWriter()
    .line(data.hallName, { align: 'center', bold: true })
    .line(words.title, { align: 'center', bold: true, size: 2 })
    .divider()
    .labelled(words.item, data.itemName)
    .labelled(words.code, data.itemCode)
    .labelled(words.department, data.departmentName)
    .labelled(words.place, data.place)
    .labelled(words.fee, data.fee)
    .labelled(words.timeLimit, data.timeLimit)
    .divider();
  const section = (title: string, lines: readonly string[]) => {
    writer.line(title, { bold: true });
    for (const line of lines) writer.line(line);
  };
  section(words.conditions, numbered(data.conditions));
  section(
    words.materials,
    data.materials.map(
      (m, i) =>
        `${i + 1}. ${m.name}（${m.required ? words.required : words.optional}，${words.pages(m.pages)}）${m.note ? ` ${m.note}` : ''}`,
    ),
  );
  section(words.steps, numbered(data.steps));
  if (data.legalBasis.length > 0) section(words.legalBasis, data.legalBasis);
  writer
    .divider()
    .labelled(words.printedAt, formatDateTime(data.printedAt, data.timeZone))
    .line(words.footer, { align: 'center' })
    .raw(feedLines(3))
    .raw(cutPaper());
  return writer.bytes();
}
