import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { err, ok } from '../../../kernel/result';
import { failureFromStatus, type PrinterStatus } from '../status';
import type { PrinterBackend, PrintResult, RenderedDocument, SubmittedJob } from './backend';
import { statusFromWindows, type WindowsPrinterReport } from './windows-status';

const run = promisify(execFile);

function powershellString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

async function powershell(script: string): Promise<string> {
  const { stdout } = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], {
    timeout: 15_000,
    windowsHide: true,
  });
  return stdout;
}

/**
 * A Windows printer: pdf-to-printer (SumatraPDF, shipped inside the package) prints the PDF silently;
 * Get-Printer reads the spooler's status. Windows-only; type-checked but not run on Linux.
 */
export class WindowsBackend implements PrinterBackend {
  readonly kind = 'windows';
  readonly language = 'pdf';
  readonly description: string;
  private jobCount = 0;

  constructor(
    private readonly printerName: string,
    private readonly pollIntervalMs = 500,
  ) {
    this.description = printerName ? `Windows printer ${printerName}` : 'Windows default printer';
  }

  private async name(): Promise<string | undefined> {
    if (this.printerName) return this.printerName;
    const { getDefaultPrinter } = await import('pdf-to-printer');
    return (await getDefaultPrinter())?.name;
  }

  async status(): Promise<PrinterStatus> {
    try {
      const name = await this.name();
      if (!name) return { state: 'offline', reason: 'no printer is set and there is no default' };
      const json = await powershell(
        `Get-Printer -Name ${powershellString(name)} | Select-Object PrinterStatus,JobCount | ConvertTo-Json -Compress`,
      );
      return statusFromWindows(JSON.parse(json) as WindowsPrinterReport);
    } catch (error) {
      return {
        state: 'offline',
        reason: `cannot read the printer: ${String((error as Error)?.message ?? error)}`,
      };
    }
  }

  async submit(document: RenderedDocument): Promise<PrintResult<SubmittedJob>> {
    if (document.language !== 'pdf') return err('unsupported_document', 'A Windows printer is sent PDFs.');
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-print-'));
    const file = join(dir, 'document.pdf');
    try {
      await writeFile(file, document.bytes);
      const { print } = await import('pdf-to-printer');
      const name = await this.name();
      await print(file, { ...(name ? { printer: name } : {}), scale: 'noscale', silent: true });
      this.jobCount++;
      return ok({ jobId: `windows-${this.jobCount}` });
    } catch (error) {
      // pdf-to-printer rejects with a bare string on some failures.
      return err('offline', `The printer refused the job: ${String((error as Error)?.message ?? error)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async waitForCompletion(_job: SubmittedJob, timeoutMs: number): Promise<PrintResult<void>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status();
      const failure = failureFromStatus(status);
      if (failure) return err(failure.code, failure.message);
      if (status.state === 'ready') return ok(undefined);
      if (Date.now() > deadline) return err('timeout', 'The job has not printed in time.');
      await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs));
    }
  }

  async cancel(): Promise<void> {
    const name = await this.name();
    if (name)
      await powershell(`Get-PrintJob -PrinterName ${powershellString(name)} | Remove-PrintJob`).catch(
        () => '',
      );
  }

  async close(): Promise<void> {}
}
