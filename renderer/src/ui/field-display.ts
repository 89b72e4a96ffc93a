/**
 * A form value as words on screen (choices by their label, yes/no, lists joined), with numbers someone
 * behind the applicant could copy masked: the review and the form's read-only card fields draw the same.
 */
import type { Language } from '../../../host/api/kiosk';
import type { FormField, FormValue } from '../../../sync/protocol/forms';
import { maskedForScreen } from './masking';

export function displayValue(
  field: FormField,
  value: FormValue,
  language: Language,
  yes: string,
  no: string,
): string {
  if (field.type === 'choice')
    return field.options.find((option) => option.value === value)?.label[language] ?? String(value);
  if (field.type === 'multiChoice' && Array.isArray(value))
    return value
      .map((entry) => field.options.find((option) => option.value === entry)?.label[language] ?? entry)
      .join('、');
  if (field.type === 'checkbox') return value === true ? yes : no;
  const text = Array.isArray(value) ? value.join('、') : String(value);
  return maskedForScreen(field, text);
}
