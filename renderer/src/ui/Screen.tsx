import { ArrowLeft, ArrowRight, Contrast, House, LoaderCircle, TriangleAlert } from 'lucide-react';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import { useKiosk } from '../api/kiosk-context';
import { KeyboardSlot } from '../keyboard/keyboard-context';
import { useSession } from '../session/session-context';
import { ActingForBanner } from './ActingForBanner';
import { CallStaffButton } from './CallStaffButton';
import { locales } from './format';
import { HallEmblem } from './HallEmblem';
import { useVoice } from './voice';

const languageLabels: Record<Language, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };

export type StepKey = 'identify' | 'item' | 'form' | 'materials' | 'review' | 'ticket';
export const applySteps: readonly StepKey[] = ['identify', 'item', 'form', 'materials', 'review', 'ticket'];

export interface PrimaryAction {
  label: string;
  onPress: () => void;
  disabled?: boolean;
  icon?: ReactNode;
  testId?: string;
}

function Clock({ language }: { language: Language }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  // Built once per language: an Intl formatter costs more than the rest of the header (issue 15 part 11).
  const format = useMemo(
    () =>
      new Intl.DateTimeFormat(locales[language], {
        month: 'short',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }),
    [language],
  );
  return (
    <time className="clock" dateTime={now.toISOString()}>
      {format.format(now)}
    </time>
  );
}

/** The header band: hall name, current step, language switch, elderly-mode and contrast switches, clock. */
export function Header({ stepLabel }: { stepLabel: string | null }) {
  const { info } = useKiosk();
  const { state, send } = useSession();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const prefs = state.context.prefs;
  return (
    <header className="frame-header">
      <HallEmblem />
      <div className="hall-block">
        <div className="hall-name">{info.hallName[language]}</div>
        {stepLabel ? <div className="current-step">{t('header.step', { step: stepLabel })}</div> : null}
        <ActingForBanner />
      </div>
      <nav className="header-switches" aria-label={t('header.language')}>
        {info.languages.map((lng) => (
          <button
            key={lng}
            type="button"
            className={lng === language ? 'lang-button is-current' : 'lang-button'}
            aria-pressed={lng === language}
            lang={lng}
            onClick={() => send({ type: 'SET_LANGUAGE', language: lng })}
          >
            {languageLabels[lng]}
          </button>
        ))}
        <button
          type="button"
          className={prefs.elderly ? 'switch-button is-on' : 'switch-button'}
          aria-pressed={prefs.elderly}
          data-testid="elderly-switch"
          onClick={() => send({ type: 'TOGGLE_ELDERLY' })}
        >
          <span aria-hidden="true" className="switch-glyph">
            大
          </span>
          {t('header.elderly')}
        </button>
        <button
          type="button"
          className={prefs.highContrast ? 'switch-button is-on' : 'switch-button'}
          aria-pressed={prefs.highContrast}
          data-testid="contrast-switch"
          onClick={() => send({ type: 'TOGGLE_CONTRAST' })}
        >
          <Contrast aria-hidden="true" />
          {t('header.contrast')}
        </button>
        <CallStaffButton />
      </nav>
      <Clock language={language} />
    </header>
  );
}

export function StepIndicator({
  steps,
  current,
  placement = 'band',
}: {
  steps: readonly StepKey[];
  current: StepKey;
  /** "band": across the top; "aside": down the landscape aside (CSS shows one of them per orientation). */
  placement?: 'band' | 'band-or-aside' | 'aside';
}) {
  const { t } = useTranslation();
  const currentIndex = steps.indexOf(current);
  return (
    <ol className={`steps steps-${placement}`} aria-label={t('header.stepsLabel')}>
      {steps.map((step, index) => (
        <li
          key={step}
          className={
            index < currentIndex ? 'step is-done' : index === currentIndex ? 'step is-current' : 'step'
          }
          aria-current={index === currentIndex ? 'step' : undefined}
        >
          <span className="step-number">{index + 1}</span>
          <span className="step-label">{t(`steps.${step}`)}</span>
        </li>
      ))}
    </ol>
  );
}

export interface ScreenProps {
  /** Home asks first: an application was started and would be discarded. */
  confirmHome?: boolean;
  /** The screen's title: shown, and spoken in elderly mode. */
  title: string;
  /** Its one instruction: shown under the title, and spoken after it. */
  instruction?: string;
  stepLabel?: string | null;
  steps?: readonly StepKey[];
  step?: StepKey;
  /** Right-hand column in landscape (summary, help); shown under the content in portrait. */
  aside?: ReactNode;
  onBack?: (() => void) | null;
  showHome?: boolean;
  primary?: PrimaryAction | null;
  /** A secondary action placed beside the primary one (never filled). */
  secondary?: PrimaryAction | null;
  children: ReactNode;
  screenId: string;
  hideTitle?: boolean;
}

/** Every screen's three bands: header, content (with the keyboard docked under it), action bar. */
export function Screen({
  title,
  instruction,
  stepLabel = null,
  steps,
  step,
  aside,
  onBack,
  showHome = true,
  primary,
  secondary,
  children,
  screenId,
  hideTitle = false,
  confirmHome = false,
}: ScreenProps) {
  const { t } = useTranslation();
  const { send } = useSession();
  const { info } = useKiosk();
  useVoice(title, instruction);
  const hasActions = Boolean(onBack || showHome || primary || secondary);
  const [askingHome, setAskingHome] = useState(false);
  return (
    <div className="frame" data-screen-id={screenId}>
      <Header stepLabel={stepLabel ?? (step ? t(`steps.${step}`) : null)} />
      {steps && step ? (
        <StepIndicator steps={steps} current={step} placement={aside ? 'band-or-aside' : 'band'} />
      ) : null}
      {info.cardPolicy === 'hold' ? (
        <p className="card-keep" data-testid="card-keep">
          <span className="card-keep-icon" aria-hidden="true" />
          {t('card.keepOnReader')}
        </p>
      ) : null}
      <div className={aside ? 'frame-body has-aside' : 'frame-body'}>
        <main className="frame-content" id="content">
          <div className={hideTitle ? 'visually-hidden' : 'screen-heading'}>
            <h1 className="screen-title">{title}</h1>
            {instruction ? <p className="screen-instruction">{instruction}</p> : null}
          </div>
          {children}
        </main>
        {aside ? (
          <aside className="frame-aside">
            {steps && step ? <StepIndicator steps={steps} current={step} placement="aside" /> : null}
            {aside}
          </aside>
        ) : null}
      </div>
      <KeyboardSlot />
      {hasActions ? (
        <footer className="action-bar">
          <div className="action-slot left">
            {onBack ? (
              <button type="button" className="action secondary" onClick={onBack} data-testid="back">
                <ArrowLeft aria-hidden="true" />
                {t('actions.back')}
              </button>
            ) : null}
          </div>
          <div className="action-slot centre">
            {showHome ? (
              <button
                type="button"
                className="action secondary"
                onClick={() => (confirmHome ? setAskingHome(true) : send({ type: 'HOME' }))}
                data-testid="home"
              >
                <House aria-hidden="true" />
                {t('actions.home')}
              </button>
            ) : null}
          </div>
          <div className="action-slot right">
            {secondary ? (
              <button
                type="button"
                className="action secondary"
                onClick={secondary.onPress}
                disabled={secondary.disabled}
                data-testid={secondary.testId}
              >
                {secondary.icon}
                {secondary.label}
              </button>
            ) : null}
            {primary ? (
              <button
                type="button"
                className="action primary"
                onClick={primary.onPress}
                aria-disabled={primary.disabled || undefined}
                data-testid={primary.testId ?? 'primary'}
              >
                {primary.icon ?? <ArrowRight aria-hidden="true" />}
                {primary.label}
              </button>
            ) : null}
          </div>
        </footer>
      ) : null}
      {askingHome ? (
        <div
          className="confirm-overlay"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="confirm-home-title"
        >
          <div className="confirm-box">
            <h2 id="confirm-home-title" className="sub-heading">
              {t('confirmHome.title')}
            </h2>
            <p>{t('confirmHome.words')}</p>
            <div className="confirm-actions">
              <button
                type="button"
                className="action primary"
                onClick={() => setAskingHome(false)}
                data-testid="keep-filling"
              >
                {t('confirmHome.keep')}
              </button>
              <button
                type="button"
                className="action secondary"
                onClick={() => send({ type: 'HOME' })}
                data-testid="discard-and-home"
              >
                {t('confirmHome.discard')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** A wait with words: shown for anything that may take over 300 ms. */
export function Busy({ words }: { words: string }) {
  return (
    <div className="busy" role="status" aria-live="polite">
      <LoaderCircle className="spinner-icon" aria-hidden="true" />
      <p className="status-words">{words}</p>
    </div>
  );
}

/** A failure: what happened and what to do, with a button for it. */
export function Problem({
  words,
  action,
}: {
  words: string;
  action?: { label: string; onPress: () => void } | null;
}) {
  return (
    <div className="problem-box" role="alert">
      <TriangleAlert className="problem-icon" aria-hidden="true" />
      <p className="problem-words">{words}</p>
      {action ? (
        <button type="button" className="big-choice" onClick={action.onPress} data-testid="problem-action">
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
