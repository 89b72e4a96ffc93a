import { useEffect, useState } from 'react';
import { pinLength } from '../../../host/api/technician';
import { useKiosk } from '../api/kiosk-context';
import { Keypad } from './Keypad';
import { messageOf, useTech } from './use-tech';

/** The PIN step after the hidden gesture. Resolves with a maintenance token, or cancels. */
export function PinPad({
  onEntered,
  onCancel,
}: {
  onEntered: (token: string, idleSeconds: number) => void;
  onCancel: () => void;
}) {
  const { client, info } = useKiosk();
  const { t } = useTech();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [lockedSeconds, setLockedSeconds] = useState(0);
  /** Demo mode without a PIN: the first PIN typed (twice) becomes the PIN. */
  const [choosing, setChoosing] = useState<{ first: string | null } | null>(null);

  // The keypad does not wait for ever: untouched for a minute, it closes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: restart on every key
  useEffect(() => {
    const timer = setTimeout(onCancel, 60_000);
    return () => clearTimeout(timer);
  }, [pin, onCancel]);

  useEffect(() => {
    void client
      .getMaintenanceLock({})
      .then((lock) => {
        if (lock.ok && lock.value.lockedSeconds > 0) setLockedSeconds(lock.value.lockedSeconds);
      })
      .catch(() => undefined);
  }, [client]);

  useEffect(() => {
    if (lockedSeconds <= 0) return;
    const timer = setTimeout(() => setLockedSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [lockedSeconds]);

  const choose = async () => {
    if (!choosing) return;
    if (choosing.first === null) {
      setChoosing({ first: pin });
      setPin('');
      return;
    }
    if (choosing.first !== pin) {
      setChoosing({ first: null });
      setPin('');
      setProblem(t('pin.mismatch'));
      return;
    }
    setBusy(true);
    try {
      const set = await client.setMaintenancePin({ pin });
      setChoosing(null);
      if (!set.ok) {
        setPin('');
        setProblem(t('pin.noPin'));
        return;
      }
      await submit();
    } catch (error) {
      setProblem(t('failed', { message: messageOf(error) }));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await client.enterMaintenance({ pin });
      setPin('');
      if (result.ok) {
        onEntered(result.value.token, result.value.idleSeconds);
        return;
      }
      const lock = await client.getMaintenanceLock({});
      const state = lock.ok ? lock.value : { triesLeft: 0, lockedSeconds: 0 };
      switch (result.error.code) {
        case 'wrong_pin':
          setProblem(t('pin.wrong', { count: state.triesLeft }));
          break;
        case 'locked':
          setLockedSeconds(state.lockedSeconds);
          break;
        case 'no_pin':
          if (info.mode === 'demo') setChoosing({ first: null });
          else setProblem(t('pin.noPin'));
          break;
        case 'not_provisioned':
          setProblem(t('pin.notProvisioned'));
          break;
      }
    } catch (error) {
      setProblem(t('failed', { message: messageOf(error) }));
    } finally {
      setBusy(false);
    }
  };

  const locked = lockedSeconds > 0;
  return (
    <div
      className="tech-overlay tech-pin"
      role="dialog"
      aria-modal="true"
      aria-labelledby="tech-pin-title"
      data-testid="tech-pin"
    >
      <h2 id="tech-pin-title">{t('title')}</h2>
      <p className="tech-lead">
        {choosing ? (choosing.first === null ? t('pin.demoSetPin') : t('pin.demoConfirm')) : t('pin.title')}
      </p>
      <Keypad value={pin} maxLength={pinLength.max} onChange={setPin} disabled={busy || locked} />
      <p className="tech-message" role="alert" data-testid="tech-pin-message">
        {locked ? t('pin.locked', { seconds: lockedSeconds }) : busy ? t('pin.checking') : (problem ?? '')}
      </p>
      <div className="tech-actions">
        <button type="button" className="tech-button" onClick={onCancel}>
          {t('pin.cancel')}
        </button>
        <button
          type="button"
          className="tech-button is-primary"
          disabled={busy || locked || pin.length < pinLength.min}
          onClick={() => void (choosing ? choose() : submit())}
        >
          {t('pin.ok')}
        </button>
      </div>
    </div>
  );
}
