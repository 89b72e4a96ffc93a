import { z } from 'zod';
import { creditCodeProblem, isPlausiblePhone, residentIdProblem } from '../../kernel/id-checks';
import {
  formatLocalizedText,
  type Language,
  type LocalizedText,
  localizedTextSchema,
} from './localized-text';
import { type FormValue, formValueSchema, isProfileFieldPath, materialCodeSchema } from './profile';

/**
 * The declarative form definition format (documented in docs/forms.md) and the validation built from it.
 * Pure (zod only): the host validates a submission with exactly the code the renderer shows errors with.
 */

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
    /** The material requirement this field collects; archived copies with this code are re-used. */
    materialCode: materialCodeSchema,
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

// ---------------------------------------------------------------------------------------------------------
// Evaluating conditions.

export type FormValues = Readonly<Record<string, unknown>>;

export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function sameScalar(value: unknown, expected: ConditionScalar): boolean {
  // Renderers often keep digits as strings: "2" equals 2.
  return value === expected || (typeof value !== 'object' && String(value) === String(expected));
}

export function evaluateCondition(condition: Condition, readField: (fieldId: string) => unknown): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, readField));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, readField));
  if ('not' in condition) return !evaluateCondition(condition.not, readField);
  const value = readField(condition.field);
  const matches = (expected: ConditionScalar): boolean =>
    Array.isArray(value) ? value.some((entry) => sameScalar(entry, expected)) : sameScalar(value, expected);
  if ('equals' in condition) return matches(condition.equals);
  if ('in' in condition) return condition.in.some(matches);
  const truthy = !isEmptyValue(value) && value !== false;
  return 'truthy' in condition ? truthy : !truthy;
}

export interface FieldState {
  visible: boolean;
  required: boolean;
}

/**
 * Visibility and required-ness of every field for the given values, in declaration order: a condition
 * only names earlier fields, so one pass suffices, and a hidden field reads as empty to later conditions.
 */
export function fieldStates(form: FormDefinition, values: FormValues): Map<string, FieldState> {
  const states = new Map<string, FieldState>();
  const readField = (fieldId: string): unknown =>
    states.get(fieldId)?.visible && Object.hasOwn(values, fieldId) ? values[fieldId] : undefined;
  for (const section of form.sections) {
    const sectionVisible = !section.showWhen || evaluateCondition(section.showWhen, readField);
    for (const field of section.fields) {
      const visible =
        sectionVisible &&
        (!field.showWhen || evaluateCondition(field.showWhen, readField)) &&
        !(field.hideWhen && evaluateCondition(field.hideWhen, readField));
      const required =
        visible &&
        (field.validation?.required === true ||
          (field.requireWhen ? evaluateCondition(field.requireWhen, readField) : false));
      states.set(field.id, { visible, required });
    }
  }
  return states;
}

// ---------------------------------------------------------------------------------------------------------
// Messages: plain words, three languages; the renderer shows FieldError.message beside the field.

export const formMessages = {
  required: { 'zh-Hans': '请填写此项', 'zh-Hant': '請填寫此項', en: 'Please fill this in' },
  requiredChoice: { 'zh-Hans': '请选择一项', 'zh-Hant': '請選擇一項', en: 'Please choose one' },
  mustBeChecked: {
    'zh-Hans': '请勾选此项后继续',
    'zh-Hant': '請勾選此項後繼續',
    en: 'Please tick this box to continue',
  },
  requiredFile: { 'zh-Hans': '请提供此材料', 'zh-Hant': '請提供此材料', en: 'Please provide this document' },
  wrongType: {
    'zh-Hans': '内容格式不对，请重新填写',
    'zh-Hant': '內容格式不對，請重新填寫',
    en: 'This is not in the right form; please fill it in again',
  },
  tooShort: {
    'zh-Hans': '至少要 {min} 个字',
    'zh-Hant': '至少要 {min} 個字',
    en: 'Use at least {min} characters',
  },
  tooLong: { 'zh-Hans': '最多 {max} 个字', 'zh-Hant': '最多 {max} 個字', en: 'Use at most {max} characters' },
  invalidCharacters: {
    'zh-Hans': '含有不能使用的符号，请删除',
    'zh-Hant': '含有不能使用的符號，請刪除',
    en: 'Contains symbols that cannot be used; please remove them',
  },
  notANumber: { 'zh-Hans': '请填写数字', 'zh-Hant': '請填寫數字', en: 'Please enter a number' },
  notAnInteger: { 'zh-Hans': '请填写整数', 'zh-Hant': '請填寫整數', en: 'Please enter a whole number' },
  tooSmall: { 'zh-Hans': '不能小于 {min}', 'zh-Hant': '不能小於 {min}', en: 'Must be {min} or more' },
  tooLarge: { 'zh-Hans': '不能大于 {max}', 'zh-Hant': '不能大於 {max}', en: 'Must be {max} or less' },
  invalidDate: {
    'zh-Hans': '日期不对，请重新选择',
    'zh-Hant': '日期不對，請重新選擇',
    en: 'This date is not valid; please choose again',
  },
  dateTooEarly: {
    'zh-Hans': '日期不能早于 {min}',
    'zh-Hant': '日期不能早於 {min}',
    en: 'The date cannot be before {min}',
  },
  dateTooLate: {
    'zh-Hans': '日期不能晚于 {max}',
    'zh-Hant': '日期不能晚於 {max}',
    en: 'The date cannot be after {max}',
  },
  notAnOption: {
    'zh-Hans': '请从列表中选择',
    'zh-Hant': '請從列表中選擇',
    en: 'Please choose from the list',
  },
  tooFewItems: {
    'zh-Hans': '至少选择 {min} 项',
    'zh-Hant': '至少選擇 {min} 項',
    en: 'Choose at least {min}',
  },
  tooManyItems: {
    'zh-Hans': '最多选择 {max} 项',
    'zh-Hant': '最多選擇 {max} 項',
    en: 'Choose at most {max}',
  },
  invalidPhone: {
    'zh-Hans': '电话号码不对，手机号是 11 位数字',
    'zh-Hant': '電話號碼不對，手機號是 11 位數字',
    en: 'This phone number is not right: a mobile number has 11 digits',
  },
  invalidEmail: {
    'zh-Hans': '电子邮箱格式不对',
    'zh-Hant': '電子郵箱格式不對',
    en: 'This e-mail address is not right',
  },
  idNumberFormat: {
    'zh-Hans': '身份证号码应为 18 位（最后一位可以是 X）',
    'zh-Hant': '身份證號碼應為 18 位（最後一位可以是 X）',
    en: 'An ID number has 18 characters (the last may be X)',
  },
  idNumberBirthDate: {
    'zh-Hans': '身份证号码中的出生日期不对，请核对',
    'zh-Hant': '身份證號碼中的出生日期不對，請核對',
    en: 'The birth date inside this ID number is not right; please check it',
  },
  idNumberCheck: {
    'zh-Hans': '身份证号码有误，请逐位核对',
    'zh-Hant': '身份證號碼有誤，請逐位核對',
    en: 'This ID number is not right; please check each digit',
  },
  creditCodeFormat: {
    'zh-Hans': '统一社会信用代码应为 18 位数字或大写字母',
    'zh-Hant': '統一社會信用代碼應為 18 位數字或大寫字母',
    en: 'A credit code has 18 digits or capital letters',
  },
  creditCodeCheck: {
    'zh-Hans': '统一社会信用代码有误，请逐位核对',
    'zh-Hant': '統一社會信用代碼有誤，請逐位核對',
    en: 'This credit code is not right; please check each character',
  },
  invalidFile: {
    'zh-Hans': '材料文件无效，请重新拍摄',
    'zh-Hant': '材料文件無效，請重新拍攝',
    en: 'This document file is not valid; please photograph it again',
  },
  unknownField: {
    'zh-Hans': '表单内容有误，请返回重试',
    'zh-Hant': '表單內容有誤，請返回重試',
    en: 'Something is wrong with this form; please go back and try again',
  },
} as const satisfies Record<string, LocalizedText>;
export type FormMessageKey = keyof typeof formMessages | 'pattern';

export interface FieldError {
  /** The field to show the message beside; null for a problem with the form as a whole. */
  fieldId: string | null;
  key: FormMessageKey;
  params: Record<string, string | number>;
  message: LocalizedText;
}

export function fieldErrorText(error: FieldError, language: Language): string {
  return error.message[language];
}

// ---------------------------------------------------------------------------------------------------------
// Checking one value.

export interface ValidationOptions {
  /** ISO date used for `today` bounds and ID-number birth dates; defaults to the local date now. */
  today?: string;
}

type ValueCheck =
  | { ok: true; value: FormValue | undefined }
  | { ok: false; key: FormMessageKey; params?: Record<string, string | number> };

const fail = (key: FormMessageKey, params?: Record<string, string | number>): ValueCheck => ({
  ok: false,
  key,
  params,
});

// C0/C1 controls and bidirectional overrides/isolates: text must show as typed, never re-ordered.
// Checked by code point because a regex of control characters is easy to misread.
function hasForbiddenCharacter(text: string, allowNewline: boolean): boolean {
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (allowNewline && code === 0x0a) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}
const defaultMaxLength = { text: 200, address: 200, textarea: 2000 } as const;

function localToday(): string {
  const now = new Date();
  const pad = (part: number): string => String(part).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function checkText(
  field: Extract<FormField, { type: 'text' | 'textarea' | 'address' }>,
  value: string,
): ValueCheck {
  if (hasForbiddenCharacter(value, field.type === 'textarea')) return fail('invalidCharacters');
  const length = [...value].length;
  const maxLength = field.validation?.maxLength ?? defaultMaxLength[field.type];
  if (length > maxLength) return fail('tooLong', { max: maxLength });
  const minLength = field.validation?.minLength;
  if (minLength !== undefined && length < minLength) return fail('tooShort', { min: minLength });
  const pattern = field.validation?.pattern;
  if (pattern && !new RegExp(`^(?:${pattern.regex})$`, 'u').test(value)) return fail('pattern');
  return { ok: true, value };
}

function checkPresentValue(field: FormField, raw: unknown, today: string): ValueCheck {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'address':
      if (typeof raw !== 'string') return fail('wrongType');
      return checkText(field, raw.trim());
    case 'number': {
      const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('notANumber');
      const rules = field.validation;
      if (rules?.integer && !Number.isInteger(value)) return fail('notAnInteger');
      if (rules?.min !== undefined && value < rules.min) return fail('tooSmall', { min: rules.min });
      if (rules?.max !== undefined && value > rules.max) return fail('tooLarge', { max: rules.max });
      return { ok: true, value };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isIsoDate(raw.trim())) return fail('invalidDate');
      const value = raw.trim();
      const bound = (date: string): string => (date === 'today' ? today : date);
      const minDate = field.validation?.minDate;
      const maxDate = field.validation?.maxDate;
      if (minDate && value < bound(minDate)) return fail('dateTooEarly', { min: bound(minDate) });
      if (maxDate && value > bound(maxDate)) return fail('dateTooLate', { max: bound(maxDate) });
      return { ok: true, value };
    }
    case 'choice':
      if (typeof raw !== 'string' || !field.options.some((option) => option.value === raw))
        return fail('notAnOption');
      return { ok: true, value: raw };
    case 'multiChoice': {
      if (
        !Array.isArray(raw) ||
        !raw.every((entry) => field.options.some((option) => option.value === entry))
      ) {
        return fail('notAnOption');
      }
      const chosen = [...new Set(raw as string[])];
      const rules = field.validation;
      if (rules?.minItems !== undefined && chosen.length < rules.minItems)
        return fail('tooFewItems', { min: rules.minItems });
      if (rules?.maxItems !== undefined && chosen.length > rules.maxItems)
        return fail('tooManyItems', { max: rules.maxItems });
      return { ok: true, value: chosen };
    }
    case 'phone': {
      if (typeof raw !== 'string') return fail('wrongType');
      const value = raw.replace(/[\s()]/g, '');
      return isPlausiblePhone(value) ? { ok: true, value } : fail('invalidPhone');
    }
    case 'email': {
      if (typeof raw !== 'string') return fail('wrongType');
      const value = raw.trim();
      return value.length <= 200 && /^[^\s@<>"]+@[^\s@<>"]+\.[A-Za-z]{2,}$/.test(value)
        ? { ok: true, value }
        : fail('invalidEmail');
    }
    case 'idNumber': {
      if (typeof raw !== 'string') return fail('wrongType');
      const value = raw.replace(/\s/g, '').toUpperCase();
      const problem = residentIdProblem(value, today);
      if (problem === null) return { ok: true, value };
      return fail(
        problem === 'checkCharacter'
          ? 'idNumberCheck'
          : problem === 'birthDate'
            ? 'idNumberBirthDate'
            : 'idNumberFormat',
      );
    }
    case 'creditCode': {
      if (typeof raw !== 'string') return fail('wrongType');
      const value = raw.replace(/\s/g, '').toUpperCase();
      const problem = creditCodeProblem(value);
      if (problem === null) return { ok: true, value };
      return fail(problem === 'checkCharacter' ? 'creditCodeCheck' : 'creditCodeFormat');
    }
    case 'checkbox':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : fail('wrongType');
    case 'file': {
      if (
        !Array.isArray(raw) ||
        !raw.every((entry) => typeof entry === 'string' && /^[0-9a-f]{64}$/.test(entry))
      ) {
        return fail('invalidFile');
      }
      const files = [...new Set(raw as string[])];
      const rules = field.validation;
      if (rules?.minItems !== undefined && files.length < rules.minItems)
        return fail('tooFewItems', { min: rules.minItems });
      if (rules?.maxItems !== undefined && files.length > rules.maxItems)
        return fail('tooManyItems', { max: rules.maxItems });
      return { ok: true, value: files };
    }
  }
}

function requiredKey(field: FormField): FormMessageKey {
  if (field.type === 'checkbox') return 'mustBeChecked';
  if (field.type === 'choice' || field.type === 'multiChoice' || field.type === 'date')
    return 'requiredChoice';
  if (field.type === 'file') return 'requiredFile';
  return 'required';
}

/** Checks and normalises one visible field's raw value (trimmed text, upper-case X, numbers from digits). */
export function checkFieldValue(
  field: FormField,
  raw: unknown,
  required: boolean,
  options: ValidationOptions = {},
): ValueCheck {
  const today = options.today ?? localToday();
  const empty = isEmptyValue(raw) || (field.type === 'checkbox' && raw === false && required);
  if (empty)
    return required
      ? fail(requiredKey(field))
      : { ok: true, value: field.type === 'checkbox' && raw === false ? false : undefined };
  return checkPresentValue(field, raw, today);
}

// ---------------------------------------------------------------------------------------------------------
// Checking a whole values object: one core, two faces (validateFormValues and the zod schema).

interface ValueProblem {
  fieldId: string | null;
  key: FormMessageKey;
  params: Record<string, string | number>;
}

/** Visible fields checked and normalised, hidden fields dropped, keys that are not fields reported. */
function checkValues(
  form: FormDefinition,
  input: FormValues,
  options: ValidationOptions,
): { values: Record<string, FormValue>; problems: ValueProblem[] } {
  const fields = formFields(form);
  const states = fieldStates(form, input);
  const today = options.today ?? localToday();
  const problems: ValueProblem[] = [];
  const values: Record<string, FormValue> = {};
  for (const field of fields) {
    const state = states.get(field.id)!;
    if (!state.visible) continue;
    const raw = Object.hasOwn(input, field.id) ? input[field.id] : undefined;
    const result = checkFieldValue(field, raw, state.required, { today });
    if (!result.ok) problems.push({ fieldId: field.id, key: result.key, params: result.params ?? {} });
    else if (result.value !== undefined) values[field.id] = result.value;
  }
  const fieldIds = new Set(fields.map((field) => field.id));
  if (Object.keys(input).some((key) => !fieldIds.has(key)))
    problems.push({ fieldId: null, key: 'unknownField', params: {} });
  return { values, problems };
}

function messageFor(form: FormDefinition, problem: ValueProblem): LocalizedText {
  if (problem.key === 'pattern') {
    const field = formFields(form).find((entry) => entry.id === problem.fieldId);
    const pattern =
      field && 'validation' in field && field.validation && 'pattern' in field.validation
        ? field.validation.pattern
        : undefined;
    return pattern ? pattern.message : formMessages.wrongType;
  }
  return formatLocalizedText(formMessages[problem.key], problem.params);
}

/**
 * A zod schema for a form's values. Visibility is computed from the values being parsed, so one schema
 * serves every state of the form; `values` may be passed (and is ignored) for callers that build a schema
 * per check. Visible fields are checked and normalised; hidden fields are accepted and dropped; keys that
 * are not fields of the form are rejected. Each issue's path is the field id (empty for the form), its
 * message a FormMessageKey and its params the message's placeholders: fieldErrorsFromIssues turns issues
 * into the words to show.
 */
export function buildValuesSchema(
  form: FormDefinition,
  _values?: FormValues,
  options: ValidationOptions = {},
): z.ZodType<Record<string, FormValue>> {
  return z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const { values, problems } = checkValues(form, input, options);
    for (const problem of problems) {
      ctx.addIssue({
        code: 'custom',
        message: problem.key,
        params: problem.params,
        path: problem.fieldId === null ? [] : [problem.fieldId],
      });
    }
    return problems.length === 0 ? values : z.NEVER;
  });
}

export function fieldErrorsFromIssues(
  form: FormDefinition,
  issues: readonly z.core.$ZodIssue[],
): FieldError[] {
  const fieldIds = new Set(formFields(form).map((field) => field.id));
  return issues.map((issue): FieldError => {
    const fieldId = typeof issue.path[0] === 'string' && fieldIds.has(issue.path[0]) ? issue.path[0] : null;
    const known =
      issue.code === 'custom' && (issue.message === 'pattern' || Object.hasOwn(formMessages, issue.message));
    const problem: ValueProblem = known
      ? {
          fieldId,
          key: issue.message as FormMessageKey,
          params: (issue.params ?? {}) as Record<string, string | number>,
        }
      : { fieldId, key: 'unknownField', params: {} };
    return { ...problem, message: messageFor(form, problem) };
  });
}

export type FormValidationResult =
  | { ok: true; values: Record<string, FormValue> }
  | { ok: false; errors: FieldError[] };

/** Validates a values object against a form: the one call host and renderer both make. */
export function validateFormValues(
  form: FormDefinition,
  values: unknown,
  options: ValidationOptions = {},
): FormValidationResult {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return {
      ok: false,
      errors: [{ fieldId: null, key: 'unknownField', params: {}, message: formMessages.unknownField }],
    };
  }
  const { values: checked, problems } = checkValues(form, values as FormValues, options);
  if (problems.length === 0) return { ok: true, values: checked };
  return {
    ok: false,
    errors: problems.map((problem) => ({ ...problem, message: messageFor(form, problem) })),
  };
}
