import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';
import { applySteps, Busy, Header, Problem, Screen, type StepKey } from '../ui/Screen';
import { useVoice } from '../ui/voice';

export function ReadingScreen({ name = null }: { name?: string | null }) {
  const { t } = useTranslation();
  useVoice(t('identify.reading'), undefined);
  return (
    <div className="frame" data-screen-id="identifying">
      <Header stepLabel={t('steps.identify')} />
      <main className="frame-content centered" id="content">
        <h1 className="visually-hidden">{t('steps.identify')}</h1>
        {name ? (
          <p className="greeting" data-testid="reading-greeting">
            {t('identify.greeting', { name })}
          </p>
        ) : null}
        <Busy words={t('identify.reading')} />
      </main>
    </div>
  );
}

/** A step that is waiting on the host, in words. */
export function BusyScreen({ words, step, screenId }: { words: string; step: StepKey; screenId: string }) {
  const { t } = useTranslation();
  return (
    <Screen screenId={screenId} title={t(`steps.${step}`)} steps={applySteps} step={step} hideTitle>
      <Busy words={words} />
    </Screen>
  );
}

/** A failed step: what happened and what to do, with a button for it. */
export function ProblemScreen({ step, screenId }: { step: StepKey; screenId: string }) {
  const { t } = useTranslation();
  const { state, send } = useSession();
  const words = t(state.context.problem ?? 'errors.hostUnavailable');
  return (
    <Screen
      screenId={screenId}
      title={t(`steps.${step}`)}
      instruction={t('errors.whatNext')}
      steps={applySteps}
      step={step}
      onBack={() => send({ type: 'BACK' })}
    >
      <Problem words={words} action={{ label: t('actions.retry'), onPress: () => send({ type: 'RETRY' }) }} />
    </Screen>
  );
}
