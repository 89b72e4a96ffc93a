import type { PrinterStatus } from '../status';

/** What `lpstat -l -p NAME` says about one queue (run with LANG=C for these English words). */
export interface CupsPrinterReport {
  readonly state: 'idle' | 'printing' | 'disabled' | 'unknown';
  /** printer-state-message: the line under a disabled printer, or under the first line. */
  readonly message: string;
  /** printer-state-reasons without the -error/-warning/-report suffix. */
  readonly reasons: readonly string[];
}

const LPSTAT_FIELD =
  /^\s*(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface|On fault|After fault|Users allowed|Forms allowed|Banner required|Charset sets|Default pitch|Default page size|Default port settings):/;

export function parseLpstatPrinter(text: string): CupsPrinterReport {
  const lines = text.split('\n');
  const head = lines[0] ?? '';
  const state = / is idle/.test(head)
    ? 'idle'
    : / now printing/.test(head)
      ? 'printing'
      : / disabled since/.test(head)
        ? 'disabled'
        : 'unknown';
  const second = lines[1] ?? '';
  // The message is the line right after the first, unless that is already one of lpstat's fields.
  const message = LPSTAT_FIELD.test(second) ? '' : second.trim();
  const alerts = lines.find((line) => /^\s*Alerts:/.test(line));
  const reasons = (
    alerts
      ?.replace(/^\s*Alerts:/, '')
      .trim()
      .split(/\s+/) ?? []
  )
    .filter((r) => r !== '' && r !== 'none')
    .map((r) => r.replace(/-(error|warning|report)$/, ''));
  return { state, message, reasons };
}

const OUT_OF_PAPER = ['media-empty', 'media-needed', 'input-tray-missing'];
const COVER_OPEN = ['cover-open', 'door-open', 'interlock-open'];
const OFFLINE = ['offline', 'connecting-to-device', 'timed-out', 'shutdown', 'stopped-partly'];
const ERRORS = ['media-jam', 'marker-supply-empty', 'toner-empty', 'fuser-over-temp', 'other'];

/** The kiosk's view of a CUPS queue. A queue that refuses jobs is offline for the applicant. */
export function statusFromCups(report: CupsPrinterReport, acceptingJobs: boolean): PrinterStatus {
  const has = (names: readonly string[]) => report.reasons.some((r) => names.includes(r));
  if (has(OUT_OF_PAPER)) return { state: 'out_of_paper' };
  if (has(COVER_OPEN)) return { state: 'cover_open' };
  if (has(OFFLINE)) return { state: 'offline', reason: report.message || report.reasons.join(', ') };
  const error = report.reasons.find((r) => ERRORS.includes(r));
  if (error) return { state: 'error', message: report.message || error };
  if (report.state === 'disabled')
    return { state: 'offline', reason: report.message || 'the queue is disabled' };
  if (!acceptingJobs) return { state: 'offline', reason: 'the queue is not accepting jobs' };
  if (report.state === 'unknown') return { state: 'error', message: 'unrecognised lpstat output' };
  const paperLow = report.reasons.includes('media-low');
  return report.state === 'printing' ? { state: 'printing', paperLow } : { state: 'ready', paperLow };
}

/** "request id is PDF-12 (1 file(s))" -> "PDF-12". */
export function parseLpRequestId(text: string): string | undefined {
  return /request id is (\S+)/.exec(text)?.[1];
}

/** Job ids listed by `lpstat -o` (jobs not yet completed): the first word of each line. */
export function parsePendingJobIds(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^(\S+-\d+)\s/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
}
