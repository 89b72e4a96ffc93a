import { assign, fromPromise, setup } from 'xstate';
import type { KioskClient, MethodInput, MethodValue } from '../../../host/api/contract';
import type { IdentityView } from '../../../host/api/identity';
import type {
  AppointmentView,
  CaseView,
  MaterialPage,
  Provenance,
  ReusableMaterial,
} from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import type { SessionEndReason } from '../../../host/api/session';
import type { ServiceItem } from '../../../sync/protocol/catalogue';
import type { FormValue } from '../../../sync/protocol/forms';
import { formIsComplete, materialsComplete } from './journey-rules';

/** The host calls the journey makes; a subset of the typed client, so tests can pass fakes. */
export type JourneyClient = Pick<
  KioskClient,
  | 'startSession'
  | 'endSession'
  | 'prepareApplication'
  | 'getPrinterStatus'
  | 'submitApplication'
  | 'listAppointments'
  | 'checkInAppointment'
  | 'queryProgress'
  | 'rateCase'
>;

export type Service = 'apply' | 'checkIn' | 'progress' | 'rate';

export interface MaterialChoice {
  /** The applicant agreed to re-use the archived copy. */
  useArchived: boolean;
  pages: MaterialPage[];
}

export interface PrinterState {
  ready: boolean;
  state: string;
}

export type Prepared = MethodValue<'prepareApplication'>;
export type Submission = MethodValue<'submitApplication'>;
export type CheckIn = MethodValue<'checkInAppointment'>;

export interface Preferences {
  language: Language;
  elderly: boolean;
  highContrast: boolean;
}

export interface SessionContext {
  prefs: Preferences;
  defaults: Preferences;
  /** What the applicant asked for before (or after) laying the card. */
  intent: Service | null;
  sessionId: string | null;
  identity: IdentityView | null;
  /** What went wrong, as a translation key (never personal data). */
  problem: string | null;
  endReason: SessionEndReason;
  // Applying.
  item: ServiceItem | null;
  prepared: Prepared | null;
  values: Record<string, FormValue>;
  provenance: Record<string, Provenance>;
  showFormErrors: boolean;
  materials: Record<string, MaterialChoice>;
  showMaterialErrors: boolean;
  keepInStore: boolean;
  signature: string | null;
  priority: { disabled: boolean; veteran: boolean; pregnant: boolean };
  printer: PrinterState | null;
  proceedWithoutReceipt: boolean;
  submission: Submission | null;
  // Appointments.
  appointments: AppointmentView[];
  checkIn: CheckIn | null;
  // Progress and rating.
  caseNumber: string | null;
  cases: CaseView[];
  ratingCase: string | null;
  // Inactivity.
  idleExtensions: number;
}

export type SessionEvent =
  | { type: 'CARD_PLACED' }
  /** Look for a card already on the reader (at start, after the event channel reconnects). */
  | { type: 'CHECK_CARD' }
  | { type: 'CARD_REMOVED' }
  | { type: 'CARD_ERROR'; code: string }
  | { type: 'TIMEOUT' }
  | { type: 'HOME' }
  | { type: 'BACK' }
  | { type: 'FINISH' }
  | { type: 'TOUCH' }
  | { type: 'CONTINUE' }
  | { type: 'RETRY' }
  | { type: 'NEXT' }
  | { type: 'SET_LANGUAGE'; language: Language }
  | { type: 'TOGGLE_ELDERLY' }
  | { type: 'TOGGLE_CONTRAST' }
  | { type: 'CHOOSE_SERVICE'; service: Service }
  | { type: 'WITHOUT_CARD'; service: 'progress' | 'rate'; method: 'number' | 'qr' }
  | { type: 'SELECT_ITEM'; item: ServiceItem }
  | { type: 'START_ITEM' }
  | { type: 'SET_VALUE'; fieldId: string; value: FormValue | undefined }
  | { type: 'USE_ARCHIVED'; code: string; use: boolean }
  | { type: 'USE_ALL_ARCHIVED' }
  | { type: 'PAGE_ADDED'; code: string; page: MaterialPage }
  | { type: 'PAGE_REPLACED'; page: MaterialPage }
  | { type: 'PAGE_REMOVED'; pageId: string }
  | { type: 'SET_KEEP_IN_STORE'; keep: boolean }
  | { type: 'SET_SIGNATURE'; dataUrl: string | null }
  | { type: 'SET_PRIORITY'; key: 'disabled' | 'veteran' | 'pregnant'; on: boolean }
  | { type: 'PROCEED_WITHOUT_RECEIPT'; proceed: boolean }
  | { type: 'CONFIRM' }
  | { type: 'CHECK_IN'; appointmentId: string }
  | { type: 'BY_NUMBER' }
  | { type: 'BY_QR' }
  | { type: 'QUERY_CASE'; caseNumber: string }
  | { type: 'RATE_CASE'; caseNumber: string }
  | { type: 'SUBMIT_RATING'; grade: 1 | 2 | 3 | 4 | 5; reasons: string[] };

export interface SessionTiming {
  /** Quiet time before the warning shows (idle timeout minus the warning). */
  idleMs: number;
  /** How long the warning counts down. */
  warningMs: number;
  /** The ticket and thank-you screens go home by themselves after this. */
  doneMs: number;
  /** A card problem or an unanswered "place your card" prompt goes back to the attract screen. */
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
    problem: null,
    endReason: 'finished',
    item: null,
    prepared: null,
    values: {},
    provenance: {},
    showFormErrors: false,
    materials: {},
    showMaterialErrors: false,
    keepInStore: false,
    signature: null,
    priority: { disabled: false, veteran: false, pregnant: false },
    printer: null,
    proceedWithoutReceipt: false,
    submission: null,
    appointments: [],
    checkIn: null,
    caseNumber: null,
    cases: [],
    ratingCase: null,
    idleExtensions: 0,
  };
}

/** Plain failure (Result with ok false) → the translation key shown to the applicant. */
class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

async function unwrap<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>) {
  const result = await promise;
  if (!result.ok) throw new Refused(result.error.code);
  return result.value;
}

function problemOf(error: unknown): string {
  return error instanceof Refused ? `problems.${error.code}` : 'errors.hostUnavailable';
}

const cardErrorKeys: Record<string, string> = {
  expired_card: 'identify.expired',
  expired: 'identify.expired',
  reader_missing: 'identify.readerMissing',
  disconnected: 'identify.readerMissing',
};

/** The materials payload of a submission, from what the applicant chose on the materials screen. */
export function materialsPayload(context: SessionContext): MethodInput<'submitApplication'>['materials'] {
  const reusable = new Map((context.prepared?.reusableMaterials ?? []).map((m) => [m.code, m]));
  const payload: MethodInput<'submitApplication'>['materials'] = [];
  for (const requirement of context.item?.materials ?? []) {
    const choice = context.materials[requirement.code];
    if (!choice) continue;
    const archived = choice.useArchived ? (reusable.get(requirement.code)?.sha256 ?? null) : null;
    const pageIds = choice.pages.map((page) => page.pageId);
    if (archived || pageIds.length > 0)
      payload.push({ code: requirement.code, archivedSha256: archived, pageIds });
  }
  return payload;
}

/**
 * The applicant session as the applicant sees it: every state is named for what is on screen.
 * Leaving a session always passes through `ending`, which tells the host and then wipes the context.
 * While a session is open, `idle` runs beside the journey: quiet -> warning (countdown) -> timeout.
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
      done: () => timing.doneMs,
      prompt: () => timing.promptMs,
    },
    actors: {
      startSession: fromPromise(() => unwrap(client.startSession({}))),
      endSession: fromPromise(
        async ({ input }: { input: { sessionId: string | null; reason: SessionEndReason } }) => {
          if (input.sessionId) await client.endSession({ sessionId: input.sessionId, reason: input.reason });
        },
      ),
      prepare: fromPromise(({ input }: { input: { sessionId: string; itemId: string } }) =>
        unwrap(client.prepareApplication(input)),
      ),
      printerStatus: fromPromise(() => unwrap(client.getPrinterStatus({}))),
      submit: fromPromise(({ input }: { input: MethodInput<'submitApplication'> }) =>
        unwrap(client.submitApplication(input)),
      ),
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
      progress: fromPromise(({ input }: { input: MethodInput<'queryProgress'> }) =>
        unwrap(client.queryProgress(input)),
      ),
      rate: fromPromise(({ input }: { input: MethodInput<'rateCase'> }) => unwrap(client.rateCase(input))),
    },
    guards: {
      hasSession: ({ context }) => context.sessionId !== null,
      identityRejected: ({ event }) => {
        const output = (event as unknown as { output: { identity: IdentityView } }).output;
        return output.identity.expired || !output.identity.checkDigitValid;
      },
      wantsApply: ({ context }) => context.intent === 'apply',
      wantsCheckIn: ({ context }) => context.intent === 'checkIn',
      wantsProgress: ({ context }) => context.intent === 'progress',
      wantsRate: ({ context }) => context.intent === 'rate',
      hasForm: ({ context }) => context.prepared?.form != null,
      formComplete: ({ context }) => formIsComplete(context.prepared?.form ?? null, context.values),
      materialsComplete: ({ context }) =>
        materialsComplete(context.item?.materials ?? [], context.materials, reusableByCode(context)),
      materialsCompleteWhenAllArchived: ({ context }) =>
        materialsComplete(context.item?.materials ?? [], withAllArchived(context), reusableByCode(context)),
      canConfirm: ({ context }) =>
        context.signature !== null &&
        context.printer !== null &&
        (context.printer.ready || context.proceedWithoutReceipt),
      canExtend: ({ context }) => context.idleExtensions < MAX_IDLE_EXTENSIONS,
      fromCaseNumber: ({ context }) => context.caseNumber !== null,
    },
    actions: {
      wipe: assign(({ context }) => emptyContext(context.defaults)),
    },
  }).createMachine({
    id: 'session',
    initial: 'attract',
    context: emptyContext(defaults),
    on: {
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
          CARD_PLACED: 'identifying',
          CHECK_CARD: 'identifying',
          CARD_ERROR: {
            target: 'cardProblem',
            actions: assign({ problem: ({ event }) => cardErrorKeys[event.code] ?? 'identify.cardError' }),
          },
          CHOOSE_SERVICE: {
            target: 'waitingForCard',
            actions: assign({ intent: ({ event }) => event.service }),
          },
          WITHOUT_CARD: {
            target: 'inSession',
            actions: assign({ intent: ({ event }) => event.service }),
          },
        },
      },
      /** A service was chosen on the attract screen: "place your ID card" for it. */
      waitingForCard: {
        after: { prompt: 'attract' },
        on: {
          CARD_PLACED: 'identifying',
          CARD_ERROR: {
            target: 'cardProblem',
            actions: assign({ problem: ({ event }) => cardErrorKeys[event.code] ?? 'identify.cardError' }),
          },
          BACK: 'attract',
          HOME: 'attract',
          TOUCH: { target: 'waitingForCard', reenter: true },
          CHOOSE_SERVICE: { actions: assign({ intent: ({ event }) => event.service }) },
          WITHOUT_CARD: {
            target: 'inSession',
            actions: assign({ intent: ({ event }) => event.service }),
          },
        },
      },
      cardProblem: {
        after: { prompt: 'attract' },
        on: { CARD_PLACED: 'identifying', HOME: 'attract', BACK: 'attract', CARD_REMOVED: 'attract' },
      },
      identifying: {
        invoke: {
          src: 'startSession',
          onDone: [
            {
              guard: 'identityRejected',
              target: 'identityRejected',
              actions: assign(({ event }) => ({
                sessionId: event.output.sessionId,
                problem: event.output.identity.expired ? 'identify.expired' : 'identify.badCheckDigit',
              })),
            },
            {
              target: 'inSession',
              actions: assign(({ event }) => ({
                sessionId: event.output.sessionId,
                identity: event.output.identity,
                problem: null,
              })),
            },
          ],
          onError: [
            // No card after all (a look at start-up, or the card taken away while reading): say nothing.
            {
              guard: ({ event }) => event.error instanceof Refused && event.error.code === 'no_card',
              target: 'attract',
            },
            {
              target: 'cardProblem',
              actions: assign({
                problem: ({ event }) =>
                  event.error instanceof Refused ? 'identify.cardError' : 'errors.hostUnavailable',
              }),
            },
          ],
        },
        on: { CARD_REMOVED: 'attract' },
      },
      /** An expired card or a bad check digit: the host session is closed at once; the reason stays on screen. */
      identityRejected: {
        invoke: {
          src: 'endSession',
          input: ({ context }) => ({ sessionId: context.sessionId, reason: 'error' as const }),
          onDone: { actions: assign({ sessionId: null }) },
          onError: { actions: assign({ sessionId: null }) },
        },
        after: { prompt: 'attract' },
        on: { HOME: 'attract', BACK: 'attract', CARD_REMOVED: 'attract' },
      },
      inSession: {
        type: 'parallel',
        on: {
          HOME: { target: 'ending', actions: assign({ endReason: 'home' }) },
          CARD_REMOVED: {
            guard: 'hasSession',
            target: 'ending',
            actions: assign({ endReason: 'card_removed' }),
          },
          TIMEOUT: { target: 'ending', actions: assign({ endReason: 'timeout' }) },
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
                after: {
                  warning: { target: '#session.ending', actions: assign({ endReason: 'timeout' }) },
                },
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
                  { guard: 'wantsCheckIn', target: 'appointments' },
                  { guard: 'wantsProgress', target: 'progress' },
                  { guard: 'wantsRate', target: 'rating' },
                  { target: 'menu' },
                ],
              },
              /** "Hello, <name>": what would you like to do? */
              menu: {
                on: {
                  CHOOSE_SERVICE: {
                    target: 'routing',
                    actions: assign({ intent: ({ event }) => event.service }),
                  },
                  BACK: { target: '#session.ending', actions: assign({ endReason: 'home' }) },
                },
              },
              apply: {
                initial: 'choosingItem',
                states: {
                  choosingItem: {
                    on: {
                      SELECT_ITEM: {
                        target: 'itemDetails',
                        actions: assign({ item: ({ event }) => event.item }),
                      },
                      BACK: { target: '#session.inSession.journey.menu', actions: assign({ intent: null }) },
                    },
                  },
                  itemDetails: {
                    on: {
                      START_ITEM: 'preparing',
                      BACK: { target: 'choosingItem', actions: assign({ item: null }) },
                    },
                  },
                  preparing: {
                    invoke: {
                      src: 'prepare',
                      input: ({ context }) => ({
                        sessionId: context.sessionId ?? '',
                        itemId: context.item?.id ?? '',
                      }),
                      onDone: {
                        target: 'afterPreparing',
                        actions: assign(({ event }) => ({
                          prepared: event.output,
                          values: { ...event.output.values },
                          provenance: { ...event.output.provenance },
                          showFormErrors: false,
                          materials: {},
                          showMaterialErrors: false,
                          problem: null,
                        })),
                      },
                      onError: {
                        target: 'preparationFailed',
                        actions: assign({ problem: ({ event }) => problemOf(event.error) }),
                      },
                    },
                    on: { BACK: 'itemDetails' },
                  },
                  afterPreparing: {
                    always: [{ guard: 'hasForm', target: 'fillingForm' }, { target: 'materials' }],
                  },
                  preparationFailed: {
                    on: { RETRY: 'preparing', BACK: 'itemDetails' },
                  },
                  fillingForm: {
                    on: {
                      SET_VALUE: {
                        actions: assign(({ context, event }) => {
                          const values = { ...context.values };
                          if (event.value === undefined) delete values[event.fieldId];
                          else values[event.fieldId] = event.value;
                          return {
                            values,
                            provenance: { ...context.provenance, [event.fieldId]: 'typed' as const },
                          };
                        }),
                      },
                      NEXT: [
                        { guard: 'formComplete', target: 'materials' },
                        { actions: assign({ showFormErrors: true }) },
                      ],
                      BACK: 'itemDetails',
                    },
                  },
                  materials: {
                    on: {
                      USE_ARCHIVED: {
                        actions: assign({
                          materials: ({ context, event }) => ({
                            ...context.materials,
                            [event.code]: {
                              pages: context.materials[event.code]?.pages ?? [],
                              useArchived: event.use,
                            },
                          }),
                        }),
                      },
                      USE_ALL_ARCHIVED: [
                        {
                          guard: 'materialsCompleteWhenAllArchived',
                          target: 'review',
                          actions: assign({ materials: ({ context }) => withAllArchived(context) }),
                        },
                        {
                          actions: assign({
                            materials: ({ context }) => withAllArchived(context),
                            showMaterialErrors: true,
                          }),
                        },
                      ],
                      PAGE_ADDED: {
                        actions: assign({
                          materials: ({ context, event }) => ({
                            ...context.materials,
                            [event.code]: {
                              useArchived: context.materials[event.code]?.useArchived ?? false,
                              pages: [...(context.materials[event.code]?.pages ?? []), event.page],
                            },
                          }),
                        }),
                      },
                      PAGE_REPLACED: {
                        actions: assign({
                          materials: ({ context, event }) =>
                            mapPages(context.materials, (page) =>
                              page.pageId === event.page.pageId ? event.page : page,
                            ),
                        }),
                      },
                      PAGE_REMOVED: {
                        actions: assign({
                          materials: ({ context, event }) =>
                            mapPages(context.materials, (page) =>
                              page.pageId === event.pageId ? null : page,
                            ),
                        }),
                      },
                      NEXT: [
                        { guard: 'materialsComplete', target: 'review' },
                        { actions: assign({ showMaterialErrors: true }) },
                      ],
                      BACK: [{ guard: 'hasForm', target: 'fillingForm' }, { target: 'itemDetails' }],
                    },
                  },
                  review: {
                    initial: 'checkingPrinter',
                    entry: assign({ printer: null, proceedWithoutReceipt: false, problem: null }),
                    states: {
                      checkingPrinter: {
                        invoke: {
                          src: 'printerStatus',
                          onDone: {
                            target: 'signing',
                            actions: assign({ printer: ({ event }) => event.output }),
                          },
                          onError: {
                            target: 'signing',
                            actions: assign({ printer: { ready: false, state: 'offline' } }),
                          },
                        },
                      },
                      signing: {
                        on: {
                          CONFIRM: {
                            guard: 'canConfirm',
                            target: '#session.inSession.journey.apply.submitting',
                          },
                        },
                      },
                    },
                    on: {
                      SET_KEEP_IN_STORE: { actions: assign({ keepInStore: ({ event }) => event.keep }) },
                      SET_SIGNATURE: { actions: assign({ signature: ({ event }) => event.dataUrl }) },
                      SET_PRIORITY: {
                        actions: assign({
                          priority: ({ context, event }) => ({ ...context.priority, [event.key]: event.on }),
                        }),
                      },
                      PROCEED_WITHOUT_RECEIPT: {
                        actions: assign({ proceedWithoutReceipt: ({ event }) => event.proceed }),
                      },
                      BACK: { target: 'materials', actions: assign({ signature: null }) },
                    },
                  },
                  submitting: {
                    invoke: {
                      src: 'submit',
                      input: ({ context }) => ({
                        sessionId: context.sessionId ?? '',
                        itemId: context.item?.id ?? '',
                        values: context.values,
                        materials: materialsPayload(context),
                        keepInStore: context.keepInStore,
                        signatureDataUrl: context.signature ?? '',
                        priority: context.priority,
                        proceedWithoutReceipt: context.proceedWithoutReceipt,
                        language: context.prefs.language,
                      }),
                      onDone: {
                        target: 'ticket',
                        actions: assign({ submission: ({ event }) => event.output, signature: null }),
                      },
                      onError: {
                        target: 'submitFailed',
                        actions: assign({ problem: ({ event }) => problemOf(event.error) }),
                      },
                    },
                  },
                  submitFailed: {
                    on: {
                      RETRY: 'review',
                      BACK: 'review',
                    },
                  },
                  ticket: {
                    after: {
                      done: { target: '#session.ending', actions: assign({ endReason: 'finished' }) },
                    },
                  },
                },
              },
              appointments: {
                initial: 'loading',
                states: {
                  loading: {
                    invoke: {
                      src: 'appointments',
                      input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
                      onDone: {
                        target: 'list',
                        actions: assign(({ event }) => ({
                          appointments: event.output.appointments,
                          printer: event.output.printer,
                        })),
                      },
                      onError: {
                        target: 'failed',
                        actions: assign({ problem: ({ event }) => problemOf(event.error) }),
                      },
                    },
                  },
                  list: {
                    on: {
                      CHECK_IN: {
                        target: 'checkingIn',
                        actions: assign({ caseNumber: ({ event }) => event.appointmentId }),
                      },
                      BACK: { target: '#session.inSession.journey.menu', actions: assign({ intent: null }) },
                    },
                  },
                  checkingIn: {
                    invoke: {
                      src: 'checkIn',
                      input: ({ context }) => ({
                        sessionId: context.sessionId ?? '',
                        appointmentId: context.caseNumber ?? '',
                        proceedWithoutReceipt: !(context.printer?.ready ?? false),
                        language: context.prefs.language,
                      }),
                      onDone: {
                        target: 'ticket',
                        actions: assign({ checkIn: ({ event }) => event.output, caseNumber: null }),
                      },
                      onError: {
                        target: 'failed',
                        actions: assign({ problem: ({ event }) => problemOf(event.error), caseNumber: null }),
                      },
                    },
                  },
                  failed: {
                    on: { RETRY: 'loading', BACK: 'loading' },
                  },
                  ticket: {
                    after: {
                      done: { target: '#session.ending', actions: assign({ endReason: 'finished' }) },
                    },
                  },
                },
              },
              progress: {
                initial: 'start',
                states: {
                  start: {
                    always: [{ guard: 'hasSession', target: 'loading' }, { target: 'enteringNumber' }],
                  },
                  enteringNumber: {
                    on: {
                      QUERY_CASE: {
                        target: 'loading',
                        actions: assign({ caseNumber: ({ event }) => event.caseNumber.trim() }),
                      },
                      BY_QR: 'scanningCode',
                      BACK: [
                        {
                          guard: 'hasSession',
                          target: '#session.inSession.journey.menu',
                          actions: assign({ intent: null }),
                        },
                        { target: '#session.ending', actions: assign({ endReason: 'home' }) },
                      ],
                    },
                  },
                  scanningCode: {
                    on: {
                      QUERY_CASE: {
                        target: 'loading',
                        actions: assign({ caseNumber: ({ event }) => event.caseNumber.trim() }),
                      },
                      BY_NUMBER: 'enteringNumber',
                      BACK: 'enteringNumber',
                    },
                  },
                  loading: {
                    invoke: {
                      src: 'progress',
                      input: ({ context }) =>
                        context.caseNumber !== null
                          ? { caseNumber: context.caseNumber }
                          : { sessionId: context.sessionId ?? '' },
                      onDone: {
                        target: 'results',
                        actions: assign({ cases: ({ event }) => event.output.cases, problem: null }),
                      },
                      onError: {
                        target: 'failed',
                        actions: assign({ problem: ({ event }) => problemOf(event.error) }),
                      },
                    },
                  },
                  results: {
                    on: {
                      RATE_CASE: {
                        target: '#session.inSession.journey.rating.grading',
                        actions: assign({ ratingCase: ({ event }) => event.caseNumber }),
                      },
                      BY_NUMBER: { target: 'enteringNumber', actions: assign({ caseNumber: null }) },
                      BY_QR: { target: 'scanningCode', actions: assign({ caseNumber: null }) },
                      BACK: [
                        {
                          guard: 'fromCaseNumber',
                          target: 'enteringNumber',
                          actions: assign({ caseNumber: null }),
                        },
                        { target: '#session.inSession.journey.menu', actions: assign({ intent: null }) },
                      ],
                    },
                  },
                  failed: {
                    on: {
                      RETRY: 'loading',
                      BY_NUMBER: { target: 'enteringNumber', actions: assign({ caseNumber: null }) },
                      BACK: [
                        {
                          guard: 'fromCaseNumber',
                          target: 'enteringNumber',
                          actions: assign({ caseNumber: null }),
                        },
                        { target: '#session.inSession.journey.menu', actions: assign({ intent: null }) },
                      ],
                    },
                  },
                },
              },
              rating: {
                initial: 'start',
                states: {
                  start: {
                    always: [
                      { guard: 'hasSession', target: 'loading' },
                      { target: '#session.inSession.journey.progress.enteringNumber' },
                    ],
                  },
                  loading: {
                    invoke: {
                      src: 'progress',
                      input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
                      onDone: {
                        target: 'choosingCase',
                        actions: assign({ cases: ({ event }) => event.output.cases }),
                      },
                      onError: {
                        target: 'failed',
                        actions: assign({ problem: ({ event }) => problemOf(event.error) }),
                      },
                    },
                  },
                  choosingCase: {
                    on: {
                      RATE_CASE: {
                        target: 'grading',
                        actions: assign({ ratingCase: ({ event }) => event.caseNumber }),
                      },
                      BACK: { target: '#session.inSession.journey.menu', actions: assign({ intent: null }) },
                      BY_NUMBER: '#session.inSession.journey.progress.enteringNumber',
                    },
                  },
                  grading: {
                    on: {
                      SUBMIT_RATING: 'sending',
                      BACK: [
                        { guard: 'fromCaseNumber', target: '#session.inSession.journey.progress.results' },
                        { guard: 'wantsRate', target: 'choosingCase' },
                        { target: '#session.inSession.journey.progress.results' },
                      ],
                    },
                  },
                  sending: {
                    invoke: {
                      src: 'rate',
                      input: ({ context, event }) => {
                        const rating = event as Extract<SessionEvent, { type: 'SUBMIT_RATING' }>;
                        return {
                          caseNumber: context.ratingCase ?? '',
                          grade: rating.grade,
                          reasons: rating.reasons,
                          comment: '',
                        };
                      },
                      onDone: 'thanks',
                      onError: {
                        target: 'failed',
                        actions: assign({ problem: ({ event }) => problemOf(event.error) }),
                      },
                    },
                  },
                  failed: {
                    on: {
                      RETRY: [
                        { guard: ({ context }) => context.ratingCase !== null, target: 'grading' },
                        { target: 'loading' },
                      ],
                      BACK: { target: '#session.inSession.journey.menu', actions: assign({ intent: null }) },
                    },
                  },
                  thanks: {
                    after: {
                      done: { target: '#session.ending', actions: assign({ endReason: 'finished' }) },
                    },
                  },
                },
              },
            },
          },
        },
      },
      /** Tell the host, then wipe: nothing of the applicant survives this state. */
      ending: {
        invoke: {
          src: 'endSession',
          input: ({ context }) => ({ sessionId: context.sessionId, reason: context.endReason }),
          onDone: 'attract',
          // The host's own guard wipes its side; the screen must go home regardless.
          onError: 'attract',
        },
        exit: 'wipe',
      },
    },
  });
}

function reusableByCode(context: SessionContext): Map<string, ReusableMaterial> {
  return new Map((context.prepared?.reusableMaterials ?? []).map((material) => [material.code, material]));
}

function withAllArchived(context: SessionContext): Record<string, MaterialChoice> {
  const next = { ...context.materials };
  for (const material of context.prepared?.reusableMaterials ?? []) {
    next[material.code] = { pages: next[material.code]?.pages ?? [], useArchived: true };
  }
  return next;
}

function mapPages(
  materials: Record<string, MaterialChoice>,
  map: (page: MaterialPage) => MaterialPage | null,
): Record<string, MaterialChoice> {
  const next: Record<string, MaterialChoice> = {};
  for (const [code, choice] of Object.entries(materials)) {
    next[code] = {
      useArchived: choice.useArchived,
      pages: choice.pages.map(map).filter((page): page is MaterialPage => page !== null),
    };
  }
  return next;
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;
