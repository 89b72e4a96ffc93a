import { useMachine } from '@xstate/react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../api/kiosk-context';
import { createCornerGesture, defaultCornerGesture } from './gesture';
import { createTechnicianMachine } from './technician-machine';
import { TechnicianLanguage } from './use-tech';
import './technician.css';

const PinPad = lazy(() => import('./PinPad').then((m) => ({ default: m.PinPad })));
const TechnicianPanel = lazy(() => import('./TechnicianPanel').then((m) => ({ default: m.TechnicianPanel })));

/**
 * The way into technician mode: five taps in the top-left corner within three seconds open the
 * PIN keypad; the right PIN opens the technician screens over the app. Nothing else happens
 * without the PIN.
 */
export function TechnicianLayer() {
  const { client } = useKiosk();
  const machine = useMemo(() => createTechnicianMachine(client, () => window.location.reload()), [client]);
  const [state, send] = useMachine(machine);
  const gesture = useRef(createCornerGesture(defaultCornerGesture));
  const closedRef = useRef(true);
  closedRef.current = state.matches('closed');

  useEffect(() => {
    const onDown = (event: PointerEvent) => {
      if (!closedRef.current) return;
      if (gesture.current.tap(event.clientX, event.clientY, event.timeStamp || performance.now())) {
        send({ type: 'CORNER_GESTURE' });
      }
    };
    document.addEventListener('pointerdown', onDown, { capture: true, passive: true });
    return () => document.removeEventListener('pointerdown', onDown, { capture: true });
  }, [send]);

  // Technician mode keeps the language it was opened in (issue 15, defect 14).
  const { i18n } = useTranslation();
  const open = state.matches('open');
  const [language, setLanguage] = useState<string | null>(null);
  useEffect(() => {
    setLanguage((held) => (open ? (held ?? i18n.language) : null));
  }, [open, i18n]);

  const { token, idleSeconds } = state.context;
  return (
    <>
      <div className="tech-corner" aria-hidden="true" data-testid="tech-corner" />
      {state.matches('pin') ? (
        <Suspense fallback={<div className="tech-overlay" />}>
          <PinPad
            onCancel={() => send({ type: 'CANCEL' })}
            onEntered={(entered, idle) => send({ type: 'PIN_ACCEPTED', token: entered, idleSeconds: idle })}
          />
        </Suspense>
      ) : null}
      {state.matches('open') && token ? (
        <TechnicianLanguage.Provider value={language ?? i18n.language}>
          <Suspense fallback={<div className="tech-overlay" />}>
            <TechnicianPanel
              token={token}
              idleSeconds={idleSeconds}
              onExit={(settingsChanged, reason) => send({ type: 'EXIT', settingsChanged, reason })}
            />
          </Suspense>
        </TechnicianLanguage.Provider>
      ) : null}
    </>
  );
}
