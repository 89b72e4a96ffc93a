import { BellRing } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribeHostEvents } from '../api/client';
import { useKiosk } from '../api/kiosk-context';

type Call = { requestId: string; delivery: 'sent' | 'queued' } | { requestId: null; delivery: 'failed' };

/**
 * 呼叫工作人员 in every screen's header (issue 15 part 3): a help request with the kiosk's name, the time
 * and the screen (nothing about the person) goes to the staff page; the applicant is told honestly
 * whether it went or waits for the link, and told again once it went.
 */
export function CallStaffButton() {
  const { t } = useTranslation();
  const { client, transport } = useKiosk();
  const [call, setCall] = useState<Call | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      subscribeHostEvents(transport, (event) => {
        if (event.type === 'helpRequestDelivered')
          setCall((now) =>
            now && now.requestId === event.requestId ? { requestId: now.requestId, delivery: 'sent' } : now,
          );
      }),
    [transport],
  );

  const press = async (button: HTMLElement) => {
    if (busy) return;
    setBusy(true);
    // The screen's id from the page itself: the same in every language, and nothing personal.
    const screen = button.closest('[data-screen-id]')?.getAttribute('data-screen-id') ?? 'unknown';
    try {
      const answer = await client.callStaff({
        screen: /^[a-z0-9-]{1,40}$/.test(screen) ? screen : 'unknown',
      });
      setCall(answer.ok ? answer.value : { requestId: null, delivery: 'failed' });
    } catch {
      setCall({ requestId: null, delivery: 'failed' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="switch-button call-staff"
        onClick={(event) => void press(event.currentTarget)}
        data-testid="call-staff"
        aria-haspopup="dialog"
      >
        <BellRing aria-hidden="true" />
        {t('callStaff.button')}
      </button>
      {call ? (
        <div
          className="confirm-overlay"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="call-staff-title"
        >
          <div className="confirm-box" data-testid="call-staff-status" data-delivery={call.delivery}>
            <h2 id="call-staff-title" className="sub-heading">
              {t(`callStaff.${call.delivery}Title`)}
            </h2>
            <p>{t(`callStaff.${call.delivery}Words`)}</p>
            <div className="confirm-actions">
              <button
                type="button"
                className="action primary"
                onClick={() => setCall(null)}
                data-testid="call-staff-close"
              >
                {t('callStaff.close')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}
