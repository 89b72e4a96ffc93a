import { ChevronLeft, ChevronRight } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

/** How many choices a screen may show: 8 normally, 4 in elderly mode (UI.md). */
export function useChoicesPerPage(normal = 8, elderly = 4): number {
  const { state } = useSession();
  return state.context.prefs.elderly ? elderly : normal;
}

/** Pages through choices with big buttons instead of scrolling. */
export function Paged<T>({
  items,
  pageSize,
  render,
  className = 'choice-grid',
  resetKey,
  label,
}: {
  items: readonly T[];
  pageSize: number;
  render: (item: T, index: number) => ReactNode;
  className?: string;
  resetKey?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list starts at its first page
  useEffect(() => setPage(0), [resetKey, pageSize]);
  const current = Math.min(page, pages - 1);
  const shown = items.slice(current * pageSize, current * pageSize + pageSize);
  return (
    <div className="paged">
      <ul className={className} aria-label={label}>
        {shown.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a page shows a fixed slice; the position is the identity
          <li key={current * pageSize + index}>{render(item, current * pageSize + index)}</li>
        ))}
      </ul>
      {pages > 1 ? (
        <div className="pager">
          <button
            type="button"
            className="pager-button"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
            data-testid="prev-page"
          >
            <ChevronLeft aria-hidden="true" />
            {t('actions.prevPage')}
          </button>
          <span className="pager-status">{t('actions.page', { page: current + 1, pages })}</span>
          <button
            type="button"
            className="pager-button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
            data-testid="next-page"
          >
            {t('actions.nextPage')}
            <ChevronRight aria-hidden="true" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
