import { err, ok, type Result } from './result';

/**
 * Case numbers a person can type on a digit keypad, issued by the kiosk offline.
 *
 *     YYMMDD KKKK RRRRR C      16 digits, shown in groups of four: 2612 0700 0148 3927
 *
 * - YYMMDD: the service day in the hall's time zone;
 * - KKKK:   the kiosk's number, assigned by the central system at enrolment (kiosk code K001 -> 0001);
 *           the central system files a case only from the kiosk whose number it carries (fail closed);
 * - RRRRR:  random, re-drawn by the kiosk until it is unused in its own store that day (unique per
 *           kiosk and day, and not guessable from a neighbour's receipt);
 * - C:      a Damm check digit over the fifteen digits before it. Damm's quasigroup detects every
 *           single-digit error and every adjacent transposition, so a mistyped number is refused before
 *           any query is made.
 *
 * Numbers printed before this scheme ("20261130-K001-E5D38B", letters, digits and dashes) stay valid
 * for lookup and delivery: see isLegacyCaseNumber.
 */

export const caseNumberDigits = 16;
const kioskNumberDigits = 4;
const randomDigits = 5;
/** The highest kiosk number that fits in the case number. */
export const maxKioskNumber = 10 ** kioskNumberDigits - 1;

/** Damm's table: a totally anti-symmetric quasigroup of order 10 (Damm 2004). */
const dammTable: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of digits. */
export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const char of digits) {
    const digit = char.charCodeAt(0) - 48;
    if (digit < 0 || digit > 9) throw new Error('dammCheckDigit: digits only');
    interim = dammTable[interim]![digit]!;
  }
  return interim;
}

/** True when the last digit is the Damm check digit of the others. */
export function dammValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && dammCheckDigit(digits) === 0;
}

const legacyPattern = /^[A-Z0-9-]{6,40}$/;
const currentPattern = /^\d{16}$/;

/** A number in the old letters-and-dashes format (still found, still delivered). */
export function isLegacyCaseNumber(text: string): boolean {
  return legacyPattern.test(text) && !currentPattern.test(text) && /[A-Z-]/.test(text);
}

/** A sixteen-digit number whose check digit holds. */
export function isCurrentCaseNumber(text: string): boolean {
  return currentPattern.test(text) && dammValid(text);
}

/** What the schema accepts: a current number with a good check digit, or a legacy one. */
export function isAcceptedCaseNumber(text: string): boolean {
  return isCurrentCaseNumber(text) || isLegacyCaseNumber(text);
}

/**
 * The kiosk's number from its code: the central system issues codes as K + a counter of at least
 * three digits (K001, K042, K1234). Anything else has no number (null): such a kiosk issues no current
 * case numbers and the central system files none under it.
 */
export function kioskNumberOf(kioskCode: string): number | null {
  const match = /^K(\d{3,})$/.exec(kioskCode);
  if (!match) return null;
  const number = Number(match[1]);
  // Only the canonical spelling: K0001 is not K001's alias.
  if (`K${String(number).padStart(3, '0')}` !== kioskCode) return null;
  return number >= 1 && number <= maxKioskNumber ? number : null;
}

export interface CaseNumberParts {
  /** YYYY-MM-DD. */
  serviceDate: string;
  kioskNumber: number;
}

/** The day and kiosk a current number names; null for a legacy or invalid one. */
export function caseNumberParts(caseNumber: string): CaseNumberParts | null {
  if (!isCurrentCaseNumber(caseNumber)) return null;
  const yy = caseNumber.slice(0, 2);
  const mm = caseNumber.slice(2, 4);
  const dd = caseNumber.slice(4, 6);
  return {
    serviceDate: `20${yy}-${mm}-${dd}`,
    kioskNumber: Number(caseNumber.slice(6, 6 + kioskNumberDigits)),
  };
}

/**
 * Which kiosk filed a case, for the central system's check: the kiosk number of a current number, or the
 * kiosk code part of a legacy one ([<date>-]<kiosk code>-<random>). Null when it names none (refuse).
 */
export function kioskNamedBy(caseNumber: string): { kioskNumber: number } | { kioskCode: string } | null {
  const parts = caseNumberParts(caseNumber);
  if (parts) return { kioskNumber: parts.kioskNumber };
  if (!isLegacyCaseNumber(caseNumber)) return null;
  const code = caseNumber.split('-').find((part) => !/^\d+$/.test(part));
  return code ? { kioskCode: code } : null;
}

/** True when the case number was issued by the kiosk with this code. Fail closed. */
export function caseNumberIsFromKiosk(caseNumber: string, kioskCode: string | null): boolean {
  if (kioskCode === null) return false;
  const named = kioskNamedBy(caseNumber);
  if (named === null) return false;
  if ('kioskCode' in named) return named.kioskCode === kioskCode;
  const own = kioskNumberOf(kioskCode);
  return own !== null && own === named.kioskNumber;
}

/**
 * A new current case number. `random` returns an integer in [0, bound); the kiosk passes a
 * crypto-backed source, tests a seeded one.
 */
export function issueCaseNumber(
  serviceDate: string,
  kioskCode: string,
  random: (bound: number) => number,
): Result<string, 'no_kiosk_number' | 'bad_date'> {
  const kioskNumber = kioskNumberOf(kioskCode);
  if (kioskNumber === null) return err('no_kiosk_number', `Kiosk code ${kioskCode} carries no kiosk number.`);
  const date = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(serviceDate);
  if (!date) return err('bad_date', `Service date ${serviceDate} is not YYYY-MM-DD.`);
  const body = `${date[1]}${date[2]}${date[3]}${String(kioskNumber).padStart(kioskNumberDigits, '0')}${String(
    random(10 ** randomDigits),
  ).padStart(randomDigits, '0')}`;
  return ok(`${body}${dammCheckDigit(body)}`);
}

export type CaseNumberEntry =
  | { kind: 'current'; caseNumber: string }
  | { kind: 'legacy'; caseNumber: string }
  | { kind: 'incomplete'; digits: number }
  | { kind: 'check_digit' }
  | { kind: 'malformed' };

/**
 * What a person typed or scanned, read as a case number: spaces and dashes between digit groups are
 * ignored; sixteen digits must pass the check digit; letters mean a legacy number.
 */
export function readCaseNumber(typed: string): CaseNumberEntry {
  const trimmed = typed.trim().toUpperCase();
  const digitsOnly = trimmed.replace(/[\s-]/g, '');
  if (/^\d*$/.test(digitsOnly)) {
    if (digitsOnly.length < caseNumberDigits)
      // A legacy number may be all digits and dashes; an unbroken short run is simply unfinished.
      return isLegacyCaseNumber(trimmed) && trimmed.includes('-')
        ? { kind: 'legacy', caseNumber: trimmed }
        : { kind: 'incomplete', digits: digitsOnly.length };
    if (digitsOnly.length > caseNumberDigits) return { kind: 'malformed' };
    return dammValid(digitsOnly) ? { kind: 'current', caseNumber: digitsOnly } : { kind: 'check_digit' };
  }
  return isLegacyCaseNumber(trimmed) ? { kind: 'legacy', caseNumber: trimmed } : { kind: 'malformed' };
}

/** A current number in groups of four for reading and copying (legacy numbers unchanged). */
export function formatCaseNumber(caseNumber: string): string {
  if (!currentPattern.test(caseNumber)) return caseNumber;
  return caseNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Digits typed so far, grouped in fours as they are printed (at most sixteen digits kept). */
export function groupTypedCaseNumber(typed: string): string {
  return typed
    .replace(/\D/g, '')
    .slice(0, caseNumberDigits)
    .replace(/(\d{4})(?=\d)/g, '$1 ');
}
