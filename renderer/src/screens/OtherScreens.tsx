import jsQR from 'jsqr';
import { ArrowLeft, CalendarCheck, Hash, QrCode, Search, Send, Star } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import {
  caseNumberDigits,
  formatCaseNumber,
  groupTypedCaseNumber,
  isCurrentCaseNumber,
  readCaseNumber,
} from '../../../kernel/case-number';
import { TextInput } from '../forms/TextInput';
import { caseNumberFromCode } from '../session/case-code';
import type { ProgressState } from '../session/progress-machine';
import type { RatingState } from '../session/rating-machine';
import { useCheckIn, useProgress, useRating, useSession } from '../session/session-context';
import { formatDateTime, formatTime } from '../ui/format';
import { Paged, useChoicesPerPage } from '../ui/Paged';
import { Busy, Problem, Screen } from '../ui/Screen';
import { BundleParts } from './BundleChoices';
import { SupplementPanel } from './SupplementPanel';

// ------------------------------------------------------------------------------------------------
// Appointments.

export function AppointmentsScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const prefs = useSession().state.context.prefs;
  const { state, send } = useCheckIn();
  const perPage = useChoicesPerPage(4, 2);
  const { appointments, printer, problem } = state.context;
  const loading = state.matches('loading');
  const checkingIn = state.matches('checkingIn');
  const failed = state.matches('failed');
  const printerNotReady = printer !== null && !printer.ready;
  return (
    <Screen
      screenId="appointments"
      title={t('appointments.title')}
      instruction={t('appointments.instruction')}
      stepLabel={t('steps.appointments')}
      onBack={checkingIn ? null : () => send({ type: 'BACK' })}
    >
      {loading ? <Busy words={t('appointments.loading')} /> : null}
      {checkingIn ? <Busy words={t('appointments.checkingIn')} /> : null}
      {failed && problem ? (
        <Problem
          words={t(problem)}
          action={{ label: t('actions.retry'), onPress: () => send({ type: 'RETRY' }) }}
        />
      ) : null}
      {!loading && !failed && printerNotReady ? (
        <p className="form-status bad" role="alert">
          {t('appointments.printerNotReady')}
        </p>
      ) : null}
      {!loading && !failed && !checkingIn ? (
        appointments.length === 0 ? (
          <p className="empty-words">{t('appointments.none')}</p>
        ) : (
          <Paged
            items={appointments}
            pageSize={perPage}
            className="choice-grid cards"
            render={(appointment) => (
              <div className="appointment-card" data-appointment-id={appointment.appointmentId}>
                <p className="item-name">{appointment.itemName[language]}</p>
                <p>{appointment.departmentName[language]}</p>
                <p>{t('appointments.at', { time: formatTime(appointment.startsAt, language) })}</p>
                {appointment.checkedIn ? (
                  <span className="tag ok">{t('appointments.checkedIn')}</span>
                ) : (
                  <button
                    type="button"
                    className="big-choice strong"
                    onClick={() =>
                      send({
                        type: 'CHECK_IN',
                        appointmentId: appointment.appointmentId,
                        language: prefs.language,
                      })
                    }
                    data-testid="check-in"
                  >
                    <CalendarCheck aria-hidden="true" />
                    {printerNotReady ? t('appointments.checkInWithoutReceipt') : t('appointments.checkIn')}
                  </button>
                )}
              </div>
            )}
          />
        )
      ) : null}
    </Screen>
  );
}

// ------------------------------------------------------------------------------------------------
// Progress query.

export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<'starting' | 'live' | 'failed'>('starting');
  // biome-ignore lint/correctness/useExhaustiveDependencies: one camera per mount
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const scan = () => {
      const element = video.current;
      if (!element || element.videoWidth === 0) return;
      const scale = Math.min(1, 800 / element.videoWidth);
      canvas.width = Math.round(element.videoWidth * scale);
      canvas.height = Math.round(element.videoHeight * scale);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return;
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code?.data && !stopped) {
        stopped = true;
        onCode(code.data);
      }
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then(async (opened) => {
        stream = opened;
        if (stopped) return;
        if (video.current) {
          video.current.srcObject = opened;
          await video.current.play().catch(() => undefined);
        }
        setStatus('live');
        timer = setInterval(scan, 250);
      })
      .catch(() => setStatus('failed'));
    if (!navigator.mediaDevices) setStatus('failed');
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <div className="camera" data-testid="qr-scanner">
      <div className="camera-preview">
        <video ref={video} muted playsInline />
      </div>
      {status === 'failed' ? (
        <p className="form-status bad" role="alert">
          {t('progress.qrUnavailable')}
        </p>
      ) : (
        <Busy words={t('progress.qrLooking')} />
      )}
    </div>
  );
}

/** A kept number as the keypad shows it: current numbers in groups of four, legacy ones as they are. */
function shownTyped(typed: string): string {
  return isCurrentCaseNumber(typed) || /^\d*$/.test(typed) ? groupTypedCaseNumber(typed) : typed;
}

export function ProgressScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { state, send } = useProgress();
  const [caseNumber, setCaseNumber] = useState(() => shownTyped(state.context.typedNumber));
  const [entryProblem, setEntryProblem] = useState<string | null>(null);
  const perPage = useChoicesPerPage(3, 2);
  const at = (name: ProgressState) => state.matches(name);
  const entering = at('enteringNumber');
  const scanning = at('scanningCode');
  const loading = at('loading');
  const results = at('results');
  const failed = at('failed');
  const { cases, problem, typedNumber } = state.context;
  // Back on the keypad: the number as it was (返回 after "not found"), or empty (重新输入).
  useEffect(() => {
    if (entering) setCaseNumber(shownTyped(typedNumber));
  }, [entering, typedNumber]);
  const notFound = failed && problem === 'problems.not_found';
  const query = () => {
    // The check digit catches a slip before anything is looked up (kernel/case-number.ts).
    const read = readCaseNumber(caseNumber);
    if (read.kind === 'incomplete') {
      setEntryProblem(t('caseEntry.incomplete', { count: read.digits, total: caseNumberDigits }));
      return;
    }
    if (read.kind === 'check_digit' || read.kind === 'malformed') {
      setEntryProblem(t('caseEntry.checkDigit'));
      return;
    }
    setEntryProblem(null);
    send({ type: 'QUERY_CASE', caseNumber: read.caseNumber });
  };
  return (
    <Screen
      screenId={entering ? 'progress-number' : scanning ? 'progress-qr' : 'progress'}
      title={entering ? t('progress.enterNumber') : scanning ? t('progress.qrTitle') : t('progress.title')}
      instruction={
        entering
          ? t('progress.numberHint')
          : scanning
            ? t('progress.qrInstruction')
            : t('progress.instruction')
      }
      stepLabel={t('steps.progress')}
      onBack={() => send({ type: 'BACK' })}
      primary={
        entering
          ? {
              label: t('progress.query'),
              onPress: query,
              icon: <Search aria-hidden="true" />,
              testId: 'query',
            }
          : null
      }
    >
      {entering ? (
        <>
          <TextInput
            id="case-number"
            label={t('progress.numberLabel')}
            value={caseNumber}
            onChange={(value) => {
              setEntryProblem(null);
              setCaseNumber(value.toUpperCase());
            }}
            kind="caseNumber"
            autoOpen
            invalid={entryProblem !== null}
            describedBy="case-number-error"
          />
          <p
            id="case-number-error"
            className="field-error"
            role={entryProblem ? 'alert' : undefined}
            data-testid="case-number-error"
          >
            {entryProblem ?? ''}
          </p>
          <button
            type="button"
            className="big-choice"
            onClick={() => send({ type: 'BY_QR' })}
            data-testid="by-qr"
          >
            <QrCode aria-hidden="true" />
            {t('progress.byQr')}
          </button>
        </>
      ) : null}
      {scanning ? (
        <>
          <QrScanner
            onCode={(text) => {
              const found = caseNumberFromCode(text);
              if (found) send({ type: 'QUERY_CASE', caseNumber: found });
            }}
          />
          <button type="button" className="big-choice" onClick={() => send({ type: 'BY_NUMBER' })}>
            <Hash aria-hidden="true" />
            {t('progress.byNumber')}
          </button>
        </>
      ) : null}
      {loading ? <Busy words={t('progress.loading')} /> : null}
      {failed && problem && !notFound ? (
        <Problem
          words={t(problem)}
          action={{ label: t('actions.retry'), onPress: () => send({ type: 'RETRY' }) }}
        />
      ) : null}
      {notFound ? (
        <>
          <Problem words={t('caseEntry.notFound', { caseNumber: formatCaseNumber(typedNumber) })} />
          <div className="choice-grid">
            <button
              type="button"
              className="big-choice strong"
              onClick={() => send({ type: 'BACK' })}
              data-testid="not-found-back"
            >
              <ArrowLeft aria-hidden="true" />
              {t('caseEntry.backKeepNumber')}
            </button>
            <button
              type="button"
              className="big-choice"
              onClick={() => send({ type: 'RE_ENTER' })}
              data-testid="not-found-reenter"
            >
              <Hash aria-hidden="true" />
              {t('caseEntry.reEnter')}
            </button>
          </div>
        </>
      ) : null}
      {results ? (
        cases.length === 0 ? (
          <p className="empty-words">{t('progress.none')}</p>
        ) : (
          <Paged
            items={cases}
            pageSize={perPage}
            className="choice-grid cards"
            render={(entry) => (
              <article className="case-card" data-case={entry.caseNumber}>
                <h2 className="item-name">{entry.itemName[language]}</h2>
                <p>
                  {t('ticket.caseNumber')}：
                  <span data-testid="case-number">{formatCaseNumber(entry.caseNumber)}</span>
                </p>
                <p className="case-status" data-testid="case-status">
                  {t(`progress.status.${entry.status}`)}
                </p>
                <p>{t('progress.submittedAt', { time: formatDateTime(entry.submittedAt, language) })}</p>
                {entry.parts ? <BundleParts parts={entry.parts} /> : null}
                {entry.history.length > 0 ? (
                  <details open>
                    <summary>{t('progress.history')}</summary>
                    <ol className="plain-list">
                      {entry.history.map((step) => (
                        <li key={`${step.at}-${step.status}`}>
                          {formatDateTime(step.at, language)} {t(`progress.status.${step.status}`)}
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : null}
                <SupplementPanel entry={entry} sessionId={state.context.sessionId} />
                {entry.rateable ? (
                  <button
                    type="button"
                    className="big-choice"
                    onClick={() => send({ type: 'RATE_CASE', caseNumber: entry.caseNumber })}
                    data-testid="rate-case"
                  >
                    <Star aria-hidden="true" />
                    {t('progress.rate')}
                  </button>
                ) : null}
              </article>
            )}
          />
        )
      ) : null}
      {results && state.context.sessionId ? (
        <button type="button" className="big-choice" onClick={() => send({ type: 'BY_NUMBER' })}>
          <Hash aria-hidden="true" />
          {t('progress.byNumber')}
        </button>
      ) : null}
    </Screen>
  );
}

// ------------------------------------------------------------------------------------------------
// Rating (好差评).

const grades = [5, 4, 3, 2, 1] as const;
const reasonKeys = ['fast', 'polite', 'clear', 'slow', 'unclear', 'repeat'] as const;
/** 差评 (不满意, 非常不满意): the national 好差评 scheme asks why, from a fixed list, with an optional comment. */
const badRatingAtMost = 2;
const badReasonKeys = [
  'waiting',
  'attitude',
  'notToldOnce',
  'repeatVisits',
  'overdue',
  'systemDown',
  'other',
] as const;

export function RatingScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const finish = useSession().send;
  const { state, send } = useRating();
  const [grade, setGrade] = useState<(typeof grades)[number] | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const bad = grade !== null && grade <= badRatingAtMost;
  const shownReasons: readonly string[] = bad ? badReasonKeys : reasonKeys;
  const reasonWords = (key: string) => (bad ? t(`badRating.reasons.${key}`) : t(`rating.reasons.${key}`));
  const chooseGrade = (value: (typeof grades)[number]) => {
    // Between a 差评 and a good grade the lists differ: reasons of the other list go.
    const nowBad = value <= badRatingAtMost;
    if (nowBad !== bad) setReasons([]);
    if (!nowBad) setComment('');
    setGrade(value);
  };
  const perPage = useChoicesPerPage(4, 2);
  const at = (name: RatingState) => state.matches(name);
  const { cases, problem, ratingCase } = state.context;
  const rateable = cases.filter((entry) => entry.rateable);
  const rated = cases.find((entry) => entry.caseNumber === ratingCase);
  const grading = at('grading');
  const submit = () => {
    if (grade === null || (bad && reasons.length === 0)) {
      setTried(true);
      return;
    }
    send({
      type: 'SUBMIT_RATING',
      grade,
      reasons,
      ...(bad && comment.trim() ? { comment: comment.trim() } : {}),
    });
  };
  return (
    <Screen
      screenId={at('thanks') ? 'rating-thanks' : grading ? 'rating' : 'rating-cases'}
      title={at('thanks') ? t('rating.thanks') : t('rating.title')}
      instruction={grading ? t('rating.instruction') : at('choosingCase') ? t('rating.choose') : undefined}
      stepLabel={t('steps.rating')}
      onBack={at('sending') || at('thanks') ? null : () => send({ type: 'BACK' })}
      showHome={!at('thanks')}
      primary={
        grading
          ? {
              label: t('rating.submit'),
              onPress: submit,
              icon: <Send aria-hidden="true" />,
              testId: 'submit-rating',
            }
          : at('thanks')
            ? { label: t('actions.finish'), onPress: () => finish({ type: 'FINISH' }), testId: 'finish' }
            : null
      }
    >
      {at('loading') ? <Busy words={t('rating.loading')} /> : null}
      {at('sending') ? <Busy words={t('rating.sending')} /> : null}
      {at('failed') && problem ? (
        <Problem
          words={t(problem)}
          action={{ label: t('actions.retry'), onPress: () => send({ type: 'RETRY' }) }}
        />
      ) : null}
      {at('choosingCase') ? (
        rateable.length === 0 ? (
          <p className="empty-words">{t('rating.none')}</p>
        ) : (
          <Paged
            items={rateable}
            pageSize={perPage}
            render={(entry) => (
              <button
                type="button"
                className="item-button"
                onClick={() => send({ type: 'RATE_CASE', caseNumber: entry.caseNumber })}
                data-case={entry.caseNumber}
              >
                <span className="item-name">{entry.itemName[language]}</span>
                <span className="item-meta">
                  <span>{entry.caseNumber}</span>
                  <span>{t(`progress.status.${entry.status}`)}</span>
                </span>
              </button>
            )}
          />
        )
      ) : null}
      {grading ? (
        <>
          {rated ? (
            <p className="sub-instruction">
              {t('rating.caseLabel', { item: rated.itemName[language], caseNumber: rated.caseNumber })}
            </p>
          ) : null}
          <fieldset className="grade-row">
            <legend className="visually-hidden">{t('rating.title')}</legend>
            {grades.map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={grade === value}
                className={grade === value ? 'grade is-on' : 'grade'}
                onClick={() => chooseGrade(value)}
                data-grade={value}
              >
                <span className="grade-stars" aria-hidden="true">
                  {'★'.repeat(value)}
                </span>
                {t(`rating.grades.${value}`)}
              </button>
            ))}
          </fieldset>
          {tried && grade === null ? (
            <p className="form-status bad" role="alert">
              {t('rating.chooseGrade')}
            </p>
          ) : null}
          <h2 className="sub-heading">{bad ? t('badRating.reasonsTitle') : t('rating.reasonsTitle')}</h2>
          <div className="option-row" data-reasons={bad ? 'bad' : 'good'}>
            {shownReasons.map((key) => {
              const on = reasons.includes(key);
              return (
                <button
                  key={key}
                  type="button"
                  aria-pressed={on}
                  className={on ? 'option is-on' : 'option'}
                  onClick={() =>
                    setReasons(on ? reasons.filter((entry) => entry !== key) : [...reasons, key])
                  }
                  data-reason={key}
                >
                  {reasonWords(key)}
                </button>
              );
            })}
          </div>
          {tried && bad && reasons.length === 0 ? (
            <p className="form-status bad" role="alert">
              {t('badRating.chooseReason')}
            </p>
          ) : null}
          {bad ? (
            <TextInput
              id="rating-comment"
              label={t('badRating.commentLabel')}
              value={comment}
              onChange={(value) => setComment(value.slice(0, 500))}
              kind="chinese"
              multiline
            />
          ) : null}
        </>
      ) : null}
      {/* The title already thanks: said once (issue 15, defect 12). */}
      {at('thanks') ? <p className="big-words">{t('hall.thanksWords')}</p> : null}
    </Screen>
  );
}
