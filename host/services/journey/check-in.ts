import { randomUUID } from 'node:crypto';
import { err, ok } from '../../../kernel/result';
import { ticketRefOf } from '../../../sync/protocol/submission-record';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { JourneyContext } from './journey-context';
import { printReceipt, receiptPrinter } from './printing/receipt';
import { ticketView } from './ticket-view';

/** Appointments are printed on the receipt under a case-number-like reference made from their id. */
function appointmentReference(appointmentId: string): string {
  return appointmentId
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, '')
    .slice(0, 40)
    .padEnd(6, '0');
}

/**
 * Check-in of today's appointment: a priority number from this kiosk's leased blocks, the appointment
 * marked and the check-in queued for the central system in one transaction; then the receipt.
 */
export async function checkInAppointment(
  journey: JourneyContext,
  { sessionId, appointmentId, proceedWithoutReceipt, language }: MethodArgs<'checkInAppointment'>,
): ReturnType<HostApi['checkInAppointment']> {
  const session = journey.session(sessionId);
  if (!session.ok) return session;
  const { runtime, identity } = session.value;
  const today = journey.today();
  const appointment = runtime.store.appointments
    .listForPerson(identity.idNumber, today)
    .find((a) => a.id === appointmentId);
  if (!appointment)
    return err('unknown_appointment', 'That appointment is not for today or not for this card.');
  if (appointment.status === 'checked_in')
    return err('already_checked_in', 'This appointment is already checked in.');
  const printer = await receiptPrinter(journey, proceedWithoutReceipt);
  if (!printer.ok) return printer;
  const keyedHash = runtime.store.hashIdNumber(identity.idNumber).toString('hex');
  const issued = runtime.store.transaction(() => {
    const ticket = runtime.store.ticketBlocks.issueNumber(appointment.queueId, today);
    if (!ticket) return null;
    runtime.store.appointments.setStatusInTransaction(appointment.id, 'checked_in');
    runtime.store.outbox.enqueueInTransaction({
      kind: 'checkin',
      idempotencyKey: randomUUID(),
      payload: {
        appointmentId: appointment.id,
        keyedHash,
        ticket: ticketRefOf(ticket),
        checkedInAtMs: journey.now(),
      },
      materialHashes: [],
    });
    return ticket;
  });
  if (!issued)
    return err(
      'no_ticket_numbers',
      'No queue numbers are left on this kiosk until it reaches the central system.',
    );
  runtime.kick();
  const live = runtime.sync.queueState?.queues.find((q) => q.queueId === appointment.queueId);
  const ticket = ticketView(journey, runtime, issued, {
    peopleAhead: live?.waiting ?? 0,
    waitBand: 'unknown',
    priority: true,
    priorityReasons: ['appointment'],
  });
  if (!ticket) return err('unknown_appointment', 'The appointment’s queue is not in the catalogue.');
  const item = journey.catalogueOf(runtime).item(appointment.itemId);
  const receipt = await printReceipt(journey, runtime, printer.value, {
    language,
    ticket,
    itemName: item?.name[language] ?? '',
    bundleItemNames: [],
    materials: [],
    caseNumber: appointmentReference(appointment.id),
    progressUrl: journey.progressUrl(runtime, appointment.id),
    submissionId: null,
    idNumber: identity.idNumber,
  });
  return ok({ ticket, receipt });
}
