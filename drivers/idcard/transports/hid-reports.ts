import { HEADER_LENGTH, PREAMBLE, PREAMBLE_LENGTH } from '../codec/frame';

/**
 * How a frame travels in HID reports. Vendor HID framing is undocumented, so these are settings;
 * the default is the common case: 64-byte reports, frame bytes in order, zero-padded.
 */
export interface HidReportLayout {
  /** Report payload size, excluding the report id byte. */
  reportSize: number;
  /** 0 for devices without numbered reports. */
  reportId: number;
  /** true: the first payload byte is the count of frame bytes in that report. */
  lengthPrefixed: boolean;
}

export const defaultHidReportLayout: HidReportLayout = { reportSize: 64, reportId: 0, lengthPrefixed: false };

/**
 * The buffers to hand to node-hid's write(): each is the report id (0 when unnumbered, as hidapi
 * wants) followed by exactly reportSize bytes.
 */
export function frameToReports(frame: Uint8Array, layout: HidReportLayout): Buffer[] {
  const prefix = layout.lengthPrefixed ? 1 : 0;
  const perReport = layout.reportSize - prefix;
  if (perReport < 1) throw new RangeError('HID report too small to carry frame bytes');
  const reports: Buffer[] = [];
  for (let offset = 0; offset < frame.length; offset += perReport) {
    const part = frame.subarray(offset, offset + perReport);
    const report = Buffer.alloc(1 + layout.reportSize);
    report[0] = layout.reportId;
    if (layout.lengthPrefixed) report[1] = part.length;
    report.set(part, 1 + prefix);
    reports.push(report);
  }
  return reports;
}

/**
 * Input reports back to a byte stream for the frame parser. Without a length prefix the padding
 * is removed using the frame's own LEN: a frame starts at the start of a report, and whatever
 * follows its last byte in that report is padding.
 */
export class HidReportReassembler {
  readonly #layout: HidReportLayout;
  /** Frame bytes still expected in following reports; 0 between frames. */
  #remaining = 0;

  constructor(layout: HidReportLayout) {
    this.#layout = layout;
  }

  push(report: Uint8Array): Buffer {
    let payload = Buffer.from(report.buffer, report.byteOffset, report.byteLength);
    // hidraw hands numbered reports over with their id in front.
    if (this.#layout.reportId !== 0 && payload[0] === this.#layout.reportId) payload = payload.subarray(1);
    if (this.#layout.lengthPrefixed) {
      const count = Math.min(payload[0] ?? 0, payload.length - 1);
      return Buffer.from(payload.subarray(1, 1 + count));
    }
    if (this.#remaining > 0) {
      const take = Math.min(this.#remaining, payload.length);
      this.#remaining -= take;
      return Buffer.from(payload.subarray(0, take));
    }
    if (payload.length >= HEADER_LENGTH && startsWithPreamble(payload)) {
      const total = HEADER_LENGTH + payload.readUInt16BE(PREAMBLE_LENGTH);
      const take = Math.min(total, payload.length);
      this.#remaining = total - take;
      return Buffer.from(payload.subarray(0, take));
    }
    // Not a frame start: hand it on without trailing padding and let the parser resynchronise.
    let end = payload.length;
    while (end > 0 && payload[end - 1] === 0) end--;
    return Buffer.from(payload.subarray(0, end));
  }

  reset(): void {
    this.#remaining = 0;
  }
}

function startsWithPreamble(payload: Uint8Array): boolean {
  for (let i = 0; i < PREAMBLE_LENGTH; i++) if (payload[i] !== PREAMBLE[i]) return false;
  return true;
}
