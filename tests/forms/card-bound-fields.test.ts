import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIdentity } from '../../drivers/idcard/identity/identity';
import { buildTestCards } from '../../drivers/idcard/simulator/test-cards';
import { toIdentityView } from '../../host/services/idcard';
import { cardIdentityOf } from '../../host/services/journey/prepare-application';
import {
  birthDateFromForeignPermanent2017,
  foreignPermanent2017Problem,
  identityNumberProblem,
} from '../../kernel/id-checks';
import { autofill } from '../../sync/forms/autofill';
import {
  type CardIdentity,
  type FormValue,
  fieldStates,
  formFields,
  validateFormValues,
} from '../../sync/protocol/forms';
import { passportForm, residencePermitForm } from '../../sync/sample-hall/forms';

/**
 * Issue 13, observations 6 and 8: card fields could be edited and went through unchecked, and a 2017
 * foreign permanent residence number (USA350090010152) failed every form's ID check, while every
 * foreigner had to type a 户籍 address they do not have.
 */
const today = '2026-12-07';

function cardOf(id: string): CardIdentity {
  const testCard = buildTestCards().find((card) => card.id === id)!;
  const decoded = decodeIdentity(testCard.text, testCard.photo, { now: new Date(`${today}T04:00:00Z`) });
  if (!decoded.ok) throw new Error(decoded.error.message);
  return cardIdentityOf(toIdentityView(decoded.value, today));
}

/** What the applicant would answer for the fields the card and store leave open. */
function answered(form: typeof passportForm, card: CardIdentity): Record<string, FormValue> {
  const filled = autofill({ form, identity: card, profile: null, itemId: 'x', today });
  const values: Record<string, FormValue> = { ...filled.values };
  // Answers reveal fields (a choice opens an employer's name): answer until nothing new appears.
  for (let round = 0; round < 5; round++) {
    const states = fieldStates(form, values, card);
    for (const field of formFields(form)) {
      if (!states.get(field.id)?.visible || values[field.id] !== undefined) continue;
      const id = field.id;
      if (field.type === 'choice') values[id] = field.options[0]!.value;
      else if (field.type === 'checkbox') values[id] = true;
      else if (field.type === 'phone') values[id] = '13800138000';
      else if (field.type === 'date') values[id] = '2026-01-05';
      else if (field.type === 'text' || field.type === 'address' || field.type === 'textarea')
        values[id] = '福建省南安市溪美街道成功街1号';
    }
  }
  return values;
}

describe('2017 foreign permanent residence numbers (3 letters + 12 digits)', () => {
  it('accepts the card layout’s number and reads its birth date', () => {
    expect(foreignPermanent2017Problem('USA350090010152', today)).toBeNull();
    expect(foreignPermanent2017Problem('PAK310080010103', today)).toBeNull();
    expect(birthDateFromForeignPermanent2017('PAK310080010103', today)).toBe('1980-01-01');
    expect(identityNumberProblem('USA350090010152', today)).toBeNull();
  });

  it('refuses a wrong shape or an impossible birth date', () => {
    expect(foreignPermanent2017Problem('USA35009001015', today)).toBe('format');
    expect(foreignPermanent2017Problem('US1350090010152', today)).toBe('format');
    expect(foreignPermanent2017Problem('USA350091310152', today)).toBe('birthDate');
    expect(identityNumberProblem('usa350090010152', today)).toBe('format');
  });

  it('reads any real birth date back from a generated number', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1930-01-01T00:00:00Z'),
          max: new Date('2025-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.stringMatching(/^[A-Z]{3}$/),
        fc.stringMatching(/^\d{4}$/),
        fc.stringMatching(/^\d{2}$/),
        (birth, nationality, office, sequence) => {
          const iso = birth.toISOString().slice(0, 10);
          const number = `${nationality}${office}${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${sequence}`;
          // Two-digit years: a birth date over 100 years back reads as the later century.
          const read = birthDateFromForeignPermanent2017(number, today);
          return read !== null && read.slice(2) === iso.slice(2);
        },
      ),
    );
  });
});

describe('a foreign permanent resident (2017 card) applies like anyone else', () => {
  it('passes the ID check, is not asked for a 户籍 address, and sees nationality and Chinese name', () => {
    const card = cardOf('foreign-permanent-2017');
    expect(card.idNumber).toBe('USA350090010152');
    const form = residencePermitForm;
    const filled = autofill({ form, identity: card, profile: null, itemId: 'x', today });
    const states = fieldStates(form, filled.values, card);
    expect(states.get('registeredAddress')?.visible).toBe(false);
    expect(states.get('nation')?.visible).toBe(false);
    expect(states.get('nationality')?.visible).toBe(true);
    expect(filled.values.nationality).toBe('USA');
    expect(filled.values.otherName).toBe('泰样本');
    expect(filled.missingFields).not.toContain('registeredAddress');
    const checked = validateFormValues(form, answered(form, card), { today, card });
    expect(checked.ok ? [] : checked.errors.map((error) => `${error.fieldId}:${error.key}`)).toEqual([]);
  });

  it('a resident is not asked for nationality or a Chinese name beside the name', () => {
    const card = cardOf('resident');
    const filled = autofill({ form: passportForm, identity: card, profile: null, itemId: 'x', today });
    const states = fieldStates(passportForm, filled.values, card);
    expect(states.get('nationality')?.visible).toBe(false);
    expect(states.get('otherName')?.visible).toBe(false);
    expect(states.get('registeredAddress')?.visible).toBe(true);
  });
});

describe('card-bound values must be the card’s own', () => {
  it('refuses a forged name or ID number and accepts the card’s values', () => {
    const card = cardOf('resident');
    const values = answered(passportForm, card);
    expect(validateFormValues(passportForm, values, { today, card }).ok).toBe(true);

    const forgedName = validateFormValues(passportForm, { ...values, name: '王冒名' }, { today, card });
    expect(forgedName.ok ? [] : forgedName.errors.map((error) => `${error.fieldId}:${error.key}`)).toEqual([
      'name:cardMismatch',
    ]);
    // A valid number, only not this card's.
    const forgedNumber = validateFormValues(
      passportForm,
      { ...values, idNumber: '11010519491231002X' },
      { today, card },
    );
    expect(
      forgedNumber.ok ? [] : forgedNumber.errors.map((error) => `${error.fieldId}:${error.key}`),
    ).toEqual(['idNumber:cardMismatch']);
    const forgedAddress = validateFormValues(
      passportForm,
      { ...values, registeredAddress: '北京市东城区某街1号' },
      { today, card },
    );
    expect(forgedAddress.ok).toBe(false);
  });
});
