/**
 * A small 一件事 bundle for tests, added to the sample hall's catalogue: two items of two departments
 * whose forms ask the same person facts (card, store), the same baby's name (a shared fact the second
 * item checks more strictly) and the same household register, and whose ticket is for a third
 * department's window (standing in for the integrated window, 综合窗口).
 */
import type { Bundle, Catalogue, MaterialRequirement, ServiceItem } from '../../sync/protocol/catalogue';
import type { FormDefinition } from '../../sync/protocol/forms';
import {
  applicantSection,
  contactSection,
  declarationSection,
  phoneField,
} from '../../sync/sample-hall/form-parts';
import { text } from '../../sync/sample-hall/localized';

export const testBundleId = 'test-bundle-baby';
export const testBundleItemIds = ['test-bundle-cert', 'test-bundle-register'] as const;

const idCardCopy: MaterialRequirement = {
  code: 'ID_CARD_COPY',
  name: text('居民身份证复印件', '居民身分證影本', 'Copy of the ID card'),
  required: true,
  pages: 1,
  reusable: true,
};
const householdRegister: MaterialRequirement = {
  code: 'HOUSEHOLD_REGISTER',
  name: text('户口簿', '戶口簿', 'Household register'),
  required: true,
  pages: 2,
  reusable: true,
};

function babySection(maxLength: number): FormDefinition['sections'][number] {
  return {
    id: 'baby',
    title: text('新生儿', '新生兒', 'The baby'),
    fields: [
      {
        id: 'babyName',
        type: 'text',
        label: text('新生儿姓名', '新生兒姓名', 'The baby’s name'),
        validation: { required: true, maxLength },
      },
    ],
  };
}

export interface TestBundleEntries {
  entries: { kind: string; id: string; version: number; body: unknown }[];
  bundle: Bundle;
  items: ServiceItem[];
  forms: FormDefinition[];
  /** The department whose queues the bundle's ticket is for. */
  integratedDepartmentId: string;
}

/** The bundle, its two items and their forms, placed among the departments of `catalogue`. */
export function testBundleEntries(catalogue: Catalogue): TestBundleEntries {
  const [first, second, integrated] = catalogue.departments;
  if (!first || !second || !integrated) throw new Error('the catalogue needs three departments');
  const windowOf = (departmentId: string) => {
    const window = catalogue.windows.find((entry) => entry.departmentId === departmentId);
    if (!window) throw new Error(`department ${departmentId} has no window`);
    return window.number;
  };
  const certForm: FormDefinition = {
    id: 'test-bundle-cert-form',
    version: 1,
    title: text('出生医学证明申领表', '出生醫學證明申領表', 'Medical certificate of birth'),
    sections: [
      applicantSection(),
      contactSection(),
      {
        ...babySection(20),
        fields: [
          ...babySection(20).fields,
          {
            id: 'babyBirthDate',
            type: 'date',
            label: text('出生日期', '出生日期', 'Date of birth'),
            validation: { required: true, maxDate: 'today' },
          },
        ],
      },
      declarationSection(),
    ],
  };
  const registerForm: FormDefinition = {
    id: 'test-bundle-register-form',
    version: 1,
    title: text('出生登记申请表', '出生登記申請表', 'Birth registration'),
    sections: [
      applicantSection(),
      { id: 'contact', title: text('联系方式', '聯絡方式', 'Contact'), fields: [phoneField()] },
      // The register allows four characters for a name: stricter than the certificate's twenty.
      babySection(4),
      declarationSection(),
    ],
  };
  const item = (
    id: string,
    departmentId: string,
    name: ReturnType<typeof text>,
    formId: string,
    materials: MaterialRequirement[],
  ): ServiceItem => ({
    id,
    version: 1,
    code: `TEST-${id.toUpperCase()}`.slice(0, 40),
    departmentId,
    name,
    pinyin: '',
    pinyinInitials: '',
    keywords: [],
    lifeEventIds: [],
    materials,
    timeLimitDays: 5,
    formId,
    windowNumbers: [windowOf(departmentId)],
    common: false,
  });
  const items = [
    item(
      testBundleItemIds[0],
      first.id,
      text('出生医学证明（测试）', '出生醫學證明（測試）', 'Birth certificate (test)'),
      certForm.id,
      [idCardCopy, householdRegister],
    ),
    item(
      testBundleItemIds[1],
      second.id,
      text('出生登记（测试）', '出生登記（測試）', 'Birth registration (test)'),
      registerForm.id,
      [idCardCopy, { ...householdRegister, pages: 3 }],
    ),
  ];
  const bundle: Bundle = {
    id: testBundleId,
    version: 1,
    code: 'TEST-BUNDLE-BABY',
    name: text('出生一件事（测试）', '出生一件事（測試）', 'Having a baby (test)'),
    description: text('出生医学证明和出生登记一次办', '出生醫學證明和出生登記一次辦', 'Both at once'),
    itemIds: [...testBundleItemIds],
    sharedFieldIds: ['babyName', 'declaration'],
    windowNumbers: [windowOf(integrated.id)],
    keywords: ['出生'],
  };
  const forms = [certForm, registerForm];
  return {
    entries: [
      ...forms.map((form) => ({ kind: 'form', id: form.id, version: form.version, body: form })),
      ...items.map((entry) => ({ kind: 'item', id: entry.id, version: entry.version, body: entry })),
      { kind: 'bundle', id: bundle.id, version: bundle.version, body: bundle },
    ],
    bundle,
    items,
    forms,
    integratedDepartmentId: integrated.id,
  };
}
