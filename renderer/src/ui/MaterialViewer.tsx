import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../api/kiosk-context';
import './material-viewer.css';
import { Busy } from './Screen';

/** What the viewer shows: an archived copy (fetched large from the host) or a page taken now. */
export type ViewerTarget =
  | { kind: 'archived'; sha256: string; thumbnailDataUrl: string | null; name: string }
  | { kind: 'captured'; thumbnailDataUrl: string; name: string };

/**
 * A document enlarged to the whole screen, with one big 关闭 (issue 15, defect 9): an applicant sees
 * an archived copy before agreeing to re-use it, and can check a page just taken.
 */
export function MaterialViewer({
  target,
  sessionId,
  onClose,
}: {
  target: ViewerTarget;
  sessionId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [large, setLarge] = useState<string | null>(null);
  const [loading, setLoading] = useState(target.kind === 'archived');
  useEffect(() => {
    if (target.kind !== 'archived') return;
    let current = true;
    client
      .viewArchivedMaterial({ sessionId, sha256: target.sha256 })
      .then((result) => {
        if (current && result.ok) setLarge(result.value.imageDataUrl);
      })
      .catch(() => undefined)
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [client, sessionId, target]);
  const source = large ?? target.thumbnailDataUrl;
  return (
    <div
      className="material-viewer"
      role="dialog"
      aria-modal="true"
      aria-labelledby="material-viewer-title"
      data-testid="material-viewer"
    >
      <h2 id="material-viewer-title" className="sub-heading">
        {t('materialsView.viewerTitle', { name: target.name })}
      </h2>
      <div className="material-viewer-image">
        {loading ? <Busy words={t('materials.working')} /> : null}
        {source ? (
          <img
            src={source}
            alt={target.name}
            data-testid="material-viewer-image"
            data-large={large ? 'yes' : 'no'}
          />
        ) : null}
      </div>
      <button type="button" className="action primary" onClick={onClose} data-testid="viewer-close">
        <X aria-hidden="true" />
        {t('materialsView.viewerClose')}
      </button>
    </div>
  );
}

/** Corner marks over the camera's preview, with the words: where to lay the document. */
export function FramingGuide() {
  const { t } = useTranslation();
  return (
    <div className="framing-guide" data-testid="framing-guide">
      <div className="framing-box">
        <span className="corner tl" />
        <span className="corner tr" />
        <span className="corner bl" />
        <span className="corner br" />
      </div>
      <p className="framing-words">{t('materialsView.framingGuide')}</p>
    </div>
  );
}
