import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

/** "正在为 邱*国 办理（代办人：…）": on every screen while the session applies for someone else. */
export function ActingForBanner() {
  const { t } = useTranslation();
  const actingFor = useSession().state.context.actingFor;
  if (!actingFor) return null;
  return (
    <div className="acting-for-banner" data-testid="acting-for-banner" role="status">
      {t('agent.banner', { principal: actingFor.principal.maskedName, agent: actingFor.agent.name })}
    </div>
  );
}
