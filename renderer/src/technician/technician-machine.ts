import { assign, fromPromise, setup } from 'xstate';
import type { KioskClient } from '../../../host/api/contract';

export type TechnicianClient = Pick<KioskClient, 'exitMaintenance'>;

export interface TechnicianContext {
  /** The maintenance token the right PIN gave; null unless open. */
  token: string | null;
  idleSeconds: number;
  /** Hall settings changed while open: the kiosk starts again with them on the way out. */
  settingsChanged: boolean;
}

export type TechnicianEvent =
  /** Five taps in the top-left corner within three seconds. */
  | { type: 'CORNER_GESTURE' }
  | { type: 'CANCEL' }
  | { type: 'PIN_ACCEPTED'; token: string; idleSeconds: number }
  | { type: 'EXIT'; settingsChanged: boolean; reason: 'exit' | 'inactivity' };

/**
 * The way into technician mode, over whatever the applicant side shows: closed -> PIN keypad -> the
 * technician screens -> leaving (the host is told) -> closed. Nothing opens without the PIN.
 */
export function createTechnicianMachine(client: TechnicianClient, restart: () => void) {
  return setup({
    types: { context: {} as TechnicianContext, events: {} as TechnicianEvent },
    actors: {
      exitMaintenance: fromPromise(
        async ({ input }: { input: { token: string; reason: 'exit' | 'inactivity' } }) => {
          await client.exitMaintenance(input).catch(() => undefined);
        },
      ),
    },
    actions: {
      // Hall settings (languages, idle time ...) are read once at start: start again with them.
      restartIfSettingsChanged: ({ context }) => {
        if (context.settingsChanged) restart();
      },
    },
  }).createMachine({
    id: 'technician',
    initial: 'closed',
    context: { token: null, idleSeconds: 0, settingsChanged: false },
    states: {
      closed: {
        entry: assign({ token: null, idleSeconds: 0, settingsChanged: false }),
        on: { CORNER_GESTURE: 'pin' },
      },
      pin: {
        on: {
          CANCEL: 'closed',
          PIN_ACCEPTED: {
            target: 'open',
            actions: assign(({ event }) => ({ token: event.token, idleSeconds: event.idleSeconds })),
          },
        },
      },
      open: {
        on: {
          EXIT: {
            target: 'leaving',
            actions: assign({ settingsChanged: ({ event }) => event.settingsChanged }),
          },
        },
      },
      leaving: {
        invoke: {
          src: 'exitMaintenance',
          input: ({ context, event }) => ({
            token: context.token ?? '',
            reason: (event as Extract<TechnicianEvent, { type: 'EXIT' }>).reason,
          }),
          onDone: { target: 'closed', actions: 'restartIfSettingsChanged' },
        },
      },
    },
  });
}
