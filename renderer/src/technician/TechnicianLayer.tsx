import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useKiosk } from '../api/kiosk-context';
import { createCornerGesture, defaultCornerGesture } from './gesture';
import './technician.css';

const PinPad = lazy(() => import('./PinPad').then((m) => ({ default: m.PinPad })));
const TechnicianPanel = lazy(() => import('./TechnicianPanel').then((m) => ({ default: m.TechnicianPanel })));

type LayerState = { name: 'closed' } | { name: 'pin' } | { name: 'open'; token: string; idleSeconds: number };

/**
 * The way into technician mode: five taps in the top-left corner within three seconds open the
 * PIN keypad; the right PIN opens the technician screens over the app. Nothing else happens
 * without the PIN.
 */
export function TechnicianLayer() {
  const { client } = useKiosk();
  const [state, setState] = useState<LayerState>({ name: 'closed' });
  const gesture = useRef(createCornerGesture(defaultCornerGesture));
  const closedRef = useRef(true);
  closedRef.current = state.name === 'closed';

  useEffect(() => {
    const onDown = (event: PointerEvent) => {
      if (!closedRef.current) return;
      if (gesture.current.tap(event.clientX, event.clientY, event.timeStamp || performance.now())) {
        setState({ name: 'pin' });
      }
    };
    document.addEventListener('pointerdown', onDown, { capture: true, passive: true });
    return () => document.removeEventListener('pointerdown', onDown, { capture: true });
  }, []);

  const close = useCallback(() => setState({ name: 'closed' }), []);

  const exit = useCallback(
    async (token: string, settingsChanged: boolean, reason: 'exit' | 'inactivity') => {
      await client.exitMaintenance({ token, reason }).catch(() => undefined);
      setState({ name: 'closed' });
      // Hall settings (languages, idle time ...) are read once at start: start again with them.
      if (settingsChanged) window.location.reload();
    },
    [client],
  );

  return (
    <>
      <div className="tech-corner" aria-hidden="true" data-testid="tech-corner" />
      {state.name === 'pin' ? (
        <Suspense fallback={<div className="tech-overlay" />}>
          <PinPad
            onCancel={close}
            onEntered={(token, idleSeconds) => setState({ name: 'open', token, idleSeconds })}
          />
        </Suspense>
      ) : null}
      {state.name === 'open' ? (
        <Suspense fallback={<div className="tech-overlay" />}>
          <TechnicianPanel
            token={state.token}
            idleSeconds={state.idleSeconds}
            onExit={(settingsChanged, reason) => void exit(state.token, settingsChanged, reason)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
