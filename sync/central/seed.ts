/** Loads a catalogue (and, for the demo, the sample hall's people) into a CentralStorage. */
import { keyedHashHex } from '../../kernel/keyed-hash';
import type { Catalogue } from '../protocol/catalogue';
import type { HallSettings } from '../protocol/central-api';
import { sampleCatalogue, sampleMaterialBytes, samplePeople } from '../sample-hall/index';
import { agentDemoPeopleList, sampleMaterialSource } from '../sample-hall/people';
import type { CatalogueInput, CentralStorage } from './storage';

type CatalogueParts = Pick<
  Catalogue,
  'departments' | 'windows' | 'queues' | 'items' | 'lifeEvents' | 'forms'
> & { bundles?: Catalogue['bundles'] };

/** One versioned catalogue record per department, window, queue, item, life event, form and bundle. */
export function catalogueEntries(catalogue: CatalogueParts): CatalogueInput[] {
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
  // 一件事 bundles (issue 18): kiosks compose their forms from the items' forms above.
  add('bundle', catalogue.bundles ?? []);
  return entries;
}

export async function seedCatalogue(storage: CentralStorage, catalogue: CatalogueParts): Promise<void> {
  await storage.putCatalogueEntries(catalogueEntries(catalogue));
}

/** HMAC-SHA256 (hex) of an ID number under the hall's look-up key: how a person is named on the wire. */
export function keyedHashOfIdNumber(lookupKeyBase64: string, idNumber: string): string {
  return keyedHashHex(Buffer.from(lookupKeyBase64, 'base64'), idNumber);
}

/** Demo mode: the sample hall's catalogue and every sample person with a profile in the form-free store. */
export async function seedSampleHall(
  storage: CentralStorage,
  hall: HallSettings,
  nowMs: number,
): Promise<void> {
  await seedCatalogue(storage, sampleCatalogue());
  const existing = await storage.storeDelta(undefined, 1);
  if (existing.entries.length > 0) return; // seeded on an earlier start
  const materialBytes = new Map<string, Buffer>();
  // The sample people, and the people of the agent demos (为他人办理: a parent, a guardian's household).
  for (const person of [...samplePeople(), ...agentDemoPeopleList()]) {
    if (!person.profile) continue;
    // The archived copies themselves, so submissions that re-use them by hash find them here.
    for (const material of person.profile.materials) {
      const source = sampleMaterialSource(material.sha256);
      if (source && !materialBytes.has(material.sha256))
        materialBytes.set(material.sha256, sampleMaterialBytes(source.code, source.seed));
    }
    await storage.putStoreRecord({
      keyedHash: keyedHashOfIdNumber(hall.lookupKey, person.identity.idNumber),
      profile: person.profile,
      materials: person.profile.materials.map((m) => ({
        materialId: m.code,
        sha256: m.sha256,
        size: m.sizeBytes,
        mediaType: m.mime,
        pages: m.pages,
      })),
      updatedAtMs: nowMs,
    });
  }
  await storage.putMaterials(
    [...materialBytes].map(([sha256, bytes]) => ({ sha256, bytes })),
    nowMs,
  );
}
