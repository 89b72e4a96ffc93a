import { LogOut } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useKiosk } from '../api/kiosk-context';
import { PanelContext, type PanelContextValue } from './panel-context';
import { CalibrationTab } from './tabs/CalibrationTab';
import { DevicesTab } from './tabs/DevicesTab';
import { DiagnosticsTab, LogsTab, ParkedTab } from './tabs/DiagnosticsTabs';
import { ReceiptsTab, SettingsTab, UpdatesTab } from './tabs/OtherTabs';
import { useTech } from './use-tech';

const tabs = [
  'devices',
  'diagnostics',
  'parked',
  'logs',
  'receipts',
  'updates',
  'settings',
  'touch',
] as const;
type Tab = (typeof tabs)[number];

/** The technician screens, full screen over the app, while the maintenance token lives. */
export function TechnicianPanel({
  token,
  idleSeconds,
  onExit,
}: {
  token: string;
  idleSeconds: number;
  onExit: (settingsChanged: boolean, reason: 'exit' | 'inactivity') => void;
}) {
  const { client } = useKiosk();
  const { t } = useTech();
  const [tab, setTab] = useState<Tab>('devices');
  const settingsChanged = useRef(false);
  const onExitRef = useRef(onExit);
  onExitRef.current = onExit;
  const [lastTouch, setLastTouch] = useState(() => Date.now());

  // Maintenance leaves itself after a few minutes untouched (the host drops the token too).
  // biome-ignore lint/correctness/useExhaustiveDependencies: every touch restarts the countdown
  useEffect(() => {
    const timer = setTimeout(
      () => onExitRef.current(settingsChanged.current, 'inactivity'),
      idleSeconds * 1000,
    );
    return () => clearTimeout(timer);
  }, [idleSeconds, lastTouch]);

  const expired = useCallback(() => onExitRef.current(settingsChanged.current, 'exit'), []);
  const value = useMemo<PanelContextValue>(
    () => ({
      token,
      client,
      expired,
      settingsChanged: () => {
        settingsChanged.current = true;
      },
    }),
    [token, client, expired],
  );

  return (
    <PanelContext.Provider value={value}>
      <div
        className="tech-overlay tech-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="tech-panel-title"
        data-testid="technician-panel"
        onPointerDown={() => setLastTouch(Date.now())}
      >
        <header className="tech-header">
          <h1 id="tech-panel-title">{t('title')}</h1>
          <button type="button" className="tech-button" onClick={expired} data-testid="tech-exit">
            <LogOut aria-hidden="true" /> {t('exit')}
          </button>
        </header>
        <nav className="tech-tabs" aria-label={t('title')}>
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              className={tab === name ? 'tech-tab is-current' : 'tech-tab'}
              aria-pressed={tab === name}
              data-tab={name}
              onClick={() => setTab(name)}
            >
              {t(`tabs.${name}`)}
            </button>
          ))}
        </nav>
        <section className="tech-body tech-scroll">
          {tab === 'devices' ? <DevicesTab /> : null}
          {tab === 'diagnostics' ? <DiagnosticsTab /> : null}
          {tab === 'parked' ? <ParkedTab /> : null}
          {tab === 'logs' ? <LogsTab /> : null}
          {tab === 'receipts' ? <ReceiptsTab /> : null}
          {tab === 'updates' ? <UpdatesTab /> : null}
          {tab === 'settings' ? <SettingsTab /> : null}
          {tab === 'touch' ? <CalibrationTab /> : null}
        </section>
      </div>
    </PanelContext.Provider>
  );
}
