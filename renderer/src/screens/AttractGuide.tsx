import { HeartHandshake, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodValue } from '../../../host/api/contract';
import type { Language } from '../../../host/api/kiosk';
import { useCatalogue } from '../api/catalogue';
import { useKiosk } from '../api/kiosk-context';

type QueueBoard = MethodValue<'getQueueBoard'>;

/** How often the board asks the host (which itself only reads what the sync service last pulled). */
const refreshMs = 15_000;
const maxRows = 5;

function useQueueBoard(): QueueBoard | null | 'unavailable' {
  const { client } = useKiosk();
  const [board, setBoard] = useState<QueueBoard | null | 'unavailable'>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const result = await client.getQueueBoard({});
        if (live) setBoard(result.ok ? result.value : 'unavailable');
      } catch {
        if (live) setBoard('unavailable');
      }
    };
    void load();
    const timer = setInterval(load, refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client]);
  return board;
}

/**
 * The attract screen's upper half: what a person walking up needs before touching anything — how to
 * start in three steps, today's queues (the number being called and how many wait, per queue) and who
 * may use the green channel.
 */
export function AttractGuide() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const board = useQueueBoard();
  const catalogue = useCatalogue();
  const queues = catalogue.status === 'ready' ? catalogue.catalogue.queues : [];
  const rows =
    board && board !== 'unavailable'
      ? board.queues
          .flatMap((entry) => {
            const queue = queues.find((q) => q.id === entry.queueId);
            return queue ? [{ ...entry, name: queue.name[language], priority: queue.priority }] : [];
          })
          // The busiest queues first; a board, not a list to scroll.
          .sort((a, b) => b.waiting - a.waiting || Number(b.calling !== null) - Number(a.calling !== null))
          .slice(0, maxRows)
      : [];
  return (
    <section className="attract-guide" aria-label={t('hall.guideLabel')} data-testid="attract-guide">
      <div className="guide-panel guide-how">
        <h2 className="guide-title">{t('hall.howTitle')}</h2>
        <ol className="guide-steps">
          {(['how1', 'how2', 'how3'] as const).map((key, index) => (
            <li key={key}>
              <span className="guide-step-number">{index + 1}</span>
              {t(`hall.${key}`)}
            </li>
          ))}
        </ol>
      </div>
      <div className="guide-panel guide-queues" data-testid="queue-board">
        <h2 className="guide-title">
          <Users aria-hidden="true" />
          {t('hall.queueTitle')}
        </h2>
        {rows.length > 0 ? (
          <table className="queue-table">
            <thead>
              <tr>
                <th scope="col" className="visually-hidden">
                  {t('hall.queueTitle')}
                </th>
                <th scope="col">{t('hall.calling')}</th>
                <th scope="col" className="visually-hidden">
                  {t('hall.waiting', { count: 0 })}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.queueId}
                  data-queue-id={row.queueId}
                  className={row.priority ? 'is-priority' : ''}
                >
                  <th scope="row">{row.name}</th>
                  <td className="queue-calling" data-testid="queue-calling">
                    {row.calling ?? t('hall.notCalled')}
                  </td>
                  <td className="queue-waiting" data-testid="queue-waiting">
                    {t('hall.waiting', { count: row.waiting })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="guide-words">{board === null ? '…' : t('hall.queueUnavailable')}</p>
        )}
      </div>
      <div className="guide-panel guide-green" data-testid="green-channel">
        <h2 className="guide-title">
          <HeartHandshake aria-hidden="true" />
          {t('hall.greenTitle')}
        </h2>
        <p className="guide-words">{t('hall.greenWho')}</p>
      </div>
    </section>
  );
}
