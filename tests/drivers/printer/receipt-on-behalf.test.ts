/**
 * 帮办代办 on paper (issue 18 part 3): a receipt for an application made on someone's behalf names the
 * principal (masked) as 申请人 and the agent as 代办人, on the thermal roll and in the PDF alike; an
 * ordinary receipt names nobody. Read back with pdftotext (poppler-utils), as a person would read it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReceiptPdf, sampleReceipt } from '../../../drivers/printer/documents/index';
import { decodeGb18030 } from '../../../drivers/printer/escpos/gb18030';
import { receiptEscPos } from '../../../drivers/printer/escpos/receipt-commands';

const dir = mkdtempSync(join(tmpdir(), 'receipt-agent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

const onBehalf = { applicantName: '许*英', agentName: '邱东国' };

describe('a receipt for an application made on someone’s behalf', () => {
  it('prints 申请人 and 代办人 on the thermal roll', () => {
    const text = decodeGb18030(receiptEscPos({ ...sampleReceipt('zh-Hans'), onBehalf })).replace(/\s+/g, '');
    expect(text).toContain('申请人许*英');
    expect(text).toContain('代办人邱东国');
    const plain = decodeGb18030(receiptEscPos(sampleReceipt('zh-Hans')));
    expect(plain).not.toContain('代办人');
    expect(plain).not.toContain('申请人');
  });

  it('prints them in the PDF, in each language', async () => {
    const zh = pdfText(await renderReceiptPdf({ ...sampleReceipt('zh-Hant'), onBehalf }, '80mm'), 'zh-Hant');
    expect(zh).toContain('申請人许*英');
    expect(zh).toContain('代辦人邱东国');
    const en = pdfText(await renderReceiptPdf({ ...sampleReceipt('en'), onBehalf }, 'a4'), 'en');
    expect(en).toContain('Appliedby邱东国');
    const plain = pdfText(await renderReceiptPdf(sampleReceipt('zh-Hans'), '80mm'), 'plain');
    expect(plain).not.toContain('代办人');
  });
});
