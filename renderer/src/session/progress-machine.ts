import { assign, fromPromise, type SnapshotFrom, setup } from 'xstate';
import type { KioskClient, MethodInput } from '../../../host/api/contract';
import type { CaseView } from '../../../host/api/journey';
import { problemOf, type ServiceExit, unwrap } from './host-calls';
import { createRatingMachine, type RatingClient, type RatingExit } from './rating-machine';
import type { TopState } from './top-state';

export type ProgressClient = Pick<KioskClient, 'queryProgress'> & RatingClient;

export interface ProgressContext {
  sessionId: string | null;
  askNumber: boolean;
  /** The case number the applicant typed or scanned; null for the card holder's own cases. */
  caseNumber: string | null;
  /** What was last typed, kept when "not found" goes back to the keypad (返回), cleared by 重新输入. */
  typedNumber: string;
  cases: CaseView[];
  /** The case chosen on the results for rating. */
  ratingCase: string | null;
  problem: string | null;
  exit: ServiceExit;
}

export type ProgressEvent =
  | { type: 'QUERY_CASE'; caseNumber: string }
  | { type: 'RATE_CASE'; caseNumber: string }
  | { type: 'BY_NUMBER' }
  | { type: 'BY_QR' }
  | { type: 'RETRY' }
  /** After "not found": the keypad again, empty. */
  | { type: 'RE_ENTER' }
  | { type: 'BACK' };

export interface ProgressInput {
  sessionId: string | null;
  /** Ask for a case number even with a card (chosen "by case number" on the rating list). */
  byNumber: boolean;
}

/**
 * Progress of cases: the card holder's own, or one by case number (typed or from the receipt's QR code).
 * A finished case can be rated from the results: the rating machine runs inside this one for it.
 */
export function createProgressMachine(client: ProgressClient, doneMs: number) {
  return setup({
    types: {
      context: {} as ProgressContext,
      events: {} as ProgressEvent,
      input: {} as ProgressInput,
      output: {} as ServiceExit,
    },
    actors: {
      progress: fromPromise(({ input }: { input: MethodInput<'queryProgress'> }) =>
        unwrap(client.queryProgress(input)),
      ),
      rating: createRatingMachine(client, doneMs),
    },
    guards: {
      ownCases: ({ context }) => context.sessionId !== null && !context.askNumber,
      fromCaseNumber: ({ context }) => context.caseNumber !== null,
    },
  }).createMachine({
    id: 'progress',
    initial: 'start',
    context: ({ input }) => ({
      sessionId: input.sessionId,
      caseNumber: null,
      typedNumber: '',
      cases: [],
      ratingCase: null,
      problem: null,
      askNumber: input.byNumber,
      // Leaving from the first screen: back to the menu with a card, home without one.
      exit: input.sessionId !== null ? { to: 'menu' } : { to: 'end', reason: 'home' },
    }),
    output: ({ context }) => context.exit,
    states: {
      start: {
        always: [{ guard: 'ownCases', target: 'loading' }, { target: 'enteringNumber' }],
      },
      enteringNumber: {
        on: {
          QUERY_CASE: {
            target: 'loading',
            actions: assign({
              caseNumber: ({ event }) => event.caseNumber.trim(),
              typedNumber: ({ event }) => event.caseNumber,
            }),
          },
          BY_QR: 'scanningCode',
          BACK: 'left',
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
          onError: { target: 'failed', actions: assign({ problem: ({ event }) => problemOf(event.error) }) },
        },
      },
      results: {
        on: {
          RATE_CASE: { target: 'rating', actions: assign({ ratingCase: ({ event }) => event.caseNumber }) },
          BY_NUMBER: { target: 'enteringNumber', actions: assign({ caseNumber: null }) },
          BY_QR: { target: 'scanningCode', actions: assign({ caseNumber: null }) },
          BACK: [
            { guard: 'fromCaseNumber', target: 'enteringNumber', actions: assign({ caseNumber: null }) },
            { target: 'left', actions: assign({ exit: { to: 'menu' } }) },
          ],
        },
      },
      failed: {
        on: {
          RETRY: 'loading',
          BY_NUMBER: { target: 'enteringNumber', actions: assign({ caseNumber: null }) },
          RE_ENTER: { target: 'enteringNumber', actions: assign({ caseNumber: null, typedNumber: '' }) },
          // typedNumber stays: 返回 shows the keypad with the number as it was typed.
          BACK: [
            { guard: 'fromCaseNumber', target: 'enteringNumber', actions: assign({ caseNumber: null }) },
            { target: 'left', actions: assign({ exit: { to: 'menu' } }) },
          ],
        },
      },
      rating: {
        invoke: {
          id: 'rating',
          src: 'rating',
          input: ({ context }) => ({
            sessionId: context.sessionId,
            caseNumber: context.ratingCase,
            cases: context.cases,
          }),
          onDone: [
            { guard: ({ event }) => (event.output as RatingExit).to === 'results', target: 'results' },
            {
              target: 'left',
              actions: assign({ exit: ({ event }) => event.output as ServiceExit }),
            },
          ],
        },
      },
      left: { type: 'final' },
    },
  });
}

export type ProgressMachine = ReturnType<typeof createProgressMachine>;
/** What the service shows: its top-level state names. */
export type ProgressState = TopState<SnapshotFrom<ProgressMachine>['value']>;
