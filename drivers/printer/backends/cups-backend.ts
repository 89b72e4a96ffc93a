import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { err, ok } from '../../../kernel/result';
import { failureFromStatus, type PrinterStatus } from '../status';
import type { PrinterBackend, PrintResult, RenderedDocument, SubmittedJob } from './backend';
import { parseLpRequestId, parseLpstatPrinter, parsePendingJobIds, statusFromCups } from './cups-status';

const run = promisify(execFile);
/** English output whatever the machine's locale: the parsers read English words. */
const cEnv = { ...process.env, LANG: 'C', LC_ALL: 'C' };

async function command(file: string, args: readonly string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(file, [...args], { env: cEnv, timeout: 10_000 });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message };
  }
}

export interface CupsBackendOptions {
  /** Queue name; empty for the system default destination. */
  readonly queue: string;
  /** Extra `lp -o` options, e.g. "media=Custom.80x200mm" for a thermal driver. */
  readonly lpOptions?: readonly string[];
  readonly pollIntervalMs?: number;
}

/** A printer behind CUPS on a Linux kiosk: lp to print, lpstat for the queue's state and the job's. */
export class CupsBackend implements PrinterBackend {
  readonly kind = 'cups';
  readonly language = 'pdf';
  readonly description: string;

  constructor(private readonly options: CupsBackendOptions) {
    this.description = options.queue ? `CUPS queue ${options.queue}` : 'CUPS default queue';
  }

  private async queueName(): Promise<string | undefined> {
    if (this.options.queue) return this.options.queue;
    const result = await command('lpstat', ['-d']);
    return /system default destination: (\S+)/.exec(result.output)?.[1];
  }

  async status(): Promise<PrinterStatus> {
    const queue = await this.queueName();
    if (!queue) return { state: 'offline', reason: 'no CUPS queue is set and there is no default' };
    const printer = await command('lpstat', ['-l', '-p', queue]);
    if (!printer.ok) {
      const reason = /scheduler is not running|Unable to connect/i.test(printer.output)
        ? 'the CUPS scheduler is not running'
        : `CUPS has no queue "${queue}"`;
      return { state: 'offline', reason };
    }
    const accepting = await command('lpstat', ['-a', queue]);
    return statusFromCups(parseLpstatPrinter(printer.output), / accepting requests/.test(accepting.output));
  }

  async submit(document: RenderedDocument): Promise<PrintResult<SubmittedJob>> {
    if (document.language !== 'pdf') return err('unsupported_document', 'A CUPS queue is sent PDFs.');
    const queue = await this.queueName();
    if (!queue) return err('offline', 'No CUPS queue is set and there is no default.');
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-print-'));
    const file = join(dir, 'document.pdf');
    try {
      await writeFile(file, document.bytes);
      const options = (this.options.lpOptions ?? []).flatMap((o) => ['-o', o]);
      // lp copies the file into the spool before it answers, so the temp file can go at once.
      const result = await command('lp', ['-d', queue, '-t', document.title, ...options, file]);
      const jobId = parseLpRequestId(result.output);
      if (!result.ok || !jobId) return err('offline', `lp refused the job: ${result.output.trim()}`);
      return ok({ jobId });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async waitForCompletion(job: SubmittedJob, timeoutMs: number): Promise<PrintResult<void>> {
    const deadline = Date.now() + timeoutMs;
    const interval = this.options.pollIntervalMs ?? 250;
    for (;;) {
      const pending = await command('lpstat', ['-o']);
      if (pending.ok && !parsePendingJobIds(pending.output).includes(job.jobId)) return ok(undefined);
      // The job waits in the queue while the printer is stopped: say why instead of waiting it out.
      const failure = failureFromStatus(await this.status());
      if (failure) return err(failure.code, failure.message);
      if (Date.now() > deadline) return err('timeout', `Job ${job.jobId} has not printed in time.`);
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }

  async cancel(job: SubmittedJob): Promise<void> {
    await command('cancel', [job.jobId]);
  }

  async close(): Promise<void> {}
}
