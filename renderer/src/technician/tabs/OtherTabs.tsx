import { Minus, Plus } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { Language } from '../../../../host/api/kiosk';
import { type HallSettings, pinLength, type UpdateStateView } from '../../../../host/api/technician';
import { Keypad } from '../Keypad';
import { formatTime, guarded, usePanel } from '../panel-context';
import { useTech } from '../use-tech';

export function ReceiptsTab() {
  const panel = usePanel();
  const { t, i18n } = useTech();
  const [receipts, setReceipts] = useState<
    | { id: string; printedAt: string; status: 'printed' | 'failed' | 'reprinted'; reprintable: boolean }[]
    | null
  >(null);
  const [note, setNote] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await guarded(panel, () => panel.client.listRecentReceipts({ token: panel.token }));
    setReceipts(result.ok ? result.value.receipts : []);
  }, [panel]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const reprint = async (receiptId: string) => {
    setNote(t('busy'));
    const result = await guarded(panel, () => panel.client.reprintReceipt({ token: panel.token, receiptId }));
    setNote(result.ok ? t('receipts.reprinted') : t('failed', { message: result.error.message }));
    await refresh();
  };

  if (!receipts) return <p className="tech-lead">{t('busy')}</p>;
  return (
    <div className="tech-stack" data-testid="receipts">
      {note ? (
        <p className="tech-success" role="status">
          {note}
        </p>
      ) : null}
      {receipts.length === 0 ? <p className="tech-lead">{t('receipts.empty')}</p> : null}
      {receipts.map((receipt) => (
        <article key={receipt.id} className="tech-card tech-row">
          <span>{formatTime(receipt.printedAt, i18n.language)}</span>
          <span>{t(`receipts.status.${receipt.status}`)}</span>
          {receipt.reprintable ? (
            <button type="button" className="tech-button is-primary" onClick={() => void reprint(receipt.id)}>
              {t('receipts.reprint')}
            </button>
          ) : (
            <span>{t('receipts.gone')}</span>
          )}
        </article>
      ))}
    </div>
  );
}

export function UpdatesTab() {
  const panel = usePanel();
  const { t, i18n } = useTech();
  const [state, setState] = useState<UpdateStateView | null>(null);
  const [checking, setChecking] = useState(false);

  const refresh = useCallback(async () => {
    const result = await guarded(panel, () => panel.client.getUpdateState({ token: panel.token }));
    if (result.ok) setState(result.value);
  }, [panel]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 3000);
    return () => clearInterval(timer);
  }, [refresh]);

  const check = async () => {
    setChecking(true);
    const result = await guarded(panel, () => panel.client.checkForUpdate({ token: panel.token }));
    setChecking(false);
    if (result.ok) setState(result.value);
  };

  if (!state) return <p className="tech-lead">{t('busy')}</p>;
  return (
    <div className="tech-stack" data-testid="updates">
      <dl className="tech-facts">
        <div className="tech-fact">
          <dt>{t('updates.current')}</dt>
          <dd>{state.currentVersion}</dd>
        </div>
        <div className="tech-fact">
          <dt>{t('updates.channel')}</dt>
          <dd>{state.channel}</dd>
        </div>
      </dl>
      <p
        className={state.state === 'error' ? 'tech-message' : 'tech-lead'}
        data-testid="update-state"
        data-state={state.state}
      >
        {t(`updates.state.${state.state}`, {
          percent: Math.round(state.percent ?? 0),
          version: state.version ?? '',
        })}
        {/* The host's own words are English: shown as such only on English screens (one language per tab). */}
        {i18n.language === 'en' && state.reason ? ` · ${state.reason}` : ''}
        {i18n.language === 'en' && state.message ? ` · ${state.message}` : ''}
        {i18n.language !== 'en' && (state.message || state.state === 'error')
          ? ` · ${t('updates.seeLogs')}`
          : ''}
      </p>
      <button
        type="button"
        className="tech-button is-primary"
        onClick={() => void check()}
        disabled={checking || state.state === 'disabled'}
      >
        {checking ? t('busy') : t('updates.check')}
      </button>
    </div>
  );
}

const languageLabels: Record<Language, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };
const allLanguages: Language[] = ['zh-Hans', 'zh-Hant', 'en'];
const itemsPerPage = 8;

function Toggle({
  label,
  on,
  onChange,
  testId,
}: {
  label: string;
  on: boolean;
  onChange: (next: boolean) => void;
  testId?: string;
}) {
  const { t } = useTech();
  return (
    <div className="tech-setting">
      <span className="tech-setting-label">{label}</span>
      <button
        type="button"
        className={on ? 'tech-tab is-current' : 'tech-tab'}
        aria-pressed={on}
        onClick={() => onChange(!on)}
        data-testid={testId}
      >
        {on ? t('yes') : t('no')}
      </button>
    </div>
  );
}

export function SettingsTab() {
  const panel = usePanel();
  const { t, i18n } = useTech();
  const [settings, setSettings] = useState<HallSettings | null>(null);
  const [items, setItems] = useState<{ id: string; name: Record<Language, string> }[]>([]);
  const [maxIdle, setMaxIdle] = useState(3600);
  const [choosing, setChoosing] = useState(false);
  const [page, setPage] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const [newPin, setNewPin] = useState<string | null>(null);

  useEffect(() => {
    void guarded(panel, () => panel.client.getSettings({ token: panel.token })).then((result) => {
      if (result.ok) {
        setSettings(result.value.settings);
        setItems(result.value.items);
        setMaxIdle(result.value.maxIdleTimeoutSeconds);
      }
    });
  }, [panel]);

  if (!settings) return <p className="tech-lead">{t('busy')}</p>;
  const language = (allLanguages.find((l) => l === i18n.language) ?? 'zh-Hans') as Language;
  const change = (patch: Partial<HallSettings>) => setSettings({ ...settings, ...patch });

  const save = async () => {
    const result = await guarded(panel, () => panel.client.updateSettings({ token: panel.token, settings }));
    if (result.ok) {
      panel.settingsChanged();
      setNote(t('settings.saved'));
    } else setNote(t('failed', { message: result.error.message }));
  };

  const savePin = async () => {
    if (!newPin) return;
    const result = await guarded(panel, () =>
      panel.client.setMaintenancePin({ token: panel.token, pin: newPin }),
    );
    setNewPin(null);
    setNote(result.ok ? t('settings.pinChanged') : t('failed', { message: result.error.message }));
  };

  const offered = new Set(settings.itemsOffered ?? items.map((i) => i.id));
  const pages = Math.max(1, Math.ceil(items.length / itemsPerPage));
  const shown = items.slice(page * itemsPerPage, (page + 1) * itemsPerPage);

  return (
    <div className="tech-stack" data-testid="settings">
      <div className="tech-setting">
        <span className="tech-setting-label">{t('settings.idleTimeout')}</span>
        <button
          type="button"
          className="tech-tab"
          aria-label={t('settings.decrease')}
          onClick={() => change({ idleTimeoutSeconds: Math.max(30, settings.idleTimeoutSeconds - 30) })}
        >
          <Minus aria-hidden="true" />
        </button>
        <output className="tech-setting-value" data-testid="idle-timeout">
          {t('settings.seconds', { count: settings.idleTimeoutSeconds })}
        </output>
        <button
          type="button"
          className="tech-tab"
          aria-label={t('settings.increase')}
          onClick={() => change({ idleTimeoutSeconds: Math.min(maxIdle, settings.idleTimeoutSeconds + 30) })}
        >
          <Plus aria-hidden="true" />
        </button>
      </div>
      <div className="tech-setting">
        <span className="tech-setting-label">{t('settings.languages')}</span>
        {allLanguages.map((lng) => {
          const on = settings.languages.includes(lng);
          return (
            <button
              key={lng}
              type="button"
              lang={lng}
              className={on ? 'tech-tab is-current' : 'tech-tab'}
              aria-pressed={on}
              disabled={on && settings.languages.length === 1}
              onClick={() =>
                change({
                  languages: on
                    ? settings.languages.filter((l) => l !== lng)
                    : allLanguages.filter((l) => l === lng || settings.languages.includes(l)),
                })
              }
            >
              {languageLabels[lng]}
            </button>
          );
        })}
      </div>
      <Toggle
        label={t('settings.elderlyDefault')}
        on={settings.elderlyModeDefault}
        onChange={(v) => change({ elderlyModeDefault: v })}
      />
      <Toggle
        label={t('settings.manualAllowed')}
        on={settings.manualIdentifyAllowed}
        onChange={(v) => change({ manualIdentifyAllowed: v })}
        testId="manual-allowed"
      />
      <div className="tech-setting">
        <span className="tech-setting-label">{t('settings.paper')}</span>
        {(['80mm', 'a4'] as const).map((paper) => (
          <button
            key={paper}
            type="button"
            className={settings.printerPaper === paper ? 'tech-tab is-current' : 'tech-tab'}
            aria-pressed={settings.printerPaper === paper}
            onClick={() => change({ printerPaper: paper })}
          >
            {paper === 'a4' ? 'A4' : '80 mm'}
          </button>
        ))}
      </div>
      <div className="tech-setting">
        <span className="tech-setting-label">{t('settings.items')}</span>
        <button
          type="button"
          className={settings.itemsOffered === null ? 'tech-tab is-current' : 'tech-tab'}
          aria-pressed={settings.itemsOffered === null}
          onClick={() => change({ itemsOffered: null })}
        >
          {t('settings.allItems')}
        </button>
        <button
          type="button"
          className="tech-tab"
          aria-expanded={choosing}
          onClick={() => setChoosing(!choosing)}
          disabled={items.length === 0}
        >
          {settings.itemsOffered === null
            ? t('settings.chooseItems')
            : t('settings.someItems', { count: settings.itemsOffered.length })}
        </button>
      </div>
      {choosing ? (
        <div className="tech-stack">
          <div className="tech-choices">
            {shown.map((item) => {
              const on = offered.has(item.id);
              return (
                <button
                  key={item.id}
                  type="button"
                  className={on ? 'tech-tab is-current' : 'tech-tab'}
                  aria-pressed={on}
                  onClick={() => {
                    const next = new Set(offered);
                    if (on) next.delete(item.id);
                    else next.add(item.id);
                    change({ itemsOffered: items.map((i) => i.id).filter((id) => next.has(id)) });
                  }}
                >
                  {item.name[language]}
                </button>
              );
            })}
          </div>
          <div className="tech-actions">
            <button
              type="button"
              className="tech-button"
              disabled={page === 0}
              onClick={() => setPage(page - 1)}
            >
              {t('settings.prev')}
            </button>
            <span>{t('settings.page', { page: page + 1, pages })}</span>
            <button
              type="button"
              className="tech-button"
              disabled={page + 1 >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('settings.next')}
            </button>
          </div>
        </div>
      ) : null}
      {note ? (
        <p className="tech-success" role="status" data-testid="settings-note">
          {note}
        </p>
      ) : null}
      <button
        type="button"
        className="tech-button is-primary"
        onClick={() => void save()}
        data-testid="save-settings"
      >
        {t('settings.save')}
      </button>

      <h2>{t('settings.changePin')}</h2>
      {newPin === null ? (
        <button type="button" className="tech-button" onClick={() => setNewPin('')}>
          {t('settings.changePin')}
        </button>
      ) : (
        <>
          <Keypad value={newPin} maxLength={pinLength.max} onChange={setNewPin} />
          <div className="tech-actions">
            <button type="button" className="tech-button" onClick={() => setNewPin(null)}>
              {t('pin.cancel')}
            </button>
            <button
              type="button"
              className="tech-button is-primary"
              disabled={newPin.length < pinLength.min}
              onClick={() => void savePin()}
            >
              {t('pin.ok')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
