import { describe, expect, it } from 'vitest';
import { bundleProblems, composeBundle, splitBundleValues } from '../../sync/protocol/bundles';
import type { Bundle, MaterialRequirement, ServiceItem } from '../../sync/protocol/catalogue';
import {
  type FormDefinition,
  type FormField,
  formDefinitionSchema,
  formFields,
  validateFormValues,
} from '../../sync/protocol/forms';

/**
 * Issue 18 part 1: a bundle (一件事) is one form composed of its items' forms. A fact two items ask is
 * answered once, a material two items need is captured once, and where the two items check the fact
 * differently the stricter check wins and the applicant is told which item asks for it.
 */
const text = (zh: string, en = zh) => ({ 'zh-Hans': zh, 'zh-Hant': zh, en });

function item(
  id: string,
  departmentId: string,
  formId: string,
  materials: MaterialRequirement[] = [],
): ServiceItem {
  return {
    id,
    version: 1,
    code: `${id.toUpperCase()}-01`,
    departmentId,
    name: text(`事项${id}`, `Item ${id}`),
    pinyin: '',
    pinyinInitials: '',
    keywords: [],
    lifeEventIds: [],
    materials,
    timeLimitDays: 5,
    formId,
    windowNumbers: [1],
    common: false,
  };
}

const material = (code: string, required: boolean, pages = 1): MaterialRequirement => ({
  code,
  name: text(code),
  required,
  pages,
  reusable: true,
});

function form(id: string, fields: FormField[], extra: Partial<FormDefinition> = {}): FormDefinition {
  return formDefinitionSchema.parse({
    id,
    version: 1,
    title: text(id),
    sections: [{ id: 'main', title: text('基本信息'), fields }],
    ...extra,
  });
}

const birthRegistration = form('f-birth', [
  { id: 'name', type: 'text', label: text('姓名'), source: 'card.name' },
  { id: 'phone', type: 'phone', label: text('电话'), source: 'profile.phone' },
  {
    id: 'babyName',
    type: 'text',
    label: text('新生儿姓名'),
    validation: { required: true, maxLength: 20 },
  },
  { id: 'note', type: 'text', label: text('备注') },
  {
    id: 'proof',
    type: 'file',
    label: text('出生医学证明'),
    materialCode: 'BIRTH_CERT',
    validation: { required: true },
  },
]);
const medicalInsurance = form('f-medical', [
  { id: 'applicantName', type: 'text', label: text('申请人'), source: 'card.name' },
  { id: 'phone', type: 'phone', label: text('联系电话'), source: 'profile.phone' },
  {
    id: 'babyName',
    type: 'text',
    label: text('参保人姓名'),
    validation: {
      maxLength: 10,
      pattern: { regex: '\\p{Script=Han}+', message: text('参保人姓名只能是汉字'), example: '陈小明' },
    },
  },
  { id: 'note', type: 'text', label: text('参保备注'), showWhen: { field: 'babyName', truthy: true } },
  {
    id: 'plan',
    type: 'choice',
    label: text('参保档次'),
    options: [
      { value: 'basic', label: text('基本') },
      { value: 'plus', label: text('加强') },
    ],
  },
  { id: 'birthProof', type: 'file', label: text('出生医学证明'), materialCode: 'BIRTH_CERT' },
]);
const items = [
  item('birth', 'gaj', 'f-birth', [material('BIRTH_CERT', true), material('HUKOU_BOOK', true)]),
  item('medical', 'ybj', 'f-medical', [material('BIRTH_CERT', false, 2), material('PHOTO', false)]),
];
const bundle: Bundle = {
  id: 'birth-bundle',
  version: 1,
  code: 'YJS-BIRTH',
  name: text('出生一件事', 'Having a baby'),
  description: text('出生登记、医保参保一次办'),
  itemIds: ['birth', 'medical'],
  sharedFieldIds: ['babyName'],
  windowNumbers: [1],
  keywords: [],
};
const catalogue = { items, forms: [birthRegistration, medicalInsurance] };

function composed() {
  const result = composeBundle(bundle, catalogue);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.value;
}

describe('composing a bundle from its items’ forms', () => {
  it('gives a form the format accepts, titled with the bundle, sections titled with the items', () => {
    const { form: one } = composed();
    expect(formDefinitionSchema.safeParse(one).success).toBe(true);
    expect(one.title['zh-Hans']).toBe('出生一件事');
    expect(one.sections.map((section) => section.title['zh-Hans'])).toEqual([
      '事项birth · 基本信息',
      '事项medical · 基本信息',
    ]);
  });

  it('asks a person fact, a shared application fact and a material once', () => {
    const { form: one, parts } = composed();
    const ids = formFields(one).map((field) => field.id);
    // The card name, the phone, the baby's name and the birth certificate appear once; the medical
    // item's own note (an unshared field with a used id) gets a suffix.
    expect(ids).toEqual(['name', 'phone', 'babyName', 'note', 'proof', 'note_2', 'plan']);
    expect(parts[1]!.fieldIds).toEqual({
      applicantName: 'name',
      phone: 'phone',
      babyName: 'babyName',
      note: 'note_2',
      plan: 'plan',
      birthProof: 'proof',
    });
    expect(formFields(one).length).toBeLessThan(
      formFields(birthRegistration).length + formFields(medicalInsurance).length,
    );
  });

  it('renames the conditions of a field it renamed or merged', () => {
    const note2 = formFields(composed().form).find((field) => field.id === 'note_2')!;
    expect(note2.showWhen).toEqual({ field: 'babyName', truthy: true });
  });

  it('captures a material two items need once, required if either requires it, with the most pages', () => {
    const { materials, parts } = composed();
    expect(materials.map((entry) => entry.code)).toEqual(['BIRTH_CERT', 'HUKOU_BOOK', 'PHOTO']);
    expect(materials[0]).toMatchObject({ required: true, pages: 2, neededBy: ['birth', 'medical'] });
    expect(parts[1]!.materialCodes.sort()).toEqual(['BIRTH_CERT', 'PHOTO']);
  });

  it('splits the answers back into each item’s own fields', () => {
    const { parts } = composed();
    const split = splitBundleValues(
      { parts },
      { name: '陈示例', phone: '13800000000', babyName: '陈小明', note: '甲', note_2: '乙', plan: 'basic' },
    );
    expect(split.get('birth')).toEqual({
      name: '陈示例',
      phone: '13800000000',
      babyName: '陈小明',
      note: '甲',
    });
    expect(split.get('medical')).toEqual({
      applicantName: '陈示例',
      phone: '13800000000',
      babyName: '陈小明',
      note: '乙',
      plan: 'basic',
    });
  });
});

describe('a shared fact two items check differently: the stricter check wins, and says who asks', () => {
  const one = () => composed().form;
  const check = (babyName: string) =>
    validateFormValues(
      one(),
      { name: '陈示例', phone: '13800000000', babyName, proof: [], plan: 'basic' },
      { today: '2026-12-08' },
    );
  const babyError = (babyName: string) => {
    const result = check(babyName);
    return result.ok ? undefined : result.errors.find((error) => error.fieldId === 'babyName');
  };

  it('takes the shorter maximum and names the item that asks for it', () => {
    const field = formFields(one()).find((entry) => entry.id === 'babyName')!;
    expect(field.type === 'text' && field.validation?.maxLength).toBe(10);
    const error = babyError('陈小明陈小明陈小明陈小明');
    expect(error?.key).toBe('tooLong');
    expect(error?.message['zh-Hans']).toBe('最多 10 个字（“事项medical”的要求）');
    expect(error?.message.en).toBe('Use at most 10 characters (asked by “Item medical”)');
  });

  it('keeps the first item’s required without naming anyone (it asked first)', () => {
    const error = babyError('');
    expect(error?.key).toBe('required');
    expect(error?.message['zh-Hans']).toBe('请填写此项');
  });

  it('holds the second item’s pattern too, in its words and with its name', () => {
    const error = babyError('Chen');
    expect(error?.key).toBe('pattern');
    expect(error?.message['zh-Hans']).toBe('参保人姓名只能是汉字（“事项medical”的要求）');
    expect(babyError('陈小明')).toBeUndefined();
  });

  it('requires a material the second item merely lists when the first item’s form requires it', () => {
    const result = check('陈小明');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((error) => error.fieldId)).toEqual(['proof']);
  });
});

describe('bundles the catalogue refuses', () => {
  const windows = [{ number: 1 }];
  const problemsOf = (changes: Partial<Bundle>, forms = catalogue.forms) =>
    bundleProblems({ items, forms, windows, bundles: [{ ...bundle, ...changes }] });

  it('accepts the good one', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('names an unknown item, a window the hall lacks, an id an item has, a shared id no form asks', () => {
    expect(problemsOf({ itemIds: ['birth', 'passport'] })).toContain(
      'bundle birth-bundle: item passport is unknown',
    );
    expect(problemsOf({ windowNumbers: [9] })).toContain('bundle birth-bundle: unknown window 9');
    expect(problemsOf({ id: 'birth' })).toContain('bundle birth: an item has the same id');
    expect(problemsOf({ sharedFieldIds: ['babyName', 'nobody'] })).toContain(
      'bundle birth-bundle: shared field nobody is asked by no item',
    );
  });

  it('refuses a shared fact asked as two kinds of field, or with no option both items accept', () => {
    const asDate = form('f-medical', [{ id: 'babyName', type: 'date', label: text('出生日期') }]);
    expect(problemsOf({}, [birthRegistration, asDate])).toContain(
      'bundle birth-bundle: "babyName" is a date field in one item and a text in another',
    );
    const planA = form('f-birth', [
      { id: 'plan', type: 'choice', label: text('档次'), options: [{ value: 'basic', label: text('基本') }] },
    ]);
    expect(
      bundleProblems({
        items,
        forms: [planA, medicalInsurance],
        windows,
        bundles: [{ ...bundle, sharedFieldIds: ['plan'] }],
      }).filter((problem) => problem.includes('plan')),
    ).toEqual([]);
    const planB = form('f-birth', [
      { id: 'plan', type: 'choice', label: text('档次'), options: [{ value: 'gold', label: text('金') }] },
    ]);
    expect(
      bundleProblems({
        items,
        forms: [planB, medicalInsurance],
        windows,
        bundles: [{ ...bundle, sharedFieldIds: ['plan'] }],
      }),
    ).toContain('bundle birth-bundle: "plan": no option is accepted by every item');
  });
});
