import { describe, expect, it } from 'vitest';
import { withCheckCharacter } from '../../drivers/idcard/simulator/test-cards';
import {
  buildValuesSchema,
  type FormDefinition,
  fieldErrorsFromIssues,
  formDefinitionSchema,
  validateFormValues,
} from '../../sync/protocol/forms';
import { sampleForms } from '../../sync/sample-hall/forms';

/**
 * Issue 13 part 7: "cross-field rules (end after start, co-owner shares sum to 100%)". A form's `rules`
 * are checked by validateFormValues (so renderer and host alike), each message beside a named field.
 */
const today = '2025-06-01';
const formOf = (id: string): FormDefinition => sampleForms.find((form) => form.id === id)!;
const companySetup = formOf('scjg-yxgs-sl');
const soleTrader = formOf('scjg-gtgsh-sl');

const shareholder = (share: number, seed: string) => ({
  name: '陈示例',
  idNumber: withCheckCharacter(`3505831980010${seed}123`),
  contribution: share,
  share,
});

function companyValues(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    name: '陈示例',
    sex: 'male',
    idNumber: withCheckCharacter('35058319800101123'),
    birthDate: '1980-01-01',
    nation: '汉',
    registeredAddress: '福建省南安市溪美街道示例路1号',
    proposedName: '南安市示例贸易有限公司',
    registeredCapital: 100,
    shareholders: [shareholder(60, '1'), shareholder(40, '2')],
    businessScope: ['tea'],
    premisesAddress: '福建省南安市溪美街道示例路2号',
    premisesTenure: 'own',
    hasSupervisor: 'yes',
    phone: '13800138000',
    currentAddress: '福建省南安市溪美街道示例路3号',
    pickup: 'collect',
    declaration: true,
    ...extra,
  };
}

const rented = (start: string, end: string) => ({
  premisesTenure: 'rent',
  leaseStartDate: start,
  leaseEndDate: end,
});

describe('cross-field rules', () => {
  it('the shareholders’ shares must add up to 100%, said beside the total', () => {
    expect(validateFormValues(companySetup, companyValues({}), { today }).ok).toBe(true);
    const short = validateFormValues(
      companySetup,
      companyValues({ shareholders: [shareholder(60, '1'), shareholder(30, '2')] }),
      { today },
    );
    expect(!short.ok && short.errors).toEqual([
      expect.objectContaining({
        fieldId: 'totalShare',
        key: 'rule',
        message: expect.objectContaining({ 'zh-Hans': '各股东的出资比例合计应为 100%' }),
      }),
    ]);
    const thirds = validateFormValues(
      companySetup,
      companyValues({
        shareholders: [
          { ...shareholder(1, '1'), share: 33.33 },
          { ...shareholder(1, '2'), share: 33.33 },
          { ...shareholder(1, '3'), share: 33.34 },
        ],
      }),
      { today },
    );
    expect(thirds.ok).toBe(true);
  });

  it('a tenancy ends after it starts: the same day or earlier is refused beside the end date', () => {
    expect(
      validateFormValues(soleTrader, soleTraderValues(rented('2025-01-01', '2027-01-01')), { today }).ok,
    ).toBe(true);
    for (const end of ['2025-07-01', '2025-06-20']) {
      const wrong = validateFormValues(soleTrader, soleTraderValues(rented('2025-07-01', end)), { today });
      expect(!wrong.ok && wrong.errors.map((error) => [error.fieldId, error.key])).toEqual([
        ['leaseEndDate', 'rule'],
      ]);
      expect(!wrong.ok && wrong.errors[0]!.message.en).toBe('The tenancy must end after it starts');
    }
  });

  it('judges a rule only when its fields are shown and right: one message at a time', () => {
    // Owned premises: no tenancy, no rule.
    expect(validateFormValues(soleTrader, soleTraderValues({ premisesTenure: 'own' }), { today }).ok).toBe(
      true,
    );
    // An end date already wrong on its own (in the past) gets that message, not the rule's as well.
    const past = validateFormValues(soleTrader, soleTraderValues(rented('2025-07-01', '2025-01-01')), {
      today,
    });
    expect(!past.ok && past.errors.map((error) => error.key)).toEqual(['dateTooEarly']);
  });

  it('the zod face reports a rule with the rule’s own words', () => {
    const parsed = buildValuesSchema(companySetup, undefined, { today }).safeParse(
      companyValues({ shareholders: [shareholder(50, '1')] }),
    );
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrorsFromIssues(companySetup, parsed.error.issues)).toEqual([
      expect.objectContaining({
        fieldId: 'totalShare',
        message: expect.objectContaining({ 'zh-Hant': '各股東的出資比例合計應為 100%' }),
      }),
    ]);
  });

  it('the schema refuses a rule over fields of the wrong kind', () => {
    const message = { 'zh-Hans': '错', 'zh-Hant': '錯', en: 'Wrong' };
    expect(
      formDefinitionSchema.safeParse({
        ...soleTrader,
        rules: [{ kind: 'dateAfter', field: 'leaseEndDate', after: 'premisesAddress', message }],
      }).success,
    ).toBe(false);
    expect(
      formDefinitionSchema.safeParse({
        ...companySetup,
        rules: [{ kind: 'sumEquals', group: 'shareholders', column: 'name', total: 100, message }],
      }).success,
    ).toBe(false);
    expect(formDefinitionSchema.safeParse(companySetup).success).toBe(true);
  });
});

function soleTraderValues(extra: Record<string, unknown>): Record<string, unknown> {
  const {
    proposedName: _name,
    registeredCapital: _capital,
    shareholders: _rows,
    hasSupervisor: _s,
    ...rest
  } = companyValues({});
  return {
    ...rest,
    businessName: '南安市溪美陈记茶叶店',
    capital: 5,
    employees: 2,
    ...extra,
  };
}
