import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import { useKeyboard } from '../keyboard/keyboard-context';
import type { ApplyMachine, ApplyState } from '../session/apply-machine';
import type { CheckInMachine, CheckInState } from '../session/check-in-machine';
import type { ProgressMachine, ProgressState } from '../session/progress-machine';
import type { RatingMachine, RatingState } from '../session/rating-machine';
import {
  ApplyProvider,
  CheckInProvider,
  ProgressProvider,
  RatingProvider,
  useApply,
  useCheckIn,
  useProgress,
  useRating,
  useSession,
} from '../session/session-context';
import { rejectionWords, type SessionMachine } from '../session/session-machine';
import { type TopState, topState } from '../session/top-state';
import { ActingForScreen } from './ActingForScreen';
import { AttractScreen, MenuScreen, TakeCardScreen } from './AttractScreen';
import { ChooseItemScreen, ItemDetailsScreen } from './ChooseItemScreen';
import { FaceCheckFailedScreen, FaceCheckScreen } from './FaceCheckScreen';
import { FormScreen } from './FormScreen';
import { MaterialsScreen } from './MaterialsScreen';
import { AppointmentsScreen, ProgressScreen, RatingScreen } from './OtherScreens';
import { ReviewScreen } from './ReviewScreen';
import { BusyScreen, ProblemScreen } from './StatusScreens';
import { TicketScreen } from './TicketScreen';

/** The ticket and thank-you screens go home by themselves after this. */
export const DONE_SECONDS = 45;

/*
 * Which screen each state shows. Every map is a Record keyed by the machine's own state names, so a
 * state without a screen is a type error. A service's screens read that service's machine.
 */

type SessionValue = SnapshotFrom<SessionMachine>['value'];
type SessionState = TopState<SessionValue>;
type JourneyState = Extract<SessionValue, { inSession: unknown }>['inSession']['journey'];

/** A service that was left shows nothing: the session moves on in the same step. */
const gone = () => null;

function Preparing() {
  const { t } = useTranslation();
  return <BusyScreen key="preparing" screenId="preparing" step="form" words={t('preparing.words')} />;
}

const applyScreens: Record<ApplyState, () => ReactNode> = {
  choosingItem: () => <ChooseItemScreen key="choose" />,
  itemDetails: () => <ItemDetailsScreen key="item" />,
  preparing: () => <Preparing key="preparing" />,
  afterPreparing: () => <Preparing key="preparing" />,
  preparationFailed: () => <ProblemScreen key="prep-failed" screenId="preparation-failed" step="form" />,
  fillingForm: () => <FormScreen key="form" />,
  materials: () => <MaterialsScreen key="materials" />,
  review: () => <ReviewScreen key="review" />,
  submitting: () => <ReviewScreen key="review" />,
  submitFailed: () => <ProblemScreen key="submit-failed" screenId="submit-failed" step="review" />,
  ticket: () => <ApplyTicket key="ticket" />,
  left: gone,
};

function ApplyTicket() {
  const { state } = useApply();
  return <TicketScreen doneSeconds={DONE_SECONDS} submission={state.context.submission} />;
}

const checkInScreens: Record<CheckInState, () => ReactNode> = {
  loading: () => <AppointmentsScreen key="appointments" />,
  list: () => <AppointmentsScreen key="appointments" />,
  checkingIn: () => <AppointmentsScreen key="appointments" />,
  failed: () => <AppointmentsScreen key="appointments" />,
  ticket: () => <CheckInTicket key="appointment-ticket" />,
  left: gone,
};

function CheckInTicket() {
  const { state } = useCheckIn();
  return <TicketScreen doneSeconds={DONE_SECONDS} checkIn={state.context.checkIn} />;
}

const ratingScreens: Record<RatingState, () => ReactNode> = {
  start: () => <RatingScreen key="rating" />,
  loading: () => <RatingScreen key="rating" />,
  choosingCase: () => <RatingScreen key="rating" />,
  grading: () => <RatingScreen key="rating" />,
  sending: () => <RatingScreen key="rating" />,
  failed: () => <RatingScreen key="rating" />,
  thanks: () => <RatingScreen key="rating" />,
  left: gone,
};

const progressScreens: Record<ProgressState, () => ReactNode> = {
  start: () => <ProgressScreen key="progress" />,
  enteringNumber: () => <ProgressScreen key="progress" />,
  scanningCode: () => <ProgressScreen key="progress" />,
  loading: () => <ProgressScreen key="progress" />,
  results: () => <ProgressScreen key="progress" />,
  failed: () => <ProgressScreen key="progress" />,
  rating: () => <RatingInProgress key="rating" />,
  left: gone,
};

/** A field the applicant was typing into closes its keyboard when the screen changes. */
export function KeyboardReset({ screen }: { screen: string }) {
  const { close } = useKeyboard();
  // biome-ignore lint/correctness/useExhaustiveDependencies: on every screen change
  useEffect(() => close(), [screen]);
  return null;
}

function ServiceScreen({ value, screen }: { value: unknown; screen: ReactNode }) {
  return (
    <>
      <KeyboardReset screen={JSON.stringify(value)} />
      {screen}
    </>
  );
}

function ApplyScreens() {
  const { value } = useApply().state;
  return <ServiceScreen value={value} screen={applyScreens[topState(value)]()} />;
}
function CheckInScreens() {
  const { value } = useCheckIn().state;
  return <ServiceScreen value={value} screen={checkInScreens[topState(value)]()} />;
}
function ProgressScreens() {
  const { value } = useProgress().state;
  return <ServiceScreen value={value} screen={progressScreens[topState(value)]()} />;
}
function RatingScreens() {
  const { value } = useRating().state;
  return <ServiceScreen value={value} screen={ratingScreens[topState(value)]()} />;
}

/** Rating one case from the progress results: the rating machine runs inside the progress one. */
function RatingInProgress() {
  const actor = useProgress().state.children.rating as ActorRefFrom<RatingMachine> | undefined;
  return actor ? (
    <RatingProvider actor={actor}>
      <RatingScreens />
    </RatingProvider>
  ) : null;
}

type ServiceId = 'apply' | 'checkIn' | 'progress' | 'rating';

/** The machine the session runs for a service (absent for a moment while the service ends). */
function useServiceActor<M extends ApplyMachine | CheckInMachine | ProgressMachine | RatingMachine>(
  id: ServiceId,
): ActorRefFrom<M> | undefined {
  return useSession().state.children[id as never] as ActorRefFrom<M> | undefined;
}

function ApplyService() {
  const actor = useServiceActor<ApplyMachine>('apply');
  return actor ? (
    <ApplyProvider actor={actor}>
      <ApplyScreens />
    </ApplyProvider>
  ) : null;
}
function CheckInService() {
  const actor = useServiceActor<CheckInMachine>('checkIn');
  return actor ? (
    <CheckInProvider actor={actor}>
      <CheckInScreens />
    </CheckInProvider>
  ) : null;
}
function ProgressService() {
  const actor = useServiceActor<ProgressMachine>('progress');
  return actor ? (
    <ProgressProvider actor={actor}>
      <ProgressScreens />
    </ProgressProvider>
  ) : null;
}
function RatingService() {
  const actor = useServiceActor<RatingMachine>('rating');
  return actor ? (
    <RatingProvider actor={actor}>
      <RatingScreens />
    </RatingProvider>
  ) : null;
}

const journeyScreens: Record<JourneyState, () => ReactNode> = {
  routing: () => <MenuScreen key="menu" />,
  menu: () => <MenuScreen key="menu" />,
  actingFor: () => <ActingForScreen key="acting-for" />,
  apply: () => <ApplyService key="apply" />,
  checkIn: () => <CheckInService key="checkIn" />,
  progress: () => <ProgressService key="progress" />,
  rating: () => <RatingService key="rating" />,
};

function JourneyScreens() {
  const { state } = useSession();
  const value = state.value as Extract<SessionValue, { inSession: unknown }>;
  return journeyScreens[value.inSession.journey]();
}

export function sessionScreens(readerMissing: boolean): Record<SessionState, () => ReactNode> {
  const attract = () => (
    <AttractScreen key="attract" problem={readerMissing ? 'identify.readerMissing' : null} />
  );
  return {
    attract,
    waitingForCard: attract,
    ending: attract,
    rejected: () => <RejectedScreen key="problem" />,
    faceCheck: () => <FaceCheckScreen key="face-check" />,
    takeCard: () => <TakeCardScreen key="take-card" />,
    cardTaken: () => <AttractScreen key="attract" problem={null} notice="identify.cardTaken" />,
    inSession: () => <JourneyScreens />,
  };
}

function RejectedScreen() {
  const { rejection } = useSession().state.context;
  if (rejection === 'face_check_failed') return <FaceCheckFailedScreen />;
  return <AttractScreen problem={rejectionWords[rejection ?? 'unreadable']} />;
}

export function CurrentScreen({ readerMissing }: { readerMissing: boolean }): ReactNode {
  const { state } = useSession();
  return sessionScreens(readerMissing)[topState(state.value)]();
}
