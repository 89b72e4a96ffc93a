import type { z } from 'zod';
import {
  type Department,
  departmentSchema,
  type LifeEvent,
  lifeEventSchema,
  type Queue,
  queueSchema,
  type ServiceItem,
  type ServiceWindow,
  serviceItemSchema,
  windowSchema,
} from '../../sync/protocol/catalogue';
import { type FormDefinition, formDefinitionSchema } from '../../sync/protocol/forms';
import type { KioskDatabase } from '../../sync/store';

export interface CatalogueSnapshot {
  version: string;
  departments: Department[];
  windows: ServiceWindow[];
  queues: Queue[];
  items: ServiceItem[];
  lifeEvents: LifeEvent[];
}

function entries<S extends z.ZodType>(store: KioskDatabase, kind: string, schema: S): z.infer<S>[] {
  const valid: z.infer<S>[] = [];
  for (const entry of store.catalogue.list(kind)) {
    const parsed = schema.safeParse(entry.body);
    if (parsed.success) valid.push(parsed.data);
  }
  return valid;
}

/**
 * The catalogue as pulled into the local store (entries were validated on the way in; they are parsed
 * again here because the store keeps plain JSON). Cached until the store's catalogue changes.
 */
export class CatalogueView {
  #cached: { key: string; snapshot: CatalogueSnapshot } | null = null;

  constructor(private readonly store: KioskDatabase) {}

  snapshot(): CatalogueSnapshot {
    const key = this.store.syncCursors.get('catalogue') ?? 'none';
    if (this.#cached?.key === key) return this.#cached.snapshot;
    const snapshot: CatalogueSnapshot = {
      version: key,
      departments: entries(this.store, 'department', departmentSchema),
      windows: entries(this.store, 'window', windowSchema),
      queues: entries(this.store, 'queue', queueSchema),
      items: entries(this.store, 'item', serviceItemSchema),
      lifeEvents: entries(this.store, 'lifeEvent', lifeEventSchema),
    };
    this.#cached = { key, snapshot };
    return snapshot;
  }

  item(itemId: string): ServiceItem | null {
    return this.snapshot().items.find((item) => item.id === itemId) ?? null;
  }

  form(formId: string): FormDefinition | null {
    const parsed = formDefinitionSchema.safeParse(this.store.catalogue.get('form', formId)?.body);
    return parsed.success ? parsed.data : null;
  }

  department(departmentId: string): Department | null {
    return this.snapshot().departments.find((d) => d.id === departmentId) ?? null;
  }

  queue(queueId: string): Queue | null {
    return this.snapshot().queues.find((q) => q.id === queueId) ?? null;
  }
}
