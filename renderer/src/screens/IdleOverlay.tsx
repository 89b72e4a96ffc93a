import { Hand } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import { useSession } from '../session/session-context';
import { MAX_IDLE_EXTENSIONS } from '../session/session-machine';
import { formatNumber } from '../ui/format';
import { speak, spokenPrompt } from '../ui/voice';

/** The inactivity warning: full screen, a big countdown, one big "continue"; any touch on it extends. */
export function IdleOverlay({ seconds, onContinue }: { seconds: number; onContinue: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { state } = useSession();
  const [left, setLeft] = useState(seconds);
  const canExtend = state.context.idleExtensions < MAX_IDLE_EXTENSIONS;
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(
      () => setLeft(Math.max(0, seconds - Math.floor((Date.now() - started) / 1000))),
      250,
    );
    return () => clearInterval(timer);
  }, [seconds]);
  const elderly = state.context.prefs.elderly;
  useEffect(() => {
    if (elderly) speak(spokenPrompt(t('idle.title'), t('idle.instruction'), language), language);
  }, [elderly, t, language]);
  return (
    <div
      className="idle-overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-instruction"
      data-testid="idle-overlay"
      onPointerDown={canExtend ? onContinue : undefined}
    >
      <h1 id="idle-title" className="idle-title">
        {t('idle.title')}
      </h1>
      <p className="idle-countdown" aria-live="off" data-testid="idle-countdown">
        {t('idle.seconds', { count: left, formatted: formatNumber(left, language) })}
      </p>
      <p id="idle-instruction" className="idle-instruction">
        {canExtend ? t('idle.instruction') : t('idle.noMore')}
      </p>
      {canExtend ? (
        <button type="button" className="action primary idle-continue" data-testid="idle-continue">
          <Hand aria-hidden="true" />
          {t('idle.continue')}
        </button>
      ) : null}
    </div>
  );
}
