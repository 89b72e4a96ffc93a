import { Check, Eraser, Printer, Send } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import type { Language } from '../../../host/api/kiosk';
import { maskIdNumber } from '../../../kernel/id-checks';
import { fieldStates, formFields, isEmptyValue, withComputedValues } from '../../../sync/protocol/forms';
import { materialRequirements } from '../session/apply-machine';
import { useApply, useSession } from '../session/session-context';
import { displayValue } from '../ui/field-display';
import { declaredGroups } from '../ui/GreenChannel';
import { applySteps, Busy, Screen } from '../ui/Screen';
import { AgentSection } from './ActingForScreen';

/** A finger signature on a canvas, handed up as a PNG data URL after each stroke. */
function SignatureBox({ onChange, label }: { onChange: (dataUrl: string | null) => void; label: string }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [signed, setSigned] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the pad lives as long as the canvas
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    const instance = new SignaturePad(element, {
      penColor: '#000',
      backgroundColor: '#fff',
      minWidth: 1.5,
      maxWidth: 4,
    });
    instance.addEventListener('endStroke', () => {
      setSigned(true);
      onChange(instance.toDataURL('image/png'));
    });
    pad.current = instance;
    return () => {
      instance.off();
      pad.current = null;
    };
  }, []);
  return (
    <div className="signature">
      <canvas ref={canvas} className="signature-canvas" aria-label={label} data-testid="signature" />
      <div className="signature-foot">
        <span className={signed ? 'tag ok' : 'tag'}>
          {signed ? <Check aria-hidden="true" /> : null}
          {signed ? t('review.signed') : t('review.signHere')}
        </span>
        <button
          type="button"
          className="small-action"
          onClick={() => {
            pad.current?.clear();
            setSigned(false);
            onChange(null);
          }}
        >
          <Eraser aria-hidden="true" />
          {t('review.clearSignature')}
        </button>
      </div>
    </div>
  );
}

function Toggle({
  on,
  label,
  onPress,
  testId,
}: {
  on: boolean;
  label: string;
  onPress: () => void;
  testId?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={on}
      className={on ? 'check-button is-on' : 'check-button'}
      onClick={onPress}
      data-testid={testId}
    >
      <span className="check-box" aria-hidden="true">
        {on ? <Check /> : null}
      </span>
      {label}
    </button>
  );
}

export function ReviewScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const session = useSession().state.context;
  const { state, send } = useApply();
  const [triedWithoutSignature, setTried] = useState(false);
  const identity = session.identity;
  const { item, prepared, materials, keepInStore, signature, priority, printer } = state.context;
  // Computed fields (an age, a total) as the form works them out.
  const values = prepared?.form
    ? (withComputedValues(prepared.form, state.context.values, {
        card: prepared.card,
      }) as typeof state.context.values)
    : state.context.values;
  const submitting = state.matches('submitting');
  if (!identity || !item) return null;
  // 帮办代办: the applicant is the principal, shown masked as the host gave them.
  const onBehalf = prepared?.onBehalf ?? null;
  const applicant = onBehalf
    ? {
        name: onBehalf.principal.maskedName,
        maskedIdNumber: onBehalf.principal.maskedIdNumber,
        age: onBehalf.principal.age,
      }
    : { name: identity.name, maskedIdNumber: maskIdNumber(identity.idNumber), age: identity.age };
  const form = prepared?.form ?? null;
  const states = form ? fieldStates(form, values, prepared?.card) : new Map();
  const shownFields = form
    ? formFields(form).filter(
        (field) =>
          field.type !== 'file' &&
          states.get(field.id)?.visible &&
          !isEmptyValue(values[field.id]) &&
          // The applicant's name and ID number head the summary once; the form's copies are not repeated.
          field.source !== 'card.name' &&
          field.source !== 'card.idNumber',
      )
    : [];
  const reusable = new Map((prepared?.reusableMaterials ?? []).map((material) => [material.code, material]));
  const printerNotReady = printer !== null && !printer.ready;
  // What was asked before the form, repeated once here (the boxes no longer sit at the bottom).
  const greenGroups = [
    ...(applicant.age >= 60 ? [t('greenChannel.group.elderly')] : []),
    ...declaredGroups.filter((group) => priority[group]).map((group) => t(`greenChannel.group.${group}`)),
  ];

  const confirm = () => {
    if (!signature) {
      setTried(true);
      return;
    }
    if (printerNotReady) send({ type: 'PROCEED_WITHOUT_RECEIPT', proceed: true });
    send({ type: 'CONFIRM', language: session.prefs.language });
  };

  return (
    <Screen
      confirmHome
      screenId="review"
      title={t('review.title')}
      instruction={t('review.instruction')}
      steps={applySteps}
      step="review"
      onBack={submitting ? null : () => send({ type: 'BACK' })}
      showHome={!submitting}
      primary={
        submitting || printer === null
          ? null
          : {
              label: printerNotReady ? t('review.proceedWithoutReceipt') : t('actions.confirm'),
              onPress: confirm,
              icon: <Send aria-hidden="true" />,
              testId: 'confirm',
            }
      }
      aside={
        <div className="aside-summary">
          {printer === null ? <Busy words={t('review.printerChecking')} /> : null}
          {printerNotReady ? (
            <p className="form-status bad" role="alert" data-testid="printer-warning">
              <Printer aria-hidden="true" />
              {t('review.printerNotReady')}
            </p>
          ) : printer ? (
            <p className="form-status ok">
              <Printer aria-hidden="true" />
              {t('review.printerReady')}
            </p>
          ) : null}
          <h2 className="sub-heading">{t('review.signHere')}</h2>
          <SignatureBox
            label={t('review.signatureArea')}
            onChange={(dataUrl) => send({ type: 'SET_SIGNATURE', dataUrl })}
          />
          {triedWithoutSignature && !signature ? (
            <p className="form-status bad" role="alert">
              {t('review.signFirst')}
            </p>
          ) : null}
        </div>
      }
    >
      {submitting ? <Busy words={t('review.submitting')} /> : null}
      <AgentSection view={onBehalf} />
      <section className="summary" aria-labelledby="summary-title">
        <h2 id="summary-title" className="sub-heading">
          {t('review.summary')}
        </h2>
        <dl className="facts">
          <dt>{t('review.applicant')}</dt>
          <dd>
            <bdi>{applicant.name}</bdi>
          </dd>
          <dt>{t('review.idNumber')}</dt>
          <dd data-testid="review-id-number">{applicant.maskedIdNumber}</dd>
          <dt>{t('review.item')}</dt>
          <dd>{item.name[language]}</dd>
          {greenGroups.length > 0 ? (
            <div className="fact-pair">
              <dt>{t('greenChannel.title')}</dt>
              <dd data-testid="review-green-channel">{greenGroups.join('、')}</dd>
            </div>
          ) : null}
          {shownFields.map((field) => (
            <div key={field.id} className="fact-pair">
              <dt>{field.label[language]}</dt>
              <dd className="typed-value">
                <bdi>
                  {displayValue(field, values[field.id]!, language, t('actions.yes'), t('actions.no'))}
                </bdi>
              </dd>
            </div>
          ))}
          <dt>{t('review.materials')}</dt>
          <dd>
            <ul className="plain-list">
              {materialRequirements(state.context)
                .filter(
                  (requirement) =>
                    materials[requirement.code]?.useArchived ||
                    (materials[requirement.code]?.pages.length ?? 0) > 0,
                )
                .map((requirement) => {
                  const choice = materials[requirement.code]!;
                  return (
                    <li key={requirement.code}>
                      {requirement.name[language]}：
                      {choice.useArchived && reusable.has(requirement.code) ? t('review.archivedCopy') : ''}
                      {choice.pages.length > 0
                        ? ` ${t('review.pagesNow', { count: choice.pages.length })}`
                        : ''}
                    </li>
                  );
                })}
            </ul>
          </dd>
        </dl>
      </section>
      <Toggle
        on={keepInStore}
        label={t('review.keepInStore')}
        onPress={() => send({ type: 'SET_KEEP_IN_STORE', keep: !keepInStore })}
        testId="keep-in-store"
      />
    </Screen>
  );
}
