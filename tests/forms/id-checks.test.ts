import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateFromResidentId,
  creditCodeCheckCharacter,
  foreignPermanent2017CheckDigit,
  isValidCreditCode,
  isValidResidentId,
  previousForeignPermanentNumber,
  residentIdCheckCharacter,
  residentIdProblem,
} from '../../kernel/id-checks';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10).replaceAll('-', ''));
const validResidentId = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }).map(String),
    birthDate,
    fc.array(digit, { minLength: 3, maxLength: 3 }),
  )
  .map(([region, birth, sequence]) => {
    const first17 = `${region}${birth}${sequence.join('')}`;
    return `${first17}${residentIdCheckCharacter(first17)}`;
  });

const creditCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCharacter = fc.integer({ min: 0, max: 30 }).map((index) => creditCharacters[index]!);
const validCreditCode = fc
  .tuple(
    fc.array(creditCharacter, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(creditCharacter, { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, body]) => {
    const first17 = `${head.join('')}${division.join('')}${body.join('')}`;
    return `${first17}${creditCodeCheckCharacter(first17)}`;
  });

describe('GB 11643 resident ID numbers', () => {
  it('accepts the published example and reads its birth date', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(birthDateFromResidentId('11010519491231002X')).toBe('1949-12-31');
  });

  it('names the problem: format, birth date, check character', () => {
    expect(residentIdProblem('11010519491231002')).toBe('format');
    expect(residentIdProblem('11010519491231002x')).toBe('format');
    expect(residentIdProblem('110105194902300023')).toBe('birthDate');
    expect(residentIdProblem('110105194912310021')).toBe('checkCharacter');
    expect(residentIdProblem('11010520300101002X', '2025-06-01')).toBe('birthDate');
  });

  it('accepts every generated valid number', () => {
    fc.assert(fc.property(validResidentId, (idNumber) => isValidResidentId(idNumber)));
  });

  it('rejects every number with one character changed', () => {
    fc.assert(
      fc.property(
        validResidentId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (idNumber, position, shift) => {
          const alphabet = '0123456789X';
          const original = idNumber[position]!;
          const replacement = alphabet[(alphabet.indexOf(original) + shift) % 11]!;
          const changed = `${idNumber.slice(0, position)}${replacement}${idNumber.slice(position + 1)}`;
          return !isValidResidentId(changed);
        },
      ),
    );
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('accepts real published codes', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
  });

  it('rejects letters outside the code set and lower case', () => {
    expect(isValidCreditCode('91350100M000100Y4O')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
  });

  it('accepts every generated valid code and rejects any one-character change', () => {
    fc.assert(
      fc.property(
        validCreditCode,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, position, shift) => {
          const original = code[position]!;
          const replacement = creditCharacters[(creditCharacters.indexOf(original) + shift) % 31]!;
          const changed = `${code.slice(0, position)}${replacement}${code.slice(position + 1)}`;
          return isValidCreditCode(code) && !isValidCreditCode(changed);
        },
      ),
    );
  });
});

describe('2017 foreign permanent residence numbers: check digit and the renewal link', () => {
  it('the published sample numbers carry the ICAO 7-3-1 check digit', () => {
    expect(foreignPermanent2017CheckDigit('USA35009001015')).toBe('2');
    expect(foreignPermanent2017CheckDigit('PAK31008001010')).toBe('3');
    expect(foreignPermanent2017CheckDigit('PAK3100800101')).toBeNull();
  });

  it('a 2023 number with its link names the 2017 number it replaced', () => {
    expect(previousForeignPermanentNumber('931586198001010028', 'PAK', '000')).toBe('PAK310080010103');
    // The new number must itself be a valid 2023 number; the link 3 digits.
    expect(previousForeignPermanentNumber('931586198001010027', 'PAK', '000')).toBeNull();
    expect(previousForeignPermanentNumber('350583198001010028', 'PAK', '000')).toBeNull();
    expect(previousForeignPermanentNumber('931586198001010028', 'PAK', '')).toBeNull();
    expect(previousForeignPermanentNumber('931586198001010028', 'pak', '000')).toBeNull();
  });
});
