import { useCallback, useEffect, useState } from 'react';
import type { MethodValue } from '../../../host/api/contract';
import { useKiosk } from './kiosk-context';

export type CatalogueView = MethodValue<'getCatalogue'>;

type CatalogueState =
  | { status: 'loading' }
  | { status: 'ready'; catalogue: CatalogueView }
  | { status: 'failed'; problem: string };

// Not personal data: kept for the life of the page, refreshed when the catalogue version could change.
let cached: { catalogue: CatalogueView; at: number } | null = null;
const maxAgeMs = 10 * 60_000;

/** The service catalogue, loaded once and shared; a failure comes with a retry. */
export function useCatalogue(): CatalogueState & { retry: () => void } {
  const { client } = useKiosk();
  const [state, setState] = useState<CatalogueState>(() =>
    cached ? { status: 'ready', catalogue: cached.catalogue } : { status: 'loading' },
  );
  const load = useCallback(async () => {
    if (cached && Date.now() - cached.at < maxAgeMs) {
      const fresh = cached.catalogue;
      // The same catalogue keeps the same state: no second render of a screen that already shows it.
      setState((now) =>
        now.status === 'ready' && now.catalogue === fresh ? now : { status: 'ready', catalogue: fresh },
      );
      return;
    }
    setState({ status: 'loading' });
    try {
      const result = await client.getCatalogue({});
      if (result.ok) {
        cached = { catalogue: result.value, at: Date.now() };
        setState({ status: 'ready', catalogue: result.value });
      } else setState({ status: 'failed', problem: `problems.${result.error.code}` });
    } catch {
      setState({ status: 'failed', problem: 'choose.loadFailed' });
    }
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);
  return { ...state, retry: () => void load() };
}
