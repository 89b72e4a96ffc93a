import { z } from 'zod';
import { bundleProblems } from './bundles';
import { fieldIdSchema, formDefinitionSchema } from './forms';
import { localizedTextSchema } from './localized-text';
import { materialCodeSchema } from './profile';

/**
 * The service catalogue the central system hands to kiosks: departments, their windows and queues, the
 * service items (事项) with their materials and forms, and life-event groupings (场景式服务).
 * Every entry carries its own `version` so a store can keep entries as (kind, id, version, body).
 */

const entryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const entryVersion = z.number().int().min(1);

export const departmentSchema = z.strictObject({
  id: entryId,
  version: entryVersion,
  /** Short code used on tickets and receipts (e.g. SCJG). */
  code: z.string().regex(/^[A-Z]{2,8}$/),
  name: localizedTextSchema,
  /** Where in the hall: shown on receipts ("2F, zone B"). */
  location: localizedTextSchema,
  floor: z.number().int().min(-3).max(50),
  phone: z.string().max(20).nullable(),
});
export type Department = z.infer<typeof departmentSchema>;

export const windowSchema = z.strictObject({
  id: entryId,
  version: entryVersion,
  /** The number over the counter and on the calling display: 请到 5 号窗口. */
  number: z.number().int().min(1).max(999),
  departmentId: entryId,
  queueIds: z.array(entryId).min(1).max(10),
  open: z.boolean(),
});
export type ServiceWindow = z.infer<typeof windowSchema>;

export const queueSchema = z.strictObject({
  id: entryId,
  version: entryVersion,
  /** Ticket prefix: tickets read prefix + daily sequence (A001). One or two capital letters. */
  prefix: z.string().regex(/^[A-Z]{1,2}$/),
  departmentId: entryId,
  name: localizedTextSchema,
  averageServiceMinutes: z.number().min(0.5).max(240),
  /** A green-channel queue (elderly, disabled, veterans, pregnant, appointment holders). */
  priority: z.boolean(),
});
export type Queue = z.infer<typeof queueSchema>;

export const materialRequirementSchema = z.strictObject({
  code: materialCodeSchema,
  name: localizedTextSchema,
  required: z.boolean(),
  /** Pages expected, to guide the capture screen. */
  pages: z.number().int().min(1).max(100),
  /** An archived electronic copy may stand in for it (identity documents, certificates); not for one-off forms. */
  reusable: z.boolean(),
  note: localizedTextSchema.optional(),
});
export type MaterialRequirement = z.infer<typeof materialRequirementSchema>;

/** One row of a filled-in sample form: what a field asks and an example answer. */
export const sampleFormRowSchema = z.strictObject({ label: localizedTextSchema, value: localizedTextSchema });

/**
 * The item's service guide (办事指南): who may apply, the legal basis, fees, the steps, the time limit and
 * a filled-in sample form. Printed as the 一次性告知单 together with the materials. Optional: catalogues
 * from before guides existed still parse, and the kiosk then shows the facts it has.
 */
export const serviceGuideSchema = z.strictObject({
  conditions: z.array(localizedTextSchema).max(20),
  legalBasis: z.array(localizedTextSchema).max(10),
  fee: localizedTextSchema,
  steps: z.array(localizedTextSchema).min(1).max(12),
  /** The promised time limit in words ("自受理之日起 5 个工作日内办结"). */
  timeLimit: localizedTextSchema,
  sampleForm: z.array(sampleFormRowSchema).max(30),
});
export type ServiceGuide = z.infer<typeof serviceGuideSchema>;

export const serviceItemSchema = z.strictObject({
  id: entryId,
  version: entryVersion,
  /** The item's code in the provincial catalogue of government services. */
  code: z.string().regex(/^[A-Z0-9-]{4,40}$/),
  departmentId: entryId,
  name: localizedTextSchema,
  /** Full pinyin of the zh-Hans name, lower-case, no tones or spaces (yingyezhizhao...), computed at build. */
  pinyin: z
    .string()
    .regex(/^[a-z0-9]*$/)
    .max(400),
  /** Pinyin initials of the zh-Hans name (yyzz...), computed at build so the renderer needs no dictionary. */
  pinyinInitials: z
    .string()
    .regex(/^[a-z0-9]*$/)
    .max(100),
  keywords: z.array(z.string().min(1).max(40)).max(20),
  lifeEventIds: z.array(entryId).max(10),
  materials: z.array(materialRequirementSchema).max(30),
  /** Legal time limit in working days; 0 means done on the spot (即办件). */
  timeLimitDays: z.number().int().min(0).max(365),
  formId: entryId.nullable(),
  windowNumbers: z.array(z.number().int().min(1).max(999)).min(1).max(20),
  /** Among the most asked-for items: shown first and given a full form. */
  common: z.boolean(),
  guide: serviceGuideSchema.optional(),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const lifeEventSchema = z.strictObject({
  id: entryId,
  version: entryVersion,
  name: localizedTextSchema,
  description: localizedTextSchema,
  itemIds: z.array(entryId).min(1).max(60),
});
export type LifeEvent = z.infer<typeof lifeEventSchema>;

/**
 * A 一件事 bundle (一件事一次办): items that one life event needs, done in one visit. The applicant
 * answers a fact several of the items ask once, signs once, supplies each material once and gets one
 * case number and one ticket at the integrated window (综合窗口); the central system splits the
 * submission into one case per item (sync/protocol/bundles.ts composes and splits).
 */
export const bundleSchema = z.strictObject({
  id: entryId,
  version: entryVersion,
  /** The bundle's code in the provincial catalogue (一件事 codes are their own series). */
  code: z.string().regex(/^[A-Z0-9-]{4,40}$/),
  name: localizedTextSchema,
  description: localizedTextSchema,
  /** The items, in the order they run (出生医学证明 -> 出生登记 -> 医保参保 -> 社保卡); each has a form. */
  itemIds: z.array(entryId).min(2).max(8),
  /**
   * Facts of the application (fields with no card or store source) that several of the forms ask
   * under the same field id, answered once: the baby's name, the date of death. Person facts (the same
   * card or store source) and materials (the same code) are shared without being named here.
   */
  sharedFieldIds: z.array(fieldIdSchema).max(40),
  /** The integrated window's numbers: the ticket is issued for its queue, whatever the items' departments. */
  windowNumbers: z.array(z.number().int().min(1).max(999)).min(1).max(20),
  keywords: z.array(z.string().min(1).max(40)).max(20),
});
export type Bundle = z.infer<typeof bundleSchema>;

export const catalogueSchema = z
  .strictObject({
    version: z.string().min(1).max(64),
    hallName: localizedTextSchema,
    departments: z.array(departmentSchema).max(500),
    windows: z.array(windowSchema).max(2000),
    queues: z.array(queueSchema).max(2000),
    items: z.array(serviceItemSchema).max(10_000),
    lifeEvents: z.array(lifeEventSchema).max(500),
    forms: z.array(formDefinitionSchema).max(5000),
    /** Absent from catalogues before bundles existed. */
    bundles: z.array(bundleSchema).max(500).default([]),
  })
  .superRefine((catalogue, ctx) => {
    for (const problem of catalogueReferenceProblems(catalogue)) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
    for (const problem of bundleProblems(catalogue)) ctx.addIssue({ code: 'custom', message: problem });
  });
export type Catalogue = z.infer<typeof catalogueSchema>;

/** The entry kinds a store keeps one row each for, with the schema each body must satisfy. */
export const catalogueEntrySchemas = {
  department: departmentSchema,
  window: windowSchema,
  queue: queueSchema,
  item: serviceItemSchema,
  lifeEvent: lifeEventSchema,
  form: formDefinitionSchema,
  bundle: bundleSchema,
} as const;
export type CatalogueEntryKind = keyof typeof catalogueEntrySchemas;

/**
 * Every reference that does not resolve, in words: unique ids, unique window numbers and queue prefixes,
 * windows and queues of known departments, an item's windows belonging to its department, forms and
 * life events both ways.
 */
export function catalogueReferenceProblems(catalogue: {
  departments: readonly Department[];
  windows: readonly ServiceWindow[];
  queues: readonly Queue[];
  items: readonly ServiceItem[];
  lifeEvents: readonly LifeEvent[];
  forms: readonly { id: string }[];
}): string[] {
  const problems: string[] = [];
  const indexById = <Entry extends { id: string }>(
    kind: string,
    entries: readonly Entry[],
  ): Map<string, Entry> => {
    const index = new Map<string, Entry>();
    for (const entry of entries) {
      if (index.has(entry.id)) problems.push(`duplicate ${kind} id ${entry.id}`);
      index.set(entry.id, entry);
    }
    return index;
  };
  const departments = indexById('department', catalogue.departments);
  const queues = indexById('queue', catalogue.queues);
  const items = indexById('item', catalogue.items);
  const lifeEvents = indexById('life event', catalogue.lifeEvents);
  const forms = indexById('form', catalogue.forms);
  indexById('window', catalogue.windows);

  const windowsByNumber = new Map<number, ServiceWindow>();
  for (const window of catalogue.windows) {
    if (windowsByNumber.has(window.number)) problems.push(`duplicate window number ${window.number}`);
    windowsByNumber.set(window.number, window);
    if (!departments.has(window.departmentId))
      problems.push(`window ${window.id}: unknown department ${window.departmentId}`);
    for (const queueId of window.queueIds) {
      const queue = queues.get(queueId);
      if (!queue) problems.push(`window ${window.id}: unknown queue ${queueId}`);
      else if (queue.departmentId !== window.departmentId)
        problems.push(`window ${window.id}: queue ${queueId} of another department`);
    }
  }
  const prefixes = new Set<string>();
  for (const queue of catalogue.queues) {
    if (prefixes.has(queue.prefix)) problems.push(`duplicate queue prefix ${queue.prefix}`);
    prefixes.add(queue.prefix);
    if (!departments.has(queue.departmentId))
      problems.push(`queue ${queue.id}: unknown department ${queue.departmentId}`);
  }
  for (const item of catalogue.items) {
    if (!departments.has(item.departmentId))
      problems.push(`item ${item.id}: unknown department ${item.departmentId}`);
    if (item.formId !== null && !forms.has(item.formId))
      problems.push(`item ${item.id}: unknown form ${item.formId}`);
    for (const number of item.windowNumbers) {
      const window = windowsByNumber.get(number);
      if (!window) problems.push(`item ${item.id}: unknown window ${number}`);
      else if (window.departmentId !== item.departmentId)
        problems.push(`item ${item.id}: window ${number} of another department`);
    }
    for (const lifeEventId of item.lifeEventIds) {
      if (!lifeEvents.get(lifeEventId)?.itemIds.includes(item.id)) {
        problems.push(`item ${item.id}: life event ${lifeEventId} does not list it`);
      }
    }
  }
  for (const lifeEvent of catalogue.lifeEvents) {
    for (const itemId of lifeEvent.itemIds) {
      if (!items.get(itemId)?.lifeEventIds.includes(lifeEvent.id)) {
        problems.push(`life event ${lifeEvent.id}: item ${itemId} missing or not linked back`);
      }
    }
  }
  return problems;
}
