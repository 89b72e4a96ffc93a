import { assign, fromPromise, setup } from 'xstate';
import type { IdentityView } from '../../../host/api/identity';
import type { SessionEndReason } from '../../../host/api/session';

export interface SessionContext {
  sessionId: string | null;
  identity: IdentityView | null;
  /** Why the last attempt failed, as a translation key (never personal data). */
  problem: string | null;
}

export type SessionEvent =
  | { type: 'CARD_PLACED' }
  | { type: 'CARD_REMOVED' }
  | { type: 'CARD_ERROR'; code: string }
  | { type: 'FINISH' }
  | { type: 'HOME' }
  | { type: 'TIMEOUT' };

export interface SessionServices {
  startSession(): Promise<{ sessionId: string; identity: IdentityView } | { problem: string }>;
  endSession(sessionId: string, reason: SessionEndReason): Promise<void>;
}

const emptyContext: SessionContext = { sessionId: null, identity: null, problem: null };

/**
 * The applicant session as the applicant sees it. Every state is named for what is on screen.
 * Leaving the session always passes through `ending`, which tells the host and then wipes context.
 */
export function createSessionMachine(services: SessionServices) {
  return setup({
    types: {
      context: {} as SessionContext,
      events: {} as SessionEvent,
    },
    actors: {
      startSession: fromPromise(() => services.startSession()),
      endSession: fromPromise(
        ({ input }: { input: { sessionId: string | null; reason: SessionEndReason } }) =>
          input.sessionId ? services.endSession(input.sessionId, input.reason) : Promise.resolve(),
      ),
    },
    actions: {
      wipe: assign(() => ({ ...emptyContext })),
    },
  }).createMachine({
    id: 'session',
    initial: 'attract',
    context: emptyContext,
    states: {
      attract: {
        entry: 'wipe',
        on: {
          CARD_PLACED: 'readingCard',
          CARD_ERROR: {
            target: 'cardProblem',
            actions: assign({
              problem: ({ event }) => `identify.${event.code === 'expired' ? 'expired' : 'cardError'}`,
            }),
          },
        },
      },
      cardProblem: {
        after: { 8000: 'attract' },
        on: { CARD_PLACED: 'readingCard', HOME: 'attract', CARD_REMOVED: 'attract' },
      },
      readingCard: {
        invoke: {
          src: 'startSession',
          onDone: [
            {
              guard: ({ event }) => 'sessionId' in event.output,
              target: 'greeting',
              actions: assign(({ event }) =>
                'sessionId' in event.output
                  ? { sessionId: event.output.sessionId, identity: event.output.identity, problem: null }
                  : {},
              ),
            },
            {
              target: 'cardProblem',
              actions: assign(({ event }) => ({
                problem: 'problem' in event.output ? event.output.problem : null,
              })),
            },
          ],
          onError: { target: 'cardProblem', actions: assign({ problem: 'errors.hostUnavailable' }) },
        },
        on: { CARD_REMOVED: 'attract' },
      },
      greeting: {
        on: {
          FINISH: { target: 'ending', actions: assign({ problem: null }) },
          HOME: 'endingHome',
          CARD_REMOVED: 'endingCardRemoved',
          TIMEOUT: 'endingTimeout',
        },
      },
      ending: endingState('finished'),
      endingHome: endingState('home'),
      endingCardRemoved: endingState('card_removed'),
      endingTimeout: endingState('timeout'),
    },
  });

  function endingState(reason: SessionEndReason) {
    return {
      invoke: {
        src: 'endSession' as const,
        input: ({ context }: { context: SessionContext }) => ({ sessionId: context.sessionId, reason }),
        onDone: 'attract',
        // The host's own guard wipes its side; the screen must go home regardless.
        onError: 'attract',
      },
      exit: 'wipe' as const,
    };
  }
}
