import { z } from 'zod';
import { localizedTextSchema } from '../localized-text';
import { type FormValue, formValueSchema, isProfileFieldPath, materialCodeSchema } from '../profile';

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

const fieldIdSchema = z.string().regex(/^[a-z][A-Za-z0-9_]{0,47}$/, 'camelCase field id');

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

const patternSchema = z.strictObject({
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
});

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
};

/** Which on-screen keyboard suits a text field; the renderer picks one from the type when absent. */
const keyboardSchema = z.enum(['chinese', 'latin', 'digits']);

export const fieldSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...fieldBase,
    type: z.literal('text'),
    keyboard: keyboardSchema.optional(),
    validation: textValidation.optional(),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('textarea'),
    keyboard: keyboardSchema.optional(),
    validation: textValidation.optional(),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('address'), validation: textValidation.optional() }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('number'),
    unit: localizedTextSchema.optional(),
    validation: numberValidation.optional(),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('date'), validation: dateValidation.optional() }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('choice'),
    options: z.array(optionSchema).min(1).max(60),
    validation: requiredOnlyValidation.optional(),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('multiChoice'),
    options: z.array(optionSchema).min(1).max(60),
    validation: itemsValidation.optional(),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('phone'), validation: requiredOnlyValidation.optional() }),
  z.strictObject({ ...fieldBase, type: z.literal('email'), validation: requiredOnlyValidation.optional() }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('idNumber'),
    validation: requiredOnlyValidation.optional(),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('creditCode'),
    validation: requiredOnlyValidation.optional(),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('checkbox'),
    validation: requiredOnlyValidation.optional(),
  }),
  z.strictObject({
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
  }),
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

export const formDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    version: z.number().int().min(1),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    sections: z.array(sectionSchema).min(1).max(30),
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
}): { message: string; path: (string | number)[] }[] {
  const problems: { message: string; path: (string | number)[] }[] = [];
  const declared = new Set<string>();
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
    });
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
