import { assign, fromPromise, type SnapshotFrom, setup } from 'xstate';
import type { KioskClient, MethodInput, MethodValue } from '../../../host/api/contract';
import type { AppointmentView } from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import type { PrinterState } from './apply-machine';
import { problemOf, type ServiceExit, unwrap } from './host-calls';
import type { TopState } from './top-state';

export type CheckInClient = Pick<KioskClient, 'listAppointments' | 'getPrinterStatus' | 'checkInAppointment'>;
export type CheckIn = MethodValue<'checkInAppointment'>;

export interface CheckInContext {
  sessionId: string;
  appointments: AppointmentView[];
  printer: PrinterState | null;
  /** The appointment being checked in. */
  appointmentId: string | null;
  checkIn: CheckIn | null;
  problem: string | null;
  exit: ServiceExit;
}

export type CheckInEvent =
  | { type: 'CHECK_IN'; appointmentId: string; language: Language }
  | { type: 'RETRY' }
  | { type: 'BACK' };

/** Today's appointments of the card holder, checked in with one tap; the ticket follows. */
export function createCheckInMachine(client: CheckInClient, doneMs: number) {
  return setup({
    types: {
      context: {} as CheckInContext,
      events: {} as CheckInEvent,
      input: {} as { sessionId: string },
      output: {} as ServiceExit,
    },
    delays: { done: () => doneMs },
    actors: {
      appointments: fromPromise(async ({ input }: { input: { sessionId: string } }) => {
        const [list, printer] = await Promise.all([
          unwrap(client.listAppointments(input)),
          unwrap(client.getPrinterStatus({})).catch(() => ({ ready: false, state: 'offline' })),
        ]);
        return { appointments: list.appointments, printer };
      }),
      checkIn: fromPromise(({ input }: { input: MethodInput<'checkInAppointment'> }) =>
        unwrap(client.checkInAppointment(input)),
      ),
    },
  }).createMachine({
    id: 'checkIn',
    initial: 'loading',
    context: ({ input }) => ({
      sessionId: input.sessionId,
      appointments: [],
      printer: null,
      appointmentId: null,
      checkIn: null,
      problem: null,
      exit: { to: 'menu' },
    }),
    output: ({ context }) => context.exit,
    states: {
      loading: {
        invoke: {
          src: 'appointments',
          input: ({ context }) => ({ sessionId: context.sessionId }),
          onDone: {
            target: 'list',
            actions: assign(({ event }) => ({
              appointments: event.output.appointments,
              printer: event.output.printer,
            })),
          },
          onError: { target: 'failed', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
        },
      },
      list: {
        on: {
          CHECK_IN: {
            target: 'checkingIn',
            actions: assign({ appointmentId: ({ event }) => event.appointmentId }),
          },
          BACK: 'left',
        },
      },
      checkingIn: {
        invoke: {
          src: 'checkIn',
          input: ({ context, event }) => ({
            sessionId: context.sessionId,
            appointmentId: context.appointmentId ?? '',
            proceedWithoutReceipt: !(context.printer?.ready ?? false),
            language: (event as Extract<CheckInEvent, { type: 'CHECK_IN' }>).language,
          }),
          onDone: {
            target: 'ticket',
            actions: assign({ checkIn: ({ event }) => event.output, appointmentId: null }),
          },
          onError: {
            target: 'failed',
            actions: assign({ problem: ({ event }) => problemOf(event.error), appointmentId: null }),
          },
        },
      },
      failed: {
        on: { RETRY: 'loading', BACK: 'loading' },
      },
      ticket: {
        after: { done: { target: 'left', actions: assign({ exit: { to: 'end', reason: 'finished' } }) } },
      },
      left: { type: 'final' },
    },
  });
}

export type CheckInMachine = ReturnType<typeof createCheckInMachine>;
/** What the service shows: its top-level state names. */
export type CheckInState = TopState<SnapshotFrom<CheckInMachine>['value']>;
