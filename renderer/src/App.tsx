import { useMachine } from '@xstate/react';
import { useEffect, useMemo } from 'react';
import type { KioskClient } from '../../host/api/contract';
import { type KioskTransport, subscribeHostEvents } from './api/client';
import { useKiosk } from './api/kiosk-context';
import { AttractScreen } from './screens/AttractScreen';
import { DemoPanel } from './screens/DemoPanel';
import { GreetingScreen } from './screens/GreetingScreen';
import { ReadingScreen } from './screens/ReadingScreen';
import { createSessionMachine } from './session/session-machine';

function sessionServices(client: KioskClient) {
  return {
    async startSession() {
      const result = await client.startSession({});
      return result.ok ? result.value : { problem: 'identify.cardError' };
    },
    async endSession(sessionId: string, reason: Parameters<KioskClient['endSession']>[0]['reason']) {
      await client.endSession({ sessionId, reason });
    },
  };
}

function useHostEvents(transport: KioskTransport, send: ReturnType<typeof useMachine>[2]['send']) {
  useEffect(
    () =>
      subscribeHostEvents(transport, (event) => {
        if (event.type === 'cardPlaced') send({ type: 'CARD_PLACED' });
        else if (event.type === 'cardRemoved') send({ type: 'CARD_REMOVED' });
        else if (event.type === 'cardError') send({ type: 'CARD_ERROR', code: event.code });
        else if (event.type === 'sessionTimeout') send({ type: 'TIMEOUT' });
      }),
    [transport, send],
  );
}

export function App() {
  const { client, transport, info } = useKiosk();
  const machine = useMemo(() => createSessionMachine(sessionServices(client)), [client]);
  const [state, send] = useMachine(machine);
  useHostEvents(transport, send as never);

  const screen = (() => {
    if (state.matches('greeting') && state.context.identity) {
      return (
        <GreetingScreen
          identity={state.context.identity}
          onFinish={() => send({ type: 'FINISH' })}
          onHome={() => send({ type: 'HOME' })}
        />
      );
    }
    if (state.matches('readingCard')) return <ReadingScreen />;
    return <AttractScreen problem={state.matches('cardProblem') ? state.context.problem : null} />;
  })();

  return (
    <div className="app" data-screen={String(state.value)}>
      {screen}
      {info.mode === 'demo' ? <DemoPanel /> : null}
    </div>
  );
}
