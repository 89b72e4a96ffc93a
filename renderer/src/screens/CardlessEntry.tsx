import { ArrowLeft, MessageSquareText, QrCode, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import { useKiosk } from '../api/kiosk-context';
import { TextInput } from '../forms/TextInput';
import { KeyboardSlot } from '../keyboard/keyboard-context';
import { QrScanner } from './OtherScreens';

type Step = 'choices' | 'smsIdentity' | 'smsCode' | 'qr' | 'qrRefused' | 'checking';

/**
 * Ways in without an ID card for 办理业务 and 预约取号 (issue 15 part 2), as the hall allows them: ID
 * number + name with a code to the phone on record, or a provincial app / electronic ID QR code; with
 * neither allowed, where to go instead. Success opens the host's session, which takes the applicant on
 * to the service they chose (the session machine adopts it like a card's).
 */
export function CardlessEntry() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { info, client } = useKiosk();
  const { smsCode, provincialQr, directions } = info.cardless;
  const [step, setStep] = useState<Step>('choices');
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<{ id: string; phoneHint: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [scan, setScan] = useState(0);

  if (!smsCode && !provincialQr)
    return (
      <div className="no-card" data-testid="cardless">
        <p className="no-card-title">{t('attract.noCard')}</p>
        <p className="status-words" data-testid="cardless-directions">
          {directions[language]}
        </p>
      </div>
    );

  const back = () => {
    setProblem(null);
    setStep('choices');
  };
  const sendCode = async () => {
    if (idNumber.trim().length < 15 || name.trim().length === 0) {
      setProblem(t('cardless.fillBoth'));
      return;
    }
    setProblem(null);
    setStep('checking');
    const answer = await client.requestCardlessCode({ idNumber: idNumber.trim(), name: name.trim() });
    if (!answer.ok) {
      setProblem(t(`cardless.problems.${answer.error.code}`));
      setStep('smsIdentity');
      return;
    }
    setChallenge({ id: answer.value.challengeId, phoneHint: answer.value.phoneHint });
    setCode('');
    setStep('smsCode');
  };
  const verify = async () => {
    if (!challenge || !/^\d{4,8}$/.test(code)) {
      setProblem(t('cardless.codeDigits'));
      return;
    }
    setProblem(null);
    const answer = await client.verifyCardlessCode({ challengeId: challenge.id, code });
    // On success the host opens the session; this screen gives way to the service.
    if (!answer.ok) {
      setProblem(t(`cardless.problems.${answer.error.code}`));
      if (answer.error.code !== 'code_wrong') setStep('smsIdentity');
      setCode('');
    }
  };
  const verifyQr = async (payload: string) => {
    setStep('checking');
    const answer = await client.startQrSession({ payload });
    if (!answer.ok) {
      // Not scanned again by itself (the same code would be sent again and again): the applicant chooses.
      setProblem(t(`cardless.problems.${answer.error.code}`));
      setStep('qrRefused');
    }
  };

  if (step === 'choices')
    return (
      <div className="no-card" data-testid="cardless">
        <p className="no-card-title">{t('attract.noCard')}</p>
        <div className="service-grid two">
          {smsCode ? (
            <button
              type="button"
              className="service-button"
              onClick={() => setStep('smsIdentity')}
              data-testid="cardless-sms"
            >
              <MessageSquareText aria-hidden="true" />
              {t('cardless.bySms')}
            </button>
          ) : null}
          {provincialQr ? (
            <button
              type="button"
              className="service-button"
              onClick={() => setStep('qr')}
              data-testid="cardless-qr"
            >
              <QrCode aria-hidden="true" />
              {t('cardless.byQr')}
            </button>
          ) : null}
        </div>
      </div>
    );

  return (
    <div className="cardless-sheet" role="dialog" aria-modal="true" aria-labelledby="cardless-title">
      <div className="cardless-body">
        <h2 id="cardless-title" className="sub-heading">
          {step === 'qr' || step === 'qrRefused' ? t('cardless.qrTitle') : t('cardless.smsTitle')}
        </h2>
        {step === 'smsIdentity' ? (
          <>
            <p className="screen-instruction">{t('cardless.smsInstruction')}</p>
            <TextInput
              id="cardless-id-number"
              label={t('cardless.idNumber')}
              value={idNumber}
              onChange={(value) => setIdNumber(value.toUpperCase())}
              kind="idNumber"
              autoOpen
            />
            <TextInput
              id="cardless-name"
              label={t('cardless.name')}
              value={name}
              onChange={setName}
              kind="chinese"
            />
            <button
              type="button"
              className="action primary"
              onClick={sendCode}
              data-testid="cardless-send-code"
            >
              <MessageSquareText aria-hidden="true" />
              {t('cardless.sendCode')}
            </button>
          </>
        ) : null}
        {step === 'smsCode' && challenge ? (
          <>
            <p className="screen-instruction" data-testid="cardless-code-sent">
              {t('cardless.codeSent', { phone: challenge.phoneHint })}
            </p>
            <TextInput
              id="cardless-code"
              label={t('cardless.code')}
              value={code}
              onChange={setCode}
              kind="digits"
              autoOpen
            />
            <button type="button" className="action primary" onClick={verify} data-testid="cardless-verify">
              <ShieldCheck aria-hidden="true" />
              {t('cardless.verify')}
            </button>
          </>
        ) : null}
        {step === 'qr' ? (
          <>
            <p className="screen-instruction">{t('cardless.qrInstruction')}</p>
            <QrScanner key={scan} onCode={(text) => void verifyQr(text)} />
          </>
        ) : null}
        {step === 'qrRefused' ? (
          <button
            type="button"
            className="action primary"
            onClick={() => {
              setProblem(null);
              setScan((n) => n + 1);
              setStep('qr');
            }}
            data-testid="cardless-rescan"
          >
            <QrCode aria-hidden="true" />
            {t('cardless.rescan')}
          </button>
        ) : null}
        {step === 'checking' ? (
          <p className="status-words" role="status">
            {t('cardless.checking')}
          </p>
        ) : null}
        {problem ? (
          <p className="form-status bad" role="alert" data-testid="cardless-problem">
            {problem}
          </p>
        ) : null}
        <button type="button" className="action secondary" onClick={back} data-testid="cardless-back">
          <ArrowLeft aria-hidden="true" />
          {t('actions.back')}
        </button>
      </div>
      <KeyboardSlot />
    </div>
  );
}
