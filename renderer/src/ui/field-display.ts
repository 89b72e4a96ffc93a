/**
 * A form value as words on screen (choices by their label, yes/no, lists joined), with numbers someone
 * behind the applicant could copy masked: the review and the form's read-only card fields draw the same.
 */
import type { Language } from '../../../host/api/kiosk';
import type { FormField, FormValue, GroupColumn } from '../../../sync/protocol/forms';
import { maskedForScreen } from './masking';

export function displayValue(
  field: FormField | GroupColumn,
  value: FormValue,
  language: Language,
  yes: string,
  no: string,
): string {
  if (field.type === 'group' && Array.isArray(value))
    // One row a line's worth: "股东 1：陈某 3505**********2819 60 万元 60 %".
    return value
      .map((row, index) => {
        if (typeof row !== 'object') return String(row);
        const cells = field.fields
          .filter((column) => row[column.id] !== undefined && row[column.id] !== '')
          .map((column) => {
            const shown = displayValue(column, row[column.id]!, language, yes, no);
            return column.type === 'number' && column.unit ? `${shown} ${column.unit[language]}` : shown;
          });
        return `${field.rowLabel[language]} ${index + 1}：${cells.join(' ')}`;
      })
      .join('；');
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
