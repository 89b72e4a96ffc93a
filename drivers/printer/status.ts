/** What the printer can do right now. paperLow: the near-end sensor (ESC/POS) or media-low (CUPS). */
export type PrinterStatus =
  | { readonly state: 'ready'; readonly paperLow?: boolean }
  | { readonly state: 'printing'; readonly paperLow?: boolean }
  | { readonly state: 'out_of_paper' }
  | { readonly state: 'cover_open' }
  | { readonly state: 'offline'; readonly reason: string }
  | { readonly state: 'error'; readonly message: string };

/** Why a print did not happen; the renderer maps these to words for the applicant. */
export type PrintFailureCode =
  | 'out_of_paper'
  | 'cover_open'
  | 'offline'
  | 'printer_error'
  | 'timeout'
  | 'unsupported_document';

export interface PrintFailure {
  readonly code: PrintFailureCode;
  readonly message: string;
}

/** A spooler (CUPS, Windows) queues behind a job in progress; a busy printer is not a failure. */
export function acceptsJobs(status: PrinterStatus): boolean {
  return status.state === 'ready' || status.state === 'printing';
}

/** The failure a non-accepting status means for a job. */
export function failureFromStatus(status: PrinterStatus): PrintFailure | undefined {
  switch (status.state) {
    case 'ready':
    case 'printing':
      return undefined;
    case 'out_of_paper':
      return { code: 'out_of_paper', message: 'The printer is out of paper.' };
    case 'cover_open':
      return { code: 'cover_open', message: 'The printer cover is open.' };
    case 'offline':
      return { code: 'offline', message: `The printer is offline: ${status.reason}` };
    case 'error':
      return { code: 'printer_error', message: `The printer reports an error: ${status.message}` };
  }
}

export function sameStatus(a: PrinterStatus, b: PrinterStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
