import { err, ok } from '../../../kernel/result';
import type { HostApi } from '../../api/contract';
import type { BundleView } from '../../api/journey';
import type { CatalogueView } from '../catalogue-view';
import { offeredItemIds } from '../technician/hall-settings';
import type { JourneyContext } from './journey-context';

/**
 * A bundle as the screen offers it: its integrated window's department, the materials of its items
 * captured once each, and the longest of its items' time limits.
 */
function bundleViews(view: CatalogueView, offered: ReadonlySet<string> | null): BundleView[] {
  const snapshot = view.snapshot();
  return snapshot.bundles.flatMap((bundle) => {
    // A bundle is offered only where every one of its items is.
    if (offered && !bundle.itemIds.every((id) => offered.has(id))) return [];
    const composed = view.composedBundle(bundle.id);
    const departmentId = view.integratedDepartmentId(bundle);
    if (!composed || !departmentId) return [];
    const timeLimitDays = Math.max(
      ...bundle.itemIds.map((id) => snapshot.items.find((item) => item.id === id)?.timeLimitDays ?? 0),
    );
    return [{ ...bundle, departmentId, materials: composed.materials, timeLimitDays }];
  });
}

/** The catalogue from the local store, narrowed to the items the hall offers at this kiosk. */
export async function getCatalogue(journey: JourneyContext): ReturnType<HostApi['getCatalogue']> {
  const runtime = journey.host.runtime();
  if (!runtime) return err('catalogue_unavailable', 'This kiosk is not enrolled yet.');
  const view = journey.catalogueOf(runtime);
  const snapshot = view.snapshot();
  if (snapshot.items.length === 0)
    return err('catalogue_unavailable', 'The service catalogue has not arrived yet.');
  // The hall may offer only some items at this kiosk (technician mode's settings).
  const offered = offeredItemIds(journey.host.config, runtime.store.settings);
  const bundles = bundleViews(view, offered);
  if (!offered) return ok({ ...snapshot, bundles });
  const items = snapshot.items.filter((item) => offered.has(item.id));
  const lifeEvents = snapshot.lifeEvents
    .map((event) => ({ ...event, itemIds: event.itemIds.filter((id) => offered.has(id)) }))
    .filter((event) => event.itemIds.length > 0);
  return ok({ ...snapshot, items, lifeEvents, bundles });
}
