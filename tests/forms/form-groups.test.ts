import { describe, expect, it } from 'vitest';
import { withCheckCharacter } from '../../drivers/idcard/simulator/test-cards';
import { autofill, updateProfileAfterSubmission } from '../../sync/forms/autofill';
import {
  buildValuesSchema,
  type FormDefinition,
  fieldErrorsFromIssues,
  formDefinitionSchema,
  formValueSchema,
  validateFormValues,
} from '../../sync/protocol/forms';
import { sampleForms } from '../../sync/sample-hall/forms';
import { samplePeople } from '../../sync/sample-hall/people';

/**
 * Issue 13 part 7: "The form format lacks repeatable groups (family members, shareholders, co-owners)".
 * A group's value is a list of rows; each row is checked column by column, and a problem names its row.
 */
const today = '2025-06-01';
const label = { 'zh-Hans': '字段', 'zh-Hant': '欄位', en: 'Field' };
const formOf = (id: string): FormDefinition => sampleForms.find((form) => form.id === id)!;
const companySetup = formOf('scjg-yxgs-sl');
const residentMedical = formOf('yb-cxjm-cb');

const firstId = withCheckCharacter('35058319800101123');
const secondId = withCheckCharacter('35058319850505234');
const wrongCheck = `${secondId.slice(0, 17)}${secondId.endsWith('0') ? '1' : '0'}`;

/** The company form answered except its shareholders. */
function companyValues(shareholders: unknown): Record<string, unknown> {
  return {
    name: '陈示例',
    sex: 'male',
    idNumber: firstId,
    birthDate: '1980-01-01',
    nation: '汉',
    registeredAddress: '福建省南安市溪美街道示例路1号',
    proposedName: '南安市示例贸易有限公司',
    registeredCapital: 100,
    shareholders,
    businessScope: ['tea'],
    premisesAddress: '福建省南安市溪美街道示例路2号',
    premisesTenure: 'own',
    hasSupervisor: 'yes',
    phone: '13800138000',
    currentAddress: '福建省南安市溪美街道示例路3号',
    pickup: 'collect',
    declaration: true,
  };
}

function groupForm(group: Record<string, unknown>): unknown {
  return {
    id: 'g',
    version: 1,
    title: label,
    sections: [
      {
        id: 's',
        title: label,
        fields: [
          {
            id: 'people',
            type: 'group',
            label,
            rowLabel: label,
            repeat: { min: 1, max: 3 },
            fields: [{ id: 'name', type: 'text', label }],
            ...group,
          },
        ],
      },
    ],
  };
}

describe('repeatable groups in the form format', () => {
  it('the company registration lists its shareholders as rows instead of asking how many there are', () => {
    const ids = companySetup.sections.flatMap((section) => section.fields.map((field) => field.id));
    expect(ids).not.toContain('shareholderCount');
    const shareholders = companySetup.sections.flatMap((s) => s.fields).find((f) => f.id === 'shareholders');
    expect(shareholders).toMatchObject({ type: 'group', repeat: { min: 1, max: 50 } });
    expect(formDefinitionSchema.safeParse(companySetup).success).toBe(true);
  });

  it('accepts and normalises the rows: digits become numbers, a lower-case x an upper-case X', () => {
    const idWithX = withCheckCharacter('35058319900303456');
    const result = validateFormValues(
      companySetup,
      companyValues([
        { name: '陈示例', idNumber: firstId, contribution: '60', share: '60' },
        { name: ' 林示例 ', idNumber: idWithX.toLowerCase(), contribution: 40, share: 40 },
      ]),
      { today },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.values.shareholders).toEqual([
      { name: '陈示例', idNumber: firstId, contribution: 60, share: 60 },
      { name: '林示例', idNumber: idWithX, contribution: 40, share: 40 },
    ]);
    expect(formValueSchema.safeParse(result.values.shareholders).success).toBe(true);
  });

  it('names the row and the column of every problem, in plain words', () => {
    const result = validateFormValues(
      companySetup,
      companyValues([
        { name: '陈示例', idNumber: firstId, contribution: 60, share: 60 },
        { name: '', idNumber: wrongCheck, contribution: 40, share: 40 },
      ]),
      { today },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const inGroup = result.errors.filter((error) => error.fieldId === 'shareholders');
    expect(inGroup.map((error) => error.at)).toEqual([
      { row: 2, column: 'name' },
      { row: 2, column: 'idNumber' },
    ]);
    expect(inGroup[1]!.message['zh-Hans']).toBe('第 2 位股东的“身份号码”：身份证号码有误，请逐位核对');
    expect(inGroup[1]!.message.en).toBe(
      'Shareholder 2, ID number: This ID number is not right; please check each digit',
    );
  });

  it('asks for at least the minimum of rows and refuses more than the maximum', () => {
    const none = validateFormValues(companySetup, companyValues([]), { today });
    expect(!none.ok && none.errors.find((e) => e.fieldId === 'shareholders')?.key).toBe('tooFewRows');
    const row = { name: '陈示例', idNumber: firstId, contribution: 1, share: 1 };
    const many = validateFormValues(companySetup, companyValues(Array.from({ length: 51 }, () => row)), {
      today,
    });
    expect(!many.ok && many.errors.find((e) => e.fieldId === 'shareholders')).toMatchObject({
      key: 'tooManyRows',
      params: { max: 50 },
    });
    const notRows = validateFormValues(companySetup, companyValues(['陈示例']), { today });
    expect(!notRows.ok && notRows.errors.find((e) => e.fieldId === 'shareholders')?.at).toEqual({ row: 1 });
    const stray = validateFormValues(companySetup, companyValues([{ ...row, salary: 1 }]), { today });
    expect(!stray.ok && stray.errors.find((e) => e.fieldId === 'shareholders')?.key).toBe('unknownField');
  });

  it('the zod face gives the same problems with the row and column in the issue path', () => {
    const parsed = buildValuesSchema(companySetup, undefined, { today }).safeParse(
      companyValues([{ name: '陈示例', idNumber: wrongCheck, contribution: 100, share: 100 }]),
    );
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues.map((issue) => issue.path)).toContainEqual(['shareholders', 0, 'idNumber']);
    const errors = fieldErrorsFromIssues(companySetup, parsed.error.issues);
    expect(errors.find((error) => error.fieldId === 'shareholders')).toMatchObject({
      key: 'idNumberCheck',
      at: { row: 1, column: 'idNumber' },
    });
  });

  it('a hidden group is not asked and its rows are dropped: family members only when enrolling the family', () => {
    const base = {
      name: '陈示例',
      sex: 'male',
      idNumber: firstId,
      birthDate: '1980-01-01',
      registeredAddress: '福建省南安市溪美街道示例路1号',
      category: 'adult',
      year: 'current',
      phone: '13800138000',
      currentAddress: '福建省南安市溪美街道示例路3号',
      declaration: true,
    };
    const self = validateFormValues(
      residentMedical,
      { ...base, insuredPerson: 'self', members: [{ name: 'x' }] },
      { today },
    );
    if (!self.ok) throw new Error(JSON.stringify(self.errors));
    expect(self.values.members).toBeUndefined();
    const family = validateFormValues(residentMedical, { ...base, insuredPerson: 'family' }, { today });
    expect(!family.ok && family.errors.map((e) => e.fieldId)).toContain('members');
    const two = validateFormValues(
      residentMedical,
      {
        ...base,
        insuredPerson: 'family',
        members: [
          { name: '陈一', idNumber: secondId, relation: '子女' },
          { name: '陈二', idNumber: withCheckCharacter('35058319550505234'), relation: '父母' },
        ],
      },
      { today },
    );
    expect(two.ok && two.values.members).toHaveLength(2);
  });

  it('the schema refuses a row range that cannot be met, duplicate columns and a group source', () => {
    expect(formDefinitionSchema.safeParse(groupForm({})).success).toBe(true);
    expect(formDefinitionSchema.safeParse(groupForm({ repeat: { min: 3, max: 2 } })).success).toBe(false);
    expect(
      formDefinitionSchema.safeParse(
        groupForm({
          fields: [
            { id: 'name', type: 'text', label },
            { id: 'name', type: 'number', label },
          ],
        }),
      ).success,
    ).toBe(false);
    // A group binds to a list fact, and a list fact only to a group.
    expect(formDefinitionSchema.safeParse(groupForm({ source: 'profile.phone' })).success).toBe(false);
    expect(formDefinitionSchema.safeParse(groupForm({ source: 'profile.householdMembers' })).success).toBe(
      true,
    );
    const listToText = structuredClone(groupForm({})) as { sections: { fields: unknown[] }[] };
    listToText.sections[0]!.fields = [{ id: 'kids', type: 'text', label, source: 'profile.children' }];
    expect(formDefinitionSchema.safeParse(listToText).success).toBe(false);
    // Columns are simple fields: no nested groups, no files, no conditions of their own.
    expect(
      formDefinitionSchema.safeParse(
        groupForm({ fields: [{ id: 'doc', type: 'file', label, materialCode: 'ID' }] }),
      ).success,
    ).toBe(false);
    expect(
      formDefinitionSchema.safeParse(
        groupForm({ fields: [{ id: 'name', type: 'text', label, showWhen: { field: 'x', truthy: true } }] }),
      ).success,
    ).toBe(false);
  });

  it('family members fill from the household register, the applicant left out, and the register is not replaced', () => {
    const person = samplePeople(400).find(
      (entry) =>
        entry.profile?.consent.storeProfile &&
        (entry.profile.householdMembers ?? []).filter((m) => m.idNumber !== entry.identity.idNumber).length >=
          2,
    )!;
    const others = person.profile!.householdMembers!.filter((m) => m.idNumber !== person.identity.idNumber);
    const filled = autofill({
      form: residentMedical,
      identity: person.identity,
      profile: person.profile,
      itemId: 'yb-cxjm-cb',
      today,
    });
    // Hidden until the applicant chooses to enrol the family: kept for when it appears.
    expect(filled.whenShown.members).toEqual({
      value: others.map(({ name, idNumber, relation }) => ({ name, idNumber, relation })),
      provenance: 'store',
    });
    const values = {
      ...filled.values,
      insuredPerson: 'family',
      members: [others[0]!],
      category: 'adult',
      year: 'current',
      phone: '13800138000',
      currentAddress: '福建省南安市溪美街道示例路3号',
      declaration: true,
    };
    const checked = validateFormValues(residentMedical, values, { today, card: person.identity });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const kept = updateProfileAfterSubmission({
      profile: person.profile,
      form: residentMedical,
      values: checked.values,
      consent: { storeProfile: true, keepMaterials: false },
      materials: [],
      itemId: 'yb-cxjm-cb',
      now: '2025-06-01T10:00:00+08:00',
    })!;
    // Enrolling one member does not make the register list one member.
    expect(kept.householdMembers).toEqual(person.profile!.householdMembers);
  });
});
