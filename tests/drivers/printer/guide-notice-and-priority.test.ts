/**
 * Issue 15, parts 5 and 6, on paper: a green-channel receipt explains why it is a priority number
 * ("您已享受老年人优先服务"), and the 一次性告知单 lists the item's materials, conditions, fees, steps and
 * legal basis. Rendered with pdfkit and read back with pdftotext (poppler-utils), as a person would read it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type GuideNoticeData,
  renderGuideNoticePdf,
  renderReceiptPdf,
  sampleReceipt,
} from '../../../drivers/printer/documents/index';
import { encodeGb18030 } from '../../../drivers/printer/escpos/gb18030';
import { guideNoticeEscPos, receiptEscPos } from '../../../drivers/printer/escpos/receipt-commands';

const dir = mkdtempSync(join(tmpdir(), 'guide-notice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text as pdftotext reads it, with line breaks and spaces removed (CJK wraps anywhere). */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const notice: GuideNoticeData = {
  language: 'zh-Hans',
  hallName: '南安市政务服务中心',
  itemName: '有限责任公司注销登记',
  itemCode: '350583-SCJG-003',
  departmentName: '市场监督管理局',
  place: '2 楼 B 区 · 5 / 6 号窗口',
  conditions: ['申请人为本人；委托他人办理的，须提交授权委托书和代理人身份证'],
  materials: [
    { name: '身份证复印件', required: true, pages: 1 },
    { name: '股东会决议', required: false, pages: 2, note: '变更时提供' },
  ],
  fee: '不收费',
  timeLimit: '承诺时限：自受理之日起 3 个工作日内办结',
  steps: ['申请', '受理', '审查', '决定', '送达'],
  legalBasis: ['《中华人民共和国市场主体登记管理条例》'],
  printedAt: new Date('2026-12-07T02:00:00Z'),
  timeZone: 'Asia/Shanghai',
};

describe('green channel on the receipt', () => {
  it('explains each reason under the number, in the receipt language (PDF and ESC/POS)', async () => {
    const zh = pdfText(
      await renderReceiptPdf(
        { ...sampleReceipt('zh-Hans'), priority: true, priorityReasons: ['elderly'] },
        '80mm',
      ),
      'receipt-zh',
    );
    expect(zh).toContain('您已享受老年人优先服务');
    const en = pdfText(
      await renderReceiptPdf(
        { ...sampleReceipt('en'), priority: true, priorityReasons: ['disability', 'appointment'] },
        '80mm',
      ),
      'receipt-en',
    );
    expect(en).toContain('Priorityserviceforpeoplewithdisabilities');
    expect(en).toContain('Priorityserviceforappointmentholders');
    const plain = pdfText(await renderReceiptPdf(sampleReceipt('zh-Hans'), '80mm'), 'receipt-plain');
    expect(plain).not.toContain('优先服务');
    const escpos = receiptEscPos({
      ...sampleReceipt('zh-Hans'),
      priority: true,
      priorityReasons: ['veteran'],
    });
    expect(contains(escpos, encodeGb18030('您已享受退役军人优先服务'))).toBe(true);
  });
});

describe('一次性告知单', () => {
  it('lists materials, conditions, fee, time limit, steps and legal basis (80 mm roll and A4)', async () => {
    for (const paper of ['80mm', 'a4'] as const) {
      const text = pdfText(await renderGuideNoticePdf(notice, paper), `notice-${paper}`);
      for (const expected of [
        '一次性告知单',
        '有限责任公司注销登记',
        '身份证复印件（必须，1页）',
        '股东会决议（可选，2页）变更时提供',
        '不收费',
        '自受理之日起3个工作日内办结',
        '申请条件',
        '5.送达',
        '《中华人民共和国市场主体登记管理条例》',
        '2026-12-0710:00',
      ])
        expect(text, `${paper}: ${expected}`).toContain(expected);
    }
  });

  it('prints in English with English headings', async () => {
    const text = pdfText(
      await renderGuideNoticePdf(
        { ...notice, language: 'en', itemName: 'Limited company deregistration' },
        '80mm',
      ),
      'notice-en',
    );
    expect(text).toContain('Checklistforyourapplication');
    expect(text).toContain('Requireddocuments');
    expect(text).toContain('Limitedcompanyderegistration');
  });

  it('is the same notice in ESC/POS for a thermal printer', () => {
    const bytes = guideNoticeEscPos(notice);
    expect(contains(bytes, encodeGb18030('一次性告知单'))).toBe(true);
    expect(contains(bytes, encodeGb18030('身份证复印件'))).toBe(true);
  });
});
