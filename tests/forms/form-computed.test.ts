import { describe, expect, it } from 'vitest';
import { withCheckCharacter } from '../../drivers/idcard/simulator/test-cards';
import { autofill } from '../../sync/forms/autofill';
import {
  type CardIdentity,
  type FormDefinition,
  formDefinitionSchema,
  validateFormValues,
  withComputedValues,
} from '../../sync/protocol/forms';
import { sampleForms } from '../../sync/sample-hall/forms';

/**
 * Issue 13 part 7: "The form format lacks ... computed fields (e.g. age, total area)". A computed field
 * is derived from earlier fields, shown read-only, and recomputed on every check: a sent value is ignored.
 */
const today = '2025-06-01';
const label = { 'zh-Hans': '字段', 'zh-Hant': '欄位', en: 'Field' };
const formOf = (id: string): FormDefinition => sampleForms.find((form) => form.id === id)!;
const pension = formOf('rs-cxjm-yl');
const companySetup = formOf('scjg-yxgs-sl');

const card: CardIdentity = {
  cardType: 'resident',
  name: '陈示例',
  otherName: null,
  sex: 'male',
  nation: '汉',
  nationality: null,
  birthDate: '1980-06-02',
  address: '福建省南安市溪美街道示例路1号',
  idNumber: withCheckCharacter('35058319800602123'),
  issuer: '南安市公安局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
};

function pensionValues(birthDate: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: card.name,
    sex: card.sex,
    idNumber: withCheckCharacter(`350583${birthDate.replace(/-/g, '')}123`),
    birthDate,
    nation: card.nation,
    registeredAddress: card.address,
    grade: '500',
    specialGroup: 'none',
    bankName: '中国银行',
    bankAccount: '6217000000000001',
    phone: '13800138000',
    currentAddress: '福建省南安市溪美街道示例路3号',
    declaration: true,
    ...extra,
  };
}

function computedForm(computed: unknown, first: Record<string, unknown>): unknown {
  return {
    id: 'c',
    version: 1,
    title: label,
    sections: [
      {
        id: 's',
        title: label,
        fields: [
          { id: 'a', label, ...first },
          { id: 'total', type: 'number', label, computed },
        ],
      },
    ],
  };
}

describe('computed fields', () => {
  it('the pension form works out the age from the card’s birth date, on the day of checking', () => {
    const result = validateFormValues(pension, pensionValues('1980-06-02'), { today });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.values.age).toBe(44);
    const onBirthday = validateFormValues(pension, pensionValues('1980-06-02'), { today: '2025-06-02' });
    expect(onBirthday.ok && onBirthday.values.age).toBe(45);
  });

  it('never takes a sent age on trust, and applies the field’s own bounds to what it computes', () => {
    const forged = validateFormValues(pension, pensionValues('1980-06-02', { age: 99 }), { today });
    expect(forged.ok && forged.values.age).toBe(44);
    // Residents enrol from 16: a 15-year-old is told so beside the age.
    const young = validateFormValues(pension, pensionValues('2010-01-01', { age: 30 }), { today });
    expect(young.ok).toBe(false);
    expect(!young.ok && young.errors).toEqual([
      expect.objectContaining({ fieldId: 'age', key: 'tooSmall', params: { min: 16 } }),
    ]);
  });

  it('totals the shareholders’ shares without rounding noise, whatever total was sent', () => {
    const rows = [
      { name: '甲', idNumber: withCheckCharacter('35058319800101123'), contribution: 1, share: 33.33 },
      { name: '乙', idNumber: withCheckCharacter('35058319810101123'), contribution: 1, share: 33.33 },
      { name: '丙', idNumber: withCheckCharacter('35058319820101123'), contribution: 1, share: '33.34' },
    ];
    const shown = withComputedValues(companySetup, { shareholders: rows, totalShare: 5 }, { today });
    expect(shown.totalShare).toBe(100);
    // Nothing to add up yet: no total shown rather than a made-up one.
    expect(withComputedValues(companySetup, { totalShare: 5 }, { today }).totalShare).toBeUndefined();
  });

  it('auto-fill leaves computed fields out of what the applicant still has to fill', () => {
    const filled = autofill({ form: pension, identity: card, profile: null, itemId: 'rs-cxjm-yl', today });
    expect(filled.missingFields).not.toContain('age');
    expect(filled.values.age).toBeUndefined();
  });

  it('the schema refuses a computation over the wrong kind of field, or one with a source', () => {
    expect(
      formDefinitionSchema.safeParse(computedForm({ kind: 'age', from: 'a' }, { type: 'date' })).success,
    ).toBe(true);
    expect(
      formDefinitionSchema.safeParse(computedForm({ kind: 'age', from: 'a' }, { type: 'text' })).success,
    ).toBe(false);
    expect(
      formDefinitionSchema.safeParse(computedForm({ kind: 'sum', fields: ['a'] }, { type: 'number' }))
        .success,
    ).toBe(true);
    expect(
      formDefinitionSchema.safeParse(
        computedForm({ kind: 'sum', fields: ['a', 'later'] }, { type: 'number' }),
      ).success,
    ).toBe(false);
    expect(
      formDefinitionSchema.safeParse(
        computedForm(
          { kind: 'sum', group: 'a', column: 'name' },
          {
            type: 'group',
            rowLabel: label,
            repeat: { min: 0, max: 3 },
            fields: [{ id: 'name', type: 'text', label }],
          },
        ),
      ).success,
    ).toBe(false);
  });
});
