import type { Bundle } from '../protocol/catalogue';
import { text } from './localized';

/**
 * The 一件事一次办 bundles the sample hall runs: five Fujian halls offer (闽政通 / 政务服务中心 综合窗口).
 * Each names its items in the order the departments handle them, and the facts of the application its
 * forms ask under the same field id (forms-bundles.ts, forms.ts), answered once. Person facts (the card,
 * the store) and materials (by code) are shared without being named. The catalogue build gives each the
 * integrated window's numbers (departments.ts, `zhck`) and a code.
 */
export type BundleSeed = Omit<Bundle, 'version' | 'code' | 'windowNumbers'>;

/** The department whose windows take every bundle's ticket. */
export const integratedWindowDepartmentId = 'zhck';

export const bundleSeeds: readonly BundleSeed[] = [
  {
    id: 'yjs-birth',
    name: text('出生一件事', '出生一件事', 'A baby is born: all in one'),
    description: text(
      '凭出生医学证明，一次办好预防接种证、出生登记（落户）、新生儿医保参保和社保卡申领',
      '憑出生醫學證明，一次辦好預防接種證、出生登記（落戶）、新生兒醫保參保和社保卡申領',
      "With the birth certificate: vaccination booklet, household registration, medical insurance and the baby's social security card",
    ),
    itemIds: ['wj-yfjzz', 'hz-cs-dj', 'yb-xse-cb', 'rs-sbk-xse'],
    sharedFieldIds: [
      'babyName',
      'babySex',
      'babyBirthDate',
      'birthCertificateNumber',
      'birthPlace',
      'declaration',
    ],
    keywords: ['出生', '新生儿', '上户口', '生孩子', '一件事'],
  },
  {
    id: 'yjs-sole-trader',
    name: text('开办个体户一件事', '開辦個體戶一件事', 'Open an individual business: all in one'),
    description: text(
      '营业执照、税务登记和发票、经营者社保参保，一次申请',
      '營業執照、稅務登記和發票、經營者社保參保，一次申請',
      'Business licence, tax registration and invoices, and the owner’s social insurance in one application',
    ),
    itemIds: ['scjg-gtgsh-sl', 'sw-xbnsr', 'rs-lhjy-cb'],
    sharedFieldIds: ['businessName', 'premisesAddress', 'declaration'],
    keywords: ['个体户', '开店', '营业执照', '税务登记', '一件事'],
  },
  {
    id: 'yjs-bereavement',
    name: text('身后事一件事', '身後事一件事', 'When someone dies: all in one'),
    description: text(
      '户口注销、丧葬补助金和抚恤金、养老金停发、公积金提取，一次申请',
      '戶口註銷、喪葬補助金和撫卹金、養老金停發、公積金提取，一次申請',
      'Cancelling the registration, the funeral grant, stopping the pension and the housing fund, in one application',
    ),
    itemIds: ['hz-swzx', 'rs-szbz', 'rs-dyzz', 'gjj-tq-sw'],
    sharedFieldIds: ['deceasedName', 'deceasedIdNumber', 'deathDate', 'relationToDeceased', 'declaration'],
    keywords: ['身后事', '去世', '死亡', '销户', '丧葬', '一件事'],
  },
  {
    id: 'yjs-retirement',
    name: text('退休一件事', '退休一件事', 'Retire: all in one'),
    description: text(
      '退休审批、养老金申领、医保退休待遇和公积金退休提取，一次申请',
      '退休審批、養老金申領、醫保退休待遇和公積金退休提取，一次申請',
      'Retirement approval, the pension, medical cover in retirement and the housing fund, in one application',
    ),
    itemIds: ['rs-txsp', 'rs-txsq', 'yb-txdy', 'gjj-tq-tx'],
    sharedFieldIds: ['retirementDate', 'declaration'],
    keywords: ['退休', '养老金', '一件事'],
  },
  {
    id: 'yjs-new-resident',
    name: text('新市民落户一件事', '新市民落戶一件事', 'Settle in the county: all in one'),
    description: text(
      '户口迁入、换领身份证、医保参保和子女入学登记，一次申请',
      '戶口遷入、換領身份證、醫保參保和子女入學登記，一次申請',
      "Moving your registration in, a new ID card, medical insurance and the children's school places, in one application",
    ),
    itemIds: ['hz-hkqr', 'hz-sfz-hl', 'yb-cxjm-cb', 'jy-rxdj'],
    sharedFieldIds: ['settleAddress', 'declaration'],
    keywords: ['落户', '新市民', '迁户口', '入学', '一件事'],
  },
];
