import { z } from 'zod';
import { localizedTextSchema } from '../localized-text';
import {
  type FormValue,
  formValueSchema,
  isProfileFieldPath,
  materialCodeSchema,
  type ProfileFieldPath,
  profileLeafSchema,
} from '../profile';

/** The declarative form definition format (documented in docs/forms.md): sources, conditions, fields. */

export { type FormValue, formValueSchema };

// ---------------------------------------------------------------------------------------------------------
// Sources: where auto-fill takes a field's value from.

/** Card fields a form may bind to, as `card.<field>` (see CardIdentity). */
export const cardSourceFields = [
  'name',
  'otherName',
  'idNumber',
  'sex',
  'nation',
  'nationality',
  'birthDate',
  'address',
  'cardType',
  'issuer',
  'validFrom',
  'validTo',
  'passNumber',
] as const;
export type CardSourceField = (typeof cardSourceFields)[number];

const lastSubmissionSourcePattern =
  /^profile\.lastSubmission\.([A-Za-z0-9_-]{1,64})\.([a-z][A-Za-z0-9_]{0,47})$/;

export type ParsedSource =
  | { kind: 'card'; field: CardSourceField }
  | { kind: 'profile'; path: string }
  | { kind: 'lastSubmission'; itemId: string; fieldId: string };

/** Splits a `source` string; null if it names nothing the auto-fill knows. */
export function parseSource(source: string): ParsedSource | null {
  if (source.startsWith('card.')) {
    const field = source.slice('card.'.length);
    return (cardSourceFields as readonly string[]).includes(field)
      ? { kind: 'card', field: field as CardSourceField }
      : null;
  }
  const previous = lastSubmissionSourcePattern.exec(source);
  if (previous) return { kind: 'lastSubmission', itemId: previous[1]!, fieldId: previous[2]! };
  if (source.startsWith('profile.')) {
    const path = source.slice('profile.'.length);
    return isProfileFieldPath(path) ? { kind: 'profile', path } : null;
  }
  return null;
}

/** A `profile.<path>` source whose fact is a list (household members, children ...): what groups bind to. */
export function isListFactSource(source: string): boolean {
  const parsed = parseSource(source);
  return (
    parsed?.kind === 'profile' && profileLeafSchema(parsed.path as ProfileFieldPath) instanceof z.ZodArray
  );
}

export function isKnownSource(source: string): boolean {
  return parseSource(source) !== null;
}

export const sourceSchema = z.string().max(160).refine(isKnownSource, 'unknown auto-fill source');

/** The card fields auto-fill reads: a plain, typed copy of what the ID reader decoded. */
export const cardIdentitySchema = z.strictObject({
  cardType: z.enum(['resident', 'hk_macao_taiwan', 'foreign_permanent_2017', 'foreign_permanent_2023']),
  name: z.string().max(200),
  otherName: z.string().max(200).nullable(),
  sex: z.enum(['male', 'female', 'unknown', 'unstated']),
  /** Nation (民族) in Chinese, e.g. 汉; null where the card has none. */
  nation: z.string().max(40).nullable(),
  /** GB/T 2659 alpha-3, for foreign cards. */
  nationality: z.string().max(3).nullable(),
  birthDate: z.iso.date(),
  address: z.string().max(200).nullable(),
  idNumber: z.string().max(40),
  issuer: z.string().max(200).nullable(),
  validFrom: z.iso.date(),
  /** null for long-term (长期). */
  validTo: z.iso.date().nullable(),
  /**
   * Hong Kong/Macao/Taiwan residence permits: the holder's travel permit number printed on the card (for
   * a Taiwan resident the 台湾居民来往大陆通行证 number); absent or null on every other card.
   */
  passNumber: z.string().max(20).nullable().optional(),
});
export type CardIdentity = z.infer<typeof cardIdentitySchema>;

// ---------------------------------------------------------------------------------------------------------
// Conditions.

const scalarSchema = z.union([z.string().max(200), z.number().finite(), z.boolean()]);
export type ConditionScalar = z.infer<typeof scalarSchema>;

/**
 * A condition on the values of fields declared earlier in the form. A hidden field counts as empty.
 * For a multiChoice field, `equals` means "includes" and `in` means "includes any of".
 */
export type Condition =
  | { field: string; equals: ConditionScalar }
  | { field: string; in: ConditionScalar[] }
  | { field: string; truthy: true }
  | { field: string; falsy: true }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const fieldIdSchema = z.string().regex(/^[a-z][A-Za-z0-9_]{0,47}$/, 'camelCase field id');

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: fieldIdSchema, equals: scalarSchema }),
    z.strictObject({ field: fieldIdSchema, in: z.array(scalarSchema).min(1).max(50) }),
    z.strictObject({ field: fieldIdSchema, truthy: z.literal(true) }),
    z.strictObject({ field: fieldIdSchema, falsy: z.literal(true) }),
    z.strictObject({ all: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export function conditionFieldIds(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFieldIds);
  if ('any' in condition) return condition.any.flatMap(conditionFieldIds);
  if ('not' in condition) return conditionFieldIds(condition.not);
  return [condition.field];
}

// ---------------------------------------------------------------------------------------------------------
// Fields.

const patternSchema = z
  .strictObject({
    /** A JavaScript regular expression (unicode mode) the WHOLE value must match; no slashes or flags. */
    regex: z
      .string()
      .min(1)
      .max(300)
      .refine((source) => {
        try {
          new RegExp(source, 'u');
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression'),
    /** Shown beside the field when the value does not match, in plain words. */
    message: localizedTextSchema,
    /** A value that matches (for hints, docs and tests that fill forms); checked against the regex. */
    example: z.string().min(1).max(200).optional(),
  })
  .refine(
    (pattern) => {
      if (pattern.example === undefined) return true;
      try {
        return new RegExp(`^(?:${pattern.regex})$`, 'u').test(pattern.example);
      } catch {
        return false;
      }
    },
    { message: 'the example does not match the pattern', path: ['example'] },
  );

const requiredOnlyValidation = z.strictObject({ required: z.boolean().optional() });
const textValidation = z.strictObject({
  required: z.boolean().optional(),
  minLength: z.number().int().min(0).max(10_000).optional(),
  maxLength: z.number().int().min(1).max(10_000).optional(),
  pattern: patternSchema.optional(),
});
const numberValidation = z.strictObject({
  required: z.boolean().optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  integer: z.boolean().optional(),
});
/** `today` or an ISO date; `today` is resolved when validating (ValidationOptions.today). */
const dateBoundSchema = z.union([z.literal('today'), z.iso.date()]);
const dateValidation = z.strictObject({
  required: z.boolean().optional(),
  minDate: dateBoundSchema.optional(),
  maxDate: dateBoundSchema.optional(),
});
const itemsValidation = z.strictObject({
  required: z.boolean().optional(),
  minItems: z.number().int().min(0).max(100).optional(),
  maxItems: z.number().int().min(1).max(100).optional(),
});

const optionSchema = z.strictObject({
  value: z.string().min(1).max(64),
  label: localizedTextSchema,
});
export type FieldOption = z.infer<typeof optionSchema>;

/** The checks a composed form may say which item asks for (see `askedBy`). */
export const askedByKeys = [
  'required',
  'tooShort',
  'tooLong',
  'tooSmall',
  'tooLarge',
  'notAnInteger',
  'dateTooEarly',
  'dateTooLate',
  'pattern',
  'notAnOption',
  'tooFewItems',
  'tooManyItems',
  'readOnly',
] as const;
export type AskedByKey = (typeof askedByKeys)[number];

/** What every field type has. */
const fieldBase = {
  id: fieldIdSchema,
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  placeholder: localizedTextSchema.optional(),
  /** Where auto-fill takes the value from (card.*, profile.*, profile.lastSubmission.<item>.<field>). */
  source: sourceSchema.optional(),
  /**
   * false: never pre-filled from an earlier submission of the same item and never remembered
   * (declarations, one-off dates, reasons that change every time). Default true.
   */
  remember: z.boolean().optional(),
  showWhen: conditionSchema.optional(),
  hideWhen: conditionSchema.optional(),
  /** Required while this holds (in addition to validation.required). */
  requireWhen: conditionSchema.optional(),
  /**
   * A fact the applicant may see but not change (a register's record): shown as text when auto-fill gave
   * it a value, and the host refuses a submission whose value differs from what auto-fill gives.
   */
  readOnly: z.boolean().optional(),
  /**
   * Which item asks for a check (a 一件事 bundle's composed form, sync/protocol/bundles.ts): a shared
   * field takes the strictest of its items' checks, and the message of a check names the item it
   * comes from, keyed by message ("tooLong": 医保参保登记).
   */
  askedBy: z.partialRecord(z.enum(askedByKeys), localizedTextSchema).optional(),
};

/** Which on-screen keyboard suits a text field; the renderer picks one from the type when absent. */
const keyboardSchema = z.enum(['chinese', 'latin', 'digits']);

const textFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('text'),
  keyboard: keyboardSchema.optional(),
  validation: textValidation.optional(),
});
const textareaFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('textarea'),
  keyboard: keyboardSchema.optional(),
  validation: textValidation.optional(),
});
const addressFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('address'),
  validation: textValidation.optional(),
});
/**
 * How a computed field's value follows from earlier fields: whole years of age on the day of checking
 * from a date field, the sum of a group's number column, or the sum of number fields.
 */
export const computedSchema = z.union([
  z.strictObject({ kind: z.literal('age'), from: fieldIdSchema }),
  z.strictObject({ kind: z.literal('sum'), group: fieldIdSchema, column: fieldIdSchema }),
  z.strictObject({ kind: z.literal('sum'), fields: z.array(fieldIdSchema).min(1).max(20) }),
]);
export type ComputedSpec = z.infer<typeof computedSchema>;

const numberFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('number'),
  unit: localizedTextSchema.optional(),
  /** Shown read-only, derived from earlier fields; the host recomputes it and ignores what was sent. */
  computed: computedSchema.optional(),
  validation: numberValidation.optional(),
});
const dateFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('date'),
  validation: dateValidation.optional(),
});
const choiceFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('choice'),
  options: z.array(optionSchema).min(1).max(60),
  validation: requiredOnlyValidation.optional(),
});
const multiChoiceFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('multiChoice'),
  options: z.array(optionSchema).min(1).max(60),
  validation: itemsValidation.optional(),
});
const phoneFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('phone'),
  validation: requiredOnlyValidation.optional(),
});
const emailFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('email'),
  validation: requiredOnlyValidation.optional(),
});
const idNumberFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('idNumber'),
  validation: requiredOnlyValidation.optional(),
});
const creditCodeFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('creditCode'),
  validation: requiredOnlyValidation.optional(),
});
const checkboxFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('checkbox'),
  validation: requiredOnlyValidation.optional(),
});
const fileFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('file'),
  /**
   * The material requirement this field collects; archived copies with this code are re-used. A code
   * the item's material list lacks becomes a requirement of the materials step whenever the field is
   * shown (see sync/protocol/item-materials.ts): the power of attorney only when the role asks for it.
   */
  materialCode: materialCodeSchema,
  /** Such a derived requirement may be met by an archived copy (a certificate, not a one-off paper). */
  reusable: z.boolean().optional(),
  validation: itemsValidation.optional(),
});

/*
 * A column of a repeatable group: a simple field without a source or conditions of its own (the group
 * as a whole has those). Its value is one cell of a row.
 */
const columnOmit = {
  askedBy: true,
  source: true,
  readOnly: true,
  remember: true,
  showWhen: true,
  hideWhen: true,
  requireWhen: true,
} as const;
export const groupColumnSchema = z.discriminatedUnion('type', [
  textFieldSchema.omit(columnOmit),
  addressFieldSchema.omit(columnOmit),
  numberFieldSchema.omit({ ...columnOmit, computed: true }),
  dateFieldSchema.omit(columnOmit),
  choiceFieldSchema.omit(columnOmit),
  phoneFieldSchema.omit(columnOmit),
  emailFieldSchema.omit(columnOmit),
  idNumberFieldSchema.omit(columnOmit),
  creditCodeFieldSchema.omit(columnOmit),
  checkboxFieldSchema.omit(columnOmit),
]);
export type GroupColumn = z.infer<typeof groupColumnSchema>;

/**
 * A repeatable group (shareholders, family members, co-owners): its value is a list of rows, each row a
 * record of its columns' values; between `repeat.min` and `repeat.max` rows.
 */
const groupFieldSchema = z.strictObject({
  ...fieldBase,
  type: z.literal('group'),
  /** What one row is, for its heading and messages: 股东 -> "股东 2". */
  rowLabel: localizedTextSchema,
  /** The button that adds a row: 添加一位. Defaults to the kiosk's own words. */
  addLabel: localizedTextSchema.optional(),
  repeat: z.strictObject({
    min: z.number().int().min(0).max(50),
    max: z.number().int().min(1).max(50),
  }),
  fields: z.array(groupColumnSchema).min(1).max(12),
  validation: requiredOnlyValidation.optional(),
});

export const fieldSchema = z.discriminatedUnion('type', [
  textFieldSchema,
  textareaFieldSchema,
  addressFieldSchema,
  numberFieldSchema,
  dateFieldSchema,
  choiceFieldSchema,
  multiChoiceFieldSchema,
  phoneFieldSchema,
  emailFieldSchema,
  idNumberFieldSchema,
  creditCodeFieldSchema,
  checkboxFieldSchema,
  fileFieldSchema,
  groupFieldSchema,
]);
export type FormField = z.infer<typeof fieldSchema>;
export type FieldType = FormField['type'];
export const fieldTypes = fieldSchema.options.map(
  (option) => option.shape.type.value,
) as readonly FieldType[];

export const sectionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9_]{0,47}$/),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  showWhen: conditionSchema.optional(),
  fields: z.array(fieldSchema).min(1).max(80),
});
export type FormSection = z.infer<typeof sectionSchema>;

/**
 * A rule across fields, checked after each field's own checks (renderer and host alike); its message, in
 * plain words, is shown beside `field` (for a sum: the field named, else the group).
 */
export const formRuleSchema = z.union([
  z.strictObject({
    /** `field` is a date after `after` (or the same day, with `orSame`). */
    kind: z.literal('dateAfter'),
    field: fieldIdSchema,
    after: fieldIdSchema,
    orSame: z.boolean().optional(),
    message: localizedTextSchema,
  }),
  z.strictObject({
    /** A group's number column adds up to `total` (co-owners' or shareholders' shares to 100). */
    kind: z.literal('sumEquals'),
    group: fieldIdSchema,
    column: fieldIdSchema,
    total: z.number().finite(),
    field: fieldIdSchema.optional(),
    message: localizedTextSchema,
  }),
]);
export type FormRule = z.infer<typeof formRuleSchema>;

export const formDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    version: z.number().int().min(1),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    sections: z.array(sectionSchema).min(1).max(30),
    rules: z.array(formRuleSchema).max(30).optional(),
  })
  .superRefine((form, ctx) => {
    for (const problem of formDefinitionProblems(form)) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    }
  });
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** Structural rules a zod shape cannot say: unique ids, conditions naming EARLIER fields, distinct options. */
function formDefinitionProblems(form: {
  sections: readonly FormSection[];
  rules?: readonly FormRule[] | undefined;
}): { message: string; path: (string | number)[] }[] {
  const problems: { message: string; path: (string | number)[] }[] = [];
  const declared = new Set<string>();
  const fieldsById = new Map<string, FormField>();
  const sectionIds = new Set<string>();
  const checkCondition = (condition: Condition | undefined, path: (string | number)[]): void => {
    if (!condition) return;
    for (const fieldId of conditionFieldIds(condition)) {
      if (!declared.has(fieldId)) {
        problems.push({
          message: `condition names "${fieldId}", which is not a field declared before`,
          path,
        });
      }
    }
  };
  form.sections.forEach((section, sectionIndex) => {
    if (sectionIds.has(section.id)) {
      problems.push({
        message: `duplicate section id "${section.id}"`,
        path: ['sections', sectionIndex, 'id'],
      });
    }
    sectionIds.add(section.id);
    checkCondition(section.showWhen, ['sections', sectionIndex, 'showWhen']);
    section.fields.forEach((field, fieldIndex) => {
      const path = ['sections', sectionIndex, 'fields', fieldIndex];
      if (declared.has(field.id))
        problems.push({ message: `duplicate field id "${field.id}"`, path: [...path, 'id'] });
      checkCondition(field.showWhen, [...path, 'showWhen']);
      checkCondition(field.hideWhen, [...path, 'hideWhen']);
      checkCondition(field.requireWhen, [...path, 'requireWhen']);
      declared.add(field.id);
      if (field.type === 'choice' || field.type === 'multiChoice') {
        const values = field.options.map((option) => option.value);
        if (new Set(values).size !== values.length) {
          problems.push({ message: 'duplicate option values', path: [...path, 'options'] });
        }
      }
      if (field.type === 'group') problems.push(...groupProblems(field, path));
      else if (field.source !== undefined && isListFactSource(field.source))
        problems.push({ message: 'a list fact binds only to a group', path: [...path, 'source'] });
      // Read-only means "as the record says": without a (non-card) source there is no record to show.
      if (field.readOnly && (field.source === undefined || field.source.startsWith('card.')))
        problems.push({ message: 'a read-only field needs a profile source', path: [...path, 'readOnly'] });
      if (field.type === 'number' && field.computed)
        problems.push(...computedProblems(field, field.computed, fieldsById, path));
      fieldsById.set(field.id, field);
    });
  });
  (form.rules ?? []).forEach((rule, index) => {
    problems.push(...ruleProblems(rule, fieldsById, ['rules', index]));
  });
  return problems;
}

/** A rule names fields of the form of the kinds it compares. */
function ruleProblems(
  rule: FormRule,
  fields: ReadonlyMap<string, FormField>,
  path: (string | number)[],
): { message: string; path: (string | number)[] }[] {
  const problems: { message: string; path: (string | number)[] }[] = [];
  if (rule.kind === 'dateAfter') {
    for (const id of [rule.field, rule.after])
      if (fields.get(id)?.type !== 'date') problems.push({ message: `"${id}" is not a date field`, path });
    return problems;
  }
  const group = fields.get(rule.group);
  const column = group?.type === 'group' ? group.fields.find((entry) => entry.id === rule.column) : undefined;
  if (column?.type !== 'number')
    problems.push({ message: `"${rule.group}.${rule.column}" is not a number column of a group`, path });
  if (rule.field !== undefined && !fields.has(rule.field))
    problems.push({ message: `"${rule.field}" is not a field of the form`, path });
  return problems;
}

/** A computed field names earlier fields of the right kind, and nothing may feed it a value. */
function computedProblems(
  field: FormField,
  computed: ComputedSpec,
  earlier: ReadonlyMap<string, FormField>,
  path: (string | number)[],
): { message: string; path: (string | number)[] }[] {
  const at = [...path, 'computed'];
  const problems: { message: string; path: (string | number)[] }[] = [];
  if (field.source !== undefined)
    problems.push({ message: 'a computed field takes no source', path: [...path, 'source'] });
  if (computed.kind === 'age') {
    if (earlier.get(computed.from)?.type !== 'date')
      problems.push({ message: `"${computed.from}" is not a date field declared before`, path: at });
  } else if ('group' in computed) {
    const group = earlier.get(computed.group);
    const column =
      group?.type === 'group' ? group.fields.find((entry) => entry.id === computed.column) : undefined;
    if (column?.type !== 'number')
      problems.push({
        message: `"${computed.group}.${computed.column}" is not a number column of a group declared before`,
        path: at,
      });
  } else {
    for (const id of computed.fields)
      if (earlier.get(id)?.type !== 'number')
        problems.push({ message: `"${id}" is not a number field declared before`, path: at });
  }
  return problems;
}

/** A group's own rules: distinct column ids and options, a row range that can be met, no source yet. */
function groupProblems(
  group: Extract<FormField, { type: 'group' }>,
  path: (string | number)[],
): { message: string; path: (string | number)[] }[] {
  const problems: { message: string; path: (string | number)[] }[] = [];
  if (group.repeat.min > group.repeat.max)
    problems.push({ message: 'repeat.min is more than repeat.max', path: [...path, 'repeat'] });
  // A group fills from a list fact (household members, children ...), never from a single value.
  if (group.source !== undefined && !isListFactSource(group.source))
    problems.push({ message: 'a group binds only to a list fact', path: [...path, 'source'] });
  const columnIds = new Set<string>();
  group.fields.forEach((column, index) => {
    if (columnIds.has(column.id))
      problems.push({
        message: `duplicate column id "${column.id}"`,
        path: [...path, 'fields', index, 'id'],
      });
    columnIds.add(column.id);
    if (column.type === 'choice') {
      const values = column.options.map((option) => option.value);
      if (new Set(values).size !== values.length)
        problems.push({ message: 'duplicate option values', path: [...path, 'fields', index, 'options'] });
    }
  });
  return problems;
}

export function formFields(form: FormDefinition): FormField[] {
  return form.sections.flatMap((section) => section.fields);
}

/**
 * What a field asks about. `card` and `person` fields are facts about the applicant the government
 * already holds (the card, or a fact path of the form-free store): the store fills them and the
 * applicant only confirms. `application` fields are facts of this one application (the new company's
 * name, the baby's name, the seller), the only ones left to the applicant. A field is a person fact
 * exactly when it names a card or store source: a fact without a binding would be asked every time.
 */
export type FieldFactKind = 'card' | 'person' | 'application';

export function fieldFactKind(field: FormField): FieldFactKind {
  const source = field.source === undefined ? null : parseSource(field.source);
  if (source?.kind === 'card') return 'card';
  if (source?.kind === 'profile') return 'person';
  return 'application';
}
