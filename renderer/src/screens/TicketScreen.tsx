import { CircleCheck, Printer, TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import { formatCaseNumber } from '../../../kernel/case-number';
import { useKiosk } from '../api/kiosk-context';
import type { Submission } from '../session/apply-machine';
import type { CheckIn } from '../session/check-in-machine';
import { useSession } from '../session/session-context';
import { formatDateTime, formatNumber } from '../ui/format';
import { GreenChannelExplained } from '../ui/GreenChannel';
import { applySteps, Busy, Screen } from '../ui/Screen';
import { windowsText } from './ChooseItemScreen';

function Countdown({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(
      () => setLeft(Math.max(0, seconds - Math.floor((Date.now() - started) / 1000))),
      1000,
    );
    return () => clearInterval(timer);
  }, [seconds]);
  return <p className="auto-return">{t('ticket.autoReturn', { count: left })}</p>;
}

export function TicketCard({ ticket, receipt }: { ticket: TicketView; receipt: Submission['receipt'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className="ticket" data-testid="ticket">
      <p className="ticket-label">{t('ticket.queueNumber')}</p>
      <p className="ticket-number" data-testid="ticket-number">
        {ticket.number}
      </p>
      {/* A green-channel number says why (issue 15, part 5); the bare tag only when no reason came. */}
      {ticket.priority && ticket.priorityReasons.length === 0 ? (
        <p className="tag ok">{t('ticket.priority')}</p>
      ) : null}
      <GreenChannelExplained reasons={ticket.priorityReasons} />
      <p className="ticket-window" data-testid="ticket-window">
        {t('ticket.goToWindow', {
          windows: windowsText(ticket.windowNumbers, language),
          count: ticket.windowNumbers.length,
        })}
      </p>
      <p className="ticket-ahead">
        {t('ticket.peopleAhead', {
          count: ticket.peopleAhead,
          formatted: formatNumber(ticket.peopleAhead, language),
        })}
      </p>
      <p className="ticket-wait">{t('ticket.wait', { band: t(`ticket.waitBand.${ticket.waitBand}`) })}</p>
      <dl className="facts">
        <dt>{t('ticket.department')}</dt>
        <dd>{ticket.departmentName[language]}</dd>
        <dt>{t('ticket.issuedAt')}</dt>
        <dd>{formatDateTime(ticket.issuedAt, language)}</dd>
      </dl>
      {receipt.printed ? (
        <p className="form-status ok" data-testid="receipt-status">
          <CircleCheck aria-hidden="true" />
          {t('ticket.receiptPrinted')}
        </p>
      ) : (
        <p className="form-status bad" role="alert" data-testid="receipt-status">
          <TriangleAlert aria-hidden="true" />
          {t(`ticket.receiptProblem.${receipt.problem}`)}
        </p>
      )}
    </div>
  );
}

/** The ticket of a submission or of a checked-in appointment (whichever service shows it). */
export function TicketScreen({
  doneSeconds,
  submission = null,
  checkIn = null,
}: {
  doneSeconds: number;
  submission?: Submission | null;
  checkIn?: CheckIn | null;
}) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const { state, send } = useSession();
  const [printing, setPrinting] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const result = submission ?? checkIn;
  if (!result) return null;
  const printForm = async () => {
    if (!submission || !state.context.sessionId) return;
    setPrinting('busy');
    try {
      const printed = await client.printFilledForm({
        sessionId: state.context.sessionId,
        caseNumber: submission.caseNumber,
        language: state.context.prefs.language,
      });
      setPrinting(printed.ok ? 'done' : 'failed');
    } catch {
      setPrinting('failed');
    }
  };
  return (
    <Screen
      screenId="ticket"
      title={t('ticket.title')}
      instruction={t('ticket.instruction')}
      steps={submission ? applySteps : undefined}
      step={submission ? 'ticket' : undefined}
      stepLabel={submission ? null : t('steps.appointments')}
      showHome={false}
      primary={{
        label: t('actions.finish'),
        onPress: () => send({ type: 'FINISH' }),
        icon: <CircleCheck aria-hidden="true" />,
        testId: 'finish',
      }}
      secondary={
        submission && printing !== 'done'
          ? {
              label: t('ticket.printForm'),
              onPress: () => void printForm(),
              disabled: printing === 'busy',
              icon: <Printer aria-hidden="true" />,
              testId: 'print-form',
            }
          : null
      }
      aside={
        submission ? (
          <dl className="facts">
            <dt>{t('ticket.caseNumber')}</dt>
            <dd data-testid="case-number" data-case-number={submission.caseNumber}>
              {formatCaseNumber(submission.caseNumber)}
            </dd>
            {/* 帮办代办: the case is the principal's; the agent applied. */}
            {state.context.actingFor ? (
              <>
                <dt>{t('agent.applicant')}</dt>
                <dd data-testid="ticket-applicant">{state.context.actingFor.principal.maskedName}</dd>
                <dt>{t('agent.section')}</dt>
                <dd data-testid="ticket-agent">{state.context.actingFor.agent.name}</dd>
              </>
            ) : null}
          </dl>
        ) : null
      }
    >
      <TicketCard ticket={result.ticket} receipt={result.receipt} />
      {printing === 'busy' ? <Busy words={t('ticket.printingForm')} /> : null}
      {printing === 'done' ? <p className="form-status ok">{t('ticket.formPrinted')}</p> : null}
      {printing === 'failed' ? (
        <p className="form-status bad" role="alert">
          {t('ticket.formPrintFailed')}
        </p>
      ) : null}
      <Countdown seconds={doneSeconds} />
    </Screen>
  );
}
