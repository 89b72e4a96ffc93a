import { useSelector } from '@xstate/react';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { ActorRefFrom, AnyActorRef, AnyStateMachine, EventFromLogic, SnapshotFrom } from 'xstate';
import type { ApplyMachine } from './apply-machine';
import type { CheckInMachine } from './check-in-machine';
import type { ProgressMachine } from './progress-machine';
import type { RatingMachine } from './rating-machine';
import type { SessionEvent, SessionMachine } from './session-machine';

export interface SessionContextValue {
  state: SnapshotFrom<SessionMachine>;
  send: (event: SessionEvent) => void;
}

export const SessionReactContext = createContext<SessionContextValue | null>(null);

/** The session itself: the host's session, preferences, and the session-level events (home, finish ...). */
export function useSession(): SessionContextValue {
  const value = useContext(SessionReactContext);
  if (!value) throw new Error('useSession outside <SessionReactContext.Provider>');
  return value;
}

export interface ServiceView<M extends AnyStateMachine> {
  state: SnapshotFrom<M>;
  send: (event: EventFromLogic<M>) => void;
}

/** A service machine's snapshot and its send, for the screens of that service. */
function useServiceView<M extends AnyStateMachine>(actor: ActorRefFrom<M>): ServiceView<M> {
  const state = useSelector(actor, (snapshot) => snapshot) as SnapshotFrom<M>;
  // One send and one view object per snapshot: consumers (and memoised children given `send`) re-render
  // when the machine moves, not whenever the provider's parent does.
  const send = useCallback((event: EventFromLogic<M>) => (actor as AnyActorRef).send(event), [actor]);
  return useMemo(() => ({ state, send }), [state, send]);
}

function required<T>(value: T | null, service: string): T {
  if (!value) throw new Error(`${service} screen outside its service`);
  return value;
}

interface ProviderProps<M extends AnyStateMachine> {
  actor: ActorRefFrom<M>;
  children: ReactNode;
}

const ApplyContext = createContext<ServiceView<ApplyMachine> | null>(null);
export function ApplyProvider({ actor, children }: ProviderProps<ApplyMachine>) {
  return <ApplyContext.Provider value={useServiceView(actor)}>{children}</ApplyContext.Provider>;
}
export function useApply(): ServiceView<ApplyMachine> {
  return required(useContext(ApplyContext), 'apply');
}

const CheckInContext = createContext<ServiceView<CheckInMachine> | null>(null);
export function CheckInProvider({ actor, children }: ProviderProps<CheckInMachine>) {
  return <CheckInContext.Provider value={useServiceView(actor)}>{children}</CheckInContext.Provider>;
}
export function useCheckIn(): ServiceView<CheckInMachine> {
  return required(useContext(CheckInContext), 'check-in');
}

const ProgressContext = createContext<ServiceView<ProgressMachine> | null>(null);
export function ProgressProvider({ actor, children }: ProviderProps<ProgressMachine>) {
  return <ProgressContext.Provider value={useServiceView(actor)}>{children}</ProgressContext.Provider>;
}
export function useProgress(): ServiceView<ProgressMachine> {
  return required(useContext(ProgressContext), 'progress');
}

const RatingContext = createContext<ServiceView<RatingMachine> | null>(null);
export function RatingProvider({ actor, children }: ProviderProps<RatingMachine>) {
  return <RatingContext.Provider value={useServiceView(actor)}>{children}</RatingContext.Provider>;
}
export function useRating(): ServiceView<RatingMachine> {
  return required(useContext(RatingContext), 'rating');
}
