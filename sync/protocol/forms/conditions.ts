/** Which fields a form shows and requires for the values given so far. */
import {
  type CardIdentity,
  type Condition,
  type ConditionScalar,
  type FormDefinition,
  type FormField,
  parseSource,
} from './form-definition';

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
 * A field bound to a card value the holder's card does not carry (a foreign permanent resident has no
 * 户籍 address, a resident no nationality) does not apply to this applicant: it is neither shown nor asked.
 */
export function absentFromCard(field: FormField, card: CardIdentity | null | undefined): boolean {
  if (!card || field.source === undefined) return false;
  const source = parseSource(field.source);
  return source?.kind === 'card' && isEmptyValue(card[source.field]);
}

/**
 * Visibility and required-ness of every field for the given values, in declaration order: a condition
 * only names earlier fields, so one pass suffices, and a hidden field reads as empty to later conditions.
 * With the session's card, card-bound fields the card has no value for are hidden.
 */
export function fieldStates(
  form: FormDefinition,
  values: FormValues,
  card?: CardIdentity | null,
): Map<string, FieldState> {
  const states = new Map<string, FieldState>();
  const readField = (fieldId: string): unknown =>
    states.get(fieldId)?.visible && Object.hasOwn(values, fieldId) ? values[fieldId] : undefined;
  for (const section of form.sections) {
    const sectionVisible = !section.showWhen || evaluateCondition(section.showWhen, readField);
    for (const field of section.fields) {
      const visible =
        sectionVisible &&
        !absentFromCard(field, card) &&
        (!field.showWhen || evaluateCondition(field.showWhen, readField)) &&
        !(field.hideWhen && evaluateCondition(field.hideWhen, readField));
      const required =
        visible &&
        (field.validation?.required === true ||
          // A group that needs rows (shareholders: at least one) is asked for like a required field.
          (field.type === 'group' && field.repeat.min > 0) ||
          (field.requireWhen ? evaluateCondition(field.requireWhen, readField) : false));
      states.set(field.id, { visible, required });
    }
  }
  return states;
}
