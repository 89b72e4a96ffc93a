import { assign, fromPromise, type SnapshotFrom, setup } from 'xstate';
import type { KioskClient, MethodInput } from '../../../host/api/contract';
import type { CaseView } from '../../../host/api/journey';
import { problemOf, type ServiceExit, unwrap } from './host-calls';
import type { TopState } from './top-state';

export type RatingClient = Pick<KioskClient, 'queryProgress' | 'rateCase'>;

/** Rating ends like any service, or (when it was opened from progress results) goes back to them. */
export type RatingExit = ServiceExit | { to: 'results' };

export interface RatingContext {
  sessionId: string | null;
  /** Rateable cases to choose from (the card holder's, or the progress results it was opened from). */
  cases: CaseView[];
  ratingCase: string | null;
  /** Opened for one case from the progress results: "back" returns there. */
  fromResults: boolean;
  problem: string | null;
  exit: RatingExit;
}

export type RatingEvent =
  | { type: 'RATE_CASE'; caseNumber: string }
  | { type: 'SUBMIT_RATING'; grade: 1 | 2 | 3 | 4 | 5; reasons: string[]; comment?: string }
  | { type: 'BY_NUMBER' }
  | { type: 'RETRY' }
  | { type: 'BACK' };

export interface RatingInput {
  sessionId: string | null;
  /** Set when a case was chosen on the progress results. */
  caseNumber?: string | null;
  cases?: CaseView[];
}

/** 好差评: choose one of the card holder's finished cases (or the one given), grade it, thanks. */
export function createRatingMachine(client: RatingClient, doneMs: number) {
  return setup({
    types: {
      context: {} as RatingContext,
      events: {} as RatingEvent,
      input: {} as RatingInput,
      output: {} as RatingExit,
    },
    delays: { done: () => doneMs },
    actors: {
      cases: fromPromise(({ input }: { input: { sessionId: string } }) =>
        unwrap(client.queryProgress(input)),
      ),
      rate: fromPromise(({ input }: { input: MethodInput<'rateCase'> }) => unwrap(client.rateCase(input))),
    },
    guards: {
      fromResults: ({ context }) => context.fromResults,
      hasSession: ({ context }) => context.sessionId !== null,
    },
  }).createMachine({
    id: 'rating',
    initial: 'start',
    context: ({ input }) => ({
      sessionId: input.sessionId,
      cases: input.cases ?? [],
      ratingCase: input.caseNumber ?? null,
      fromResults: (input.caseNumber ?? null) !== null,
      problem: null,
      exit: { to: 'menu' },
    }),
    output: ({ context }) => context.exit,
    states: {
      start: {
        always: [
          { guard: 'fromResults', target: 'grading' },
          { guard: 'hasSession', target: 'loading' },
          // Without a card there is no list: the case number is asked for on the progress screens.
          { target: 'left', actions: assign({ exit: { to: 'progress' } }) },
        ],
      },
      loading: {
        invoke: {
          src: 'cases',
          input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
          onDone: { target: 'choosingCase', actions: assign({ cases: ({ event }) => event.output.cases }) },
          onError: { target: 'failed', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
        },
      },
      choosingCase: {
        on: {
          RATE_CASE: { target: 'grading', actions: assign({ ratingCase: ({ event }) => event.caseNumber }) },
          BACK: 'left',
          BY_NUMBER: { target: 'left', actions: assign({ exit: { to: 'progress' } }) },
        },
      },
      grading: {
        on: {
          SUBMIT_RATING: 'sending',
          BACK: [
            { guard: 'fromResults', target: 'left', actions: assign({ exit: { to: 'results' } }) },
            { target: 'choosingCase' },
          ],
        },
      },
      sending: {
        invoke: {
          src: 'rate',
          input: ({ context, event }) => {
            const rating = event as Extract<RatingEvent, { type: 'SUBMIT_RATING' }>;
            return {
              caseNumber: context.ratingCase ?? '',
              grade: rating.grade,
              reasons: rating.reasons,
              comment: rating.comment ?? '',
            };
          },
          onDone: 'thanks',
          onError: { target: 'failed', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
        },
      },
      failed: {
        on: {
          RETRY: [
            { guard: ({ context }) => context.ratingCase !== null, target: 'grading' },
            { target: 'loading' },
          ],
          BACK: 'left',
        },
      },
      thanks: {
        after: { done: { target: 'left', actions: assign({ exit: { to: 'end', reason: 'finished' } }) } },
      },
      left: { type: 'final' },
    },
  });
}

export type RatingMachine = ReturnType<typeof createRatingMachine>;
/** What the service shows: its top-level state names. */
export type RatingState = TopState<SnapshotFrom<RatingMachine>['value']>;
