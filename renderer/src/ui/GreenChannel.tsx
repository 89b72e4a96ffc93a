import { Check, HeartHandshake } from 'lucide-react';
import './green-channel.css';
import { useTranslation } from 'react-i18next';

/**
 * The green channel (绿色通道): the elderly (60+), people with disabilities, veterans, pregnant women and
 * appointment holders are served first, at the window that calls the priority queue. The panel says who
 * qualifies (attract and item screens); the choice asks for the groups the card cannot tell, before the
 * form (issue 15, part 5). Kept in its own file so every screen that shows it places the same words.
 */

/** The groups the applicant declares; 60+ is read from the card and appointments from the booking. */
export type DeclaredGroup = 'disabled' | 'veteran' | 'pregnant';
export const declaredGroups: readonly DeclaredGroup[] = ['disabled', 'veteran', 'pregnant'];

/** Who qualifies, in words: for the attract screen's upper half and the item screen. */
export function GreenChannelPanel({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <section
      className={compact ? 'green-channel compact' : 'green-channel'}
      aria-labelledby="green-channel-title"
      data-testid="green-channel-panel"
    >
      <h2 id="green-channel-title" className="green-channel-title">
        <HeartHandshake aria-hidden="true" />
        {t('greenChannel.title')}
      </h2>
      <p className="green-channel-who">{t('greenChannel.who')}</p>
      {compact ? null : <p className="green-channel-how">{t('greenChannel.how')}</p>}
    </section>
  );
}

/**
 * The question, asked before the form: which green-channel groups apply. A 60+ card holder is told
 * the channel already applies (nothing to tick).
 */
export function GreenChannelChoice({
  elderly,
  chosen,
  onToggle,
}: {
  /** Read from the card: 60 or over on the hall's today. */
  elderly: boolean;
  chosen: Record<DeclaredGroup, boolean>;
  onToggle: (group: DeclaredGroup, on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="green-channel choice" data-testid="green-channel-choice">
      <legend className="green-channel-title">
        <HeartHandshake aria-hidden="true" />
        {t('greenChannel.askTitle')}
      </legend>
      {elderly ? (
        <p className="form-status ok" data-testid="green-channel-elderly">
          <Check aria-hidden="true" />
          {t('greenChannel.elderlyApplies')}
        </p>
      ) : null}
      <p className="field-hint">{t('greenChannel.askHint')}</p>
      <div className="green-channel-options">
        {declaredGroups.map((group) => (
          <button
            key={group}
            type="button"
            aria-pressed={chosen[group]}
            className={chosen[group] ? 'check-button is-on' : 'check-button'}
            onClick={() => onToggle(group, !chosen[group])}
            data-testid={`green-${group}`}
          >
            <span className="check-box" aria-hidden="true">
              {chosen[group] ? <Check /> : null}
            </span>
            {t(`greenChannel.group.${group}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

/** The reasons a ticket's green channel applies, explained one per line ("您已享受老年人优先服务"). */
export function GreenChannelExplained({ reasons }: { reasons: readonly string[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className="green-channel-explained" data-testid="priority-explained">
      {reasons.map((reason) => (
        <li key={reason} className="tag ok">
          <HeartHandshake aria-hidden="true" />
          {t(`greenChannel.enjoyed.${reason}`)}
        </li>
      ))}
    </ul>
  );
}
