import type { z } from 'zod';
import { type ComposedBundle, composeBundle } from '../../sync/protocol/bundles';
import {
  type Bundle,
  bundleSchema,
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
  /** 一件事 bundles whose items and forms are all here (see `composedBundle`). */
  bundles: Bundle[];
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
  #composed: { key: string; bundles: Map<string, ComposedBundle | null> } | null = null;

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
      bundles: [],
    };
    // A bundle whose items or forms have not all arrived (or no longer compose) is not offered.
    snapshot.bundles = entries(this.store, 'bundle', bundleSchema).filter(
      (bundle) => this.#compose(key, bundle, snapshot.items) !== null,
    );
    this.#cached = { key, snapshot };
    return snapshot;
  }

  item(itemId: string): ServiceItem | null {
    return this.snapshot().items.find((item) => item.id === itemId) ?? null;
  }

  bundle(bundleId: string): Bundle | null {
    return this.snapshot().bundles.find((bundle) => bundle.id === bundleId) ?? null;
  }

  /** The bundle's one form, its parts and its materials (sync/protocol/bundles.ts); null if unknown here. */
  composedBundle(bundleId: string): ComposedBundle | null {
    const bundle = this.bundle(bundleId);
    return bundle ? this.#compose(this.snapshot().version, bundle, this.snapshot().items) : null;
  }

  /** The department owning the bundle's integrated window (综合窗口): its queues issue the ticket. */
  integratedDepartmentId(bundle: Bundle): string | null {
    const windows = this.snapshot().windows;
    const window = bundle.windowNumbers
      .map((number) => windows.find((entry) => entry.number === number))
      .find((entry) => entry !== undefined);
    return window?.departmentId ?? null;
  }

  /** Composed once per catalogue version: composing reads every item's form. */
  #compose(key: string, bundle: Bundle, items: ServiceItem[]): ComposedBundle | null {
    if (this.#composed?.key !== key) this.#composed = { key, bundles: new Map() };
    const known = this.#composed.bundles.get(bundle.id);
    if (known !== undefined) return known;
    const forms = bundle.itemIds.flatMap((itemId) => {
      const formId = items.find((item) => item.id === itemId)?.formId;
      const form = formId ? this.form(formId) : null;
      return form ? [form] : [];
    });
    const composed = composeBundle(bundle, { items, forms });
    const value = composed.ok ? composed.value : null;
    this.#composed.bundles.set(bundle.id, value);
    return value;
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
