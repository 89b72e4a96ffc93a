import { CalendarCheck, ClipboardList, FileText, Hash, Star, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../api/kiosk-context';
import { useSession } from '../session/session-context';
import type { Service } from '../session/session-machine';
import { CardPlacement } from '../ui/CardPlacement';
import { playChime } from '../ui/chime';
import { GreenChannelPanel } from '../ui/GreenChannel';
import { Header, Problem } from '../ui/Screen';
import { useVoice } from '../ui/voice';
import { AttractGuide } from './AttractGuide';
import { CardlessEntry } from './CardlessEntry';

const serviceIcons: Record<Service, ReactNode> = {
  apply: <FileText aria-hidden="true" />,
  checkIn: <CalendarCheck aria-hidden="true" />,
  progress: <ClipboardList aria-hidden="true" />,
  rate: <Star aria-hidden="true" />,
};
export const services: Service[] = ['apply', 'checkIn', 'progress', 'rate'];

/**
 * The attract screen, and the same screen once a service was chosen ("place your ID card to continue"),
 * or with a card problem in words.
 */
export function AttractScreen({
  problem,
  reading,
  notice,
}: {
  problem: string | null;
  reading?: boolean;
  /** A plain statement shown above the services (e.g. the card was taken and the session ended). */
  notice?: string;
}) {
  const { t } = useTranslation();
  const { state, send } = useSession();
  const { info } = useKiosk();
  const intent = state.matches('waitingForCard') ? state.context.intent : null;
  const hint = intent
    ? t('attract.placeCardFor', { service: t(`attract.${intent}`) })
    : t('attract.placeCardHint');
  // Spoken in elderly mode: the same title and hint the screen shows.
  useVoice(t('attract.placeCard'), hint);
  return (
    <div className="frame" data-screen-id={intent ? 'waiting-for-card' : 'attract'}>
      <Header stepLabel={intent ? t(`attract.${intent}`) : null} />
      <main className="frame-content attract" id="content">
        {intent ? null : <AttractGuide />}
        <CardPlacement mode="place" />
        <h1 className="attract-title">{t('attract.placeCard')}</h1>
        <p className="attract-hint">{hint}</p>
        <p className="attract-card-policy" data-testid="card-policy">
          {info.cardPolicy === 'hold' ? t('card.holdPolicy') : t('card.readOncePolicy')}
        </p>
        {notice ? (
          <p className="status-words notice" role="status" data-testid="attract-notice">
            {t(notice)}
          </p>
        ) : null}
        {reading ? (
          <p className="status-words" role="status">
            {t('identify.reading')}
          </p>
        ) : null}
        {problem ? (
          <Problem
            words={t(problem)}
            action={
              problem === 'identify.readerMissing'
                ? null
                : { label: t('actions.home'), onPress: () => send({ type: 'HOME' }) }
            }
          />
        ) : null}
        {intent === 'progress' || intent === 'rate' ? (
          <div className="no-card">
            <p className="no-card-title">{t('attract.noCard')}</p>
            <div className="service-grid two">
              <button
                type="button"
                className="service-button"
                onClick={() => send({ type: 'WITHOUT_CARD', service: intent, method: 'number' })}
                data-testid="without-card-number"
              >
                <Hash aria-hidden="true" />
                {t('attract.byNumber')}
              </button>
            </div>
          </div>
        ) : null}
        {intent === 'apply' || intent === 'checkIn' ? <CardlessEntry /> : null}
        {intent ? null : <GreenChannelPanel />}
        {intent ? (
          <div className="attract-actions">
            <button
              type="button"
              className="action secondary"
              onClick={() => send({ type: 'BACK' })}
              data-testid="back"
            >
              {t('actions.back')}
            </button>
          </div>
        ) : (
          <div className="service-grid">
            {services.map((key) => (
              <button
                key={key}
                type="button"
                className="service-button"
                data-service={key}
                onClick={() => send({ type: 'CHOOSE_SERVICE', service: key })}
              >
                {serviceIcons[key]}
                {t(`attract.${key}`)}
              </button>
            ))}
          </div>
        )}
      </main>
    </div>
  );
}

/** "Hello, <name>": the four services for the identified applicant. */
export function MenuScreen() {
  const { t } = useTranslation();
  const { state, send } = useSession();
  const identity = state.context.identity;
  return (
    <div className="frame" data-screen-id="menu">
      <Header stepLabel={t('steps.start')} />
      <main className="frame-content" id="content">
        <div className="screen-heading">
          <h1 className="greeting" data-testid="greeting">
            {t('identify.greeting', { name: identity?.name ?? '' })}
          </h1>
          <p className="screen-instruction">{t('identify.sessionStarted')}</p>
        </div>
        {identity && identity.age >= 60 && !state.context.prefs.elderly ? (
          // 60+ holders are offered the larger, simpler screens in one tap (issue 15, defect 8).
          <div className="elderly-offer">
            <p>{t('identify.elderlyOffer')}</p>
            <button
              type="button"
              className="action primary"
              onClick={() => send({ type: 'TOGGLE_ELDERLY' })}
              data-testid="offer-elderly"
            >
              {t('identify.elderlyOfferButton')}
            </button>
          </div>
        ) : null}
        <MenuVoice />
        <div className="service-grid">
          {services.map((key) => (
            <button
              key={key}
              type="button"
              className="service-button"
              data-service={key}
              onClick={() => send({ type: 'CHOOSE_SERVICE', service: key })}
            >
              {serviceIcons[key]}
              {t(`attract.${key}`)}
            </button>
          ))}
        </div>
        {/* 帮办代办: apply for a family member or someone who gave a power of attorney. */}
        <button
          type="button"
          className="big-choice act-for-other"
          onClick={() => send({ type: 'ACT_FOR_OTHER' })}
          data-testid="act-for-other"
        >
          <Users aria-hidden="true" />
          {t('agent.entry')}
        </button>
      </main>
      <footer className="action-bar">
        <div className="action-slot left" />
        <div className="action-slot centre">
          <button
            type="button"
            className="action secondary"
            onClick={() => send({ type: 'HOME' })}
            data-testid="home"
          >
            {t('actions.home')}
          </button>
        </div>
        <div className="action-slot right">
          <button type="button" className="action primary" onClick={() => send({ type: 'FINISH' })}>
            {t('actions.finish')}
          </button>
        </div>
      </footer>
    </div>
  );
}

function MenuVoice() {
  const { t } = useTranslation();
  // The name is not read aloud in a public hall.
  useVoice(t('identify.sessionStarted'), undefined);
  return null;
}

/** The session is over and the card still lies on the reader: said in words, a picture and a chime. */
export function TakeCardScreen() {
  const { t } = useTranslation();
  const { send } = useSession();
  useVoice(t('card.takeTitle'), t('card.takeHint'));
  useEffect(() => {
    playChime();
    // Once more after a few seconds for someone already walking away.
    const again = setTimeout(playChime, 4000);
    return () => clearTimeout(again);
  }, []);
  return (
    <div className="frame" data-screen-id="take-card">
      <Header stepLabel={null} />
      <main className="frame-content attract" id="content">
        <CardPlacement mode="take" />
        <h1 className="attract-title" data-testid="take-card">
          {t('card.takeTitle')}
        </h1>
        <p className="attract-hint">{t('card.takeHint')}</p>
        <div className="attract-actions">
          <button
            type="button"
            className="action secondary"
            onClick={() => send({ type: 'HOME' })}
            data-testid="home"
          >
            {t('actions.home')}
          </button>
        </div>
      </main>
    </div>
  );
}
