/** Which keys a field needs. */
export type KeyboardKind = 'chinese' | 'latin' | 'digits' | 'number' | 'date' | 'idNumber' | 'phone';

export interface KeyboardTarget {
  id: string;
  label: string;
  kind: KeyboardKind;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
}
