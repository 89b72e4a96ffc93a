/** Which keys a field needs. */
export type KeyboardKind =
  | 'chinese'
  | 'latin'
  | 'digits'
  | 'number'
  | 'date'
  | 'idNumber'
  | 'phone'
  /** Digits and dashes on the keypad, letters on the letter keys (20261127-K001-499A3F). */
  | 'caseNumber';

export interface KeyboardTarget {
  id: string;
  label: string;
  kind: KeyboardKind;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
}
