import { useMachine } from '@xstate/react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskInfo } from '../../host/api/kiosk';
import { subscribeHostEvents } from './api/client';
import { useKiosk } from './api/kiosk-context';
import { KeyboardProvider, useKeyboard } from './keyboard/keyboard-context';
import { AttractScreen, MenuScreen } from './screens/AttractScreen';
import { ChooseItemScreen, ItemDetailsScreen } from './screens/ChooseItemScreen';
import { DemoPanel } from './screens/DemoPanel';
import { FormScreen } from './screens/FormScreen';
import { IdleOverlay } from './screens/IdleOverlay';
import { MaterialsScreen } from './screens/MaterialsScreen';
import { AppointmentsScreen, ProgressScreen, RatingScreen } from './screens/OtherScreens';
import { ReviewScreen } from './screens/ReviewScreen';
import { BusyScreen, ProblemScreen, ReadingScreen } from './screens/StatusScreens';
import { TicketScreen } from './screens/TicketScreen';
import { SessionReactContext, useSession } from './session/session-context';
import { createSessionMachine, type SessionTiming } from './session/session-machine';
import { ProvisioningGate, TechnicianLayer } from './technician';
import { stopSpeaking } from './ui/voice';

/** How often a touch is passed on to the host's inactivity guard (the renderer's own timer sees every one). */
const TOUCH_THROTTLE_MS = 5_000;
const DONE_SECONDS = 45;

export function sessionTiming(info: KioskInfo): SessionTiming {
  const warning = Math.max(20, info.idleWarningSeconds);
  return {
    idleMs: Math.max(5, info.idleTimeoutSeconds - warning) * 1000,
    warningMs: warning * 1000,
    doneMs: DONE_SECONDS * 1000,
    promptMs: 30_000,
  };
}

function CurrentScreen({
  readerMissing,
  placedName,
}: {
  readerMissing: boolean;
  placedName: string | null;
}): ReactNode {
  const { state } = useSession();
  const { t } = useTranslation();
  const at = (value: object | string) => state.matches(value as never);
  if (at('identifying')) return <ReadingScreen key="identifying" name={placedName} />;
  if (at('cardProblem') || at('identityRejected'))
    return <AttractScreen key="problem" problem={state.context.problem ?? 'identify.cardError'} />;
  if (!at('inSession'))
    return <AttractScreen key="attract" problem={readerMissing ? 'identify.readerMissing' : null} />;
  const journey = (name: string) => at({ inSession: { journey: name } });
  const apply = (name: string) => at({ inSession: { journey: { apply: name } } });
  if (journey('menu')) return <MenuScreen key="menu" />;
  if (journey('apply')) {
    if (apply('choosingItem')) return <ChooseItemScreen key="choose" />;
    if (apply('itemDetails')) return <ItemDetailsScreen key="item" />;
    if (apply('preparing'))
      return <BusyScreen key="preparing" screenId="preparing" step="form" words={t('preparing.words')} />;
    if (apply('preparationFailed'))
      return <ProblemScreen key="prep-failed" screenId="preparation-failed" step="form" />;
    if (apply('fillingForm')) return <FormScreen key="form" />;
    if (apply('materials')) return <MaterialsScreen key="materials" />;
    if (apply('review') || apply('submitting')) return <ReviewScreen key="review" />;
    if (apply('submitFailed'))
      return <ProblemScreen key="submit-failed" screenId="submit-failed" step="review" />;
    if (apply('ticket')) return <TicketScreen key="ticket" doneSeconds={DONE_SECONDS} />;
  }
  if (journey('appointments')) {
    if (at({ inSession: { journey: { appointments: 'ticket' } } }))
      return <TicketScreen key="appointment-ticket" doneSeconds={DONE_SECONDS} />;
    return <AppointmentsScreen key="appointments" />;
  }
  if (journey('progress')) return <ProgressScreen key="progress" />;
  if (journey('rating')) return <RatingScreen key="rating" />;
  return <AttractScreen key="attract" problem={null} />;
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

/** A field the applicant was typing into closes its keyboard when the screen changes. */
function KeyboardReset({ screen }: { screen: string }) {
  const { close } = useKeyboard();
  // biome-ignore lint/correctness/useExhaustiveDependencies: on every screen change
  useEffect(() => close(), [screen]);
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
  const sessionId = state.context.sessionId;
  const sessionRef = useRef<string | null>(null);
  sessionRef.current = sessionId;
  const lastTouch = useRef(0);
  const [readerMissing, setReaderMissing] = useState(false);
  // The name from the card event, greeted while the session starts (one host round trip later the
  // session screen takes over); dropped as soon as that step is left.
  const [placedName, setPlacedName] = useState<string | null>(null);
  const identifying = state.matches('identifying');
  useEffect(() => {
    if (!identifying) setPlacedName(null);
  }, [identifying]);

  useEffect(
    () =>
      subscribeHostEvents(transport, (event) => {
        if (event.type === 'cardPlaced') {
          setPlacedName(event.identity.name);
          send({ type: 'CARD_PLACED' });
        } else if (event.type === 'cardRemoved') {
          setPlacedName(null);
          send({ type: 'CARD_REMOVED' });
        } else if (event.type === 'cardError') send({ type: 'CARD_ERROR', code: event.code });
        else if (event.type === 'sessionTimeout' && event.sessionId === sessionRef.current)
          send({ type: 'TIMEOUT' });
        else if (event.type === 'deviceStatus' && event.status.device === 'idcard')
          setReaderMissing(event.status.state === 'disconnected');
      }),
    [transport, send],
  );

  // A card already on the reader when the page starts, or while the event channel was down.
  useEffect(() => {
    const look = () => send({ type: 'CHECK_CARD' });
    look();
    return transport.onConnect?.(look);
  }, [transport, send]);

  // Every touch restarts the inactivity timer; the host's guard hears of it at most every few seconds.
  useEffect(() => {
    const onTouch = () => {
      send({ type: 'TOUCH' });
      const id = sessionRef.current;
      const now = Date.now();
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
        <div className={classes} data-state={screenKey}>
          <CurrentScreen readerMissing={readerMissing} placedName={identifying ? placedName : null} />
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
