/** Loads a catalogue (and, for the demo, the sample hall's people) into a CentralStorage. */

import type { Catalogue } from '../protocol/catalogue';
import type { HallSettings } from '../protocol/central-api';
import type { CatalogueInput, CentralStorage } from './storage';

/** One versioned catalogue record per department, window, queue, item, life event and form. */
export function catalogueEntries(
  catalogue: Pick<Catalogue, 'departments' | 'windows' | 'queues' | 'items' | 'lifeEvents' | 'forms'>,
): CatalogueInput[] {
  const entries: CatalogueInput[] = [];
  const add = (kind: string, list: readonly { id: string; version: number }[]) => {
    for (const body of list) entries.push({ kind, id: body.id, version: body.version, body });
  };
  add('department', catalogue.departments);
  add('window', catalogue.windows);
  add('queue', catalogue.queues);
  add('item', catalogue.items);
  add('lifeEvent', catalogue.lifeEvents);
  add('form', catalogue.forms as readonly { id: string; version: number }[]);
  return entries;
}

export async function seedCatalogue(
  storage: CentralStorage,
  catalogue: Parameters<typeof catalogueEntries>[0],
): Promise<void> {
  await storage.putCatalogueEntries(catalogueEntries(catalogue));
}

export async function seedSampleHall(
  _storage: CentralStorage,
  _hall: HallSettings,
  _nowMs: number,
): Promise<void> {
  throw new Error('the sample hall (sync/sample-hall) is not available yet');
}
