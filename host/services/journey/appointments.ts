import { ok } from '../../../kernel/result';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { JourneyContext } from './journey-context';

/** Today's appointments of the person on the card, as pulled to this kiosk. */
export async function listAppointments(
  journey: JourneyContext,
  { sessionId }: MethodArgs<'listAppointments'>,
): ReturnType<HostApi['listAppointments']> {
  const session = journey.session(sessionId);
  if (!session.ok) return session;
  const { runtime, identity } = session.value;
  const view = journey.catalogueOf(runtime);
  const appointments = runtime.store.appointments
    .listForPerson(identity.idNumber, journey.today())
    .flatMap((appointment) => {
      const item = view.item(appointment.itemId);
      const department = item ? view.department(item.departmentId) : null;
      if (!item || !department || appointment.status === 'cancelled') return [];
      return [
        {
          appointmentId: appointment.id,
          itemName: item.name,
          departmentName: department.name,
          startsAt: new Date(appointment.startsAtMs).toISOString(),
          checkedIn: appointment.status === 'checked_in',
        },
      ];
    });
  return ok({ appointments });
}
