/**
 * Check characters of the two national identifiers applicants type or read from cards.
 * Pure: shared by the kiosk host, the central server and the renderer.
 */

// GB 11643-1999 (ISO 7064 MOD 11-2): weights for the first 17 digits and the check character for R = 0..10.
const residentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const residentIdCheckCharacters = '10X98765432';

/** The 18th character for the first 17 digits of a citizen identity number, or null if they are not 17 digits. */
export function residentIdCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += Number(first17[index]) * residentIdWeights[index]!;
  }
  return residentIdCheckCharacters[sum % 11]!;
}

/** ISO date (YYYY-MM-DD) if `yyyymmdd` is a real calendar date, else null. */
export function isoDateFromCompact(yyyymmdd: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day)
  ) {
    return null;
  }
  return `${year}-${month}-${day}`;
}

/** The birth date (ISO) encoded in digits 7..14 of an 18-character identity number, or null. */
export function birthDateFromResidentId(idNumber: string): string | null {
  if (idNumber.length !== 18) return null;
  return isoDateFromCompact(idNumber.slice(6, 14));
}

/** The sex encoded by digit 17 (odd male, even female). */
export function sexFromResidentId(idNumber: string): 'male' | 'female' | null {
  const digit = idNumber[16];
  if (digit === undefined || !/\d/.test(digit)) return null;
  return Number(digit) % 2 === 1 ? 'male' : 'female';
}

export type ResidentIdProblem = 'format' | 'region' | 'birthDate' | 'checkCharacter';

/**
 * Checks a citizen identity number (GB 11643): 6-digit region, a real birth date not after `today`
 * and not before 1880, 3-digit sequence, and the MOD 11-2 check character (upper-case X only).
 * Hong Kong/Macao/Taiwan residence permits (81/82/83) and 2023 foreign permanent resident cards (9x)
 * use the same structure and pass too.
 */
export function residentIdProblem(idNumber: string, today?: string): ResidentIdProblem | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'format';
  if (!/^[1-9]/.test(idNumber)) return 'region';
  const birthDate = birthDateFromResidentId(idNumber);
  if (birthDate === null || birthDate < '1880-01-01' || (today !== undefined && birthDate > today)) {
    return 'birthDate';
  }
  if (residentIdCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return 'checkCharacter';
  return null;
}

export function isValidResidentId(idNumber: string, today?: string): boolean {
  return residentIdProblem(idNumber, today) === null;
}

export type ForeignPermanent2017Problem = 'format' | 'birthDate';

/**
 * Checks a 2017-layout foreign permanent residence card number (card type 'I'): 15 characters, the
 * holder's nationality as 3 Latin letters, a 4-digit accepting-office code, the birth date as YYMMDD and
 * a 2-digit sequence (e.g. USA350090010152, born 1990-01-01). The layout has no public check character,
 * so a wrong digit in the office code or sequence cannot be caught here; the birth date must be real and
 * not after `today` (the century is the latest one that keeps it so).
 */
export function foreignPermanent2017Problem(
  number: string,
  today?: string,
): ForeignPermanent2017Problem | null {
  const match = /^[A-Z]{3}\d{4}(\d{2})(\d{4})\d{2}$/.exec(number);
  if (!match) return 'format';
  const [, yy, mmdd] = match;
  const candidates = [`20${yy}${mmdd}`, `19${yy}${mmdd}`]
    .map((compact) => isoDateFromCompact(compact))
    .filter((date): date is string => date !== null && (today === undefined || date <= today));
  return candidates.length > 0 ? null : 'birthDate';
}

/** The birth date (ISO) a 2017 foreign permanent residence number encodes, or null. */
export function birthDateFromForeignPermanent2017(number: string, today?: string): string | null {
  if (foreignPermanent2017Problem(number, today) !== null) return null;
  const yy = number.slice(7, 9);
  const mmdd = number.slice(9, 13);
  const recent = isoDateFromCompact(`20${yy}${mmdd}`);
  if (recent !== null && (today === undefined || recent <= today)) return recent;
  return isoDateFromCompact(`19${yy}${mmdd}`);
}

/**
 * The 15th character of a 2017 foreign permanent residence number, from its first 14: the ICAO 9303
 * check digit (weights 7, 3, 1 repeating; A..Z count 10..35), as the card readers' vendor code computes
 * it when it derives a renewed holder's old number. Both published sample numbers (USA350090010152,
 * PAK310080010103) carry it. null if the 14 characters are not 3 letters and 11 digits.
 */
export function foreignPermanent2017CheckDigit(first14: string): string | null {
  if (!/^[A-Z]{3}\d{11}$/.test(first14)) return null;
  const weights = [7, 3, 1] as const;
  let sum = 0;
  for (let index = 0; index < 14; index += 1) {
    const character = first14[index]!;
    const value = /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 55;
    sum += value * weights[index % 3]!;
  }
  return String(sum % 10);
}

/**
 * The number a renewed 2023 foreign permanent residence card ('Y') replaced, from its link field (3
 * characters at text offset 250: the old number's 2-digit city code and 1-digit sequence): nationality
 * (alpha-3) + the new number's province digits (2..3) + city + the birth date YYMMDD (digits 9..14) +
 * sequence + check digit. A 2023 number is kept for life, so only a 2017 card is ever the previous one.
 * null when the card carries no link or the parts do not make a valid 2017 number (a misread is not
 * somebody else's record).
 */
export function previousForeignPermanentNumber(
  currentNumber: string,
  nationality: string,
  link: string,
): string | null {
  if (!/^9\d{16}[\dX]$/.test(currentNumber) || residentIdProblem(currentNumber) !== null) return null;
  if (!/^[A-Z]{3}$/.test(nationality) || !/^\d{3}$/.test(link)) return null;
  const first14 = `${nationality}${currentNumber.slice(1, 3)}${link.slice(0, 2)}${currentNumber.slice(8, 14)}${link[2]}`;
  const check = foreignPermanent2017CheckDigit(first14);
  if (check === null) return null;
  const previous = `${first14}${check}`;
  return foreignPermanent2017Problem(previous) === null ? previous : null;
}

export type IdentityNumberProblem = ResidentIdProblem;

/**
 * The numbers a person's identity card can carry, wherever a form asks for one: the GB 11643 18-character
 * number (resident cards, Hong Kong/Macao/Taiwan residence permits 81/82/83 and 2023 foreign permanent
 * residence cards 9x) and the 15-character 2017 foreign permanent residence number.
 */
export function identityNumberProblem(number: string, today?: string): IdentityNumberProblem | null {
  if (/^[A-Z]{3}\d{12}$/.test(number)) return foreignPermanent2017Problem(number, today);
  return residentIdProblem(number, today);
}

// GB 32100-2015 unified social credit code: 31 characters (no I, O, Z, S, V), weights 3^i mod 31.
const creditCodeCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The 18th character for the first 17 characters of a credit code, or null if they use other characters. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const value = creditCodeCharacters.indexOf(first17[index]!);
    if (value < 0) return null;
    sum += value * creditCodeWeights[index]!;
  }
  return creditCodeCharacters[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'format' | 'checkCharacter';

/**
 * Checks a unified social credit code (GB 32100): 18 characters of the code set, positions 3..8 an
 * administrative division code (digits), and the check character. The embedded organisation code's own
 * GB 11714 check is not enforced: some codes issued in the transition period do not satisfy it.
 */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'format';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'checkCharacter';
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Mainland mobile numbers (11 digits starting 13..19) or a landline with area code (0595-12345678). */
export function isPlausiblePhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}-?\d{7,8}$/.test(phone);
}

/** "1101**********002X": first 4 and last 4 characters kept (technician screens, logs of device tests). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
