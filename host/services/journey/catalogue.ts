import { err, ok } from '../../../kernel/result';
import type { HostApi } from '../../api/contract';
import { offeredItemIds } from '../technician/hall-settings';
import type { JourneyContext } from './journey-context';

/** The catalogue from the local store, narrowed to the items the hall offers at this kiosk. */
export async function getCatalogue(journey: JourneyContext): ReturnType<HostApi['getCatalogue']> {
  const runtime = journey.host.runtime();
  if (!runtime) return err('catalogue_unavailable', 'This kiosk is not enrolled yet.');
  const snapshot = journey.catalogueOf(runtime).snapshot();
  if (snapshot.items.length === 0)
    return err('catalogue_unavailable', 'The service catalogue has not arrived yet.');
  // The hall may offer only some items at this kiosk (technician mode's settings).
  const offered = offeredItemIds(journey.host.config, runtime.store.settings);
  if (!offered) return ok(snapshot);
  const items = snapshot.items.filter((item) => offered.has(item.id));
  const lifeEvents = snapshot.lifeEvents
    .map((event) => ({ ...event, itemIds: event.itemIds.filter((id) => offered.has(id)) }))
    .filter((event) => event.itemIds.length > 0);
  return ok({ ...snapshot, items, lifeEvents });
}
