import { residentIdCheckCharacter } from '../../../kernel/id-checks';

export { maskIdNumber } from '../../../kernel/id-checks';

export type IdNumberCheck =
  /** 18-character numbers (resident card, HK/Macao/Taiwan permit, 2023 foreign PR card). */
  | { readonly scheme: 'gb11643'; readonly checkDigitValid: boolean; readonly birthDateMatches: boolean }
  /** The 2017 foreign PR card's 15-character number has no published check to apply. */
  | { readonly scheme: 'none' };

/** Check digit and the birth date in digits 7..14 against the card's birth field (YYYYMMDD). */
export function checkGb11643(idNumber: string, birthYyyymmdd: string): IdNumberCheck {
  const expected = idNumber.length === 18 ? residentIdCheckCharacter(idNumber.slice(0, 17)) : null;
  return {
    scheme: 'gb11643',
    checkDigitValid: expected !== null && idNumber[17]!.toUpperCase() === expected,
    birthDateMatches: idNumber.length === 18 && idNumber.slice(6, 14) === birthYyyymmdd,
  };
}
