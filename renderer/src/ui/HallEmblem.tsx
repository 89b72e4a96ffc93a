import { useTranslation } from 'react-i18next';
import { useKiosk } from '../api/kiosk-context';

/** The hall's emblem from its config, or a built-in one (a hall with columns) drawn in the hall's colour. */
export function HallEmblem() {
  const { info } = useKiosk();
  const { t } = useTranslation();
  const emblem = info.hallIdentity.emblem;
  if (emblem) return <img className="hall-emblem" src={emblem} alt={t('hall.emblem')} />;
  return (
    <svg className="hall-emblem" viewBox="0 0 64 64" role="img" aria-label={t('hall.emblem')}>
      <circle cx="32" cy="32" r="30" fill="#fff" />
      <circle cx="32" cy="32" r="26" fill="none" stroke="var(--blue)" strokeWidth="3" />
      <path d="M14 26 L32 14 L50 26 Z" fill="var(--blue)" />
      <rect x="17" y="28" width="5" height="16" fill="var(--blue)" />
      <rect x="26" y="28" width="5" height="16" fill="var(--blue)" />
      <rect x="35" y="28" width="5" height="16" fill="var(--blue)" />
      <rect x="44" y="28" width="5" height="16" fill="var(--blue)" />
      <rect x="14" y="46" width="38" height="4" fill="var(--blue)" />
    </svg>
  );
}
