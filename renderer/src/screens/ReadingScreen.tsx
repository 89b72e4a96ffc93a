import { useTranslation } from 'react-i18next';
import { AppFrame } from './AppFrame';

export function ReadingScreen() {
  const { t } = useTranslation();
  return (
    <AppFrame>
      <section className="centered" aria-busy="true">
        <div className="spinner" aria-hidden="true" />
        <p className="status-words" role="status">
          {t('identify.reading')}
        </p>
      </section>
    </AppFrame>
  );
}
