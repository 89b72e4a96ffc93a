import { z } from 'zod';
import { ageOn } from '../../../kernel/age';
import { defaultHallTimeZone, hallDateOf } from '../../../kernel/hall-time';
import { creditCodeProblem, identityNumberProblem, isPlausiblePhone } from '../../../kernel/id-checks';
import { formatLocalizedText, type LocalizedText } from '../localized-text';
import type { FormValue, GroupRow } from '../profile';
import { type FormValues, fieldStates, isEmptyValue } from './conditions';
import {
  type CardIdentity,
  type ComputedSpec,
  type FormDefinition,
  type FormField,
  formFields,
  type GroupColumn,
  parseSource,
} from './form-definition';
import { type FieldError, type FormMessageKey, formMessages } from './form-messages';

/** Checking values against a form: pure, so the host validates a submission with exactly the code the renderer shows errors with. */

// ---------------------------------------------------------------------------------------------------------
// Checking one value.

export interface ValidationOptions {
  /** ISO date used for `today` bounds and ID-number birth dates; defaults to the hall's date now (kernel/hall-time). */
  today?: string;
  /**
   * The card that opened the session. Card-bound fields must then carry exactly the card's values (the
   * screen shows them read-only; a host that took the screen's word would let anyone forge a name), and
   * those the card has no value for are not asked.
   */
  card?: CardIdentity | null;
  /**
   * What auto-fill gave the form's read-only fields (`readOnly: true`) for this applicant. Such a field
   * must then keep exactly that value (the screen shows it as text); a read-only field auto-fill left
   * empty is the applicant's to give. The host passes its own auto-fill, never the screen's.
   */
  fixedValues?: Readonly<Record<string, FormValue>>;
}

/** Where in a group a problem is: the row (1-based, as the screen numbers them) and the column id. */
export interface RowPlace {
  row: number;
  column?: string;
}

type ValueCheck =
  | { ok: true; value: FormValue | undefined }
  | { ok: false; key: FormMessageKey; params?: Record<string, string | number>; at?: RowPlace };

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

/** The hall's day when the caller gives none (the kernel's one definition of "today"). */
function hallToday(): string {
  return hallDateOf(Date.now(), defaultHallTimeZone);
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

interface GroupCheck {
  rows: GroupRow[];
  problems: { key: FormMessageKey; params: Record<string, string | number>; at: RowPlace }[];
}

/** Every row and cell of a group, each cell checked as the simple field its column is. */
function checkGroupRows(
  field: Extract<FormField, { type: 'group' }>,
  raw: unknown[],
  today: string,
): GroupCheck {
  const rows: GroupRow[] = [];
  const problems: GroupCheck['problems'] = [];
  const columnIds = new Set(field.fields.map((column) => column.id));
  raw.forEach((entry, index) => {
    const row = index + 1;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ key: 'wrongType', params: {}, at: { row } });
      return;
    }
    const cells = entry as Record<string, unknown>;
    if (Object.keys(cells).some((key) => !columnIds.has(key)))
      problems.push({ key: 'unknownField', params: {}, at: { row } });
    const normalised: GroupRow = {};
    for (const column of field.fields) {
      const cell = Object.hasOwn(cells, column.id) ? cells[column.id] : undefined;
      const checked = checkFieldValue(column, cell, column.validation?.required === true, { today });
      if (!checked.ok)
        problems.push({ key: checked.key, params: checked.params ?? {}, at: { row, column: column.id } });
      else if (checked.value !== undefined) normalised[column.id] = checked.value as GroupRow[string];
    }
    rows.push(normalised);
  });
  return { rows, problems };
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
      const problem = identityNumberProblem(value, today);
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
    case 'group': {
      if (!Array.isArray(raw)) return fail('wrongType');
      if (raw.length > field.repeat.max) return fail('tooManyRows', { max: field.repeat.max });
      if (raw.length < field.repeat.min) return fail('tooFewRows', { min: field.repeat.min });
      const checked = checkGroupRows(field, raw, today);
      const first = checked.problems[0];
      return first ? { ok: false, ...first } : { ok: true, value: checked.rows };
    }
  }
}

function requiredKey(field: FormField): FormMessageKey {
  if (field.type === 'checkbox') return 'mustBeChecked';
  if (field.type === 'choice' || field.type === 'multiChoice' || field.type === 'date')
    return 'requiredChoice';
  if (field.type === 'file') return 'requiredFile';
  if (field.type === 'group') return 'tooFewRows';
  return 'required';
}

/** Checks and normalises one visible field's raw value (trimmed text, upper-case X, numbers from digits). */
export function checkFieldValue(
  field: FormField | GroupColumn,
  raw: unknown,
  required: boolean,
  options: ValidationOptions = {},
): ValueCheck {
  const today = options.today ?? hallToday();
  const empty = isEmptyValue(raw) || (field.type === 'checkbox' && raw === false && required);
  // A shown group asks for at least its minimum of rows (one, when it is required).
  const minRows = field.type === 'group' ? Math.max(field.repeat.min, required ? 1 : 0) : 0;
  if (empty && minRows > 0) return fail('tooFewRows', { min: minRows });
  if (empty)
    return required
      ? fail(requiredKey(field as FormField))
      : { ok: true, value: field.type === 'checkbox' && raw === false ? false : undefined };
  return checkPresentValue(field as FormField, raw, today);
}

// ---------------------------------------------------------------------------------------------------------
// Computed fields.

/** Sums without binary noise: 33.33 + 33.33 + 33.34 is 100, not 100.00000000000001. */
function cleanSum(numbers: readonly number[]): number {
  return Math.round(numbers.reduce((total, entry) => total + entry, 0) * 1e6) / 1e6;
}

/** A computed field's value from the (checked, visible) values before it; undefined while it cannot be known. */
export function computeValue(
  spec: ComputedSpec,
  values: Readonly<Record<string, FormValue>>,
  today: string,
): number | undefined {
  if (spec.kind === 'age') {
    const from = values[spec.from];
    return typeof from === 'string' && isIsoDate(from) && from <= today ? ageOn(from, today) : undefined;
  }
  if ('group' in spec) {
    const rows = values[spec.group];
    if (!Array.isArray(rows) || rows.length === 0) return undefined;
    const cells = rows.map((row) => (typeof row === 'object' ? row[spec.column] : undefined));
    return cells.every((cell) => typeof cell === 'number') ? cleanSum(cells as number[]) : undefined;
  }
  const parts = spec.fields.map((id) => values[id]).filter((part) => typeof part === 'number');
  return parts.length === 0 ? undefined : cleanSum(parts as number[]);
}

function computedSpecOf(field: FormField): ComputedSpec | undefined {
  return field.type === 'number' ? field.computed : undefined;
}

export function isComputedField(field: FormField): boolean {
  return computedSpecOf(field) !== undefined;
}

/**
 * The values with every computed field set from the fields it follows (or removed while it cannot be
 * known). Whatever was given for a computed field is discarded first: the screen shows this, and the
 * host checks this, so a submitted total or age is never taken on trust.
 */
export function withComputedValues(
  form: FormDefinition,
  input: FormValues,
  options: ValidationOptions = {},
): Record<string, unknown> {
  const today = options.today ?? hallToday();
  const fields = formFields(form);
  const result: Record<string, unknown> = { ...input };
  for (const field of fields) if (isComputedField(field)) delete result[field.id];
  const states = fieldStates(form, result, options.card);
  const checked: Record<string, FormValue> = {};
  for (const field of fields) {
    if (!states.get(field.id)?.visible) continue;
    const spec = computedSpecOf(field);
    if (spec) {
      const value = computeValue(spec, checked, today);
      if (value !== undefined) {
        checked[field.id] = value;
        result[field.id] = value;
      }
      continue;
    }
    const raw = Object.hasOwn(result, field.id) ? result[field.id] : undefined;
    if (field.type === 'group' && Array.isArray(raw)) {
      // Cell by cell, so a total shows while other cells of the rows are still being filled.
      checked[field.id] = raw.map((row) => {
        const cells: GroupRow = {};
        for (const column of field.fields) {
          const cell = checkFieldValue(column, (row as Record<string, unknown> | null)?.[column.id], false, {
            today,
          });
          if (cell.ok && cell.value !== undefined) cells[column.id] = cell.value as GroupRow[string];
        }
        return cells;
      });
      continue;
    }
    const value = checkFieldValue(field, raw, false, { today });
    if (value.ok && value.value !== undefined) checked[field.id] = value.value;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Checking a whole values object: one core, two faces (validateFormValues and the zod schema).

interface ValueProblem {
  fieldId: string | null;
  key: FormMessageKey;
  params: Record<string, string | number>;
  /** For a group: the row (1-based) and column the problem is in. */
  at?: RowPlace;
}

/**
 * A card-bound field's value is the card's own, normalised the same way. Other fields, and card values
 * the field cannot take (a sex the card leaves unstated), are the applicant's to give.
 */
function matchesCard(
  field: FormField,
  value: FormValue | undefined,
  card: CardIdentity,
  today: string,
): boolean {
  const source = field.source === undefined ? null : parseSource(field.source);
  if (source?.kind !== 'card') return true;
  const fromCard = checkFieldValue(field, card[source.field], false, { today });
  if (!fromCard.ok || fromCard.value === undefined) return true;
  return JSON.stringify(value ?? null) === JSON.stringify(fromCard.value);
}

/** A read-only field auto-fill gave a value keeps it; anything else is free. */
function keepsFixedValue(
  field: FormField,
  value: FormValue | undefined,
  fixedValues: Readonly<Record<string, FormValue>> | undefined,
): boolean {
  if (field.readOnly !== true || !fixedValues || !Object.hasOwn(fixedValues, field.id)) return true;
  return JSON.stringify(value ?? null) === JSON.stringify(fixedValues[field.id]);
}

/**
 * The form's cross-field rules over the checked values. A rule whose fields are hidden, empty or already
 * wrong is not judged: the applicant fixes the field first, then sees the rule.
 */
function ruleProblems(
  form: FormDefinition,
  values: Readonly<Record<string, FormValue>>,
  alreadyWrong: ReadonlySet<string | null>,
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  (form.rules ?? []).forEach((rule, index) => {
    if (rule.kind === 'dateAfter') {
      const [late, early] = [values[rule.field], values[rule.after]];
      if (typeof late !== 'string' || typeof early !== 'string') return;
      if (alreadyWrong.has(rule.field) || alreadyWrong.has(rule.after)) return;
      if (late > early || (rule.orSame === true && late === early)) return;
      problems.push({ fieldId: rule.field, key: 'rule', params: { rule: index } });
      return;
    }
    const rows = values[rule.group];
    if (!Array.isArray(rows) || rows.length === 0 || alreadyWrong.has(rule.group)) return;
    const cells = rows.map((row) => (typeof row === 'object' ? row[rule.column] : undefined));
    if (!cells.every((cell) => typeof cell === 'number')) return;
    if (cleanSum(cells as number[]) === cleanSum([rule.total])) return;
    problems.push({ fieldId: rule.field ?? rule.group, key: 'rule', params: { rule: index } });
  });
  return problems;
}

/** Visible fields checked and normalised, hidden fields dropped, keys that are not fields reported. */
function checkValues(
  form: FormDefinition,
  given: FormValues,
  options: ValidationOptions,
): { values: Record<string, FormValue>; problems: ValueProblem[] } {
  const fields = formFields(form);
  const today = options.today ?? hallToday();
  // Computed fields are the form's own arithmetic, never the sender's.
  const input = withComputedValues(form, given, { ...options, today });
  const states = fieldStates(form, input, options.card);
  const problems: ValueProblem[] = [];
  const values: Record<string, FormValue> = {};
  for (const field of fields) {
    const state = states.get(field.id)!;
    if (!state.visible) continue;
    const raw = Object.hasOwn(input, field.id) ? input[field.id] : undefined;
    const result = checkFieldValue(field, raw, state.required, { today });
    if (!result.ok && result.at && field.type === 'group' && Array.isArray(raw)) {
      // Every row's every problem, so the screen can mark each cell at once.
      for (const problem of checkGroupRows(field, raw, today).problems)
        problems.push({ fieldId: field.id, ...problem });
    } else if (!result.ok) problems.push({ fieldId: field.id, key: result.key, params: result.params ?? {} });
    else if (options.card && !matchesCard(field, result.value, options.card, today))
      problems.push({ fieldId: field.id, key: 'cardMismatch', params: {} });
    else if (!keepsFixedValue(field, result.value, options.fixedValues))
      problems.push({ fieldId: field.id, key: 'readOnlyMismatch', params: {} });
    else if (result.value !== undefined) values[field.id] = result.value;
  }
  problems.push(...ruleProblems(form, values, new Set(problems.map((problem) => problem.fieldId))));
  const fieldIds = new Set(fields.map((field) => field.id));
  if (Object.keys(input).some((key) => !fieldIds.has(key)))
    problems.push({ fieldId: null, key: 'unknownField', params: {} });
  return { values, problems };
}

function patternMessage(field: FormField | GroupColumn | undefined): LocalizedText {
  const pattern =
    field && 'validation' in field && field.validation && 'pattern' in field.validation
      ? field.validation.pattern
      : undefined;
  return pattern ? pattern.message : formMessages.wrongType;
}

function messageFor(form: FormDefinition, problem: ValueProblem): LocalizedText {
  const field = formFields(form).find((entry) => entry.id === problem.fieldId);
  const plain = plainMessageFor(form, field, problem);
  // A bundle's shared field: the item whose check this is, so the applicant knows who asks for it.
  const askedKey =
    problem.key === 'requiredChoice' || problem.key === 'requiredFile' || problem.key === 'mustBeChecked'
      ? 'required'
      : problem.key === 'readOnlyMismatch'
        ? 'readOnly'
        : problem.key;
  const item = field?.askedBy?.[askedKey as keyof NonNullable<FormField['askedBy']>];
  if (!item || problem.at) return plain;
  const compose = (language: keyof LocalizedText): string =>
    formatLocalizedText(formMessages.askedBy, { problem: plain[language], item: item[language] })[language];
  return { 'zh-Hans': compose('zh-Hans'), 'zh-Hant': compose('zh-Hant'), en: compose('en') };
}

function plainMessageFor(
  form: FormDefinition,
  field: FormField | undefined,
  problem: ValueProblem,
): LocalizedText {
  if (problem.at && field?.type === 'group') {
    // "股东 2（身份证号码）：身份证号码有误" — which row, which column, what is wrong.
    const column = field.fields.find((entry) => entry.id === problem.at?.column);
    const inner =
      problem.key === 'pattern' || problem.key === 'rule'
        ? patternMessage(column)
        : formatLocalizedText(formMessages[problem.key], problem.params);
    const template = column ? formMessages.rowCellProblem : formMessages.rowProblem;
    const compose = (language: keyof LocalizedText): string =>
      formatLocalizedText(template, {
        item: field.rowLabel[language],
        row: problem.at?.row ?? 0,
        column: column?.label[language] ?? '',
        problem: inner[language],
      })[language];
    return { 'zh-Hans': compose('zh-Hans'), 'zh-Hant': compose('zh-Hant'), en: compose('en') };
  }
  if (problem.key === 'pattern') return patternMessage(field);
  if (problem.key === 'rule')
    return form.rules?.[Number(problem.params.rule)]?.message ?? formMessages.wrongType;
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
        path:
          problem.fieldId === null
            ? []
            : problem.at
              ? [problem.fieldId, problem.at.row - 1, ...(problem.at.column ? [problem.at.column] : [])]
              : [problem.fieldId],
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
      issue.code === 'custom' &&
      (issue.message === 'pattern' || issue.message === 'rule' || Object.hasOwn(formMessages, issue.message));
    const [, rowIndex, column] = issue.path;
    const at: RowPlace | undefined =
      typeof rowIndex === 'number'
        ? { row: rowIndex + 1, ...(typeof column === 'string' ? { column } : {}) }
        : undefined;
    const problem: ValueProblem = known
      ? {
          fieldId,
          key: issue.message as FormMessageKey,
          params: (issue.params ?? {}) as Record<string, string | number>,
          ...(at ? { at } : {}),
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
