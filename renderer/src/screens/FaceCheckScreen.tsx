import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FaceCheckOutcome } from '../../../host/api/face-check';
import type { Language } from '../../../host/api/kiosk';
import { useKiosk } from '../api/kiosk-context';
import type { FaceCheckPhase } from '../face/face-check';
import { useSession } from '../session/session-context';
import { Screen } from '../ui/Screen';
import './face-check.css';

/**
 * 人证核验: the applicant looks into the camera and moves closer; the face is compared with the card
 * photo on this device. The host opens the session on a match, else sends the applicant to the window.
 * The camera stops when the screen goes; nothing of the picture is kept.
 */
export function FaceCheckScreen() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const { send } = useSession();
  const camera = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<FaceCheckPhase>('loading');

  useEffect(() => {
    let gone = false;
    let stream: MediaStream | null = null;
    void (async () => {
      const pending = await client.getFaceCheck({});
      if (!pending.ok || gone) return;
      let outcome: FaceCheckOutcome;
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'user', width: 640, height: 480 },
          audio: false,
        });
        const video = camera.current;
        if (!video || gone) return;
        video.srcObject = stream;
        await video.play();
        // The face model (face-api and tfjs, ~1.3 MB) loads only where a hall turns the check on.
        const { runFaceCheck } = await import('../face/face-check');
        outcome = await runFaceCheck(pending.value, video, {
          modelUrl: new URL('models/face/', document.baseURI).href,
          phase: (next) => {
            if (!gone) setPhase(next);
          },
          cancelled: () => gone,
        });
      } catch {
        // No camera, no model: fail closed, to the window.
        outcome = 'unavailable';
      } finally {
        for (const track of stream?.getTracks() ?? []) track.stop();
        if (camera.current) camera.current.srcObject = null;
      }
      if (gone) return;
      const finished = await client.finishFaceCheck({ attemptId: pending.value.attemptId, outcome });
      // The host dropped the check meanwhile (it expired, the card went): back to the start.
      if (!finished.ok) send({ type: 'HOME' });
    })();
    return () => {
      gone = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [client, send]);

  return (
    <Screen screenId="face-check" title={t('faceCheck.title')} instruction={t('faceCheck.instruction')}>
      <div className="face-check" data-phase={phase}>
        <video
          ref={camera}
          className="face-check-camera"
          muted
          playsInline
          tabIndex={-1}
          aria-label={t('faceCheck.title')}
        />
        <p className="face-check-status" role="status" data-testid="face-check-status">
          {t(`faceCheck.phase.${phase}`)}
        </p>
      </div>
    </Screen>
  );
}

/** The face check failed: no session; the applicant is sent to the hall's window, in their language. */
export function FaceCheckFailedScreen() {
  const { t, i18n } = useTranslation();
  const { info } = useKiosk();
  const { send } = useSession();
  const window = info.faceCheckWindow[i18n.language as Language];
  return (
    <Screen
      screenId="face-check-failed"
      title={t('faceCheck.failedTitle')}
      instruction={t('faceCheck.goToWindow', { window })}
      onBack={() => send({ type: 'HOME' })}
    >
      <p className="face-check-failed" data-testid="face-check-window">
        {t('faceCheck.failedWords', { window })}
      </p>
    </Screen>
  );
}
