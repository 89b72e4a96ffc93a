import { describe, expect, it } from 'vitest';
import { sampleReceipt } from '../../../drivers/printer/documents/index';
import { qrCode, realtimeStatusRequest } from '../../../drivers/printer/escpos/commands';
import { decodeGb18030, encodeGb18030, printedWidth } from '../../../drivers/printer/escpos/gb18030';
import {
  RECEIPT_COLUMNS,
  receiptEscPos,
  wrapColumns,
} from '../../../drivers/printer/escpos/receipt-commands';
import { statusFromReplies } from '../../../drivers/printer/escpos/status-bytes';

describe('ESC/POS encoder', () => {
  it('encodes simplified and traditional hanzi as GB18030 two-byte codes', () => {
    expect(Buffer.from(encodeGb18030('受理回执 A')).toString('hex')).toBe('cadcc0edbbd8d6b42041');
    expect(decodeGb18030(encodeGb18030('受理回執 排隊號'))).toBe('受理回執 排隊號');
    expect(decodeGb18030(encodeGb18030('😀'))).toBe('?');
  });

  it('wraps by printed columns, two per hanzi', () => {
    const lines = wrapColumns('个体工商户设立登记申请书个体工商户设立登记申请书', 20);
    for (const line of lines) expect(printedWidth(line)).toBeLessThanOrEqual(20);
    expect(lines.join('')).toBe('个体工商户设立登记申请书个体工商户设立登记申请书');
    expect(wrapColumns('Registration of a sole proprietorship', 16)).toEqual([
      'Registration of',
      'a sole',
      'proprietorship',
    ]);
  });

  it('builds GS ( k QR commands with the data length in the store function', () => {
    const bytes = qrCode(new TextEncoder().encode('https://x'), 6, 'M');
    const store = Buffer.from(bytes).indexOf(Buffer.from([0x1d, 0x28, 0x6b, 9 + 3, 0x00, 0x31, 0x50, 0x30]));
    expect(store).toBeGreaterThan(0);
    expect(Buffer.from(bytes.subarray(store + 8, store + 8 + 9)).toString()).toBe('https://x');
    expect([...bytes.subarray(-8)]).toEqual([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);
  });

  it('asks real-time status with DLE EOT n', () => {
    expect([...realtimeStatusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it('lays the receipt out within the paper width and ends with a cut', () => {
    const bytes = receiptEscPos(sampleReceipt('zh-Hans'));
    expect([...bytes.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x56, 0x42, 0x00]);
    expect(bytes.length).toBeLessThan(2000);
    expect(RECEIPT_COLUMNS).toBe(48);
  });
});

describe('DLE EOT status decoding', () => {
  it('reads an online printer with paper as ready', () => {
    expect(statusFromReplies({ printer: 0x12, paperSensor: 0x12 })).toEqual({
      state: 'ready',
      paperLow: false,
    });
  });
  it('reads the near-end sensor as paper low', () => {
    expect(statusFromReplies({ printer: 0x12, paperSensor: 0x1e })).toEqual({
      state: 'ready',
      paperLow: true,
    });
  });
  it('reads paper end as out of paper', () => {
    expect(statusFromReplies({ printer: 0x1a, offlineCause: 0x32, paperSensor: 0x7e })).toEqual({
      state: 'out_of_paper',
    });
  });
  it('reads an open cover', () => {
    expect(statusFromReplies({ printer: 0x1a, offlineCause: 0x16, paperSensor: 0x12 })).toEqual({
      state: 'cover_open',
    });
  });
  it('reads a cutter error', () => {
    expect(statusFromReplies({ printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a })).toEqual({
      state: 'error',
      message: 'cutter error',
    });
  });
});
