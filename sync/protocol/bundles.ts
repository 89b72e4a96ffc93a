/**
 * 一件事一次办: one form, one signature, one set of materials for a bundle of items. The kiosk composes the
 * bundle's form from its items' forms; the central system splits the submitted values back into one set
 * per item with the same composition. One module, so that both sides agree on which field is which.
 *
 * Composition, item by item in the bundle's order:
 * - a field whose card or store source another item's field already has (the same person fact), a file
 *   field collecting a material code already collected, and a field the bundle names as shared
 *   (`sharedFieldIds`) are asked once, where they first appear;
 * - the one field takes the strictest of the checks its items ask for (required if any requires it, the
 *   shortest maximum, the longest minimum, both patterns, the options all of them accept, read-only if
 *   any reads it from a record), and `askedBy` names the item a stricter check comes from so that the
 *   applicant is told who asks for it;
 * - every other field keeps its id, or gets a suffix (`_2`) when an earlier item used the id;
 * - sections keep their order, titled with the item's name; a section left empty is dropped.
 */
import type {
  AskedByKey,
  Condition,
  FormDefinition,
  FormField,
  FormRule,
  FormSection,
  FormValue,
} from './forms';
import type { LocalizedText } from './localized-text';

/*
 * What composition reads of the catalogue, said here rather than imported: catalogue.ts checks bundles
 * with this module, so this module must not import catalogue.ts (no cycle).
 */
export interface BundleMaterialRequirement {
  code: string;
  name: LocalizedText;
  required: boolean;
  pages: number;
  reusable: boolean;
  note?: LocalizedText | undefined;
}
interface BundleItem {
  id: string;
  departmentId: string;
  name: LocalizedText;
  formId: string | null;
  materials: readonly BundleMaterialRequirement[];
}
interface BundleEntry {
  id: string;
  version: number;
  name: LocalizedText;
  description: LocalizedText;
  itemIds: readonly string[];
  sharedFieldIds: readonly string[];
  windowNumbers: readonly number[];
}

/** One item of a composed bundle: which composed field answers each of its form's fields. */
export interface BundlePart {
  itemId: string;
  departmentId: string;
  formId: string;
  /** The item form's field id -> the composed form's field id. */
  fieldIds: Record<string, string>;
  /** The material codes the item asks for (its list and its form's file fields). */
  materialCodes: string[];
}

/** A material of the bundle: captured once, referenced by every item that needs it. */
export interface BundleMaterial extends BundleMaterialRequirement {
  neededBy: string[];
}

export interface ComposedBundle {
  bundleId: string;
  form: FormDefinition;
  parts: BundlePart[];
  materials: BundleMaterial[];
}

export interface BundleCatalogue {
  items: readonly BundleItem[];
  forms: readonly FormDefinition[];
}

/** The form id a bundle's composed form carries (never an item form's: those ids have no `bundle:`). */
export function bundleFormId(bundleId: string): string {
  return `bundle-${bundleId}`.slice(0, 64);
}

type ComposeResult = { ok: true; value: ComposedBundle } | { ok: false; problems: string[] };

const maxFieldIdLength = 48;

/** What makes two fields of different items the same question. */
function shareKey(field: FormField, sharedIds: ReadonlySet<string>): string | null {
  if (field.type === 'file') return `material:${field.materialCode}`;
  if (field.source !== undefined && !field.source.startsWith('profile.lastSubmission.'))
    return `source:${field.source}`;
  if (sharedIds.has(field.id)) return `shared:${field.id}`;
  return null;
}

function renameCondition(condition: Condition, rename: (id: string) => string): Condition {
  if ('all' in condition) return { all: condition.all.map((entry) => renameCondition(entry, rename)) };
  if ('any' in condition) return { any: condition.any.map((entry) => renameCondition(entry, rename)) };
  if ('not' in condition) return { not: renameCondition(condition.not, rename) };
  return { ...condition, field: rename(condition.field) };
}

function conditionIds(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionIds);
  if ('any' in condition) return condition.any.flatMap(conditionIds);
  if ('not' in condition) return conditionIds(condition.not);
  return [condition.field];
}

function renameField(field: FormField, id: string, rename: (id: string) => string): FormField {
  const renamed: FormField = { ...field, id };
  if (field.showWhen) renamed.showWhen = renameCondition(field.showWhen, rename);
  if (field.hideWhen) renamed.hideWhen = renameCondition(field.hideWhen, rename);
  if (field.requireWhen) renamed.requireWhen = renameCondition(field.requireWhen, rename);
  if (renamed.type === 'number' && renamed.computed) {
    const computed = renamed.computed;
    renamed.computed =
      computed.kind === 'age'
        ? { kind: 'age', from: rename(computed.from) }
        : 'group' in computed
          ? { kind: 'sum', group: rename(computed.group), column: computed.column }
          : { kind: 'sum', fields: computed.fields.map(rename) };
  }
  return renamed;
}

function renameRule(rule: FormRule, rename: (id: string) => string): FormRule {
  if (rule.kind === 'dateAfter') return { ...rule, field: rename(rule.field), after: rename(rule.after) };
  return {
    ...rule,
    group: rename(rule.group),
    ...(rule.field !== undefined ? { field: rename(rule.field) } : {}),
  };
}

type Validation = Record<string, unknown>;

/** The stricter of two bounds, and whether the second one won. */
function stricter(
  first: unknown,
  second: unknown,
  pick: (a: number | string, b: number | string) => boolean,
): { value: unknown; secondWins: boolean } {
  if (second === undefined) return { value: first, secondWins: false };
  if (first === undefined) return { value: second, secondWins: true };
  if (first === second) return { value: first, secondWins: false };
  const secondWins = pick(second as number | string, first as number | string);
  return { value: secondWins ? second : first, secondWins };
}

/**
 * `into` (an earlier item's field, already in the composed form) takes the stricter of its own checks
 * and `from`'s; `askedBy` records each check `from`'s item made stricter. A problem when the two cannot
 * be one field (different types, no option both accept).
 */
function mergeChecks(into: FormField, from: FormField, item: LocalizedText): FormField | string {
  if (into.type !== from.type)
    return `"${from.id}" is a ${from.type} field in one item and a ${into.type} in another`;
  const askedBy: Partial<Record<AskedByKey, LocalizedText>> = { ...(into.askedBy ?? {}) };
  const a = ((into as { validation?: Validation }).validation ?? {}) as Validation;
  const b = ((from as { validation?: Validation }).validation ?? {}) as Validation;
  const merged: Validation = { ...a };
  const take = (
    key: string,
    asked: AskedByKey,
    pick: (x: number | string, y: number | string) => boolean,
  ) => {
    const result = stricter(a[key], b[key], pick);
    if (result.value !== undefined) merged[key] = result.value;
    if (result.secondWins) askedBy[asked] = item;
  };
  if (b.required === true && a.required !== true) {
    merged.required = true;
    askedBy.required = item;
  }
  const larger = (x: number | string, y: number | string) => x > y;
  const smaller = (x: number | string, y: number | string) => x < y;
  take('minLength', 'tooShort', larger);
  take('maxLength', 'tooLong', smaller);
  take('min', 'tooSmall', larger);
  take('max', 'tooLarge', smaller);
  take('minItems', 'tooFewItems', larger);
  take('maxItems', 'tooManyItems', smaller);
  // ISO dates compare as text; `today` only against itself (a fixed date and "today" both stay asked
  // by the earlier item's bound: the composed form cannot know which is stricter on the day).
  const dateBound = (key: string, asked: AskedByKey, pick: (x: string, y: string) => boolean) => {
    const x = a[key] as string | undefined;
    const y = b[key] as string | undefined;
    if (y === undefined || x === y) return;
    if (x === undefined || (x !== 'today' && y !== 'today' && pick(y, x))) {
      merged[key] = y;
      askedBy[asked] = item;
    }
  };
  dateBound('minDate', 'dateTooEarly', (x, y) => x > y);
  dateBound('maxDate', 'dateTooLate', (x, y) => x < y);
  if (b.integer === true && a.integer !== true) {
    merged.integer = true;
    askedBy.notAnInteger = item;
  }
  const pa = a.pattern as { regex: string; message: LocalizedText; example?: string } | undefined;
  const pb = b.pattern as { regex: string; message: LocalizedText; example?: string } | undefined;
  if (pb && (!pa || pa.regex !== pb.regex)) {
    // Both patterns must hold: the second as a look-ahead over the whole value.
    merged.pattern = pa
      ? {
          regex: `(?=(?:${pb.regex})$)(?:${pa.regex})`,
          message: pb.message,
          ...(pa.example !== undefined && new RegExp(`^(?:${pb.regex})$`, 'u').test(pa.example)
            ? { example: pa.example }
            : {}),
        }
      : pb;
    askedBy.pattern = item;
  }
  const field = { ...into } as FormField & { validation?: Validation };
  if (Object.keys(merged).length > 0) field.validation = merged;
  if (
    (from.type === 'choice' || from.type === 'multiChoice') &&
    (field.type === 'choice' || field.type === 'multiChoice')
  ) {
    const accepted = new Set(from.options.map((option) => option.value));
    const options = field.options.filter((option) => accepted.has(option.value));
    if (options.length === 0) return `"${from.id}": no option is accepted by every item`;
    if (options.length < field.options.length) askedBy.notAnOption = item;
    field.options = options;
  }
  if (from.readOnly && !into.readOnly) {
    field.readOnly = true;
    askedBy.readOnly = item;
  }
  if (from.remember === false) field.remember = false;
  // Asked where either item asks it: an unconditional field stays unconditional.
  if (!from.showWhen) delete field.showWhen;
  if (!from.hideWhen) delete field.hideWhen;
  if (Object.keys(askedBy).length > 0) field.askedBy = askedBy;
  return field;
}

function withItemName(item: LocalizedText, title: LocalizedText): LocalizedText {
  return {
    'zh-Hans': `${item['zh-Hans']} · ${title['zh-Hans']}`,
    'zh-Hant': `${item['zh-Hant']} · ${title['zh-Hant']}`,
    en: `${item.en} · ${title.en}`,
  };
}

function mergeMaterial(
  into: BundleMaterial,
  from: BundleMaterialRequirement,
  itemId: string,
): BundleMaterial {
  return {
    ...into,
    required: into.required || from.required,
    pages: Math.max(into.pages, from.pages),
    reusable: into.reusable && from.reusable,
    neededBy: into.neededBy.includes(itemId) ? into.neededBy : [...into.neededBy, itemId],
  };
}

/** The bundle's one form, its parts and its materials; or, in words, why its items cannot be one form. */
export function composeBundle(bundle: BundleEntry, catalogue: BundleCatalogue): ComposeResult {
  const problems: string[] = [];
  const sharedIds = new Set(bundle.sharedFieldIds);
  const sections: FormSection[] = [];
  const rules: FormRule[] = [];
  const parts: BundlePart[] = [];
  const materials = new Map<string, BundleMaterial>();
  const usedIds = new Set<string>();
  const sectionIds = new Set<string>();
  /** share key -> where the composed field is (section index, field index). */
  const sharedAt = new Map<string, { section: number; index: number }>();
  const sharedSeen = new Set<string>();

  for (const itemId of bundle.itemIds) {
    const item = catalogue.items.find((entry) => entry.id === itemId);
    const form = item?.formId ? catalogue.forms.find((entry) => entry.id === item.formId) : undefined;
    if (!item || !form) {
      problems.push(`bundle ${bundle.id}: item ${itemId} ${item ? 'has no form' : 'is unknown'}`);
      continue;
    }
    const fieldIds: Record<string, string> = {};
    const rename = (id: string): string => fieldIds[id] ?? id;
    const materialCodes = new Set<string>();
    for (const requirement of item.materials) {
      materialCodes.add(requirement.code);
      const known = materials.get(requirement.code);
      materials.set(
        requirement.code,
        known ? mergeMaterial(known, requirement, itemId) : { ...requirement, neededBy: [itemId] },
      );
    }
    for (const section of form.sections) {
      const kept: FormField[] = [];
      const sectionIndex = sections.length;
      for (const field of section.fields) {
        const key = shareKey(field, sharedIds);
        if (key !== null) sharedSeen.add(key);
        if (field.type === 'file') materialCodes.add(field.materialCode);
        const earlier = key === null ? undefined : sharedAt.get(key);
        if (earlier) {
          const target = sections[earlier.section]!.fields[earlier.index]!;
          fieldIds[field.id] = target.id;
          const merged = mergeChecks(target, field, item.name);
          if (typeof merged === 'string') problems.push(`bundle ${bundle.id}: ${merged}`);
          else sections[earlier.section]!.fields[earlier.index] = merged;
          continue;
        }
        let id = field.id;
        for (let n = 2; usedIds.has(id); n++) id = `${field.id.slice(0, maxFieldIdLength - 4)}_${n}`;
        usedIds.add(id);
        fieldIds[field.id] = id;
        const renamed = renameField(field, id, rename);
        if (key !== null) sharedAt.set(key, { section: sectionIndex, index: kept.length });
        kept.push(renamed);
      }
      // A section of a later item may hold only shared questions asked already: it is dropped.
      if (kept.length === 0) continue;
      let sectionId = section.id;
      for (let n = 2; sectionIds.has(sectionId); n++) sectionId = `${section.id.slice(0, 44)}_${n}`;
      sectionIds.add(sectionId);
      const shown = section.showWhen ? renameCondition(section.showWhen, rename) : undefined;
      sections.push({
        ...section,
        id: sectionId,
        title: withItemName(item.name, section.title),
        fields: kept,
        ...(shown ? { showWhen: shown } : {}),
      });
    }
    for (const rule of form.rules ?? []) rules.push(renameRule(rule, rename));
    parts.push({
      itemId,
      departmentId: item.departmentId,
      formId: form.id,
      fieldIds,
      materialCodes: [...materialCodes],
    });
  }
  for (const id of bundle.sharedFieldIds) {
    if (!sharedSeen.has(`shared:${id}`))
      problems.push(`bundle ${bundle.id}: shared field ${id} is asked by no item`);
  }
  // A merged field's conditions may name fields declared after it (a later item's): asked always instead.
  const declared = new Set<string>();
  for (const section of sections) {
    section.fields = section.fields.map((field) => {
      const fine = (condition: Condition | undefined) =>
        condition === undefined || conditionIds(condition).every((id) => declared.has(id));
      declared.add(field.id);
      if (fine(field.showWhen) && fine(field.hideWhen) && fine(field.requireWhen)) return field;
      const { showWhen: _s, hideWhen: _h, requireWhen: _r, ...always } = field;
      return always as FormField;
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      bundleId: bundle.id,
      form: {
        id: bundleFormId(bundle.id),
        version: bundle.version,
        title: bundle.name,
        description: bundle.description,
        sections,
        ...(rules.length > 0 ? { rules } : {}),
      },
      parts,
      materials: [...materials.values()],
    },
  };
}

/** Each item's own values from the composed form's values: what the central files as the item's case. */
export function splitBundleValues(
  composed: Pick<ComposedBundle, 'parts'>,
  values: Readonly<Record<string, unknown>>,
): Map<string, Record<string, FormValue>> {
  const split = new Map<string, Record<string, FormValue>>();
  for (const part of composed.parts) {
    const own: Record<string, FormValue> = {};
    for (const [itemFieldId, composedId] of Object.entries(part.fieldIds)) {
      if (Object.hasOwn(values, composedId)) own[itemFieldId] = values[composedId] as FormValue;
    }
    split.set(part.itemId, own);
  }
  return split;
}

/**
 * Catalogue checks for bundles: ids unlike any item's (a submission names either), items that exist
 * and have forms, windows that exist, and forms that compose.
 */
export function bundleProblems(catalogue: {
  items: readonly BundleItem[];
  forms: readonly FormDefinition[];
  windows: readonly { number: number }[];
  bundles?: readonly BundleEntry[] | undefined;
}): string[] {
  const problems: string[] = [];
  const itemIds = new Set(catalogue.items.map((item) => item.id));
  const windowNumbers = new Set(catalogue.windows.map((window) => window.number));
  const seen = new Set<string>();
  for (const bundle of catalogue.bundles ?? []) {
    if (seen.has(bundle.id)) problems.push(`duplicate bundle id ${bundle.id}`);
    seen.add(bundle.id);
    if (itemIds.has(bundle.id)) problems.push(`bundle ${bundle.id}: an item has the same id`);
    if (new Set(bundle.itemIds).size !== bundle.itemIds.length)
      problems.push(`bundle ${bundle.id}: an item is listed twice`);
    for (const number of bundle.windowNumbers)
      if (!windowNumbers.has(number)) problems.push(`bundle ${bundle.id}: unknown window ${number}`);
    const composed = composeBundle(bundle, catalogue);
    if (!composed.ok) problems.push(...composed.problems);
  }
  return problems;
}
