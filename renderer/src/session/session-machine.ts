import { assign, fromPromise, raise, setup } from 'xstate';
import type { ActingForView } from '../../../host/api/agent';
import type { KioskClient } from '../../../host/api/contract';
import type { IdentityView } from '../../../host/api/identity';
import type { Language } from '../../../host/api/kiosk';
import type { CardRejection, SessionEndReason, SessionState } from '../../../host/api/session';
import { type ApplyClient, createApplyMachine } from './apply-machine';
import { type CheckInClient, createCheckInMachine } from './check-in-machine';
import type { ServiceExit } from './host-calls';
import { createProgressMachine, type ProgressClient } from './progress-machine';
import { createRatingMachine } from './rating-machine';

/** The host calls the session and its services make; a subset of the typed client, so tests can pass fakes. */
export type JourneyClient = Pick<KioskClient, 'endSession' | 'useCardOnReader'> &
  Partial<Pick<KioskClient, 'stopActingFor'>> &
  ApplyClient &
  CheckInClient &
  ProgressClient;

export type Service = 'apply' | 'checkIn' | 'progress' | 'rate';

export interface Preferences {
  language: Language;
  elderly: boolean;
  highContrast: boolean;
}

/**
 * What the session itself holds: the host's session (its id and who it is for), the applicant's
 * display preferences and the inactivity count. Each service keeps its own data in its own machine.
 */
export interface SessionContext {
  prefs: Preferences;
  defaults: Preferences;
  /** What the applicant asked for before (or after) laying the card. */
  intent: Service | null;
  sessionId: string | null;
  identity: IdentityView | null;
  /** Why the host turned the card away (never who was on it). */
  rejection: CardRejection | null;
  endReason: SessionEndReason;
  idleExtensions: number;
  /** Rating handed over to the progress lookup ("by case number"). */
  progressByNumber: boolean;
  /** The session that is ending left its card on the reader: ask for it once the host has ended it. */
  cardLeft: boolean;
  /** 帮办代办: whom the applications are for now (masked), or null for the card holder themselves. */
  actingFor: ActingForView | null;
}

export type SessionEvent =
  // What the host pushes (host/api/events.ts) or answers on (re)connect (getSessionState).
  | { type: 'SESSION_STARTED'; sessionId: string; identity: IdentityView }
  | { type: 'CARD_REJECTED'; reason: CardRejection }
  /** 人证核验: the card was accepted; the face check runs before the host opens the session. */
  | { type: 'FACE_CHECK'; attemptId: string }
  | { type: 'SESSION_ENDED'; sessionId: string; reason?: SessionEndReason }
  | { type: 'CARD_REMOVED' }
  /** A session ended while its card lies on the reader. */
  | { type: 'CARD_LEFT' }
  | { type: 'HOST_STATE'; state: SessionState }
  /** getSessionState said no session and no refused card. */
  | { type: 'HOST_IDLE' }
  // What the applicant does at the session level.
  | { type: 'HOME' }
  | { type: 'BACK' }
  | { type: 'FINISH' }
  | { type: 'TOUCH' }
  | { type: 'CONTINUE' }
  | { type: 'SET_LANGUAGE'; language: Language }
  | { type: 'TOGGLE_ELDERLY' }
  | { type: 'TOGGLE_CONTRAST' }
  | { type: 'CHOOSE_SERVICE'; service: Service }
  | { type: 'WITHOUT_CARD'; service: 'progress' | 'rate'; method: 'number' | 'qr' }
  /** 为他人办理: the menu's entry, then the principal the host accepted (ActingForScreen). */
  | { type: 'ACT_FOR_OTHER' }
  | { type: 'ACTING_FOR'; view: ActingForView };

export interface SessionTiming {
  /** Quiet time before the warning shows (idle timeout minus the warning). */
  idleMs: number;
  /** How long the warning counts down. */
  warningMs: number;
  /** The ticket and thank-you screens go home by themselves after this. */
  doneMs: number;
  /** A refused card or an unanswered "place your card" prompt goes back to the attract screen. */
  promptMs: number;
}

export const MAX_IDLE_EXTENSIONS = 10;

function emptyContext(defaults: Preferences): SessionContext {
  return {
    prefs: { ...defaults },
    defaults,
    intent: null,
    sessionId: null,
    identity: null,
    rejection: null,
    endReason: 'finished',
    idleExtensions: 0,
    progressByNumber: false,
    cardLeft: false,
    actingFor: null,
  };
}

/** The translation key of the words shown for a refused card. */
export const rejectionWords: Record<CardRejection, string> = {
  unreadable: 'identify.cardError',
  expired: 'identify.expired',
  bad_check_digit: 'identify.badCheckDigit',
  face_check_failed: 'faceCheck.failed',
};

type Started = Extract<SessionEvent, { type: 'SESSION_STARTED' }>;

/**
 * The applicant session as the host holds it, shown: the host opens, refuses and ends sessions
 * (sessionStarted, cardRejected, sessionEnded); this machine mirrors that and runs one child machine
 * per service while a session is open. States are named for what the applicant sees. Leaving on the
 * applicant's own account passes through `ending`, which tells the host; a session the host ended
 * (card removed, its guard) goes home at once.
 */
export function createSessionMachine(client: JourneyClient, timing: SessionTiming, defaults: Preferences) {
  return setup({
    types: {
      context: {} as SessionContext,
      events: {} as SessionEvent,
    },
    delays: {
      idle: () => timing.idleMs,
      warning: () => timing.warningMs,
      prompt: () => timing.promptMs,
    },
    actors: {
      // A card already lying on the reader counts as laid: the host opens its session (or answers no_card).
      claimCardOnReader: fromPromise(async () => {
        await client.useCardOnReader({});
      }),
      endSession: fromPromise(
        async ({ input }: { input: { sessionId: string | null; reason: SessionEndReason } }) => {
          if (input.sessionId) await client.endSession({ sessionId: input.sessionId, reason: input.reason });
        },
      ),
      apply: createApplyMachine(client, timing.doneMs),
      checkIn: createCheckInMachine(client, timing.doneMs),
      progress: createProgressMachine(client, timing.doneMs),
      rating: createRatingMachine(client, timing.doneMs),
    },
    guards: {
      hasSession: ({ context }) => context.sessionId !== null,
      otherSession: ({ context, event }) => (event as Started).sessionId !== context.sessionId,
      ourSessionEnded: ({ context, event }) =>
        event.type === 'SESSION_ENDED' && event.sessionId === context.sessionId,
      ourSessionEndedByRemoval: ({ context, event }) =>
        event.type === 'SESSION_ENDED' &&
        event.sessionId === context.sessionId &&
        event.reason === 'card_removed',
      cardLeft: ({ context }) => context.cardLeft,
      wantsApply: ({ context }) => context.intent === 'apply' && context.sessionId !== null,
      wantsCheckIn: ({ context }) => context.intent === 'checkIn' && context.sessionId !== null,
      wantsProgress: ({ context }) => context.intent === 'progress' || context.progressByNumber,
      wantsRate: ({ context }) => context.intent === 'rate',
      canExtend: ({ context }) => context.idleExtensions < MAX_IDLE_EXTENSIONS,
      exitsToMenu: ({ event }) => exitOf(event).to === 'menu',
      exitsToProgress: ({ event }) => exitOf(event).to === 'progress',
    },
    actions: {
      adopt: assign(({ event }) => {
        const started = event as Started;
        return {
          sessionId: started.sessionId,
          identity: started.identity,
          rejection: null,
          idleExtensions: 0,
          actingFor: null,
        };
      }),
      refuse: assign({
        rejection: ({ event }) => (event as Extract<SessionEvent, { type: 'CARD_REJECTED' }>).reason,
      }),
      wipe: assign(({ context }) => emptyContext(context.defaults)),
      // Forget the person but keep the language and display they chose: "please take your ID card" is
      // said to the applicant who is just leaving, in their words. The attract screen then wipes it all.
      wipePerson: assign(({ context }) => ({ ...emptyContext(context.defaults), prefs: context.prefs })),
      leaveService: assign({ intent: null, progressByNumber: false }),
      // Back on the menu the host applies for the card holder again, and the screen forgets the principal.
      releasePrincipal: ({ context }) => {
        if (context.actingFor && context.sessionId)
          void client.stopActingFor?.({ sessionId: context.sessionId }).catch(() => undefined);
      },
      forgetPrincipal: assign({ actingFor: null }),
      endAsServiceSaid: assign({
        endReason: ({ event }) => {
          const exit = exitOf(event);
          return exit.to === 'end' ? exit.reason : 'finished';
        },
      }),
      // A (re)connected renderer asks the host what it holds and shows that.
      mirrorHost: raise(({ event }) => {
        const { state } = event as Extract<SessionEvent, { type: 'HOST_STATE' }>;
        if (state.state === 'active')
          return { type: 'SESSION_STARTED' as const, sessionId: state.sessionId, identity: state.identity };
        if (state.state === 'rejected') return { type: 'CARD_REJECTED' as const, reason: state.reason };
        if (state.state === 'card_left') return { type: 'CARD_LEFT' as const };
        if (state.state === 'face_check') return { type: 'FACE_CHECK' as const, attemptId: state.attemptId };
        return { type: 'HOST_IDLE' as const };
      }),
    },
  }).createMachine({
    id: 'session',
    initial: 'attract',
    context: emptyContext(defaults),
    on: {
      HOST_STATE: { actions: 'mirrorHost' },
      SET_LANGUAGE: {
        actions: assign({ prefs: ({ context, event }) => ({ ...context.prefs, language: event.language }) }),
      },
      TOGGLE_ELDERLY: {
        actions: assign({ prefs: ({ context }) => ({ ...context.prefs, elderly: !context.prefs.elderly }) }),
      },
      TOGGLE_CONTRAST: {
        actions: assign({
          prefs: ({ context }) => ({ ...context.prefs, highContrast: !context.prefs.highContrast }),
        }),
      },
    },
    states: {
      attract: {
        entry: 'wipe',
        on: {
          FACE_CHECK: 'faceCheck',
          SESSION_STARTED: { target: 'inSession', actions: 'adopt' },
          CARD_REJECTED: { target: 'rejected', actions: 'refuse' },
          CARD_LEFT: 'takeCard',
          CHOOSE_SERVICE: {
            target: 'waitingForCard',
            actions: assign({ intent: ({ event }) => event.service }),
          },
          WITHOUT_CARD: { target: 'inSession', actions: assign({ intent: ({ event }) => event.service }) },
        },
      },
      /** A service was chosen on the attract screen: "place your ID card" for it. */
      waitingForCard: {
        after: { prompt: 'attract' },
        invoke: { src: 'claimCardOnReader', onError: { actions: [] } },
        on: {
          FACE_CHECK: 'faceCheck',
          SESSION_STARTED: { target: 'inSession', actions: 'adopt' },
          CARD_REJECTED: { target: 'rejected', actions: 'refuse' },
          BACK: 'attract',
          HOME: 'attract',
          TOUCH: { target: 'waitingForCard', reenter: true },
          CHOOSE_SERVICE: { actions: assign({ intent: ({ event }) => event.service }) },
          WITHOUT_CARD: { target: 'inSession', actions: assign({ intent: ({ event }) => event.service }) },
        },
      },
      /** The host turned the card away: the reason in words, until the card goes or the prompt times out. */
      rejected: {
        after: { prompt: 'attract' },
        on: {
          FACE_CHECK: 'faceCheck',
          SESSION_STARTED: { target: 'inSession', actions: 'adopt' },
          CARD_REJECTED: { actions: 'refuse' },
          HOME: 'attract',
          BACK: 'attract',
          CARD_REMOVED: 'attract',
          HOST_IDLE: 'attract',
        },
      },
      /**
       * 人证核验: the face before the camera is compared with the card photo (FaceCheckScreen); the host
       * opens the session on a match, or turns the card away (face_check_failed: go to the window).
       */
      faceCheck: {
        entry: 'wipePerson',
        on: {
          SESSION_STARTED: { target: 'inSession', actions: 'adopt' },
          CARD_REJECTED: { target: 'rejected', actions: 'refuse' },
          HOST_IDLE: 'attract',
          HOME: 'attract',
        },
      },
      /** The session is over and its card still lies on the reader: "please take your ID card". */
      takeCard: {
        // Nothing of the applicant stays in the screen's memory while the card (or its absence) is spoken of.
        entry: 'wipePerson',
        after: { prompt: 'attract' },
        on: {
          CARD_REMOVED: 'attract',
          HOST_IDLE: 'attract',
          HOME: 'attract',
          FACE_CHECK: 'faceCheck',
          SESSION_STARTED: { target: 'inSession', actions: 'adopt' },
          CARD_REJECTED: { target: 'rejected', actions: 'refuse' },
          CHOOSE_SERVICE: {
            target: 'waitingForCard',
            actions: assign({ intent: ({ event }) => event.service }),
          },
        },
      },
      /** Under the hall's "hold" policy the card was taken away: the session ended, and the screen says so. */
      cardTaken: {
        // Nothing of the applicant stays in the screen's memory while the card (or its absence) is spoken of.
        entry: 'wipePerson',
        after: { prompt: 'attract' },
        on: {
          HOME: 'attract',
          TOUCH: 'attract',
          FACE_CHECK: 'faceCheck',
          SESSION_STARTED: { target: 'inSession', actions: 'adopt' },
          CARD_REJECTED: { target: 'rejected', actions: 'refuse' },
          CHOOSE_SERVICE: {
            target: 'waitingForCard',
            actions: assign({ intent: ({ event }) => event.service }),
          },
        },
      },
      inSession: {
        type: 'parallel',
        on: {
          // The host replaced the session (a card laid during a card-less lookup, or a reconnect).
          SESSION_STARTED: {
            guard: 'otherSession',
            target: 'inSession',
            reenter: true,
            actions: ['adopt', 'leaveService'],
          },
          SESSION_ENDED: [
            { guard: 'ourSessionEndedByRemoval', target: 'cardTaken' },
            { guard: 'ourSessionEnded', target: 'attract' },
          ],
          HOST_IDLE: { guard: 'hasSession', target: 'attract' },
          CARD_REJECTED: { guard: 'hasSession', target: 'rejected', actions: 'refuse' },
          HOME: { target: 'ending', actions: assign({ endReason: 'home' }) },
          FINISH: { target: 'ending', actions: assign({ endReason: 'finished' }) },
        },
        states: {
          idle: {
            initial: 'quiet',
            states: {
              quiet: {
                after: { idle: 'warning' },
                on: { TOUCH: { target: 'quiet', reenter: true } },
              },
              warning: {
                after: { warning: { target: '#session.ending', actions: assign({ endReason: 'timeout' }) } },
                on: {
                  CONTINUE: {
                    guard: 'canExtend',
                    target: 'quiet',
                    actions: assign({ idleExtensions: ({ context }) => context.idleExtensions + 1 }),
                  },
                },
              },
            },
          },
          journey: {
            initial: 'routing',
            states: {
              routing: {
                always: [
                  { guard: 'wantsApply', target: 'apply' },
                  { guard: 'wantsCheckIn', target: 'checkIn' },
                  { guard: 'wantsProgress', target: 'progress' },
                  { guard: 'wantsRate', target: 'rating' },
                  { target: 'menu' },
                ],
              },
              /** "Hello, <name>": what would you like to do? Back here, the card holder applies for themselves. */
              menu: {
                entry: ['releasePrincipal', 'forgetPrincipal'],
                on: {
                  ACT_FOR_OTHER: 'actingFor',
                  CHOOSE_SERVICE: {
                    target: 'routing',
                    actions: assign({ intent: ({ event }) => event.service }),
                  },
                  BACK: { target: '#session.ending', actions: assign({ endReason: 'home' }) },
                },
              },
              /** 为他人办理: identify the principal (ActingForScreen), then apply for them. */
              actingFor: {
                on: {
                  ACTING_FOR: {
                    target: 'routing',
                    actions: assign({ actingFor: ({ event }) => event.view, intent: 'apply' }),
                  },
                  BACK: 'menu',
                },
              },
              apply: {
                invoke: {
                  id: 'apply',
                  src: 'apply',
                  input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
                  onDone: serviceExits(),
                },
              },
              checkIn: {
                invoke: {
                  id: 'checkIn',
                  src: 'checkIn',
                  input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
                  onDone: serviceExits(),
                },
              },
              progress: {
                invoke: {
                  id: 'progress',
                  src: 'progress',
                  input: ({ context }) => ({
                    sessionId: context.sessionId,
                    byNumber: context.progressByNumber,
                  }),
                  onDone: serviceExits(),
                },
              },
              rating: {
                invoke: {
                  id: 'rating',
                  src: 'rating',
                  input: ({ context }) => ({ sessionId: context.sessionId }),
                  onDone: [
                    {
                      guard: 'exitsToProgress',
                      target: 'progress',
                      actions: assign({ progressByNumber: true }),
                    },
                    ...serviceExits(),
                  ],
                },
              },
            },
          },
        },
      },
      /** Tell the host, then wipe: nothing of the applicant survives this state. */
      ending: {
        on: { CARD_LEFT: { actions: assign({ cardLeft: true }) } },
        invoke: {
          src: 'endSession',
          input: ({ context }) => ({ sessionId: context.sessionId, reason: context.endReason }),
          onDone: [{ guard: 'cardLeft', target: 'takeCard' }, { target: 'attract' }],
          // The host's own guard wipes its side; the screen must go home regardless.
          onError: [{ guard: 'cardLeft', target: 'takeCard' }, { target: 'attract' }],
        },
        exit: 'wipePerson',
      },
    },
  });
}

/** A service machine's done event carries how it was left. */
function exitOf(event: SessionEvent): ServiceExit {
  return (event as unknown as { output: ServiceExit }).output;
}

/** Where the session goes when a service's machine is done: the menu, or the end of the session. */
function serviceExits() {
  return [
    { guard: 'exitsToMenu' as const, target: 'menu', actions: 'leaveService' as const },
    { target: '#session.ending', actions: 'endAsServiceSaid' as const },
  ];
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;
