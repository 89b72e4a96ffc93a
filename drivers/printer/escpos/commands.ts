/**
 * ESC/POS command bytes (Epson's TM series reference; Chinese printers follow it). Pure: each function
 * returns bytes, the transport sends them.
 */
const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
export const LF = 0x0a;

export const initialise = (): Uint8Array => Uint8Array.of(ESC, 0x40);

export type Alignment = 'left' | 'center' | 'right';
export const align = (alignment: Alignment): Uint8Array =>
  Uint8Array.of(ESC, 0x61, alignment === 'left' ? 0 : alignment === 'center' ? 1 : 2);

export const bold = (on: boolean): Uint8Array => Uint8Array.of(ESC, 0x45, on ? 1 : 0);

/** GS ! : character width and height multipliers, 1..8 each. */
export function characterSize(width: number, height: number): Uint8Array {
  const w = Math.min(8, Math.max(1, Math.round(width))) - 1;
  const h = Math.min(8, Math.max(1, Math.round(height))) - 1;
  return Uint8Array.of(GS, 0x21, (w << 4) | h);
}

/** FS & / FS . : two-byte (GB18030) characters on or off. */
export const chineseMode = (on: boolean): Uint8Array => Uint8Array.of(FS, on ? 0x26 : 0x2e);

export const feedLines = (lines: number): Uint8Array =>
  Uint8Array.of(ESC, 0x64, Math.min(255, Math.max(0, lines)));

/** GS V 66 n: feed to the cutter plus n dots, then a partial cut. */
export const cutPaper = (feedDots = 0): Uint8Array => Uint8Array.of(GS, 0x56, 0x42, Math.min(255, feedDots));

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** GS ( k, QR model 2: select the model, module size, error correction, store the data, print it. */
export function qrCode(data: Uint8Array, moduleSize = 6, correction: QrErrorCorrection = 'M'): Uint8Array {
  const storeLength = data.length + 3;
  if (storeLength > 0xffff) throw new RangeError('QR data too long for GS ( k');
  const correctionByte = { L: 48, M: 49, Q: 50, H: 51 }[correction];
  return Uint8Array.from([
    ...[GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, Math.min(16, Math.max(1, moduleSize))],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, correctionByte],
    ...[GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30],
    ...data,
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
  ]);
}

/** DLE EOT n: real-time status, answered at once even while the printer is offline. */
export type RealtimeStatusKind = 1 | 2 | 3 | 4;
export const RealtimeStatusKinds = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;
export const realtimeStatusRequest = (kind: RealtimeStatusKind): Uint8Array => Uint8Array.of(DLE, EOT, kind);

/**
 * GS r 1: paper sensor status, answered in turn after the data before it has been processed; used as
 * the "everything before this is printed" marker.
 */
export const paperStatusAfterPrinting = (): Uint8Array => Uint8Array.of(GS, 0x72, 0x01);

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
