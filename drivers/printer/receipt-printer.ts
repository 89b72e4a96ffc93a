import type { Logger } from 'pino';
import { err } from '../../kernel/result';
import type { PrinterBackend, PrintResult, RenderedDocument } from './backends/backend';
import { renderApplicationFormPdf } from './documents/application-form';
import { guideNoticeWords, renderGuideNoticePdf } from './documents/guide-notice';
import { renderReceiptPdf } from './documents/receipt';
import { renderTestPagePdf } from './documents/test-page';
import type {
  ApplicationFormData,
  DocumentLanguage,
  GuideNoticeData,
  PaperSize,
  ReceiptData,
} from './documents/types';
import { documentWords } from './documents/words';
import { guideNoticeEscPos, receiptEscPos, testPageEscPos } from './escpos/receipt-commands';
import { type CompletedPrint, runPrintJob } from './print-job';
import type { EscPosPrinterEmulator } from './simulator/escpos-emulator';
import { type PrinterStatus, sameStatus } from './status';

/** The emulated printer behind a demo-mode printer, for the technician screen and the tests. */
export interface PrinterSimulator {
  readonly emulator: EscPosPrinterEmulator;
  stop(): Promise<void>;
}

export interface ReceiptPrinterOptions {
  readonly paper: PaperSize;
  readonly jobTimeoutMs: number;
  readonly logger: Logger;
  readonly simulator?: PrinterSimulator;
}

export type StatusListener = (status: PrinterStatus) => void;

/**
 * The app-facing printer: prints receipts, forms and test pages through one backend, one job at a
 * time, and reports status changes (logged without any personal data). It keeps no documents: the
 * caller stores the receipt data and calls reprint(data) from technician mode.
 */
export class ReceiptPrinter {
  private lastStatus: PrinterStatus | undefined;
  private readonly listeners = new Set<StatusListener>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logger: Logger;

  constructor(
    readonly backend: PrinterBackend,
    private readonly options: ReceiptPrinterOptions,
  ) {
    this.logger = options.logger.child({ device: 'printer', backend: backend.kind });
  }

  get simulator(): PrinterSimulator | undefined {
    return this.options.simulator;
  }

  get description(): string {
    return this.backend.description;
  }

  onStatusChange(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private noteStatus(status: PrinterStatus): void {
    if (this.lastStatus && sameStatus(this.lastStatus, status)) return;
    this.lastStatus = status;
    this.logger.info({ status }, 'printer status changed');
    for (const listener of this.listeners) listener(status);
  }

  /** Serialises work on the backend: a status query must not interleave with a job on a serial line. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      const status = await this.backend.status();
      this.noteStatus(status);
      return status;
    });
  }

  private print(kind: string, render: () => Promise<RenderedDocument>): Promise<PrintResult<CompletedPrint>> {
    return this.exclusive(async () => {
      const document = await render();
      const result = await runPrintJob(this.backend, document, this.options.jobTimeoutMs, {
        onStatus: (status) => this.noteStatus(status),
      });
      if (result.ok) {
        this.logger.info({ document: kind, jobId: result.value.jobId, bytes: result.value.bytes }, 'printed');
      } else {
        this.logger.warn({ document: kind, code: result.error.code }, 'print failed');
      }
      return result;
    });
  }

  /** The receipt; ok only once it has printed, so the applicant can be told before confirming. */
  printReceipt(data: ReceiptData): Promise<PrintResult<CompletedPrint>> {
    const title = `${documentWords(data.language).acceptanceReceipt} ${data.ticketNumber}`;
    return this.print('receipt', async () =>
      this.backend.language === 'escpos'
        ? { language: 'escpos', title, bytes: receiptEscPos(data) }
        : { language: 'pdf', title, bytes: await renderReceiptPdf(data, this.options.paper) },
    );
  }

  /** The 一次性告知单 of a service item, on the receipt printer (roll or sheet, like the receipt). */
  printGuideNotice(data: GuideNoticeData): Promise<PrintResult<CompletedPrint>> {
    const title = `${guideNoticeWords[data.language].title} ${data.itemCode}`;
    return this.print('guide-notice', async () =>
      this.backend.language === 'escpos'
        ? { language: 'escpos', title, bytes: guideNoticeEscPos(data) }
        : { language: 'pdf', title, bytes: await renderGuideNoticePdf(data, this.options.paper) },
    );
  }

  /** Renders the stored receipt data again and prints it (technician mode, or the applicant's retry). */
  reprint(data: ReceiptData): Promise<PrintResult<CompletedPrint>> {
    return this.printReceipt(data);
  }

  /** The filled form on A4; a thermal printer cannot print it. */
  printApplicationForm(data: ApplicationFormData): Promise<PrintResult<CompletedPrint>> {
    if (this.backend.language === 'escpos') {
      return Promise.resolve(err('unsupported_document', 'The application form needs an A4 printer.'));
    }
    return this.print('application-form', async () => ({
      language: 'pdf',
      title: data.title,
      bytes: await renderApplicationFormPdf(data),
    }));
  }

  printTestPage(language: DocumentLanguage, printedAt = new Date()): Promise<PrintResult<CompletedPrint>> {
    const data = { language, printerName: this.backend.description, printedAt };
    const title = documentWords(language).testPage;
    return this.print('test-page', async () =>
      this.backend.language === 'escpos'
        ? { language: 'escpos', title, bytes: testPageEscPos(data) }
        : { language: 'pdf', title, bytes: await renderTestPagePdf(data, this.options.paper) },
    );
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      await this.backend.close();
      await this.options.simulator?.stop();
    });
  }
}
