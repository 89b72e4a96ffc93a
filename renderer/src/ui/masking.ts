/**
 * What a screen in a public hall shows of a number someone behind the applicant could copy: an ID
 * number as 3505**********2819, a phone as 139****1234, a bank account with its last four digits. The
 * values themselves go to the host unchanged; only the drawing is masked.
 */
import { maskIdNumber } from '../../../kernel/id-checks';
import type { FormField, GroupColumn } from '../../../sync/protocol/forms';

function maskMiddle(text: string, keepStart: number, keepEnd: number): string {
  if (text.length <= keepStart + keepEnd) return '*'.repeat(text.length);
  return `${text.slice(0, keepStart)}${'*'.repeat(text.length - keepStart - keepEnd)}${text.slice(-keepEnd)}`;
}

export function maskedForScreen(field: FormField | GroupColumn, text: string): string {
  if (field.type === 'idNumber') return maskIdNumber(text);
  if (field.type === 'phone') return maskMiddle(text, 3, 4);
  if (('source' in field && field.source?.endsWith('accountNumber')) || /account/i.test(field.id))
    return maskMiddle(text, 0, 4);
  return text;
}
