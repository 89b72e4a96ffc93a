import { createContext, useContext } from 'react';
import type { SnapshotFrom } from 'xstate';
import type { SessionEvent, SessionMachine } from './session-machine';

export interface SessionContextValue {
  state: SnapshotFrom<SessionMachine>;
  send: (event: SessionEvent) => void;
}

export const SessionReactContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionReactContext);
  if (!value) throw new Error('useSession outside <SessionReactContext.Provider>');
  return value;
}
