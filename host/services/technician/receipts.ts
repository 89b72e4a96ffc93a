import { err, ok } from '../../../kernel/result';
import { enrolledRuntime, isoTime, type TechnicianKit } from './kit';
import type { TechnicianMethods } from './technician-methods';

type ReceiptMethods = Pick<TechnicianMethods, 'listRecentReceipts' | 'reprintReceipt'>;

/** Receipts an applicant lost or the printer spoiled: listed without personal data, reprinted on request. */
export function createReceiptMethods(kit: TechnicianKit): ReceiptMethods {
  const { context, guard } = kit;
  return {
    listRecentReceipts: ({ token }) =>
      guard(token, async () => {
        const runtime = enrolledRuntime(kit);
        if (!runtime.ok) return runtime;
        return ok({
          receipts: runtime.value.store.printedReceipts.recent(20).map((r) => ({
            id: r.id,
            printedAt: isoTime(r.printedAtMs),
            status: r.status,
            reprintable: r.reprintable,
          })),
        });
      }),

    reprintReceipt: ({ token, receiptId }) =>
      guard(token, async () => {
        const enrolled = enrolledRuntime(kit);
        if (!enrolled.ok) return enrolled;
        const runtime = enrolled.value;
        const stored = runtime.store.printedReceipts.get(receiptId) as
          | (Record<string, unknown> & { issuedAt?: string })
          | null;
        if (!stored) return err('not_found', 'That receipt is no longer kept on this kiosk.');
        const data = { ...stored, issuedAt: new Date(String(stored.issuedAt)) } as unknown as Parameters<
          typeof context.printer.reprint
        >[0];
        const printed = await context.printer.reprint(data);
        if (printed.ok) runtime.store.printedReceipts.setStatus(receiptId, 'reprinted');
        kit.audit(
          'receipt.reprint',
          printed.ok
            ? { receiptId, outcome: 'printed' }
            : { receiptId, outcome: 'failed', code: printed.error.code },
        );
        if (!printed.ok) return err('print_failed', printed.error.message.slice(0, 300));
        return ok({});
      }),
  };
}
