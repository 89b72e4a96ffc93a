/** A small hall for sync tests: two departments, a priority queue in one, four windows. */
import type { Department, Queue, ServiceItem, ServiceWindow } from '../../../sync/protocol/catalogue';
import { catalogueEntrySchemas } from '../../../sync/protocol/catalogue';

const t = (zh: string, en: string) => ({ 'zh-Hans': zh, 'zh-Hant': zh, en });

export const testDepartments: Department[] = [
  {
    id: 'market',
    version: 1,
    code: 'SCJG',
    name: t('市场监管局', 'Market Regulation'),
    location: t('二楼', '2F'),
    floor: 2,
    phone: null,
  },
  {
    id: 'civil',
    version: 1,
    code: 'MZJ',
    name: t('民政局', 'Civil Affairs'),
    location: t('一楼', '1F'),
    floor: 1,
    phone: null,
  },
];

export const testQueues: Queue[] = [
  {
    id: 'market-general',
    version: 1,
    prefix: 'A',
    departmentId: 'market',
    name: t('综合', 'General'),
    averageServiceMinutes: 6,
    priority: false,
  },
  {
    id: 'market-priority',
    version: 1,
    prefix: 'V',
    departmentId: 'market',
    name: t('绿色通道', 'Green channel'),
    averageServiceMinutes: 6,
    priority: true,
  },
  {
    id: 'civil-general',
    version: 1,
    prefix: 'B',
    departmentId: 'civil',
    name: t('综合', 'General'),
    averageServiceMinutes: 10,
    priority: false,
  },
];

export const testWindows: ServiceWindow[] = [
  {
    id: 'w1',
    version: 1,
    number: 1,
    departmentId: 'market',
    queueIds: ['market-priority', 'market-general'],
    open: true,
  },
  { id: 'w2', version: 1, number: 2, departmentId: 'market', queueIds: ['market-general'], open: true },
  { id: 'w5', version: 1, number: 5, departmentId: 'civil', queueIds: ['civil-general'], open: true },
  { id: 'w6', version: 1, number: 6, departmentId: 'civil', queueIds: ['civil-general'], open: false },
];

export const testItems: ServiceItem[] = [
  {
    id: 'business-licence',
    version: 1,
    code: 'SC-0001',
    departmentId: 'market',
    name: t('营业执照', 'Business licence'),
    pinyin: 'yingyezhizhao',
    pinyinInitials: 'yyzz',
    keywords: [],
    lifeEventIds: [],
    materials: [
      { code: 'ID_COPY', name: t('身份证复印件', 'ID copy'), required: true, pages: 1, reusable: true },
    ],
    timeLimitDays: 0,
    formId: null,
    windowNumbers: [1, 2],
    common: true,
  },
  {
    id: 'marriage-certificate',
    version: 1,
    code: 'MZ-0001',
    departmentId: 'civil',
    name: t('婚姻登记', 'Marriage registration'),
    pinyin: 'hunyindengji',
    pinyinInitials: 'hydj',
    keywords: [],
    lifeEventIds: [],
    materials: [],
    timeLimitDays: 0,
    formId: null,
    windowNumbers: [5, 6],
    common: true,
  },
];

for (const d of testDepartments) catalogueEntrySchemas.department.parse(d);
for (const q of testQueues) catalogueEntrySchemas.queue.parse(q);
for (const w of testWindows) catalogueEntrySchemas.window.parse(w);
for (const i of testItems) catalogueEntrySchemas.item.parse(i);

export const testCatalogue = {
  departments: testDepartments,
  windows: testWindows,
  queues: testQueues,
  items: testItems,
  lifeEvents: [],
  forms: [],
};
