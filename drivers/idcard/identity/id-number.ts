/** GB 11643-1999 (ISO 7064 MOD 11-2) weights for digits 1..17. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/** The check character for the first 17 digits, or null if they are not 17 digits. */
export function gb11643CheckCharacter(first17: string): string | null {
  if (!/^[0-9]{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * weights[i]!;
  return checkCharacters[sum % 11]!;
}

export type IdNumberCheck =
  /** 18-character numbers (resident card, HK/Macao/Taiwan permit, 2023 foreign PR card). */
  | { readonly scheme: 'gb11643'; readonly checkDigitValid: boolean; readonly birthDateMatches: boolean }
  /** The 2017 foreign PR card's 15-character number has no published check to apply. */
  | { readonly scheme: 'none' };

/** Check digit and the birth date in digits 7..14 against the card's birth field (YYYYMMDD). */
export function checkGb11643(idNumber: string, birthYyyymmdd: string): IdNumberCheck {
  const expected = idNumber.length === 18 ? gb11643CheckCharacter(idNumber.slice(0, 17)) : null;
  return {
    scheme: 'gb11643',
    checkDigitValid: expected !== null && idNumber[17]!.toUpperCase() === expected,
    birthDateMatches: idNumber.length === 18 && idNumber.slice(6, 14) === birthYyyymmdd,
  };
}

/** "1101**********002X": first 4 and last 4 characters kept. Drivers' own copy (drivers never import host/). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
