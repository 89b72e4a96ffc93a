import { Camera, Check, Maximize2, RotateCw, ScanLine, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialPage, ReusableMaterial } from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import type { MaterialRequirement } from '../../../sync/protocol/catalogue';
import { useKiosk } from '../api/kiosk-context';
import { materialRequirements } from '../session/apply-machine';
import { missingMaterials } from '../session/journey-rules';
import { useApply } from '../session/session-context';
import { formatDate } from '../ui/format';
import { FramingGuide, MaterialViewer, type ViewerTarget } from '../ui/MaterialViewer';
import { Paged, useChoicesPerPage } from '../ui/Paged';
import { applySteps, Busy, Problem, Screen } from '../ui/Screen';

/** Longest side of a captured page: enough for A4 text, small enough to store and send. */
const MAX_SIDE = 2000;

function captureFrame(video: HTMLVideoElement): string {
  const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.82);
}

/** The document camera: live preview, then one JPEG page per "take photo". */
export function CameraCapture({
  onCapture,
  busy,
  fallbackWindow,
}: {
  onCapture: (dataUrl: string) => void;
  busy: boolean;
  fallbackWindow: number;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<'starting' | 'live' | 'failed'>('starting');
  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then(async (opened) => {
        if (cancelled) {
          for (const track of opened.getTracks()) track.stop();
          return;
        }
        stream = opened;
        if (video.current) {
          video.current.srcObject = opened;
          await video.current.play().catch(() => undefined);
        }
        setStatus('live');
      })
      .catch(() => setStatus('failed'));
    if (!navigator.mediaDevices) setStatus('failed');
    return () => {
      cancelled = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  // The screen's one 返回 is in the action bar (issue 15, defect 9): none here, not even on failure.
  return (
    <div className="camera" data-testid="camera">
      <div className="camera-preview">
        <video ref={video} muted playsInline />
        <FramingGuide />
        {status === 'starting' ? <Busy words={t('materials.cameraStarting')} /> : null}
      </div>
      {status === 'failed' ? (
        <Problem words={t('materials.cameraFailed', { window: fallbackWindow })} />
      ) : null}
      {busy ? <Busy words={t('materials.saving')} /> : null}
      <div className="camera-actions">
        <button
          type="button"
          className="big-choice strong"
          disabled={status !== 'live' || busy}
          onClick={() => video.current && onCapture(captureFrame(video.current))}
          data-testid="take-photo"
        >
          <Camera aria-hidden="true" />
          {t('materials.takePhoto')}
        </button>
      </div>
    </div>
  );
}

function MaterialCard({
  requirement,
  reusable,
  useArchived,
  pages,
  missing,
  scannerConfigured,
  onCapture,
  onAction,
  onView,
}: {
  requirement: MaterialRequirement;
  reusable: ReusableMaterial | undefined;
  useArchived: boolean;
  pages: MaterialPage[];
  missing: boolean;
  scannerConfigured: boolean;
  onCapture: (retakeOf: string | null) => void;
  onAction: (action: 'scan' | 'rotate' | 'delete' | 'consent', pageId?: string) => void;
  onView: (target: ViewerTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const provided = Boolean((useArchived && reusable) || pages.length > 0);
  // Words that match what is there: an archived copy not yet agreed to is "available", never "未提供".
  const status = provided
    ? {
        className: 'tag ok',
        words:
          useArchived && reusable && pages.length === 0
            ? t('materialsView.archivedInUse')
            : t('materials.provided'),
      }
    : reusable
      ? { className: 'tag available', words: t('materialsView.archivedAvailable') }
      : { className: 'tag', words: t('materials.notProvided') };
  return (
    <article
      className={missing ? 'material-card is-missing' : 'material-card'}
      data-material={requirement.code}
    >
      <header className="material-head">
        <h2 className="material-title">{requirement.name[language]}</h2>
        <span className={requirement.required ? 'tag required' : 'tag'}>
          {requirement.required ? t('item.required') : t('item.optional')}
        </span>
        <span className={status.className} data-testid={`status-${requirement.code}`}>
          {provided ? <Check aria-hidden="true" /> : null}
          {status.words}
        </span>
      </header>
      {reusable ? (
        <div className="archived">
          <button
            type="button"
            className="thumb-button"
            onClick={() =>
              onView({
                kind: 'archived',
                sha256: reusable.sha256,
                thumbnailDataUrl: reusable.thumbnailDataUrl,
                name: requirement.name[language],
              })
            }
            data-testid={`enlarge-archived-${requirement.code}`}
          >
            {reusable.thumbnailDataUrl ? (
              <img className="thumb" src={reusable.thumbnailDataUrl} alt={reusable.name} />
            ) : null}
            <span className="thumb-enlarge">
              <Maximize2 aria-hidden="true" />
              {t('materialsView.enlarge')}
            </span>
          </button>
          <div className="archived-text">
            <p>{t('materials.archived', { date: formatDate(reusable.archivedAt, language) })}</p>
            <button
              type="button"
              aria-pressed={useArchived}
              className={useArchived ? 'check-button is-on' : 'check-button'}
              onClick={() => onAction('consent')}
              data-testid={`consent-${requirement.code}`}
            >
              <span className="check-box" aria-hidden="true">
                {useArchived ? <Check /> : null}
              </span>
              {t('materials.useArchived')}
            </button>
          </div>
        </div>
      ) : null}
      {pages.length > 0 ? (
        <ul className="pages">
          {pages.map((page, index) => (
            <li key={page.pageId} className="page">
              <button
                type="button"
                className="thumb-button"
                onClick={() =>
                  onView({
                    kind: 'captured',
                    thumbnailDataUrl: page.thumbnailDataUrl,
                    name: `${requirement.name[language]} · ${t('materials.page', { number: index + 1 })}`,
                  })
                }
              >
                <img
                  className="thumb"
                  src={page.thumbnailDataUrl}
                  alt={t('materials.page', { number: index + 1 })}
                />
                <span className="thumb-enlarge">
                  <Maximize2 aria-hidden="true" />
                  {t('materialsView.enlarge')}
                </span>
              </button>
              <div className="page-actions">
                <button
                  type="button"
                  className="small-action"
                  onClick={() => onAction('rotate', page.pageId)}
                >
                  <RotateCw aria-hidden="true" />
                  {t('materials.rotate')}
                </button>
                <button type="button" className="small-action" onClick={() => onCapture(page.pageId)}>
                  <Camera aria-hidden="true" />
                  {t('materials.retake')}
                </button>
                <button
                  type="button"
                  className="small-action"
                  onClick={() => onAction('delete', page.pageId)}
                >
                  <Trash2 aria-hidden="true" />
                  {t('materials.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="material-actions">
        <span className="field-hint">
          {pages.length > 0
            ? t('materials.pages', { count: pages.length })
            : t('materials.expectedPages', { count: requirement.pages })}
        </span>
        <button
          type="button"
          className="big-choice"
          onClick={() => onCapture(null)}
          data-testid={`capture-${requirement.code}`}
        >
          <Camera aria-hidden="true" />
          {t('materials.capture')}
        </button>
        {scannerConfigured ? (
          <button
            type="button"
            className="big-choice"
            onClick={() => onAction('scan')}
            data-testid={`scan-${requirement.code}`}
          >
            <ScanLine aria-hidden="true" />
            {t('materials.scan')}
          </button>
        ) : null}
      </div>
    </article>
  );
}

export function MaterialsScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { client, info } = useKiosk();
  const { state, send } = useApply();
  const { item, prepared, materials, showMaterialErrors, sessionId } = state.context;
  const [viewing, setViewing] = useState<ViewerTarget | null>(null);
  const [capturing, setCapturing] = useState<{ code: string; retakeOf: string | null } | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const perPage = useChoicesPerPage(3, 2);
  if (!item || !sessionId) return null;
  const reusable = new Map((prepared?.reusableMaterials ?? []).map((material) => [material.code, material]));
  // The item's list plus what the answers ask for (a power of attorney for an agent): issue 13.
  const requirements = materialRequirements(state.context);
  const missing = missingMaterials(requirements, materials, reusable);
  const missingCodes = new Set(missing.map((requirement) => requirement.code));
  const unconsented = [...reusable.keys()].some((code) => !materials[code]?.useArchived);

  const run = async (words: string, work: () => Promise<void>) => {
    setWorking(words);
    setProblem(null);
    try {
      await work();
    } catch {
      setProblem('errors.hostUnavailable');
    } finally {
      setWorking(null);
    }
  };

  const onAction = (code: string, action: 'scan' | 'rotate' | 'delete' | 'consent', pageId?: string) => {
    if (action === 'consent') {
      send({ type: 'USE_ARCHIVED', code, use: !materials[code]?.useArchived });
      return;
    }
    if (action === 'scan')
      void run(t('materials.scanning'), async () => {
        const result = await client.scanPage({ sessionId, materialCode: code });
        if (result.ok) send({ type: 'PAGE_ADDED', code, page: result.value });
        else setProblem(`problems.${result.error.code}`);
      });
    if (action === 'rotate' && pageId)
      void run(t('materials.working'), async () => {
        const result = await client.rotatePage({ sessionId, pageId, degrees: 90 });
        if (result.ok) send({ type: 'PAGE_REPLACED', page: result.value });
        else setProblem(`problems.${result.error.code}`);
      });
    if (action === 'delete' && pageId)
      void run(t('materials.working'), async () => {
        const result = await client.deletePage({ sessionId, pageId });
        if (result.ok || result.error.code === 'unknown_page') send({ type: 'PAGE_REMOVED', pageId });
        else setProblem(`problems.${result.error.code}`);
      });
  };

  const capture = (dataUrl: string) => {
    if (!capturing) return;
    const { code, retakeOf } = capturing;
    void run(t('materials.saving'), async () => {
      const result = await client.addCameraPage({ sessionId, materialCode: code, imageDataUrl: dataUrl });
      if (!result.ok) {
        setProblem(`problems.${result.error.code}`);
        return;
      }
      if (retakeOf) {
        await client.deletePage({ sessionId, pageId: retakeOf });
        send({ type: 'PAGE_REMOVED', pageId: retakeOf });
      }
      send({ type: 'PAGE_ADDED', code, page: result.value });
      setCapturing(null);
    });
  };

  const capturingRequirement = capturing ? requirements.find((entry) => entry.code === capturing.code) : null;

  return (
    <Screen
      confirmHome
      screenId={capturing ? 'camera' : 'materials'}
      title={
        capturingRequirement
          ? t('materials.cameraTitle', { name: capturingRequirement.name[language] })
          : t('materials.title')
      }
      instruction={capturingRequirement ? t('materials.cameraInstruction') : t('materials.instruction')}
      steps={applySteps}
      step="materials"
      onBack={capturing ? () => setCapturing(null) : () => send({ type: 'BACK' })}
      primary={
        capturing
          ? null
          : unconsented
            ? {
                label: t('materials.useAllAndContinue'),
                onPress: () => send({ type: 'USE_ALL_ARCHIVED' }),
                testId: 'use-all-archived',
              }
            : { label: t('actions.next'), onPress: () => send({ type: 'NEXT' }), testId: 'next' }
      }
      aside={
        <div className="aside-summary">
          <h2 className="sub-heading">{item.name[language]}</h2>
          <p className="field-hint">{t('materials.keepNote')}</p>
        </div>
      }
    >
      {problem ? (
        <Problem words={t(problem)} action={{ label: t('actions.close'), onPress: () => setProblem(null) }} />
      ) : null}
      {showMaterialErrors && missing.length > 0 ? (
        <p className="form-status bad" role="alert">
          {t('materials.missing', { count: missing.length })}
        </p>
      ) : null}
      {working && !capturing ? <Busy words={working} /> : null}
      {capturing && capturingRequirement ? (
        <CameraCapture
          onCapture={capture}
          busy={working !== null}
          fallbackWindow={item.windowNumbers[0] ?? 1}
        />
      ) : requirements.length === 0 ? (
        <p>{t('materials.noMaterials')}</p>
      ) : (
        <Paged
          items={requirements}
          pageSize={perPage}
          className="material-cards"
          render={(requirement) => (
            <MaterialCard
              requirement={requirement}
              reusable={reusable.get(requirement.code)}
              useArchived={materials[requirement.code]?.useArchived ?? false}
              pages={materials[requirement.code]?.pages ?? []}
              missing={showMaterialErrors && missingCodes.has(requirement.code)}
              scannerConfigured={info.scannerConfigured}
              onView={setViewing}
              onCapture={(retakeOf) => setCapturing({ code: requirement.code, retakeOf })}
              onAction={(action, pageId) => onAction(requirement.code, action, pageId)}
            />
          )}
        />
      )}
      {viewing ? (
        <MaterialViewer target={viewing} sessionId={sessionId} onClose={() => setViewing(null)} />
      ) : null}
    </Screen>
  );
}
