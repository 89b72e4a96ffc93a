import { err, ok } from '../../../kernel/result';
import { paperStatusAfterPrinting, RealtimeStatusKinds, realtimeStatusRequest } from '../escpos/commands';
import type { EscPosTransport } from '../escpos/serial-transport';
import { isPaperSensorReply, isStatusByte, PaperSensorBits, statusFromReplies } from '../escpos/status-bytes';
import type { PrinterStatus } from '../status';
import { failureFromStatus } from '../status';
import type { PrinterBackend, PrintResult, RenderedDocument, SubmittedJob } from './backend';

export interface EscPosBackendOptions {
  /**
   * required (default): a printer that does not answer DLE EOT is offline (fail closed). optional: a
   * printer that never answers (a one-way USB printer, a raw spooler queue) is taken as ready, and a
   * job as done once its bytes are handed over; paper and cover are known only where it answers.
   */
  readonly statusReplies?: 'required' | 'optional';
  /** Where the line carries no replies, the status the spooler reports for the queue (Windows). */
  readonly queueStatus?: () => Promise<PrinterStatus>;
}

/** A thermal receipt printer spoken to directly in ESC/POS, its paper read back with DLE EOT. */
export class EscPosBackend implements PrinterBackend {
  readonly kind = 'escpos';
  readonly language = 'escpos';
  private jobCount = 0;
  /** Whether the printer answered the last status request (null: not asked yet). */
  private answersStatus: boolean | null = null;

  constructor(
    private readonly transport: EscPosTransport,
    readonly description: string,
    private readonly replyTimeoutMs = 500,
    private readonly options: EscPosBackendOptions = {},
  ) {}

  /** A printer that gives no status replies and may be used without them. */
  private get oneWay(): boolean {
    return (
      this.answersStatus === false &&
      (this.options.statusReplies === 'optional' || !!this.options.queueStatus)
    );
  }

  private async ask(kind: 1 | 2 | 3 | 4): Promise<number | undefined> {
    return this.transport.request(realtimeStatusRequest(kind), isStatusByte, this.replyTimeoutMs);
  }

  async status(): Promise<PrinterStatus> {
    const printer = await this.ask(RealtimeStatusKinds.printer);
    this.answersStatus = printer !== undefined;
    if (printer === undefined) {
      if (this.options.queueStatus) return this.options.queueStatus();
      if (this.options.statusReplies === 'optional') return { state: 'ready' };
      return { state: 'offline', reason: 'no answer on the line' };
    }
    const paperSensor = await this.ask(RealtimeStatusKinds.paperSensor);
    if ((printer & 0x08) === 0)
      return statusFromReplies({ printer, ...(paperSensor === undefined ? {} : { paperSensor }) });
    const offlineCause = await this.ask(RealtimeStatusKinds.offlineCause);
    const errorCause = await this.ask(RealtimeStatusKinds.errorCause);
    return statusFromReplies({
      printer,
      ...(offlineCause === undefined ? {} : { offlineCause }),
      ...(errorCause === undefined ? {} : { errorCause }),
      ...(paperSensor === undefined ? {} : { paperSensor }),
    });
  }

  async submit(document: RenderedDocument): Promise<PrintResult<SubmittedJob>> {
    if (document.language !== 'escpos') {
      return err('unsupported_document', 'An ESC/POS printer takes ESC/POS, not a PDF.');
    }
    try {
      await this.transport.write(document.bytes);
    } catch (error) {
      return err('offline', `Cannot write to the printer: ${(error as Error).message}`);
    }
    this.jobCount++;
    return ok({ jobId: `escpos-${this.jobCount}` });
  }

  async waitForCompletion(_job: SubmittedJob, timeoutMs: number): Promise<PrintResult<void>> {
    if (this.oneWay) {
      // No replies to wait for: the bytes were handed over; the spooler's view is all there is.
      const failure = this.options.queueStatus
        ? failureFromStatus(await this.options.queueStatus())
        : undefined;
      return failure ? err(failure.code, failure.message) : ok(undefined);
    }
    // GS r 1 is answered only after everything sent before it has been printed. While it is not,
    // the real-time status says whether the printer is still at work or has stopped (paper, cover).
    const deadline = Date.now() + timeoutMs;
    let reply = await this.transport.request(
      paperStatusAfterPrinting(),
      isPaperSensorReply,
      this.replyTimeoutMs * 2,
    );
    while (reply === undefined) {
      const failure = failureFromStatus(await this.status());
      if (failure) return err(failure.code, `${failure.message} The receipt did not print completely.`);
      if (Date.now() > deadline) return err('timeout', 'The printer did not confirm the print in time.');
      reply = await this.transport.awaitReply(isPaperSensorReply, this.replyTimeoutMs * 2);
    }
    if ((reply & PaperSensorBits.end) === PaperSensorBits.end) {
      return err('out_of_paper', 'The printer ran out of paper while printing.');
    }
    return ok(undefined);
  }

  async cancel(): Promise<void> {
    // Nothing is queued on the host side; data the printer dropped while offline is already gone.
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
