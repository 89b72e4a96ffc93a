import { CreditCard, Keyboard, ShieldCheck, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActingForView, WardView } from '../../../host/api/agent';
import { useKiosk } from '../api/kiosk-context';
import { TextInput } from '../forms/TextInput';
import { useSession } from '../session/session-context';
import { CardPlacement } from '../ui/CardPlacement';
import { Screen } from '../ui/Screen';

type Step = 'loading' | 'choices' | 'card' | 'number' | 'checking';

interface Options {
  idNumber: boolean;
  attemptsLeft: number;
  wards: WardView[];
}

/** How often the screen asks whether the principal's card was laid (the host holds it; nothing is pushed). */
const CARD_POLL_MS = 400;

/**
 * 为他人办理 (issue 18 part 3): the agent, whose own card opened the session, says who they apply for:
 * the principal's own card laid on the reader, the principal's ID number and name (a power of attorney
 * is then asked for), or a minor child / dependent parent the household register lists (masked names
 * only). The host checks each way; once it accepts one, the session applies for the principal.
 */
export function ActingForScreen() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const { state, send } = useSession();
  const sessionId = state.context.sessionId ?? '';
  const [step, setStep] = useState<Step>('loading');
  const [options, setOptions] = useState<Options | null>(null);
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const accepted = (view: ActingForView) => send({ type: 'ACTING_FOR', view });

  useEffect(() => {
    void client.agentOptions({ sessionId }).then((answer) => {
      if (!answer.ok) {
        setProblem(t(`agent.problems.${answer.error.code}`));
        setStep('choices');
        return;
      }
      setOptions(answer.value);
      setStep('choices');
    });
  }, [client, sessionId, t]);

  // The principal's card: the host takes the next other card laid as theirs; the screen asks until then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: while the card step is shown
  useEffect(() => {
    if (step !== 'card') return;
    let stopped = false;
    const look = async () => {
      const answer = await client.getActingFor({ sessionId }).catch(() => null);
      if (stopped) return;
      if (answer?.ok && answer.value.actingFor) {
        accepted(answer.value.actingFor);
        return;
      }
      if (answer?.ok && answer.value.cardProblem)
        setProblem(t(`agent.cardProblems.${answer.value.cardProblem}`));
      timer = setTimeout(look, CARD_POLL_MS);
    };
    let timer = setTimeout(look, CARD_POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [step]);

  const toChoices = () => {
    setProblem(null);
    // Waiting for a card no more: lifting the agent's card ends their session again under "hold".
    if (step === 'card') void client.stopActingFor({ sessionId }).catch(() => undefined);
    setStep('choices');
  };
  const byCard = async () => {
    setProblem(null);
    const answer = await client.awaitPrincipalCard({ sessionId });
    if (!answer.ok) {
      setProblem(t(`agent.problems.${answer.error.code}`));
      return;
    }
    setStep('card');
  };
  const check = async () => {
    if (idNumber.trim().length < 15 || name.trim().length === 0) {
      setProblem(t('agent.fillBoth'));
      return;
    }
    setProblem(null);
    setStep('checking');
    const answer = await client.actForIdNumber({ sessionId, idNumber: idNumber.trim(), name: name.trim() });
    if (answer.ok) {
      accepted(answer.value);
      return;
    }
    setProblem(t(`agent.problems.${answer.error.code}`));
    if (options && answer.error.code === 'not_found')
      setOptions({ ...options, attemptsLeft: Math.max(0, options.attemptsLeft - 1) });
    if (answer.error.code === 'too_many_attempts' && options)
      setOptions({ ...options, idNumber: false, attemptsLeft: 0 });
    setStep('number');
  };
  const byWard = async (ward: WardView) => {
    setProblem(null);
    const answer = await client.actForWard({ sessionId, wardId: ward.wardId });
    if (answer.ok) accepted(answer.value);
    else setProblem(t(`agent.problems.${answer.error.code}`));
  };

  const instruction =
    step === 'card'
      ? t('agent.waitingCard')
      : step === 'number' || step === 'checking'
        ? t('agent.numberInstruction')
        : t('agent.instruction');
  return (
    <Screen
      screenId="acting-for"
      title={t('agent.title')}
      instruction={instruction}
      stepLabel={t('steps.start')}
      onBack={() => (step === 'choices' || step === 'loading' ? send({ type: 'BACK' }) : toChoices())}
    >
      <div className="acting-for">
        {step === 'choices' && options ? (
          <div className="acting-for-ways">
            <button type="button" className="big-choice" onClick={byCard} data-testid="act-by-card">
              <CreditCard aria-hidden="true" />
              <span>
                {t('agent.byCard')}
                <small className="choice-hint">{t('agent.byCardHint')}</small>
              </span>
            </button>
            {options.idNumber ? (
              <button
                type="button"
                className="big-choice"
                onClick={() => {
                  setProblem(null);
                  setStep('number');
                }}
                data-testid="act-by-number"
              >
                <Keyboard aria-hidden="true" />
                <span>
                  {t('agent.byNumber')}
                  <small className="choice-hint">{t('agent.byNumberHint')}</small>
                </span>
              </button>
            ) : null}
            {options.wards.length > 0 ? (
              <section aria-labelledby="acting-for-wards">
                <h2 id="acting-for-wards" className="sub-heading">
                  {t('agent.byRegister')}
                </h2>
                <div className="acting-for-wards">
                  {options.wards.map((ward) => (
                    <button
                      key={ward.wardId}
                      type="button"
                      className="big-choice"
                      onClick={() => void byWard(ward)}
                      data-testid="act-for-ward"
                      data-relation={ward.relation}
                      data-masked-name={ward.maskedName}
                    >
                      <Users aria-hidden="true" />
                      <span>
                        {ward.maskedName}
                        <small className="choice-hint">
                          {t(`agent.ward.${ward.relation}`, { age: ward.age })}
                        </small>
                      </span>
                    </button>
                  ))}
                </div>
              </section>
            ) : null}
          </div>
        ) : null}
        {step === 'card' ? <CardPlacement mode="place" /> : null}
        {step === 'number' || step === 'checking' ? (
          <div className="acting-for-number">
            <TextInput
              id="principal-id-number"
              label={t('agent.idNumber')}
              value={idNumber}
              onChange={(value) => setIdNumber(value.toUpperCase())}
              kind="idNumber"
              autoOpen
            />
            <TextInput
              id="principal-name"
              label={t('agent.name')}
              value={name}
              onChange={setName}
              kind="chinese"
            />
            {options ? (
              <p className="status-words" data-testid="attempts-left">
                {t('agent.attemptsLeft', { count: options.attemptsLeft })}
              </p>
            ) : null}
            <button
              type="button"
              className="action primary"
              onClick={() => void check()}
              disabled={step === 'checking' || options?.idNumber === false}
              data-testid="act-check"
            >
              <ShieldCheck aria-hidden="true" />
              {step === 'checking' ? t('agent.checking') : t('agent.check')}
            </button>
          </div>
        ) : null}
        {problem ? (
          <p className="form-status bad" role="alert" data-testid="acting-for-problem">
            {problem}
          </p>
        ) : null}
      </div>
    </Screen>
  );
}

/** 代办人: who applies, shown with the form and on the review (the host records them with the case). */
export function AgentSection({ view }: { view: ActingForView | null | undefined }) {
  const { t } = useTranslation();
  if (!view) return null;
  return (
    <section className="agent-section" data-testid="agent-section" aria-labelledby="agent-section-title">
      <h2 id="agent-section-title" className="sub-heading">
        {t('agent.section')}
      </h2>
      <dl className="facts">
        <dt>{t('agent.applicant')}</dt>
        <dd data-testid="agent-principal">
          {view.principal.maskedName} · {view.principal.maskedIdNumber}
        </dd>
        <dt>{t('agent.agentName')}</dt>
        <dd data-testid="agent-name">{view.agent.name}</dd>
        <dt>{t('agent.agentIdNumber')}</dt>
        <dd>{view.agent.maskedIdNumber}</dd>
        <dt>{t('agent.relation')}</dt>
        <dd>{t(`agent.relations.${view.agent.relation ?? 'none'}`)}</dd>
        <dt>{t('agent.basisLabel')}</dt>
        <dd data-testid="agent-basis">{t(`agent.basis.${view.basis}`)}</dd>
      </dl>
    </section>
  );
}
