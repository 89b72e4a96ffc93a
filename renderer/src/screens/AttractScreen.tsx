import { useTranslation } from 'react-i18next';
import { AppFrame } from './AppFrame';

export function AttractScreen({ problem }: { problem: string | null }) {
  const { t } = useTranslation();
  return (
    <AppFrame>
      <section className="attract" aria-labelledby="attract-title">
        <div className="card-animation" aria-hidden="true">
          <div className="card-shape" />
          <div className="reader-shape" />
        </div>
        <h1 id="attract-title" className="attract-title">
          {t('attract.placeCard')}
        </h1>
        <p className="attract-hint">{t('attract.placeCardHint')}</p>
        {problem ? (
          <p className="problem" role="alert">
            {t(problem)}
          </p>
        ) : null}
        <div className="service-grid">
          {(['apply', 'checkIn', 'progress', 'rate'] as const).map((key) => (
            <button key={key} type="button" className="service-button" data-service={key}>
              {t(`attract.${key}`)}
            </button>
          ))}
        </div>
      </section>
    </AppFrame>
  );
}
