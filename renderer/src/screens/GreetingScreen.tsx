import { useTranslation } from 'react-i18next';
import type { IdentityView } from '../../../host/api/identity';
import { AppFrame } from './AppFrame';

export function GreetingScreen({
  identity,
  onFinish,
  onHome,
}: {
  identity: IdentityView;
  onFinish: () => void;
  onHome: () => void;
}) {
  const { t } = useTranslation();
  return (
    <AppFrame
      actions={
        <>
          <button type="button" className="action secondary" onClick={onHome}>
            {t('actions.home')}
          </button>
          <button type="button" className="action primary" onClick={onFinish}>
            {t('actions.finish')}
          </button>
        </>
      }
    >
      <section className="centered">
        <h1 className="greeting" data-testid="greeting">
          {t('identify.greeting', { name: identity.name })}
        </h1>
        <p className="status-words">{t('identify.sessionStarted')}</p>
      </section>
    </AppFrame>
  );
}
