import { useCallback, useEffect, useState } from 'react';
import type { Diagnostics, LogLine } from '../../../../host/api/technician';
import { formatBytes, formatTime, guarded, usePanel } from '../panel-context';
import { useTech } from '../use-tech';

export function DiagnosticsTab() {
  const panel = usePanel();
  const { t, i18n } = useTech();
  const [diagnostics, setDiagnostics] = useState<Diagnostics | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await guarded(panel, () => panel.client.getDiagnostics({ token: panel.token }));
    if (result.ok) setDiagnostics(result.value);
  }, [panel]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!diagnostics) return <p className="tech-lead">{t('busy')}</p>;
  const d = diagnostics;
  const rows: [string, string][] = [
    [t('diagnostics.version'), d.version],
    [t('diagnostics.mode'), d.mode],
    [t('diagnostics.kiosk'), d.kioskCode ?? '—'],
    [t('diagnostics.central'), d.centralUrl ?? '—'],
    [t('diagnostics.uptime'), t('diagnostics.minutes', { count: Math.floor(d.uptimeSeconds / 60) })],
    [
      t('diagnostics.link'),
      d.sync ? (d.sync.online ? t('diagnostics.online') : t('diagnostics.offline')) : '—',
    ],
    [t('diagnostics.backlog'), String(d.sync?.backlog ?? 0)],
    [t('diagnostics.oldest'), formatTime(d.oldestItemAt, i18n.language)],
    [t('diagnostics.lastContact'), formatTime(d.sync?.lastContactAt ?? null, i18n.language)],
    [t('diagnostics.lastError'), d.sync?.lastError ?? t('none')],
    [t('diagnostics.parked'), String(d.sync?.parked ?? 0)],
    [
      t('diagnostics.disk'),
      d.disk ? `${formatBytes(d.disk.freeBytes)} / ${formatBytes(d.disk.totalBytes)}` : '—',
    ],
    [t('diagnostics.database'), formatBytes(d.databaseBytes)],
  ];
  return (
    <div className="tech-stack" data-testid="diagnostics">
      <dl className="tech-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="tech-fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {d.quarantine ? (
        <p className="tech-message" role="alert">
          {t('diagnostics.quarantine')}: {formatTime(d.quarantine.at, i18n.language)} · {d.quarantine.reason}
        </p>
      ) : null}
      {note ? (
        <p className="tech-success" role="status">
          {note}
        </p>
      ) : null}
      <div className="tech-actions">
        <button type="button" className="tech-button" onClick={() => void refresh()}>
          {t('refresh')}
        </button>
        <button
          type="button"
          className="tech-button is-primary"
          data-testid="sync-now"
          onClick={async () => {
            const result = await guarded(panel, () => panel.client.syncNow({ token: panel.token }));
            setNote(result.ok ? t('diagnostics.syncing') : t('failed', { message: result.error.message }));
            setTimeout(() => void refresh(), 2000);
          }}
        >
          {t('diagnostics.syncNow')}
        </button>
      </div>
    </div>
  );
}

export function ParkedTab() {
  const panel = usePanel();
  const { t, i18n } = useTech();
  const [items, setItems] = useState<
    { seq: number; kind: string; attempts: number; reason: string | null; createdAt: string }[] | null
  >(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await guarded(panel, () => panel.client.listParked({ token: panel.token }));
    setItems(result.ok ? result.value.items : []);
  }, [panel]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const retry = async (seq: number) => {
    const result = await guarded(panel, () => panel.client.retryParked({ token: panel.token, seq }));
    setNote(result.ok ? t('parked.retried') : t('failed', { message: result.error.message }));
    await refresh();
  };
  const discard = async (seq: number) => {
    setConfirming(null);
    const result = await guarded(panel, () => panel.client.discardParked({ token: panel.token, seq }));
    setNote(result.ok ? t('parked.discarded') : t('failed', { message: result.error.message }));
    await refresh();
  };

  if (!items) return <p className="tech-lead">{t('busy')}</p>;
  return (
    <div className="tech-stack" data-testid="parked">
      {note ? (
        <p className="tech-success" role="status">
          {note}
        </p>
      ) : null}
      {items.length === 0 ? <p className="tech-lead">{t('parked.empty')}</p> : null}
      {items.map((item) => (
        <article key={item.seq} className="tech-card" data-seq={item.seq}>
          <h3>
            #{item.seq} · {item.kind}
          </h3>
          <p>
            {formatTime(item.createdAt, i18n.language)} · {t('parked.attempts', { count: item.attempts })}
          </p>
          {item.reason ? <p className="tech-message">{item.reason}</p> : null}
          {confirming === item.seq ? (
            <div className="tech-actions">
              <p className="tech-message">{t('parked.confirmDiscard')}</p>
              <button type="button" className="tech-button" onClick={() => setConfirming(null)}>
                {t('no')}
              </button>
              <button type="button" className="tech-button is-danger" onClick={() => void discard(item.seq)}>
                {t('yes')}
              </button>
            </div>
          ) : (
            <div className="tech-actions">
              <button type="button" className="tech-button" onClick={() => setConfirming(item.seq)}>
                {t('parked.discard')}
              </button>
              <button type="button" className="tech-button is-primary" onClick={() => void retry(item.seq)}>
                {t('parked.retry')}
              </button>
            </div>
          )}
        </article>
      ))}
    </div>
  );
}

export function LogsTab() {
  const panel = usePanel();
  const { t, i18n } = useTech();
  const [lines, setLines] = useState<LogLine[] | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const result = await guarded(panel, () =>
      panel.client.getRecentLogLines({ token: panel.token, limit: 100 }),
    );
    setLines(result.ok ? result.value.lines : []);
  }, [panel]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const exportAll = async () => {
    setBusy(true);
    const result = await guarded(panel, () => panel.client.exportLogs({ token: panel.token }));
    setBusy(false);
    setExported(
      result.ok
        ? t('logs.exported', { path: result.value.path })
        : t('failed', { message: result.error.message }),
    );
  };

  return (
    <div className="tech-stack" data-testid="logs">
      <div className="tech-actions">
        <button type="button" className="tech-button" onClick={() => void refresh()}>
          {t('refresh')}
        </button>
        <button
          type="button"
          className="tech-button is-primary"
          onClick={() => void exportAll()}
          disabled={busy}
          data-testid="export-logs"
        >
          {busy ? t('busy') : t('logs.export')}
        </button>
      </div>
      {exported ? (
        <p className="tech-success" role="status" data-testid="export-outcome">
          {exported}
        </p>
      ) : null}
      {lines && lines.length === 0 ? <p className="tech-lead">{t('logs.empty')}</p> : null}
      <ol className="tech-log">
        {[...(lines ?? [])].reverse().map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id
          <li key={i} className={`tech-log-line is-${line.level}`}>
            <span className="tech-log-time">{formatTime(line.time, i18n.language)}</span>
            <span className="tech-log-level">{line.level}</span>
            {line.area ? <span className="tech-log-area">{line.area}</span> : null}
            <span className="tech-log-message">{line.message}</span>
            {(line.fields ?? []).map((field) => (
              <span key={field.key} className="tech-log-field" data-testid="log-field">
                {field.key}: {field.value}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
