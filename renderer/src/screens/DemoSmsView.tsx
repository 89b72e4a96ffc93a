import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../api/kiosk-context';

/** Demo mode: the last text message the simulated SMS gateway "sent" (the code lands here, not in a log). */
export function DemoSmsView() {
  const { client } = useKiosk();
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ phoneHint: string; text: string } | null>(null);
  useEffect(() => {
    let stopped = false;
    const look = async () => {
      const answer = await client.demoLastSms({});
      if (!stopped && answer.ok) setMessage(answer.value.message);
    };
    void look();
    const timer = setInterval(() => void look(), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client]);
  return (
    <div className="demo-card" data-testid="demo-sms">
      <strong>{t('demoSms.title')}</strong>
      <p>{message ? `${message.phoneHint}: ${message.text}` : t('demoSms.none')}</p>
    </div>
  );
}
