/**
 * A small hall with a 一件事 bundle for the central's bundle tests: the test hall plus a tax bureau and an
 * integrated window (综合窗口), three items with forms (个体户设立登记 at market regulation, 税务登记 at
 * the tax bureau, 社保开户 at civil affairs) and the bundle of the three, whose forms share the
 * applicant's name (same card source) and the shop's name (a shared fact) and each ask a contact phone
 * of their own (the composed form's `contactPhone` and `contactPhone_2`). Its own ids: nothing here
 * depends on the sample hall's bundles.
 */
import { createHash } from 'node:crypto';
import {
  type Bundle,
  catalogueSchema,
  type Department,
  type Queue,
  type ServiceItem,
  type ServiceWindow,
} from '../../../sync/protocol/catalogue';
import type { SubmissionPayload } from '../../../sync/protocol/central-api';
import type { FormDefinition } from '../../../sync/protocol/forms';
import { keyedHashOf, materialBytes } from './kiosk-harness';
import { testCatalogue } from './test-hall';

const t = (zh: string, en: string) => ({ 'zh-Hans': zh, 'zh-Hant': zh, en });
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------- a hall with a three-item bundle

const departments: Department[] = [
  ...testCatalogue.departments,
  {
    id: 'tax',
    version: 1,
    code: 'SWJ',
    name: t('税务局', 'Tax bureau'),
    location: t('三楼', '3F'),
    floor: 3,
    phone: null,
  },
  {
    id: 'integrated',
    version: 1,
    code: 'ZHCK',
    name: t('综合窗口', 'Integrated window'),
    location: t('一楼', '1F'),
    floor: 1,
    phone: null,
  },
];
const queues: Queue[] = [
  ...testCatalogue.queues,
  {
    id: 'tax-general',
    version: 1,
    prefix: 'T',
    departmentId: 'tax',
    name: t('综合', 'General'),
    averageServiceMinutes: 8,
    priority: false,
  },
  {
    id: 'integrated-general',
    version: 1,
    prefix: 'Z',
    departmentId: 'integrated',
    name: t('一件事', 'Bundles'),
    averageServiceMinutes: 15,
    priority: false,
  },
];
const windows: ServiceWindow[] = [
  ...testCatalogue.windows,
  { id: 'w7', version: 1, number: 7, departmentId: 'tax', queueIds: ['tax-general'], open: true },
  {
    id: 'w9',
    version: 1,
    number: 9,
    departmentId: 'integrated',
    queueIds: ['integrated-general'],
    open: true,
  },
];

function item(
  id: string,
  departmentId: string,
  name: [string, string],
  materials: [string, string][],
  windowNumbers: number[],
): ServiceItem {
  return {
    id,
    version: 1,
    code: `T-${id.length}`,
    departmentId,
    name: t(...name),
    pinyin: id.replaceAll('-', ''),
    pinyinInitials: id.slice(0, 2),
    keywords: [],
    lifeEventIds: [],
    materials: materials.map(([code, zh]) => ({
      code,
      name: t(zh, code),
      required: true,
      pages: 1,
      reusable: true,
    })),
    timeLimitDays: 5,
    formId: `${id}-form`,
    windowNumbers,
    common: false,
  };
}

const items: ServiceItem[] = [
  ...testCatalogue.items,
  item(
    'shop-licence',
    'market',
    ['个体户设立登记', 'Sole trader registration'],
    [
      ['ID_COPY', '身份证'],
      ['LEASE', '经营场所租赁合同'],
    ],
    [1, 2],
  ),
  item(
    'tax-registration',
    'tax',
    ['税务登记', 'Tax registration'],
    [
      ['ID_COPY', '身份证'],
      ['BANK_CARD', '银行卡'],
    ],
    [7],
  ),
  item(
    'social-insurance-account',
    'civil',
    ['社保开户', 'Social insurance account'],
    [['ID_COPY', '身份证']],
    [5, 6],
  ),
];

const text = (id: string, zh: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'text' as const,
  label: t(zh, id),
  ...extra,
});

function form(id: string, fields: ReturnType<typeof text>[]): FormDefinition {
  return {
    id,
    version: 1,
    title: t(id, id),
    sections: [{ id: 'main', title: t('申请', 'Application'), fields }],
  } as FormDefinition;
}

const forms: FormDefinition[] = [
  form('shop-licence-form', [
    text('applicantName', '经营者姓名', { source: 'card.name' }),
    text('shopName', '个体户名称', { validation: { maxLength: 30 } }),
    text('premises', '经营场所'),
    text('contactPhone', '联系电话'),
  ]),
  form('tax-registration-form', [
    text('applicantName', '纳税人姓名', { source: 'card.name' }),
    text('shopName', '个体户名称', { validation: { maxLength: 20 } }),
    text('bankAccount', '银行账号'),
    text('contactPhone', '办税人电话'),
  ]),
  form('social-insurance-account-form', [
    text('applicantName', '参保人姓名', { source: 'card.name' }),
    text('shopName', '单位名称'),
    text('employees', '雇工人数'),
  ]),
];

export const bundle: Bundle = {
  id: 'open-shop-test',
  version: 1,
  code: 'YJS-TEST-01',
  name: t('开办个体户一件事', 'Opening a sole trade'),
  description: t('营业执照、税务登记、社保开户一次办', 'Licence, tax and social insurance at once'),
  itemIds: ['shop-licence', 'tax-registration', 'social-insurance-account'],
  sharedFieldIds: ['shopName'],
  windowNumbers: [9],
  keywords: [],
};

// The whole catalogue passes the protocol's own checks (the bundle composes, its window exists).
export const bundleHallCatalogue = catalogueSchema.parse({
  version: 'bundle-test',
  hallName: t('测试大厅', 'Test hall'),
  departments,
  windows,
  queues,
  items,
  lifeEvents: [],
  forms,
  bundles: [bundle],
});

// ---------------------------------------------------------------- the submission

export const principal = keyedHashOf('principal-elderly-parent');
export const agent = keyedHashOf('agent-son');
export const pages = {
  ID_COPY: materialBytes('bundle id copy', 300),
  LEASE: materialBytes('bundle lease', 300),
  BANK_CARD: materialBytes('bundle bank card', 300),
  /** The agent's power of attorney: asked by no item, it concerns the whole application. */
  POWER_OF_ATTORNEY: materialBytes('bundle power of attorney', 300),
};
export const page = (materialId: keyof typeof pages) => ({
  materialId,
  page: 1,
  sha256: sha256(pages[materialId]),
  mediaType: 'image/jpeg',
  size: pages[materialId].byteLength,
  reusedFromStore: false,
});

/** The composed form's values: `contactPhone_2` is the tax form's own phone (its id was taken). */
export const composedValues = {
  applicantName: '陈阿婆',
  shopName: '南安市溪美陈记杂货店',
  premises: '福建省南安市溪美街道新华路 8 号',
  contactPhone: '13800000001',
  bankAccount: '6222020200112233445',
  contactPhone_2: '13800000002',
  employees: '2',
};

export function bundleSubmission(caseNumber: string, itemId = bundle.id): SubmissionPayload {
  return {
    caseNumber,
    itemId,
    departmentId: 'integrated',
    queueId: 'integrated-general',
    ticket: null,
    applicant: { keyedHash: principal, priorityReasons: [] },
    agent: { keyedHash: agent, basis: 'power_of_attorney' },
    formValues: composedValues,
    materials: [page('ID_COPY'), page('LEASE'), page('BANK_CARD'), page('POWER_OF_ATTORNEY')],
    consentToStore: false,
    submittedAtMs: 1,
  };
}
