import { randomUUID } from 'node:crypto';
import type { PrinterStatus } from '../../../../drivers/printer';
import { err, ok, type Result } from '../../../../kernel/result';
import type { Language } from '../../../../sync/protocol/localized-text';
import type { ReceiptOutcome, TicketView, WaitBand } from '../../../api/journey';
import type { KioskRuntime } from '../../../core/kiosk-runtime';
import type { JourneyContext } from '../journey-context';

const receiptKeepMs = 7 * 24 * 3600_000;

export type PrinterProblem = 'out_of_paper' | 'cover_open' | 'offline' | 'error';

/** The printer's state in the words the API uses for a receipt that could not print. */
export function printerProblem(status: PrinterStatus): PrinterProblem | null {
  switch (status.state) {
    case 'ready':
    case 'printing':
      return null;
    case 'out_of_paper':
    case 'cover_open':
    case 'offline':
      return status.state;
    default:
      return 'error';
  }
}

/**
 * Whether a receipt can be printed now. The applicant is told before anything is confirmed; with
 * `proceedWithoutReceipt` the problem is carried on to the outcome instead.
 */
export async function receiptPrinter(
  journey: JourneyContext,
  proceedWithoutReceipt: boolean,
): Promise<Result<PrinterProblem | null, 'printer_unavailable'>> {
  const problem = printerProblem(await journey.host.printer.status());
  if (problem && !proceedWithoutReceipt)
    return err('printer_unavailable', `The receipt printer cannot print (${problem}).`);
  return ok(problem);
}

const waitBandMinutes: Record<WaitBand, { minMinutes: number; maxMinutes?: number }> = {
  under_10: { minMinutes: 0, maxMinutes: 10 },
  '10_20': { minMinutes: 10, maxMinutes: 20 },
  '20_40': { minMinutes: 20, maxMinutes: 40 },
  over_40: { minMinutes: 40 },
  unknown: { minMinutes: 0 },
};

export interface ReceiptInput {
  language: Language;
  ticket: TicketView;
  itemName: string;
  /** A 一件事 bundle's items, in their order (empty for a single item): listed under its name. */
  bundleItemNames: string[];
  materials: string[];
  caseNumber: string;
  progressUrl: string;
  submissionId: string | null;
  idNumber: string;
  /** 帮办代办: the principal (masked) as applicant, and the agent who applied for them. */
  onBehalf?: { applicantName: string; agentName: string };
}

/** Prints the receipt (unless the printer already said it cannot) and keeps a copy for reprints. */
export async function printReceipt(
  journey: JourneyContext,
  runtime: KioskRuntime,
  knownProblem: PrinterProblem | null,
  input: ReceiptInput,
): Promise<ReceiptOutcome> {
  if (knownProblem) return { printed: false, problem: knownProblem };
  const data = {
    language: input.language,
    hallName: journey.host.config.hall.name[input.language],
    departmentName: input.ticket.departmentName[input.language],
    windowNumber: input.ticket.windowNumbers.join(' / ') || '-',
    serviceItemName:
      input.bundleItemNames.length > 0
        ? [input.itemName, ...input.bundleItemNames.map((name) => `· ${name}`)].join('\n')
        : input.itemName,
    ticketNumber: input.ticket.number,
    priority: input.ticket.priority,
    priorityReasons: input.ticket.priorityReasons,
    peopleAhead: input.ticket.peopleAhead,
    waitBand: waitBandMinutes[input.ticket.waitBand],
    materialsReceived: input.materials,
    caseNumber: input.caseNumber,
    progressQueryUrl: input.progressUrl,
    issuedAt: new Date(input.ticket.issuedAt),
    timeZone: runtime.enrolment.hall.timeZone,
    ...(input.onBehalf ? { onBehalf: input.onBehalf } : {}),
  };
  const printed = await journey.host.printer.printReceipt(data);
  runtime.store.printedReceipts.record({
    id: randomUUID(),
    submissionId: input.submissionId,
    idNumber: input.idNumber,
    receipt: { ...data, issuedAt: data.issuedAt.toISOString() },
    status: printed.ok ? 'printed' : 'failed',
    expiresAtMs: journey.now() + receiptKeepMs,
  });
  if (printed.ok) return { printed: true };
  const problem = printed.error.code;
  return {
    printed: false,
    problem:
      problem === 'out_of_paper' || problem === 'cover_open' || problem === 'offline' ? problem : 'error',
  };
}
