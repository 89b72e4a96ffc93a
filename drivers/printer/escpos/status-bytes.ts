import type { PrinterStatus } from '../status';

/**
 * Bits of the DLE EOT replies (Epson ESC/POS). Every reply has bits 1 and 4 set and bits 0 and 7
 * clear, which tells a status byte from stray data.
 */
export const STATUS_FIXED_BITS = 0x12;
export const StatusBits = {
  /** n=1 */
  offline: 0x08,
  /** n=2 */
  coverOpen: 0x04,
  paperFedByButton: 0x08,
  stoppedByPaperEnd: 0x20,
  errorOccurred: 0x40,
  /** n=3 */
  cutterError: 0x08,
  unrecoverableError: 0x20,
  autoRecoverableError: 0x40,
  /** n=4 */
  paperNearEnd: 0x0c,
  paperEnd: 0x60,
} as const;

/** GS r 1 reply bits: near end (bits 0-1), paper end (bits 2-3). */
export const PaperSensorBits = { nearEnd: 0x03, end: 0x0c } as const;

export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === STATUS_FIXED_BITS;
}

/** A GS r 1 reply uses bits 0-3 only. */
export function isPaperSensorReply(byte: number): boolean {
  return (byte & 0xf0) === 0;
}

export interface RealtimeStatusReplies {
  readonly printer: number;
  readonly offlineCause?: number;
  readonly errorCause?: number;
  readonly paperSensor?: number;
}

/** The status the DLE EOT replies describe; offline causes are only asked when n=1 says offline. */
export function statusFromReplies(replies: RealtimeStatusReplies): PrinterStatus {
  const paperLow =
    replies.paperSensor !== undefined &&
    (replies.paperSensor & StatusBits.paperNearEnd) === StatusBits.paperNearEnd;
  const paperOut =
    replies.paperSensor !== undefined && (replies.paperSensor & StatusBits.paperEnd) === StatusBits.paperEnd;
  if ((replies.printer & StatusBits.offline) === 0 && !paperOut) return { state: 'ready', paperLow };
  const cause = replies.offlineCause ?? 0;
  if (cause & StatusBits.coverOpen) return { state: 'cover_open' };
  if (cause & StatusBits.stoppedByPaperEnd || paperOut) return { state: 'out_of_paper' };
  if (cause & StatusBits.errorOccurred) {
    const error = replies.errorCause ?? 0;
    if (error & StatusBits.cutterError) return { state: 'error', message: 'cutter error' };
    if (error & StatusBits.unrecoverableError) return { state: 'error', message: 'unrecoverable error' };
    if (error & StatusBits.autoRecoverableError) return { state: 'error', message: 'print head overheated' };
    return { state: 'error', message: 'printer error' };
  }
  if (cause & StatusBits.paperFedByButton) return { state: 'printing', paperLow };
  return { state: 'offline', reason: 'the printer reports offline' };
}
