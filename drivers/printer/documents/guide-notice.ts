import {
  type Block,
  dividerBlock,
  drawBlocks,
  labelValueBlock,
  measureBlocks,
  spaceBlock,
  textBlock,
} from './layout';
import { createPdfDocument, finishPdf, measuringDocument } from './pdf-document';
import type { DocumentLanguage, GuideNoticeData, PaperSize } from './types';
import { formatDateTime } from './words';

/**
 * The 一次性告知单: everything an applicant must bring and know for one service item, printed on the
 * receipt printer from the item's service guide, so nobody has to come back for a missing paper.
 */

interface NoticeWords {
  title: string;
  item: string;
  code: string;
  department: string;
  place: string;
  conditions: string;
  materials: string;
  required: string;
  optional: string;
  pages: (count: number) => string;
  fee: string;
  timeLimit: string;
  steps: string;
  legalBasis: string;
  printedAt: string;
  footer: string;
}

export const guideNoticeWords: Record<DocumentLanguage, NoticeWords> = {
  'zh-Hans': {
    title: '一次性告知单',
    item: '事项',
    code: '事项编码',
    department: '承办部门',
    place: '办理地点',
    conditions: '申请条件',
    materials: '申请材料',
    required: '必须',
    optional: '可选',
    pages: (n) => `${n} 页`,
    fee: '收费标准',
    timeLimit: '办理时限',
    steps: '办理流程',
    legalBasis: '设立依据',
    printedAt: '打印时间',
    footer: '材料齐全即可受理；如有疑问请到窗口咨询',
  },
  'zh-Hant': {
    title: '一次性告知單',
    item: '事項',
    code: '事項編碼',
    department: '承辦部門',
    place: '辦理地點',
    conditions: '申請條件',
    materials: '申請材料',
    required: '必須',
    optional: '可選',
    pages: (n) => `${n} 頁`,
    fee: '收費標準',
    timeLimit: '辦理時限',
    steps: '辦理流程',
    legalBasis: '設立依據',
    printedAt: '列印時間',
    footer: '材料齊全即可受理；如有疑問請到窗口諮詢',
  },
  en: {
    title: 'Checklist for your application',
    item: 'Service item',
    code: 'Item code',
    department: 'Department',
    place: 'Where',
    conditions: 'Who can apply',
    materials: 'Required documents',
    required: 'required',
    optional: 'optional',
    pages: (n) => (n === 1 ? '1 page' : `${n} pages`),
    fee: 'Fees',
    timeLimit: 'Time limit',
    steps: 'Steps',
    legalBasis: 'Legal basis',
    printedAt: 'Printed',
    footer: 'Complete documents are accepted at once; ask at the window if in doubt',
  },
};

const MM = 72 / 25.4;

function noticeBlocks(data: GuideNoticeData, size: number, title: number): Block[] {
  const words = guideNoticeWords[data.language];
  const numbered = (lines: readonly string[]) => lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
  const heading = (words: string) => textBlock(words, { size: size * 1.1, bold: true, gapAfter: size * 0.3 });
  const materials = data.materials.map(
    (m, i) =>
      `${i + 1}. ${m.name}（${m.required ? words.required : words.optional}，${words.pages(m.pages)}）${m.note ? ` ${m.note}` : ''}`,
  );
  return [
    textBlock(data.hallName, { size: size * 1.15, bold: true, align: 'center', gapAfter: size * 0.2 }),
    textBlock(words.title, { size: title, bold: true, align: 'center', gapAfter: size * 0.3 }),
    dividerBlock(size),
    labelValueBlock(words.item, data.itemName, size),
    labelValueBlock(words.code, data.itemCode, size),
    labelValueBlock(words.department, data.departmentName, size),
    labelValueBlock(words.place, data.place, size),
    labelValueBlock(words.fee, data.fee, size),
    labelValueBlock(words.timeLimit, data.timeLimit, size),
    dividerBlock(size),
    heading(words.conditions),
    textBlock(numbered(data.conditions), { size, gapAfter: size * 0.5 }),
    heading(words.materials),
    textBlock(materials.join('\n'), { size, gapAfter: size * 0.5 }),
    heading(words.steps),
    textBlock(numbered(data.steps), { size, gapAfter: size * 0.5 }),
    ...(data.legalBasis.length > 0
      ? [heading(words.legalBasis), textBlock(data.legalBasis.join('\n'), { size, gapAfter: size * 0.5 })]
      : []),
    dividerBlock(size),
    labelValueBlock(words.printedAt, formatDateTime(data.printedAt, data.timeZone), size),
    spaceBlock(size * 0.3),
    textBlock(words.footer, { size: size * 0.9, align: 'center', color: '#333333' }),
  ];
}

/** The notice as a PDF: on a roll as long as its content, on A4 at least one sheet long. */
export async function renderGuideNoticePdf(data: GuideNoticeData, paper: PaperSize): Promise<Buffer> {
  const roll = paper === '80mm';
  const pageWidth = (roll ? 80 : 210) * MM;
  const marginX = (roll ? 4 : 25) * MM;
  const marginY = (roll ? 4 : 20) * MM;
  const size = roll ? 9 : 12;
  const blocks = noticeBlocks(data, size, roll ? 14 : 22);
  const width = pageWidth - 2 * marginX;
  const content = Math.ceil(measureBlocks(measuringDocument(), blocks, width) + 2 * marginY);
  const height = roll ? content : Math.max(297 * MM, content);
  const doc = createPdfDocument(`${guideNoticeWords[data.language].title} ${data.itemCode}`, data.printedAt);
  doc.addPage({ size: [pageWidth, height], margin: 0 });
  drawBlocks(doc, blocks, marginX, marginY, width);
  return finishPdf(doc);
}
