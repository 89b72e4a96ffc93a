import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceStatusEvent } from '../../../../host/api/events';
import type { AttachedDevices, MaskedIdentity } from '../../../../host/api/technician';
import { subscribeHostEvents } from '../../api/client';
import { useKiosk } from '../../api/kiosk-context';
import { guarded, usePanel } from '../panel-context';
import { useTech } from '../use-tech';
import { DeviceChoiceCard } from './DeviceChoiceCard';

type TestOutcome = { kind: 'busy' | 'ok' | 'failed'; text: string } | null;

function Outcome({ outcome, testId }: { outcome: TestOutcome; testId: string }) {
  if (!outcome) return null;
  const className =
    outcome.kind === 'ok' ? 'tech-success' : outcome.kind === 'failed' ? 'tech-message' : 'tech-lead';
  return (
    <p className={className} data-testid={testId} role="status">
      {outcome.text}
    </p>
  );
}

/** Device status (live), what is attached, and a test for each device. */
export function DevicesTab() {
  const panel = usePanel();
  const { transport, info } = useKiosk();
  const { t, i18n } = useTech();
  const [statuses, setStatuses] = useState<Record<string, DeviceStatusEvent>>({});
  const [attached, setAttached] = useState<AttachedDevices | null>(null);
  const [listing, setListing] = useState(false);
  const [read, setRead] = useState<TestOutcome>(null);
  const [identity, setIdentity] = useState<MaskedIdentity | null>(null);
  const [print, setPrint] = useState<TestOutcome>(null);
  const [scan, setScan] = useState<TestOutcome>(null);

  const refresh = useCallback(async () => {
    const result = await guarded(panel, () => panel.client.getDeviceStatus({ token: panel.token }));
    if (result.ok) setStatuses(Object.fromEntries(result.value.devices.map((d) => [d.device, d])));
  }, [panel]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    const unsubscribe = subscribeHostEvents(transport, (event) => {
      if (event.type === 'deviceStatus')
        setStatuses((current) => ({ ...current, [event.status.device]: event.status }));
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [refresh, transport]);

  const stateWord = (state: string | undefined) =>
    t(`devices.state.${state ?? 'unknown'}`, { defaultValue: state ?? '' });

  const testRead = async () => {
    setIdentity(null);
    setRead({ kind: 'busy', text: t('devices.waitingCard') });
    const result = await guarded(panel, () =>
      panel.client.testCardRead({ token: panel.token, timeoutSeconds: 30 }),
    );
    if (result.ok) {
      setIdentity(result.value);
      setRead({ kind: 'ok', text: t('devices.readOk') });
    } else
      setRead({
        kind: 'failed',
        text: result.error.code === 'no_card' ? t('devices.noCard') : t('devices.cardError'),
      });
  };

  const testPrint = async () => {
    setPrint({ kind: 'busy', text: t('busy') });
    const language =
      (['zh-Hans', 'zh-Hant', 'en'] as const).find((l) => l === i18n.language) ?? info.defaultLanguage;
    const result = await guarded(panel, () =>
      panel.client.printTestReceipt({ token: panel.token, language }),
    );
    setPrint(
      result.ok
        ? { kind: 'ok', text: t('devices.printed') }
        : { kind: 'failed', text: t('devices.printFailed', { message: result.error.message }) },
    );
    void refresh();
  };

  const testScan = async () => {
    setScan({ kind: 'busy', text: t('busy') });
    const result = await guarded(panel, () => panel.client.testScan({ token: panel.token }));
    setScan(
      result.ok
        ? {
            kind: 'ok',
            text: t('devices.scanned', { width: result.value.width, height: result.value.height }),
          }
        : { kind: 'failed', text: t('devices.scanFailed', { message: result.error.message }) },
    );
  };

  const list = async () => {
    setListing(true);
    const result = await guarded(panel, () => panel.client.listDevices({ token: panel.token }));
    setListing(false);
    if (result.ok) setAttached(result.value);
  };

  return (
    <div className="tech-stack">
      <h2>{t('devices.status')}</h2>
      <div className="tech-cards">
        <article className="tech-card" data-device="idcard">
          <h3>{t('devices.idcard')}</h3>
          <p
            className="tech-status"
            data-testid="status-idcard"
            data-state={statuses.idcard?.state ?? 'unknown'}
          >
            {stateWord(statuses.idcard?.state)}
          </p>
          <button
            type="button"
            className="tech-button is-primary"
            onClick={() => void testRead()}
            disabled={read?.kind === 'busy'}
            data-testid="test-read"
          >
            {t('devices.testRead')}
          </button>
          <Outcome outcome={read} testId="test-read-outcome" />
          {identity ? (
            <dl className="tech-facts" data-testid="test-read-identity">
              <dt>{identity.maskedName}</dt>
              <dd>{identity.maskedIdNumber}</dd>
            </dl>
          ) : null}
        </article>
        <article className="tech-card" data-device="printer">
          <h3>{t('devices.printer')}</h3>
          <p
            className="tech-status"
            data-testid="status-printer"
            data-state={statuses.printer?.state ?? 'unknown'}
          >
            {stateWord(statuses.printer?.state)}
            {statuses.printer?.detail ? ` · ${statuses.printer.detail}` : ''}
          </p>
          <button
            type="button"
            className="tech-button is-primary"
            onClick={() => void testPrint()}
            disabled={print?.kind === 'busy'}
            data-testid="test-print"
          >
            {t('devices.testPrint')}
          </button>
          <Outcome outcome={print} testId="test-print-outcome" />
        </article>
        <article className="tech-card" data-device="scanner">
          <h3>{t('devices.scanner')}</h3>
          <p
            className="tech-status"
            data-testid="status-scanner"
            data-state={statuses.scanner?.state ?? 'unknown'}
          >
            {stateWord(statuses.scanner?.state)}
          </p>
          <button
            type="button"
            className="tech-button is-primary"
            onClick={() => void testScan()}
            disabled={scan?.kind === 'busy' || statuses.scanner?.state === 'none'}
            data-testid="test-scan"
          >
            {t('devices.testScan')}
          </button>
          <Outcome outcome={scan} testId="test-scan-outcome" />
        </article>
        <CameraCard />
      </div>

      <h2>{t('devices.attached')}</h2>
      <button
        type="button"
        className="tech-button"
        onClick={() => void list()}
        disabled={listing}
        data-testid="list-devices"
      >
        {listing ? t('busy') : t('devices.list')}
      </button>
      {attached ? <AttachedList attached={attached} /> : null}
      <DeviceChoiceCard attached={attached} />
    </div>
  );
}

function AttachedList({ attached }: { attached: AttachedDevices }) {
  const { t } = useTech();
  const section = (title: string, rows: string[]) => (
    <div className="tech-list-block">
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="tech-lead">{t('none')}</p>
      ) : (
        <ul className="tech-list">
          {rows.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <div className="tech-stack" data-testid="attached-devices">
      {section(t('devices.configured'), [
        `${t('devices.idcard')}: ${attached.configured.idcard}`,
        `${t('devices.printer')}: ${attached.configured.printer}`,
        `${t('devices.scanner')}: ${attached.configured.scanner}`,
      ])}
      {section(
        t('devices.serial'),
        attached.serialPorts.map((p) =>
          [p.path, p.manufacturer, p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : null]
            .filter(Boolean)
            .join(' · '),
        ),
      )}
      {section(
        t('devices.hid'),
        attached.hid.map((d) =>
          `${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')} ${d.manufacturer ?? ''} ${d.product ?? ''}`.trim(),
        ),
      )}
      {section(
        t('devices.printers'),
        attached.printers.map((p) => `${p.name}${p.accepting ? '' : ' (×)'}`),
      )}
      {section(
        t('devices.scanners'),
        attached.scanners.map((s) => s.name),
      )}
      {attached.problems.length > 0 ? section(t('devices.problems'), attached.problems) : null}
    </div>
  );
}

/** Cameras are the renderer's: list them, preview one and take a test frame. */
function CameraCard() {
  const { t } = useTech();
  const [cameras, setCameras] = useState<{ id: string; label: string }[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [frames, setFrames] = useState(false);
  const [captured, setCaptured] = useState<TestOutcome>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);

  useEffect(() => {
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((devices) =>
        setCameras(
          devices
            .filter((d) => d.kind === 'videoinput')
            .map((d, i) => ({ id: d.deviceId, label: d.label || `${t('devices.camera')} ${i + 1}` })),
        ),
      )
      .catch(() => setCameras([]));
    return () => {
      for (const track of stream.current?.getTracks() ?? []) track.stop();
    };
  }, [t]);

  const stop = () => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    setPreviewing(false);
    setFrames(false);
  };

  const start = async () => {
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: chosen ? { deviceId: { exact: chosen } } : true,
        audio: false,
      });
      stream.current = media;
      setPreviewing(true);
      if (video.current) {
        video.current.srcObject = media;
        await video.current.play().catch(() => undefined);
      }
    } catch (error) {
      setCaptured({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
    }
  };

  const capture = () => {
    const element = video.current;
    if (!element || element.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = element.videoWidth;
    canvas.height = element.videoHeight;
    canvas.getContext('2d')?.drawImage(element, 0, 0);
    setCaptured({ kind: 'ok', text: t('devices.captured', { width: canvas.width, height: canvas.height }) });
  };

  return (
    <article className="tech-card" data-device="camera">
      <h3>{t('devices.camera')}</h3>
      <div className="tech-choices">
        {cameras.map((camera) => (
          <button
            key={camera.id || camera.label}
            type="button"
            className={chosen === camera.id ? 'tech-tab is-current' : 'tech-tab'}
            aria-pressed={chosen === camera.id}
            onClick={() => setChosen(camera.id)}
          >
            {camera.label}
          </button>
        ))}
      </div>
      <video
        ref={video}
        className="tech-video"
        muted
        playsInline
        hidden={!previewing}
        onLoadedData={() => setFrames(true)}
      />
      <div className="tech-actions">
        {previewing ? (
          <>
            <button type="button" className="tech-button" onClick={stop}>
              {t('devices.stopPreview')}
            </button>
            <button
              type="button"
              className="tech-button is-primary"
              onClick={capture}
              disabled={!frames}
              data-testid="test-capture"
            >
              {t('devices.capture')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="tech-button is-primary"
            onClick={() => void start()}
            data-testid="camera-preview"
          >
            {t('devices.preview')}
          </button>
        )}
      </div>
      <Outcome outcome={captured} testId="test-capture-outcome" />
    </article>
  );
}
