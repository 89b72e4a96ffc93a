import { useTranslation } from 'react-i18next';
import { useApply } from '../session/session-context';
import { applySteps, Busy, Problem, Screen, type StepKey } from '../ui/Screen';

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
  const { state, send } = useApply();
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
