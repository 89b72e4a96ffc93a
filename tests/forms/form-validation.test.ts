import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildValuesSchema,
  type FormDefinition,
  fieldErrorsFromIssues,
  fieldStates,
  formDefinitionSchema,
  validateFormValues,
} from '../../sync/protocol/forms';
import { sampleForms } from '../../sync/sample-hall/forms';

const label = { 'zh-Hans': '字段', 'zh-Hant': '欄位', en: 'Field' };
const today = '2025-06-01';

function formOf(id: string): FormDefinition {
  const form = sampleForms.find((entry) => entry.id === id);
  if (!form) throw new Error(`no form ${id}`);
  return form;
}

describe('form definitions', () => {
  it('every sample form satisfies the definition schema', () => {
    for (const form of sampleForms) expect(formDefinitionSchema.safeParse(form).success, form.id).toBe(true);
  });

  it('rejects a condition on a field declared later, an unknown source and duplicate ids', () => {
    const base = { id: 'f', version: 1, title: label };
    const later = formDefinitionSchema.safeParse({
      ...base,
      sections: [
        {
          id: 's',
          title: label,
          fields: [
            { id: 'a', type: 'text', label, showWhen: { field: 'b', truthy: true } },
            { id: 'b', type: 'checkbox', label },
          ],
        },
      ],
    });
    expect(later.success).toBe(false);
    const unknownSource = formDefinitionSchema.safeParse({
      ...base,
      sections: [
        { id: 's', title: label, fields: [{ id: 'a', type: 'text', label, source: 'profile.salary' }] },
      ],
    });
    expect(unknownSource.success).toBe(false);
    const duplicate = formDefinitionSchema.safeParse({
      ...base,
      sections: [
        {
          id: 's',
          title: label,
          fields: [
            { id: 'a', type: 'text', label },
            { id: 'a', type: 'text', label },
          ],
        },
      ],
    });
    expect(duplicate.success).toBe(false);
  });
});

describe('conditions', () => {
  const invoice = formOf('sw-dkfp');

  it('shows a field only while its condition holds, and requires it only then', () => {
    const individual = fieldStates(invoice, { sellerType: 'individual' });
    expect(individual.get('companyName')).toEqual({ visible: false, required: false });
    const company = fieldStates(invoice, { sellerType: 'company' });
    expect(company.get('companyName')).toEqual({ visible: true, required: true });
  });

  it('ignores and drops values of hidden fields', () => {
    const result = validateFormValues(
      invoice,
      {
        name: '陈明',
        sex: 'male',
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        registeredAddress: '福建省南安市溪美街道新华社区1号',
        sellerType: 'individual',
        companyName: 'x',
        creditCode: 'not a code',
        buyerName: '南安市某某贸易有限公司',
        goods: '茶叶',
        amount: '1200',
        phone: '13800000000',
        declaration: true,
      },
      { today },
    );
    expect(result).toMatchObject({ ok: true });
    if (result.ok) {
      expect(result.values).not.toHaveProperty('companyName');
      expect(result.values.amount).toBe(1200);
    }
  });

  it('hideWhen hides, requireWhen requires, "in" matches any of a list, multiChoice "equals" means includes', () => {
    const company = formOf('scjg-yxgs-sl');
    expect(fieldStates(company, { hasSupervisor: 'yes' }).get('supervisorName')?.visible).toBe(false);
    expect(fieldStates(company, { hasSupervisor: 'no' }).get('supervisorName')?.visible).toBe(true);
    const rent = formOf('gjj-tq-zf');
    expect(fieldStates(rent, { rentalType: 'market' }).get('leaseRegistrationNumber')).toEqual({
      visible: true,
      required: true,
    });
    expect(fieldStates(rent, { rentalType: 'public' }).get('leaseRegistrationNumber')).toEqual({
      visible: true,
      required: false,
    });
    const change = formOf('scjg-yxgs-bg');
    expect(fieldStates(change, { role: 'agent' }).get('authorisation')?.visible).toBe(true);
    expect(fieldStates(change, { role: 'legalRepresentative' }).get('authorisation')?.visible).toBe(false);
    const states = fieldStates(change, { changes: ['address', 'capital'] });
    expect(states.get('newAddress')?.visible).toBe(true);
    expect(states.get('newCapital')?.visible).toBe(true);
    expect(states.get('newName')?.visible).toBe(false);
  });

  it('a field hidden by a condition hides the fields that depend on it', () => {
    const form = formDefinitionSchema.parse({
      id: 'chain',
      version: 1,
      title: label,
      sections: [
        {
          id: 's',
          title: label,
          fields: [
            { id: 'a', type: 'checkbox', label },
            { id: 'b', type: 'text', label, showWhen: { field: 'a', truthy: true } },
            {
              id: 'c',
              type: 'text',
              label,
              showWhen: { field: 'b', equals: 'x' },
              validation: { required: true },
            },
          ],
        },
      ],
    });
    expect(fieldStates(form, { a: false, b: 'x' }).get('c')?.visible).toBe(false);
    expect(fieldStates(form, { a: true, b: 'x' }).get('c')?.visible).toBe(true);
    expect(validateFormValues(form, { a: false, b: 'x' }).ok).toBe(true);
    expect(validateFormValues(form, { a: true, b: 'x' }).ok).toBe(false);
  });
});

describe('validation messages', () => {
  const endorsement = formOf('crj-gaqz');

  it('says what is wrong in three languages, beside the field', () => {
    const result = validateFormValues(endorsement, { permitNumber: 'X123', phone: '12345' }, { today });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = new Map(result.errors.map((error) => [error.fieldId, error]));
    expect(byField.get('permitNumber')?.key).toBe('pattern');
    expect(byField.get('permitNumber')?.message.en).toContain('starts with C');
    expect(byField.get('phone')?.key).toBe('invalidPhone');
    expect(byField.get('endorsementType')?.key).toBe('requiredChoice');
    expect(byField.get('declaration')?.key).toBe('mustBeChecked');
    for (const error of result.errors) {
      expect(error.message['zh-Hans'].length).toBeGreaterThan(0);
      expect(error.message['zh-Hant'].length).toBeGreaterThan(0);
      expect(error.message.en.length).toBeGreaterThan(0);
    }
  });

  it('fills numbers into messages and rejects out-of-range values', () => {
    const result = validateFormValues(
      formOf('scjg-gtgsh-sl'),
      { employees: 1000, capital: 'abc' },
      { today },
    );
    if (result.ok) throw new Error('expected errors');
    const employees = result.errors.find((error) => error.fieldId === 'employees');
    expect(employees?.key).toBe('tooLarge');
    expect(employees?.message['zh-Hans']).toBe('不能大于 999');
    expect(result.errors.find((error) => error.fieldId === 'capital')?.key).toBe('notANumber');
  });

  it('checks ID numbers and credit codes by their check characters', () => {
    const result = validateFormValues(
      formOf('mz-jhdj'),
      { partnerIdNumber: '110105194912310021' },
      { today },
    );
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.find((error) => error.fieldId === 'partnerIdNumber')?.key).toBe('idNumberCheck');
    const invoice = validateFormValues(
      formOf('sw-dkfp'),
      { buyerCreditCode: '91350100M000100Y44' },
      { today },
    );
    if (invoice.ok) throw new Error('expected errors');
    expect(invoice.errors.find((error) => error.fieldId === 'buyerCreditCode')?.key).toBe('creditCodeCheck');
  });

  it('rejects bidirectional overrides, control characters, 10,000-character strings and unknown keys; keeps markup as text', () => {
    const form = formOf('crj-hz-sl');
    const check = (values: Record<string, unknown>) => validateFormValues(form, values, { today });
    const errorKey = (values: Record<string, unknown>, fieldId: string) => {
      const result = check(values);
      return result.ok ? undefined : result.errors.find((error) => error.fieldId === fieldId)?.key;
    };
    expect(errorKey({ destinationCountry: '新加坡\u202e' }, 'destinationCountry')).toBe('invalidCharacters');
    expect(errorKey({ destinationCountry: 'a\u0000b' }, 'destinationCountry')).toBe('invalidCharacters');
    expect(errorKey({ destinationCountry: 'x'.repeat(10_000) }, 'destinationCountry')).toBe('tooLong');
    expect(
      errorKey({ destinationCountry: '<script>alert(1)</script>' }, 'destinationCountry'),
    ).toBeUndefined();
    const polluted = check(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(polluted.ok).toBe(false);
    if (!polluted.ok)
      expect(polluted.errors.some((error) => error.fieldId === null && error.key === 'unknownField')).toBe(
        true,
      );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('dates honour "today" bounds', () => {
    const marriage = formOf('mz-jhdj');
    const past = validateFormValues(marriage, { appointmentDate: '2025-05-31' }, { today });
    if (past.ok) throw new Error('expected errors');
    expect(past.errors.find((error) => error.fieldId === 'appointmentDate')?.key).toBe('dateTooEarly');
    const invalid = validateFormValues(marriage, { appointmentDate: '2025-02-30' }, { today });
    if (invalid.ok) throw new Error('expected errors');
    expect(invalid.errors.find((error) => error.fieldId === 'appointmentDate')?.key).toBe('invalidDate');
  });
});

describe('the zod schema agrees with validateFormValues', () => {
  const fieldValue = fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 30 }),
    fc.integer({ min: -10, max: 100_000 }),
    fc.boolean(),
    fc.constantFrom(
      'yes',
      'no',
      'market',
      'public',
      'company',
      'individual',
      'married',
      'T',
      'S',
      '13800000000',
      '2025-01-01',
    ),
  );

  it('for random values on every sample form', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sampleForms),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.integer(), { maxKeys: 1 }),
        fc.array(fieldValue, { minLength: 60, maxLength: 60 }),
        (form, extra, raw) => {
          const fields = form.sections.flatMap((section) => section.fields);
          const values: Record<string, unknown> = {};
          fields.forEach((field, index) => {
            if (raw[index] !== undefined) values[field.id] = raw[index];
          });
          Object.assign(values, extra);
          const direct = validateFormValues(form, values, { today });
          const parsed = buildValuesSchema(form, values, { today }).safeParse(values);
          expect(parsed.success).toBe(direct.ok);
          if (parsed.success && direct.ok) expect(parsed.data).toEqual(direct.values);
          if (!parsed.success && !direct.ok) {
            const viaZod = fieldErrorsFromIssues(form, parsed.error.issues)
              .map((error) => `${error.fieldId}:${error.key}`)
              .sort();
            expect(viaZod).toEqual(direct.errors.map((error) => `${error.fieldId}:${error.key}`).sort());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
