import { HEADER_LENGTH, PREAMBLE, PREAMBLE_LENGTH } from '../codec/frame';

/**
 * How a frame travels in HID reports. Vendor HID framing is undocumented, so these are settings
 * (reader-models.ts names the combinations seen in public code); the default is the common case:
 * 64-byte reports, whole frames in order, zero-padded.
 */
export interface HidReportLayout {
  /** Report payload size, excluding the report id byte. */
  reportSize: number;
  /** 0 for devices without numbered reports. */
  reportId: number;
  /** true: the first payload byte of each report is the count of message bytes it carries. */
  lengthPrefixed: boolean;
  /** false: frames travel without the `AA AA AA 96 69` preamble, starting at LEN (default true). */
  preamble?: boolean;
  /** true: each message is preceded by a 2-byte big-endian count of the bytes that follow it. */
  messageLengthPrefix?: boolean;
  /**
   * true (with lengthPrefixed): a report whose first byte is 0xFF is an acknowledgement. The device
   * sends one before it takes the next report of a long command; the host must send one after each
   * report of a reply that is not yet complete, or the device stops sending.
   */
  ackReports?: boolean;
}

export const defaultHidReportLayout: HidReportLayout = { reportSize: 64, reportId: 0, lengthPrefixed: false };

const ACK_MARK = 0xff;
/** Longest message taken as plausible; the frame parser caps LEN at 4096 too. */
const MAX_MESSAGE = 4096 + 4;

/** One frame as the device wants it on the wire: preamble stripped and/or a length put in front. */
function frameToMessage(frame: Uint8Array, layout: HidReportLayout): Buffer {
  const body = layout.preamble === false ? frame.subarray(PREAMBLE_LENGTH) : frame;
  if (!layout.messageLengthPrefix) return Buffer.from(body);
  const message = Buffer.alloc(2 + body.length);
  message.writeUInt16BE(body.length, 0);
  message.set(body, 2);
  return message;
}

/**
 * The buffers to hand to node-hid's write(): each is the report id (0 when unnumbered, as hidapi
 * wants) followed by exactly reportSize bytes.
 */
export function frameToReports(frame: Uint8Array, layout: HidReportLayout): Buffer[] {
  const message = frameToMessage(frame, layout);
  const prefix = layout.lengthPrefixed ? 1 : 0;
  // A count byte of 0xFF would read as an acknowledgement.
  const perReport = Math.min(
    layout.reportSize - prefix,
    layout.ackReports ? ACK_MARK - 1 : Number.MAX_SAFE_INTEGER,
  );
  if (perReport < 1) throw new RangeError('HID report too small to carry frame bytes');
  const reports: Buffer[] = [];
  for (let offset = 0; offset < message.length; offset += perReport) {
    const part = message.subarray(offset, offset + perReport);
    const report = Buffer.alloc(1 + layout.reportSize);
    report[0] = layout.reportId;
    if (layout.lengthPrefixed) report[1] = part.length;
    report.set(part, 1 + prefix);
    reports.push(report);
  }
  return reports;
}

/** The acknowledgement report the host sends (report id, 0xFF, zeros). */
export function ackReport(layout: HidReportLayout): Buffer {
  const report = Buffer.alloc(1 + layout.reportSize);
  report[0] = layout.reportId;
  report[1] = ACK_MARK;
  return report;
}

/** Length of the whole message that starts with `head`, or null when it cannot be told (yet). */
function messageLength(head: Uint8Array, layout: HidReportLayout): number | null {
  const view = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (layout.messageLengthPrefix || layout.preamble === false) {
    if (view.length < 2) return null;
    return 2 + view.readUInt16BE(0);
  }
  if (view.length < HEADER_LENGTH || !startsWithPreamble(view)) return null;
  return HEADER_LENGTH + view.readUInt16BE(PREAMBLE_LENGTH);
}

/** What one input report amounted to. */
export interface ReportIn {
  /** Bytes for the frame parser (whole SAM frames with their preamble, or a part of one). */
  readonly bytes: Buffer;
  /** The report was the device's acknowledgement (ackReports). */
  readonly ackFromDevice: boolean;
  /** The host must acknowledge this report: it carried part of a message not yet complete. */
  readonly needsAck: boolean;
}

/**
 * Input reports back to a byte stream for the frame parser. Without a count byte the padding is
 * removed using the message's own length: a message starts at the start of a report, and whatever
 * follows its last byte in that report is padding. Messages without the preamble get it back, so the
 * parser sees ordinary frames.
 */
export class HidReportReassembler {
  readonly #layout: HidReportLayout;
  /** Message bytes still expected in following reports; 0 between messages. */
  #remaining = 0;
  /** Bytes of a message without preamble (or behind a length prefix) not yet complete. */
  #pending: Buffer = Buffer.alloc(0);

  constructor(layout: HidReportLayout) {
    this.#layout = layout;
  }

  push(report: Uint8Array): Buffer {
    return this.pushReport(report).bytes;
  }

  pushReport(report: Uint8Array): ReportIn {
    const layout = this.#layout;
    let payload = Buffer.from(report.buffer, report.byteOffset, report.byteLength);
    // hidraw hands numbered reports over with their id in front.
    if (layout.reportId !== 0 && payload[0] === layout.reportId) payload = payload.subarray(1);
    if (layout.lengthPrefixed && layout.ackReports && payload[0] === ACK_MARK)
      return { bytes: Buffer.alloc(0), ackFromDevice: true, needsAck: false };
    const data = layout.lengthPrefixed
      ? payload.subarray(1, 1 + Math.min(payload[0] ?? 0, payload.length - 1))
      : this.#unpad(payload);
    const needsAck = layout.ackReports === true && data.length > 0 && this.#messageContinues(data);
    return { bytes: this.#toFrames(data), ackFromDevice: false, needsAck };
  }

  reset(): void {
    this.#remaining = 0;
    this.#pending = Buffer.alloc(0);
  }

  /** Padded reports: the message bytes of one report. */
  #unpad(payload: Buffer): Buffer {
    if (this.#remaining > 0) {
      const take = Math.min(this.#remaining, payload.length);
      this.#remaining -= take;
      return Buffer.from(payload.subarray(0, take));
    }
    const total = messageLength(payload, this.#layout);
    if (total !== null && total <= MAX_MESSAGE) {
      const take = Math.min(total, payload.length);
      this.#remaining = total - take;
      return Buffer.from(payload.subarray(0, take));
    }
    // Not a message start: hand it on without trailing padding and let the parser resynchronise.
    let end = payload.length;
    while (end > 0 && payload[end - 1] === 0) end--;
    return Buffer.from(payload.subarray(0, end));
  }

  /** Count-byte reports: whether the message this data belongs to needs more reports. */
  #messageContinues(data: Buffer): boolean {
    if (!this.#layout.lengthPrefixed) return this.#remaining > 0;
    if (this.#remaining === 0) {
      const total = messageLength(data, this.#layout);
      if (total === null || total > MAX_MESSAGE) return false;
      this.#remaining = Math.max(0, total - data.length);
    } else {
      this.#remaining = Math.max(0, this.#remaining - data.length);
    }
    return this.#remaining > 0;
  }

  /** Message bytes -> frame bytes: length prefix dropped, preamble put back. */
  #toFrames(data: Buffer): Buffer {
    const layout = this.#layout;
    if (layout.preamble !== false && !layout.messageLengthPrefix) return Buffer.from(data);
    this.#pending = Buffer.concat([this.#pending, data]);
    const frames: Buffer[] = [];
    while (this.#pending.length >= 2) {
      const total = 2 + this.#pending.readUInt16BE(0);
      if (total > MAX_MESSAGE) {
        // Not a message: drop it, the next report starts afresh.
        this.#pending = Buffer.alloc(0);
        break;
      }
      if (this.#pending.length < total) break;
      const message = this.#pending.subarray(0, total);
      this.#pending = Buffer.from(this.#pending.subarray(total));
      const body = layout.messageLengthPrefix ? message.subarray(2) : message;
      frames.push(layout.preamble === false ? Buffer.concat([PREAMBLE, body]) : Buffer.from(body));
    }
    return Buffer.concat(frames);
  }
}

function startsWithPreamble(payload: Uint8Array): boolean {
  for (let i = 0; i < PREAMBLE_LENGTH; i++) if (payload[i] !== PREAMBLE[i]) return false;
  return true;
}
