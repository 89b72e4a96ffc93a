import type { Result } from '../../../kernel/result';
import type { PrinterStatus, PrintFailureCode } from '../status';

/** A document as the backend's printer language: a PDF for spoolers, ESC/POS bytes for a thermal printer. */
export type RenderedDocument =
  | { readonly language: 'pdf'; readonly title: string; readonly bytes: Uint8Array }
  | { readonly language: 'escpos'; readonly title: string; readonly bytes: Uint8Array };

export type PrinterLanguage = RenderedDocument['language'];

export interface SubmittedJob {
  /** The spooler's job id ("PDF-12"), or a local one for a direct line. */
  readonly jobId: string;
}

export type PrintResult<T> = Result<T, PrintFailureCode>;

/** One way of reaching a printer: CUPS, Windows (pdf-to-printer), ESC/POS on a serial line. */
export interface PrinterBackend {
  readonly kind: 'cups' | 'windows' | 'escpos';
  readonly language: PrinterLanguage;
  /** For logs and the technician screen: "CUPS queue PDF". */
  readonly description: string;
  status(): Promise<PrinterStatus>;
  submit(document: RenderedDocument): Promise<PrintResult<SubmittedJob>>;
  /** Resolves ok once the job has printed, or with the reason it has not by the deadline. */
  waitForCompletion(job: SubmittedJob, timeoutMs: number): Promise<PrintResult<void>>;
  /** Withdraws a job that failed, so it does not come out later next to its reprint. */
  cancel(job: SubmittedJob): Promise<void>;
  close(): Promise<void>;
}
