import { useEffect, useRef, useState } from 'react';
import { useTech } from './use-tech';

/**
 * Reads a QR code shown to the camera (getUserMedia + jsQR, loaded only when needed) and hands
 * its text over once. The stream stops when the component goes.
 */
export function QrScanner({ onText }: { onText: (text: string) => void }) {
  const { t } = useTech();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const start = async () => {
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import('jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 } }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play().catch(() => undefined);
        const look = () => {
          if (stopped) return;
          const element = video.current;
          if (element && element.videoWidth > 0) {
            canvas.width = element.videoWidth;
            canvas.height = element.videoHeight;
            const context = canvas.getContext('2d', { willReadFrequently: true });
            if (context) {
              context.drawImage(element, 0, 0);
              const image = context.getImageData(0, 0, canvas.width, canvas.height);
              const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
              if (found?.data) {
                onText(found.data);
                return;
              }
            }
          }
          timer = setTimeout(look, 250);
        };
        look();
      } catch {
        if (!stopped) setFailed(true);
      }
    };
    void start();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onText]);

  return (
    <div className="tech-qr">
      {failed ? (
        <p className="tech-message" role="alert">
          {t('provision.cameraUnavailable')}
        </p>
      ) : (
        <>
          <video ref={video} className="tech-video" muted playsInline />
          <p className="tech-lead">{t('provision.scanning')}</p>
        </>
      )}
    </div>
  );
}
