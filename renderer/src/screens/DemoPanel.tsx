import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../api/kiosk-context';
import { DemoSmsView } from './DemoSmsView';

/** Demo mode only: lay test cards on the simulated reader and take them off again. */
export function DemoPanel() {
  const { client } = useKiosk();
  const { t } = useTranslation();
  const [cards, setCards] = useState<{ id: string; label: string }[]>([]);
  const [placed, setPlaced] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const refresh = useCallback(async () => {
    const result = await client.demoListCards({});
    if (result.ok) {
      setCards(result.value.cards);
      setPlaced(result.value.placed);
    }
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <aside className={open ? 'demo-panel is-open' : 'demo-panel'} aria-label={t('demo.panel')}>
      <button type="button" className="demo-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t('demo.panel')}
      </button>
      {open ? (
        <div className="demo-body">
          {cards.map((card) => (
            <button
              key={card.id}
              type="button"
              className={placed === card.id ? 'demo-card is-placed' : 'demo-card'}
              data-card-id={card.id}
              onClick={async () => {
                await client.demoPlaceCard({ cardId: card.id });
                await refresh();
              }}
            >
              {t('demo.place')}: {card.label}
            </button>
          ))}
          <button
            type="button"
            className="demo-card"
            data-testid="demo-remove"
            onClick={async () => {
              await client.demoRemoveCard({});
              await refresh();
            }}
          >
            {t('demo.remove')}
          </button>
          <DemoSmsView />
        </div>
      ) : null}
    </aside>
  );
}
