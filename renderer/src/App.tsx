import { useMachine } from '@xstate/react';
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskInfo } from '../../host/api/kiosk';
import { subscribeHostEvents } from './api/client';
import { useKiosk } from './api/kiosk-context';
import { KeyboardProvider } from './keyboard/keyboard-context';
import { DemoPanel } from './screens/DemoPanel';
import { IdleOverlay } from './screens/IdleOverlay';
import { CurrentScreen, DONE_SECONDS, KeyboardReset } from './screens/screen-map';
import { SessionReactContext, useSession } from './session/session-context';
import { createSessionMachine, type SessionTiming } from './session/session-machine';
import { ProvisioningGate, TechnicianLayer } from './technician';
import { stopSpeaking } from './ui/voice';

/** How often a touch is passed on to the host's inactivity guard (the renderer's own timer sees every one). */
const TOUCH_THROTTLE_MS = 5_000;
/** How often, at most, a touch in a session restarts the renderer's inactivity timer. */
const TIMER_RESTART_MS = 1_000;

/** The hall's brand colours as the shared tokens (the high-contrast theme keeps its own). */
function hallColourVariables(colours: { primary: string; accent: string }): CSSProperties {
  return { '--blue': colours.primary, '--accent': colours.accent } as CSSProperties;
}

export function sessionTiming(info: KioskInfo): SessionTiming {
  const warning = Math.max(20, info.idleWarningSeconds);
  return {
    idleMs: Math.max(5, info.idleTimeoutSeconds - warning) * 1000,
    warningMs: warning * 1000,
    doneMs: DONE_SECONDS * 1000,
    promptMs: 30_000,
  };
}

/** Keeps i18next, the page language and the theme classes in step with the session's preferences. */
function PreferenceSync() {
  const { state } = useSession();
  const { i18n } = useTranslation();
  const { language } = state.context.prefs;
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  return null;
}

export function App() {
  const { client, transport, info } = useKiosk();
  const timing = useMemo(() => sessionTiming(info), [info]);
  const machine = useMemo(
    () =>
      createSessionMachine(client, timing, {
        language: info.defaultLanguage,
        elderly: info.elderlyModeDefault,
        highContrast: false,
      }),
    [client, timing, info],
  );
  const [state, send] = useMachine(machine);
  const machineState = useRef(state);
  machineState.current = state;
  const lastTimerRestart = useRef(0);
  const sessionId = state.context.sessionId;
  const sessionRef = useRef<string | null>(null);
  sessionRef.current = sessionId;
  const lastTouch = useRef(0);
  const [readerMissing, setReaderMissing] = useState(false);
  // Counts the session events heard, so that a state asked for before one of them is not applied after it.
  const heard = useRef(0);

  useEffect(
    () =>
      subscribeHostEvents(transport, (event) => {
        switch (event.type) {
          case 'sessionStarted':
            heard.current++;
            send({ type: 'SESSION_STARTED', sessionId: event.sessionId, identity: event.identity });
            break;
          case 'faceCheckRequired':
            heard.current++;
            send({ type: 'FACE_CHECK', attemptId: event.attemptId });
            break;
          case 'cardRejected':
            heard.current++;
            send({ type: 'CARD_REJECTED', reason: event.reason });
            break;
          case 'sessionEnded':
            heard.current++;
            send({ type: 'SESSION_ENDED', sessionId: event.sessionId, reason: event.reason });
            break;
          case 'cardLeftOnReader':
            heard.current++;
            send({ type: 'CARD_LEFT' });
            break;
          case 'cardRemoved':
            heard.current++;
            send({ type: 'CARD_REMOVED' });
            break;
          case 'deviceStatus':
            if (event.status.device === 'idcard') setReaderMissing(event.status.state === 'disconnected');
            break;
        }
      }),
    [transport, send],
  );

  // At start and whenever the event channel comes back: show the session the host holds now.
  useEffect(() => {
    const look = () => {
      const before = heard.current;
      void client
        .getSessionState({})
        .then((answer) => {
          if (answer.ok && heard.current === before) send({ type: 'HOST_STATE', state: answer.value });
        })
        .catch(() => undefined);
    };
    look();
    return transport.onConnect?.(look);
  }, [client, transport, send]);

  // Every touch restarts the inactivity timer; the host's guard hears of it at most every few seconds.
  useEffect(() => {
    const onTouch = () => {
      // In a session, a touch only restarts the inactivity timer: once a second is plenty for a timer
      // of a minute, and each TOUCH re-renders the whole screen before the tap itself is handled (a
      // cost every tap paid on a slow board, issue 15 part 11).
      const now = Date.now();
      const restartingTimer = machineState.current.matches({ inSession: { idle: 'quiet' } });
      if (!restartingTimer || now - lastTimerRestart.current >= TIMER_RESTART_MS) {
        lastTimerRestart.current = now;
        send({ type: 'TOUCH' });
      }
      const id = sessionRef.current;
      if (id && now - lastTouch.current > TOUCH_THROTTLE_MS) {
        lastTouch.current = now;
        void client.touchSession({ sessionId: id }).catch(() => undefined);
      }
    };
    document.addEventListener('pointerdown', onTouch, { capture: true, passive: true });
    return () => document.removeEventListener('pointerdown', onTouch, { capture: true });
  }, [client, send]);

  // A session that ends takes the voice with it.
  useEffect(() => {
    if (!sessionId) stopSpeaking();
  }, [sessionId]);

  const warning = state.matches({ inSession: { idle: 'warning' } });
  const prefs = state.context.prefs;
  const classes = ['app', prefs.elderly ? 'elderly' : '', prefs.highContrast ? 'high-contrast' : '']
    .filter(Boolean)
    .join(' ');
  // The screen, not the inactivity timer: the warning must not close a keyboard.
  const value = state.value as string | { inSession?: { journey?: unknown } };
  const screenKey = JSON.stringify(
    typeof value === 'object' && value.inSession ? value.inSession.journey : value,
  );

  return (
    <SessionReactContext.Provider value={{ state, send }}>
      <KeyboardProvider>
        <PreferenceSync />
        <KeyboardReset screen={screenKey} />
        <div
          className={classes}
          data-state={screenKey}
          style={prefs.highContrast ? undefined : hallColourVariables(info.hallIdentity.colours)}
        >
          <CurrentScreen readerMissing={readerMissing} />
          {warning ? (
            <IdleOverlay
              seconds={Math.round(timing.warningMs / 1000)}
              onContinue={() => {
                send({ type: 'CONTINUE' });
                if (sessionRef.current)
                  void client.touchSession({ sessionId: sessionRef.current }).catch(() => undefined);
              }}
            />
          ) : null}
          {info.mode === 'demo' ? <DemoPanel /> : null}
          <ProvisioningGate />
          <TechnicianLayer />
        </div>
      </KeyboardProvider>
    </SessionReactContext.Provider>
  );
}
