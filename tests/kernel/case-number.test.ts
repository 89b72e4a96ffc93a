/**
 * Issue 15, defect 10: case numbers typed on a digit keypad. Digits only, a Damm check digit that
 * catches every single-digit slip and every swap of neighbours, the kiosk named by its number, and the
 * earlier letters-and-dashes numbers still accepted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseNumberIsFromKiosk,
  caseNumberParts,
  dammCheckDigit,
  dammValid,
  formatCaseNumber,
  groupTypedCaseNumber,
  isAcceptedCaseNumber,
  issueCaseNumber,
  kioskNumberOf,
  readCaseNumber,
} from '../../kernel/case-number';
import { caseNumberSchema } from '../../sync/protocol/central-common';

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

function withCheck(body: string): string {
  return `${body}${dammCheckDigit(body)}`;
}

describe('the Damm check digit', () => {
  it('matches the published example (572 -> 4)', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammValid('5724')).toBe(true);
    expect(dammValid('5727')).toBe(false);
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(digitString(2, 20), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
        const number = withCheck(body);
        const index = at % number.length;
        const wrong = (Number(number[index]) + shift) % 10;
        const typed = `${number.slice(0, index)}${wrong}${number.slice(index + 1)}`;
        expect(dammValid(typed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects every transposition of two different neighbouring digits', () => {
    fc.assert(
      fc.property(digitString(2, 20), fc.nat(), (body, at) => {
        const number = withCheck(body);
        const index = at % (number.length - 1);
        fc.pre(number[index] !== number[index + 1]);
        const typed = `${number.slice(0, index)}${number[index + 1]}${number[index]}${number.slice(index + 2)}`;
        expect(dammValid(typed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('case numbers', () => {
  const seeded = (value: number) => (bound: number) => value % bound;

  it('are sixteen digits: day, kiosk number, random, check digit', () => {
    const issued = issueCaseNumber('2026-12-07', 'K001', seeded(48392));
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    expect(issued.value).toMatch(/^261207000148392\d$/);
    expect(issued.value).toHaveLength(16);
    expect(caseNumberParts(issued.value)).toEqual({ serviceDate: '2026-12-07', kioskNumber: 1 });
    expect(formatCaseNumber(issued.value)).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(caseNumberSchema.safeParse(issued.value).success).toBe(true);
  });

  it('every issued number passes its own check and names its kiosk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.nat(99_999), (kiosk, random) => {
        const code = `K${String(kiosk).padStart(3, '0')}`;
        const issued = issueCaseNumber('2027-01-31', code, seeded(random));
        expect(issued.ok).toBe(true);
        if (!issued.ok) return;
        expect(readCaseNumber(formatCaseNumber(issued.value))).toEqual({
          kind: 'current',
          caseNumber: issued.value,
        });
        expect(caseNumberIsFromKiosk(issued.value, code)).toBe(true);
        const other = `K${String((kiosk % 9999) + 1).padStart(3, '0')}`;
        expect(caseNumberIsFromKiosk(issued.value, other)).toBe(false);
      }),
    );
  });

  it('kiosk numbers come only from canonical codes; others issue nothing and file nothing', () => {
    expect(kioskNumberOf('K001')).toBe(1);
    expect(kioskNumberOf('K1234')).toBe(1234);
    expect(kioskNumberOf('K0001')).toBeNull();
    expect(kioskNumberOf('K000')).toBeNull();
    expect(kioskNumberOf('EAST1')).toBeNull();
    expect(kioskNumberOf('K10000')).toBeNull();
    expect(issueCaseNumber('2026-12-07', 'EAST1', seeded(1)).ok).toBe(false);
    const issued = issueCaseNumber('2026-12-07', 'K001', seeded(7));
    if (!issued.ok) throw new Error('not issued');
    expect(caseNumberIsFromKiosk(issued.value, null)).toBe(false);
    expect(caseNumberIsFromKiosk(issued.value, 'K0001')).toBe(false);
    expect(caseNumberIsFromKiosk(issued.value, 'EAST1')).toBe(false);
  });

  it('legacy numbers are still accepted, and name their kiosk by code', () => {
    for (const legacy of ['20261130-K001-E5D38B', 'K001-CASE-1', 'K002-PUBLIC-1']) {
      expect(isAcceptedCaseNumber(legacy)).toBe(true);
      expect(caseNumberSchema.safeParse(legacy).success).toBe(true);
      expect(readCaseNumber(legacy.toLowerCase())).toEqual({ kind: 'legacy', caseNumber: legacy });
    }
    expect(caseNumberIsFromKiosk('20261130-K001-E5D38B', 'K001')).toBe(true);
    expect(caseNumberIsFromKiosk('20261130-K001-E5D38B', 'K002')).toBe(false);
    expect(caseNumberIsFromKiosk('20261130-00000-1', 'K001')).toBe(false);
  });

  it('a sixteen-digit number with a bad check digit is refused by the schema and by the reader', () => {
    const issued = issueCaseNumber('2026-12-07', 'K001', seeded(12345));
    if (!issued.ok) throw new Error('not issued');
    const last = Number(issued.value.at(-1));
    const slip = `${issued.value.slice(0, 15)}${(last + 1) % 10}`;
    expect(caseNumberSchema.safeParse(slip).success).toBe(false);
    expect(readCaseNumber(slip)).toEqual({ kind: 'check_digit' });
    expect(readCaseNumber('2612 0700')).toEqual({ kind: 'incomplete', digits: 8 });
    expect(readCaseNumber(`${issued.value}1`)).toEqual({ kind: 'malformed' });
    expect(readCaseNumber('26#1')).toEqual({ kind: 'malformed' });
  });

  it('typed digits are grouped in fours as printed, at most sixteen', () => {
    expect(groupTypedCaseNumber('26120')).toBe('2612 0');
    expect(groupTypedCaseNumber('2612 ')).toBe('2612');
    expect(groupTypedCaseNumber('12345678901234567890')).toBe('1234 5678 9012 3456');
  });
});
