import { err, ok } from '../../kernel/result';
import type { PrinterBackend, PrintResult, RenderedDocument } from './backends/backend';
import { failureFromStatus, type PrinterStatus } from './status';

export interface CompletedPrint {
  readonly jobId: string;
  readonly bytes: number;
}

export interface PrintJobHooks {
  onStatus?: (status: PrinterStatus) => void;
}

/**
 * One document through one backend: status first (a job is never queued on a printer known to be
 * out of paper), submit, wait until it has printed, and on failure withdraw it so it does not come out
 * later beside its reprint. The caller confirms the submission to the applicant only on ok.
 */
export async function runPrintJob(
  backend: PrinterBackend,
  document: RenderedDocument,
  timeoutMs: number,
  hooks: PrintJobHooks = {},
): Promise<PrintResult<CompletedPrint>> {
  const before = await backend.status();
  hooks.onStatus?.(before);
  const refusal = failureFromStatus(before);
  if (refusal) return err(refusal.code, refusal.message);

  const submitted = await backend.submit(document);
  if (!submitted.ok) return submitted;

  const completed = await backend.waitForCompletion(submitted.value, timeoutMs);
  if (!completed.ok) {
    await backend.cancel(submitted.value);
    hooks.onStatus?.(await backend.status());
    return completed;
  }
  return ok({ jobId: submitted.value.jobId, bytes: document.bytes.length });
}
