import { QrCode } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { Language } from '../../../host/api/kiosk';
import { pinLength } from '../../../host/api/technician';
import { useKiosk } from '../api/kiosk-context';
import { Keypad } from './Keypad';
import { QrScanner } from './QrScanner';
import { parseProvisioningPayload } from './qr-payload';
import { TextKeyboard } from './TextKeyboard';
import { messageOf, useTech } from './use-tech';

type Step =
  | { name: 'details' }
  | { name: 'submitting' }
  | { name: 'pin'; setupToken: string; kioskCode: string; first: string | null }
  | { name: 'done'; kioskCode: string };

const languageLabels: Record<Language, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };

/**
 * First boot: the central system's address and an enrolment code (typed on the on-screen keyboard,
 * or a QR code shown to the camera) enrol the kiosk; then the technician sets the maintenance PIN.
 */
export function ProvisioningScreen({ initialUrl, onDone }: { initialUrl: string; onDone: () => void }) {
  const { client, info } = useKiosk();
  const { t, i18n } = useTech();
  const [step, setStep] = useState<Step>({ name: 'details' });
  const [centralUrl, setCentralUrl] = useState(initialUrl);
  const [code, setCode] = useState('');
  const [field, setField] = useState<'url' | 'code'>(initialUrl ? 'code' : 'url');
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [pin, setPin] = useState('');

  const onQr = useCallback((text: string) => {
    const payload = parseProvisioningPayload(text);
    if (payload.centralUrl) setCentralUrl(payload.centralUrl);
    if (payload.enrolmentCode) setCode(payload.enrolmentCode);
    setScanning(false);
  }, []);

  const submit = async () => {
    setProblem(null);
    let valid = false;
    try {
      const url = new URL(centralUrl);
      valid = (url.protocol === 'http:' || url.protocol === 'https:') && /^[A-Za-z0-9-]{4,64}$/.test(code);
    } catch {
      valid = false;
    }
    if (!valid) {
      setProblem(t('provision.invalid'));
      return;
    }
    setStep({ name: 'submitting' });
    try {
      const result = await client.provisionKiosk({
        centralUrl: centralUrl.replace(/\/+$/, ''),
        enrolmentCode: code,
      });
      if (result.ok) {
        setStep({
          name: 'pin',
          setupToken: result.value.setupToken,
          kioskCode: result.value.kioskCode,
          first: null,
        });
        return;
      }
      setProblem(t(`provision.${result.error.code}`));
    } catch (error) {
      setProblem(t('failed', { message: messageOf(error) }));
    }
    setStep({ name: 'details' });
  };

  const submitPin = async () => {
    if (step.name !== 'pin') return;
    if (step.first === null) {
      setStep({ ...step, first: pin });
      setPin('');
      return;
    }
    if (step.first !== pin) {
      setProblem(t('provision.mismatch'));
      setStep({ ...step, first: null });
      setPin('');
      return;
    }
    setProblem(null);
    try {
      const result = await client.setMaintenancePin({ pin, setupToken: step.setupToken });
      setPin('');
      if (result.ok) setStep({ name: 'done', kioskCode: step.kioskCode });
      else setProblem(t('failed', { message: result.error.message }));
    } catch (error) {
      setProblem(t('failed', { message: messageOf(error) }));
    }
  };

  return (
    <div
      className="tech-overlay tech-provisioning"
      role="dialog"
      aria-modal="true"
      aria-labelledby="tech-provision-title"
      data-testid="provisioning"
    >
      <header className="tech-header">
        <h1 id="tech-provision-title">{t('provision.title')}</h1>
        <nav className="tech-langs">
          {info.languages.map((lng) => (
            <button
              key={lng}
              type="button"
              lang={lng}
              className={i18n.language === lng ? 'tech-tab is-current' : 'tech-tab'}
              aria-pressed={i18n.language === lng}
              onClick={() => {
                void i18n.changeLanguage(lng);
                document.documentElement.lang = lng;
              }}
            >
              {languageLabels[lng]}
            </button>
          ))}
        </nav>
      </header>

      {step.name === 'details' || step.name === 'submitting' ? (
        <section className="tech-body">
          <p className="tech-lead">{t('provision.intro')}</p>
          <button
            type="button"
            className={field === 'url' ? 'tech-field is-focused' : 'tech-field'}
            onClick={() => setField('url')}
            data-testid="provision-url"
          >
            <span className="tech-field-label">{t('provision.centralUrl')}</span>
            <span className="tech-field-value">{centralUrl || '\u00a0'}</span>
          </button>
          <button
            type="button"
            className={field === 'code' ? 'tech-field is-focused' : 'tech-field'}
            onClick={() => setField('code')}
            data-testid="provision-code"
          >
            <span className="tech-field-label">{t('provision.code')}</span>
            <span className="tech-field-value">{code || '\u00a0'}</span>
          </button>
          {scanning ? (
            <QrScanner onText={onQr} />
          ) : field === 'url' ? (
            <TextKeyboard layout="url" value={centralUrl} onChange={setCentralUrl} />
          ) : (
            <TextKeyboard layout="code" value={code} onChange={setCode} maxLength={64} />
          )}
          <p className="tech-message" role="alert" data-testid="provision-message">
            {step.name === 'submitting' ? t('provision.submitting') : (problem ?? '')}
          </p>
          <div className="tech-actions">
            <button type="button" className="tech-button" onClick={() => setScanning(!scanning)}>
              <QrCode aria-hidden="true" /> {scanning ? t('provision.stopScan') : t('provision.scanQr')}
            </button>
            <button
              type="button"
              className="tech-button is-primary"
              disabled={step.name === 'submitting'}
              onClick={() => void submit()}
              data-testid="provision-submit"
            >
              {t('provision.submit')}
            </button>
          </div>
        </section>
      ) : null}

      {step.name === 'pin' ? (
        <section className="tech-body">
          <p className="tech-success">{t('provision.enrolled', { code: step.kioskCode })}</p>
          <h2>{t('provision.setPin')}</h2>
          <p className="tech-lead">
            {step.first === null ? t('provision.setPinIntro') : t('provision.confirmPin')}
          </p>
          <Keypad value={pin} maxLength={pinLength.max} onChange={setPin} />
          <p className="tech-message" role="alert" data-testid="provision-message">
            {problem ?? ''}
          </p>
          <div className="tech-actions">
            <button
              type="button"
              className="tech-button is-primary"
              disabled={pin.length < pinLength.min}
              onClick={() => void submitPin()}
              data-testid="provision-pin-next"
            >
              {t('pin.ok')}
            </button>
          </div>
        </section>
      ) : null}

      {step.name === 'done' ? (
        <section className="tech-body">
          <p className="tech-success" data-testid="provision-done">
            {t('provision.enrolled', { code: step.kioskCode })}
          </p>
          <p className="tech-success">{t('provision.pinSaved')}</p>
          <div className="tech-actions">
            <button
              type="button"
              className="tech-button is-primary"
              onClick={onDone}
              data-testid="provision-start"
            >
              {t('provision.start')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
