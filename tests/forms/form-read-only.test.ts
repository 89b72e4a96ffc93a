import { describe, expect, it } from 'vitest';
import { autofill, readOnlyValues } from '../../sync/forms/autofill';
import {
  type FormDefinition,
  type FormValue,
  formDefinitionSchema,
  validateFormValues,
} from '../../sync/protocol/forms';
import { sampleForms } from '../../sync/sample-hall/forms';
import { samplePeople, sampleReferenceDate } from '../../sync/sample-hall/people';

/**
 * Issue 13 part 7: "The form format lacks ... read-only fields". A `readOnly` field shows the record's
 * value as text; a submission that changes it is refused, like a card field, by the same shared check.
 */
const today = sampleReferenceDate;
const label = { 'zh-Hans': '字段', 'zh-Hant': '欄位', en: 'Field' };
const birthRegistration = sampleForms.find((form) => form.id === 'hz-cs-dj')! as FormDefinition;
const person = samplePeople(300).find((entry) => entry.profile?.household?.headName)!;

function filledValues(): { values: Record<string, unknown>; fixed: Record<string, FormValue> } {
  const filled = autofill({
    form: birthRegistration,
    identity: person.identity,
    profile: person.profile,
    itemId: 'hz-cs-dj',
    today,
  });
  const values: Record<string, unknown> = {
    ...filled.values,
    babyName: '陈小宝',
    babySex: 'female',
    babyBirthDate: '2025-05-01',
    birthCertificateNumber: 'Q123456789',
    birthPlace: '南安市医院',
    householdAddress: person.profile!.household!.registeredAddress ?? '福建省南安市溪美街道示例路1号',
    phone: '13800138000',
    declaration: true,
  };
  return { values, fixed: readOnlyValues(birthRegistration, filled) };
}

describe('read-only fields', () => {
  it('auto-fill gives the household head from the register, and that is what must be submitted', () => {
    const { values, fixed } = filledValues();
    expect(fixed.householdHead).toBe(person.profile!.household!.headName);
    const kept = validateFormValues(birthRegistration, values, { today, fixedValues: fixed });
    if (!kept.ok) throw new Error(JSON.stringify(kept.errors));
    const changed = validateFormValues(
      birthRegistration,
      { ...values, householdHead: '王冒名' },
      { today, fixedValues: fixed },
    );
    expect(!changed.ok && changed.errors).toEqual([
      expect.objectContaining({
        fieldId: 'householdHead',
        key: 'readOnlyMismatch',
        message: expect.objectContaining({ 'zh-Hans': '此项以登记的信息为准，不能在这里修改' }),
      }),
    ]);
  });

  it('a read-only field the record leaves empty is the applicant’s to fill', () => {
    const { values } = filledValues();
    const typed = validateFormValues(
      birthRegistration,
      { ...values, householdHead: '陈户主', relationToHead: '子女' },
      { today, fixedValues: {} },
    );
    expect(typed.ok).toBe(true);
  });

  it('the schema refuses a read-only field with no record behind it, or a card field marked so', () => {
    const formWith = (field: Record<string, unknown>) => ({
      id: 'r',
      version: 1,
      title: label,
      sections: [{ id: 's', title: label, fields: [{ id: 'a', type: 'text', label, ...field }] }],
    });
    expect(
      formDefinitionSchema.safeParse(formWith({ readOnly: true, source: 'profile.household.headName' }))
        .success,
    ).toBe(true);
    expect(formDefinitionSchema.safeParse(formWith({ readOnly: true })).success).toBe(false);
    expect(formDefinitionSchema.safeParse(formWith({ readOnly: true, source: 'card.name' })).success).toBe(
      false,
    );
  });
});
