import { Camera, Send } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import { useKiosk } from '../api/kiosk-context';
import { Busy, Problem } from '../ui/Screen';
import { CameraCapture } from './MaterialsScreen';

/**
 * 补正 on the progress result: the documents the window asked for, each captured with the document
 * camera (the materials step's CameraCapture), then sent in one go. Needs the card holder's session:
 * the central system takes a supplement only from the case's own applicant.
 */
export function SupplementPanel({ entry, sessionId }: { entry: CaseView; sessionId: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { client } = useKiosk();
  const items = entry.missingItems ?? [];
  const [pages, setPages] = useState<Record<string, string[]>>({});
  const [capturing, setCapturing] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (items.length === 0) return null;
  const allTaken = items.every((m) => (pages[m.code]?.length ?? 0) > 0);

  const capture = (dataUrl: string) => {
    if (!capturing || !sessionId) return;
    const code = capturing;
    setWorking(t('materials.saving'));
    void client
      .addCameraPage({ sessionId, materialCode: code, imageDataUrl: dataUrl })
      .then((result) => {
        if (!result.ok) setProblem(`problems.${result.error.code}`);
        else {
          setPages((held) => ({ ...held, [code]: [...(held[code] ?? []), result.value.pageId] }));
          setCapturing(null);
        }
      })
      .finally(() => setWorking(null));
  };

  const send = () => {
    if (!sessionId || !allTaken) return;
    setWorking(t('supplement.sending'));
    void client
      .submitSupplement({
        sessionId,
        caseNumber: entry.caseNumber,
        materials: items.map((m) => ({ code: m.code, pageIds: pages[m.code] ?? [] })),
      })
      .then((result) => {
        if (result.ok) setSent(true);
        else setProblem(`supplement.problems.${result.error.code}`);
      })
      .finally(() => setWorking(null));
  };

  if (sent) {
    return (
      <p className="form-status good" role="status" data-testid="supplement-sent">
        {t('supplement.sent')}
      </p>
    );
  }
  const capturingItem = items.find((m) => m.code === capturing);
  return (
    <section className="supplement" data-testid="supplement" aria-label={t('supplement.title')}>
      <h3 className="sub-heading">{t('supplement.title')}</h3>
      <ul className="plain-list">
        {items.map((m) => (
          <li key={m.code} data-missing={m.code}>
            {m.name[language]}
            {m.note ? `（${m.note}）` : ''} · {t('supplement.pages', { count: pages[m.code]?.length ?? 0 })}
            {sessionId && !capturing ? (
              <button
                type="button"
                className="big-choice"
                onClick={() => setCapturing(m.code)}
                data-testid={`supplement-capture-${m.code}`}
              >
                <Camera aria-hidden="true" />
                {t('materials.takePhoto')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {!sessionId ? <p className="field-hint">{t('supplement.needsCard')}</p> : null}
      {problem ? (
        <Problem words={t(problem)} action={{ label: t('actions.close'), onPress: () => setProblem(null) }} />
      ) : null}
      {capturingItem ? (
        <>
          <h4 className="sub-heading">
            {t('materials.cameraTitle', { name: capturingItem.name[language] })}
          </h4>
          <CameraCapture onCapture={capture} busy={working !== null} fallbackWindow={1} />
          <button type="button" className="big-choice" onClick={() => setCapturing(null)}>
            {t('actions.back')}
          </button>
        </>
      ) : working ? (
        <Busy words={working} />
      ) : null}
      {sessionId && !capturing ? (
        <button
          type="button"
          className="big-choice strong"
          disabled={!allTaken || working !== null}
          onClick={send}
          data-testid="supplement-send"
        >
          <Send aria-hidden="true" />
          {t('supplement.send')}
        </button>
      ) : null}
    </section>
  );
}
