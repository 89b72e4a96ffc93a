import type { MaterialRequirement } from '../protocol/catalogue';
import type { LocalizedText } from '../protocol/localized-text';
import { text } from './localized';
import { type MaterialCode, material } from './materials';

/** The hall's service items before the catalogue build adds codes, pinyin, windows and versions. */
export interface ItemSeed {
  id: string;
  departmentId: string;
  name: LocalizedText;
  keywords: string[];
  lifeEventIds: string[];
  materials: MaterialRequirement[];
  timeLimitDays: number;
  /** Common items have a full form whose id is the item's id. */
  common: boolean;
}

interface ItemOptions {
  days?: number;
  /** Material codes; a trailing `?` marks an optional one. */
  materials?: (MaterialCode | `${MaterialCode}?`)[];
  keywords?: string[];
  events?: string[];
  common?: boolean;
}

function item(id: string, departmentId: string, name: LocalizedText, options: ItemOptions = {}): ItemSeed {
  return {
    id,
    departmentId,
    name,
    keywords: options.keywords ?? [],
    lifeEventIds: options.events ?? [],
    materials: ['ID_CARD_COPY' as const, ...(options.materials ?? [])].map((entry) =>
      entry.endsWith('?')
        ? material(entry.slice(0, -1) as MaterialCode, false)
        : material(entry as MaterialCode),
    ),
    timeLimitDays: options.days ?? 0,
    common: options.common ?? false,
  };
}

// Market regulation: every kind of business entity can be registered, changed, deregistered or file records.
const entityKinds = [
  {
    key: 'yxgs',
    name: text('有限责任公司', '有限責任公司', 'Limited company'),
    materials: ['ARTICLES_OF_ASSOCIATION', 'SHAREHOLDER_RESOLUTION?', 'PREMISES_PROOF'],
  },
  {
    key: 'grdz',
    name: text('个人独资企业', '個人獨資企業', 'Sole proprietorship'),
    materials: ['PREMISES_PROOF'],
  },
  {
    key: 'hhqy',
    name: text('合伙企业', '合夥企業', 'Partnership'),
    materials: ['CONTRACT_OR_DEAL', 'PREMISES_PROOF'],
  },
  {
    key: 'gtgsh',
    name: text('个体工商户', '個體工商戶', 'Individual business'),
    materials: ['PREMISES_PROOF'],
  },
  {
    key: 'nmhzs',
    name: text('农民专业合作社', '農民專業合作社', "Farmers' cooperative"),
    materials: ['ARTICLES_OF_ASSOCIATION', 'PREMISES_PROOF'],
  },
] as const;

const registrationActions = [
  {
    key: 'sl',
    name: text('营业执照设立登记', '營業執照設立登記', 'business licence: registration'),
    days: 1,
  },
  { key: 'bg', name: text('营业执照变更登记', '營業執照變更登記', 'business licence: change'), days: 1 },
  { key: 'zx', name: text('注销登记', '註銷登記', 'deregistration'), days: 3 },
  { key: 'ba', name: text('备案', '備案', 'record filing'), days: 1 },
] as const;

const commonRegistrations = new Set(['scjg-gtgsh-sl', 'scjg-yxgs-sl', 'scjg-yxgs-bg']);

const marketRegistrationItems: ItemSeed[] = entityKinds.flatMap((entity) =>
  registrationActions.map((action) => {
    const id = `scjg-${entity.key}-${action.key}`;
    return item(
      id,
      'market',
      text(
        `${entity.name['zh-Hans']}${action.name['zh-Hans']}`,
        `${entity.name['zh-Hant']}${action.name['zh-Hant']}`,
        `${entity.name.en} ${action.name.en}`,
      ),
      {
        days: action.days,
        materials:
          action.key === 'zx'
            ? ['BUSINESS_LICENCE']
            : action.key === 'sl'
              ? [...entity.materials]
              : ['BUSINESS_LICENCE', 'SHAREHOLDER_RESOLUTION?'],
        keywords: ['营业执照', '工商', action.key === 'sl' ? '开店' : '执照'],
        events: action.key === 'sl' ? ['open-business'] : action.key === 'zx' ? ['close-business'] : [],
        common: commonRegistrations.has(id),
      },
    );
  }),
);

// Real estate: the kinds of registration a county centre handles daily.
const realEstateKinds = [
  {
    key: 'scdj',
    name: text('不动产首次登记', '不動產首次登記', 'Real estate first registration'),
    materials: ['PURCHASE_CONTRACT', 'PURCHASE_INVOICE'],
    days: 5,
    events: ['buy-home'],
  },
  {
    key: 'zy-esf',
    name: text(
      '不动产转移登记（二手房买卖）',
      '不動產轉移登記（二手房買賣）',
      'Real estate transfer registration: resale home',
    ),
    materials: ['PROPERTY_CERT', 'PURCHASE_CONTRACT', 'TAX_RECEIPT', 'MARRIAGE_CERT?'],
    days: 3,
    events: ['buy-home'],
    common: true,
  },
  {
    key: 'zy-jc',
    name: text(
      '不动产转移登记（继承）',
      '不動產轉移登記（繼承）',
      'Real estate transfer registration: inheritance',
    ),
    materials: ['PROPERTY_CERT', 'DEATH_CERT', 'KINSHIP_PROOF'],
    days: 10,
    events: ['bereavement'],
  },
  {
    key: 'bg',
    name: text('不动产变更登记', '不動產變更登記', 'Real estate change registration'),
    materials: ['PROPERTY_CERT'],
    days: 3,
  },
  {
    key: 'dy-sc',
    name: text('不动产抵押权首次登记', '不動產抵押權首次登記', 'Mortgage registration'),
    materials: ['PROPERTY_CERT', 'LOAN_CONTRACT'],
    days: 2,
    events: ['buy-home'],
  },
  {
    key: 'dy-zx',
    name: text('不动产抵押权注销登记', '不動產抵押權註銷登記', 'Mortgage discharge registration'),
    materials: ['PROPERTY_CERT', 'LOAN_CONTRACT'],
    days: 1,
  },
  {
    key: 'ygdj',
    name: text('预购商品房预告登记', '預購商品房預告登記', 'Advance registration of a home bought off-plan'),
    materials: ['PURCHASE_CONTRACT'],
    days: 3,
    events: ['buy-home'],
  },
  {
    key: 'gzdj',
    name: text('不动产更正登记', '不動產更正登記', 'Real estate correction registration'),
    materials: ['PROPERTY_CERT'],
    days: 10,
  },
  {
    key: 'bz',
    name: text('不动产权证书补证换证', '不動產權證書補證換證', 'Replacement title certificate'),
    materials: ['PROPERTY_CERT?'],
    days: 10,
  },
  {
    key: 'cx',
    name: text('不动产登记资料查询', '不動產登記資料查詢', 'Real estate register search'),
    materials: [],
    days: 0,
  },
] as const;

const realEstateItems: ItemSeed[] = realEstateKinds.map((kind) =>
  item(`bdc-${kind.key}`, 'real-estate', kind.name, {
    days: kind.days,
    materials: [...kind.materials],
    keywords: ['不动产', '房产证', '房子'],
    events: 'events' in kind ? [...kind.events] : [],
    common: 'common' in kind && kind.common,
  }),
);

const otherItems: ItemSeed[] = [
  // General reception
  item('zh-qykb', 'general', text('企业开办一件事', '企業開辦一件事', 'Open a business: all in one'), {
    days: 1,
    materials: ['PREMISES_PROOF'],
    keywords: ['开公司', '营业执照', '刻章', '发票'],
    events: ['open-business'],
  }),
  item('zh-zxfw', 'general', text('政务服务综合咨询', '政務服務綜合諮詢', 'General enquiries'), {
    keywords: ['咨询', '问'],
  }),
  item(
    'zh-bjjd',
    'general',
    text('办件进度查询与结果领取', '辦件進度查詢與結果領取', 'Case progress and collection of results'),
    { keywords: ['领证', '查进度'] },
  ),
  item('zh-tsjb', 'general', text('投诉举报受理', '投訴舉報受理', 'Complaints and reports'), {
    days: 15,
    keywords: ['投诉', '12345'],
  }),
  // Market regulation, beyond registrations
  item(
    'scjg-spjyxk',
    'market',
    text('食品经营许可（新办）', '食品經營許可（新辦）', 'Food business licence: new'),
    {
      days: 10,
      materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN', 'FOOD_SAFETY_RULES', 'HEALTH_CERT'],
      keywords: ['食品', '餐饮', '开店'],
      events: ['open-business'],
      common: true,
    },
  ),
  item(
    'scjg-spjyxk-bg',
    'market',
    text('食品经营许可变更', '食品經營許可變更', 'Food business licence: change'),
    { days: 10, materials: ['PERMIT_ORIGINAL', 'BUSINESS_LICENCE'], keywords: ['食品'] },
  ),
  item(
    'scjg-spjyxk-yx',
    'market',
    text('食品经营许可延续', '食品經營許可延續', 'Food business licence: renewal'),
    { days: 10, materials: ['PERMIT_ORIGINAL'], keywords: ['食品'] },
  ),
  item('scjg-xzf', 'market', text('食品小作坊登记', '食品小作坊登記', 'Small food workshop registration'), {
    days: 10,
    materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN'],
    keywords: ['食品'],
  }),
  item(
    'scjg-tssb',
    'market',
    text('特种设备使用登记', '特種設備使用登記', 'Special equipment use registration'),
    { days: 5, materials: ['BUSINESS_LICENCE', 'SAFETY_SYSTEM'], keywords: ['电梯', '锅炉'] },
  ),
  item(
    'scjg-ylqx',
    'market',
    text('第二类医疗器械经营备案', '第二類醫療器械經營備案', 'Class II medical device trading record'),
    { days: 1, materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN'] },
  ),
  item('scjg-ypls', 'market', text('药品零售企业许可', '藥品零售企業許可', 'Pharmacy licence'), {
    days: 15,
    materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN', 'SAFETY_SYSTEM'],
    keywords: ['药店'],
    events: ['open-business'],
  }),
  // Tax
  item(
    'sw-dkfp',
    'tax',
    text('代开增值税普通发票', '代開增值稅普通發票', 'VAT invoice issued on your behalf'),
    { materials: ['CONTRACT_OR_DEAL'], keywords: ['发票', '开票'], common: true },
  ),
  item('sw-fply', 'tax', text('发票领用', '發票領用', 'Invoice supply'), {
    materials: ['BUSINESS_LICENCE'],
    keywords: ['发票', '领票'],
    events: ['open-business'],
  }),
  item(
    'sw-ybnsr',
    'tax',
    text('增值税一般纳税人登记', '增值稅一般納稅人登記', 'General VAT taxpayer registration'),
    { materials: ['BUSINESS_LICENCE'], keywords: ['纳税人'] },
  ),
  item(
    'sw-grsd',
    'tax',
    text(
      '个人所得税综合所得汇算清缴',
      '個人所得稅綜合所得匯算清繳',
      'Individual income tax annual settlement',
    ),
    { keywords: ['个税', '退税'] },
  ),
  item('sw-qs', 'tax', text('契税申报', '契稅申報', 'Deed tax return'), {
    materials: ['PURCHASE_CONTRACT', 'PURCHASE_INVOICE'],
    keywords: ['契税', '买房'],
    events: ['buy-home'],
  }),
  item('sw-clgzs', 'tax', text('车辆购置税申报', '車輛購置稅申報', 'Vehicle purchase tax return'), {
    materials: ['VEHICLE_INVOICE'],
    keywords: ['购置税', '买车'],
    events: ['buy-car'],
  }),
  item('sw-wszm', 'tax', text('开具个人完税证明', '開具個人完稅證明', 'Personal tax payment certificate'), {
    keywords: ['完税证明'],
  }),
  item(
    'sw-cjbz',
    'tax',
    text('残疾人就业保障金申报', '殘疾人就業保障金申報', 'Disabled employment security fund return'),
    { materials: ['BUSINESS_LICENCE'] },
  ),
  item(
    'sw-shbxf',
    'tax',
    text(
      '灵活就业人员社保费缴纳',
      '靈活就業人員社保費繳納',
      'Social insurance contributions for the self-employed',
    ),
    { keywords: ['社保费', '缴费'] },
  ),
  item('sw-fcjy', 'tax', text('二手房交易税费申报', '二手房交易稅費申報', 'Taxes on a resale home'), {
    materials: ['PROPERTY_CERT', 'PURCHASE_CONTRACT'],
    keywords: ['二手房', '税'],
    events: ['buy-home'],
  }),
  // Exit and entry
  item(
    'crj-gaxz-sl',
    'exit-entry',
    text(
      '往来港澳通行证首次申领',
      '往來港澳通行證首次申領',
      'Travel permit to Hong Kong and Macao: first issue',
    ),
    {
      days: 7,
      materials: ['ID_PHOTO'],
      keywords: ['港澳通行证', '去香港', '去澳门'],
      events: ['travel'],
      common: true,
    },
  ),
  item(
    'crj-gaqz',
    'exit-entry',
    text('往来港澳通行证签注', '往來港澳通行證簽注', 'Hong Kong and Macao travel permit: endorsement'),
    {
      materials: ['TRAVEL_PERMIT', 'INVITATION?'],
      keywords: ['港澳签注', '续签'],
      events: ['travel'],
      common: true,
    },
  ),
  item(
    'crj-gaxz-hf',
    'exit-entry',
    text(
      '往来港澳通行证换发补发',
      '往來港澳通行證換發補發',
      'Hong Kong and Macao travel permit: renewal or replacement',
    ),
    { days: 7, materials: ['ID_PHOTO', 'TRAVEL_PERMIT?'], keywords: ['港澳通行证'], events: ['travel'] },
  ),
  item('crj-hz-sl', 'exit-entry', text('普通护照首次申领', '普通護照首次申領', 'Passport: first issue'), {
    days: 7,
    materials: ['ID_PHOTO'],
    keywords: ['护照', '出国'],
    events: ['travel'],
    common: true,
  }),
  item(
    'crj-hz-hf',
    'exit-entry',
    text('普通护照换发补发', '普通護照換發補發', 'Passport: renewal or replacement'),
    { days: 7, materials: ['ID_PHOTO'], keywords: ['护照'], events: ['travel'] },
  ),
  item(
    'crj-twxz',
    'exit-entry',
    text('往来台湾通行证申领', '往來臺灣通行證申領', 'Travel permit to Taiwan: application'),
    { days: 7, materials: ['ID_PHOTO'], keywords: ['台湾', '台胞'], events: ['travel'] },
  ),
  item(
    'crj-twqz',
    'exit-entry',
    text('往来台湾通行证签注', '往來臺灣通行證簽注', 'Taiwan travel permit: endorsement'),
    { materials: ['INVITATION?'], keywords: ['台湾签注'], events: ['travel'] },
  ),
  // Household registration
  item('hz-cs-dj', 'household', text('出生登记', '出生登記', 'Birth registration (household)'), {
    materials: ['BIRTH_MEDICAL_CERT', 'HOUSEHOLD_REGISTER', 'MARRIAGE_CERT'],
    keywords: ['报户口', '上户口', '新生儿'],
    events: ['have-baby'],
    common: true,
  }),
  item('hz-jzz-sl', 'household', text('居住证申领', '居住證申領', 'Residence permit: application'), {
    days: 15,
    materials: ['RESIDENCE_PROOF', 'EMPLOYMENT_PROOF?', 'ID_PHOTO'],
    keywords: ['居住证', '暂住'],
    events: ['new-resident'],
    common: true,
  }),
  item('hz-jzz-qz', 'household', text('居住证签注', '居住證簽注', 'Residence permit: annual endorsement'), {
    materials: ['RESIDENCE_PROOF'],
    keywords: ['居住证'],
    events: ['new-resident'],
  }),
  item('hz-hkqr', 'household', text('户口迁入', '戶口遷入', 'Moving your household registration in'), {
    days: 7,
    materials: ['HOUSEHOLD_REGISTER', 'PROPERTY_CERT?'],
    keywords: ['迁户口', '落户'],
    events: ['new-resident', 'buy-home'],
  }),
  item('hz-hkqc', 'household', text('户口迁出', '戶口遷出', 'Moving your household registration out'), {
    days: 3,
    materials: ['HOUSEHOLD_REGISTER'],
    keywords: ['迁户口'],
  }),
  item('hz-sfz-hl', 'household', text('居民身份证换领', '居民身份證換領', 'Resident ID card renewal'), {
    days: 20,
    materials: ['HOUSEHOLD_REGISTER', 'ID_PHOTO?'],
    keywords: ['身份证到期', '换身份证'],
  }),
  item('hz-sfz-bl', 'household', text('居民身份证补领', '居民身份證補領', 'Resident ID card replacement'), {
    days: 20,
    materials: ['HOUSEHOLD_REGISTER'],
    keywords: ['身份证丢了', '补身份证'],
  }),
  item('hz-lssfz', 'household', text('临时居民身份证申领', '臨時居民身份證申領', 'Temporary ID card'), {
    materials: ['HOUSEHOLD_REGISTER', 'ID_PHOTO'],
    keywords: ['临时身份证'],
  }),
  item('hz-hjzm', 'household', text('户籍证明开具', '戶籍證明開具', 'Household registration certificate'), {
    keywords: ['户籍证明'],
  }),
  item(
    'hz-swzx',
    'household',
    text('死亡人员户口注销', '死亡人員戶口註銷', 'Cancelling the registration of a person who died'),
    { materials: ['DEATH_CERT', 'HOUSEHOLD_REGISTER'], keywords: ['销户'], events: ['bereavement'] },
  ),
  // Vehicles and drivers
  item(
    'cg-jsz-hz',
    'vehicles',
    text('机动车驾驶证期满换证', '機動車駕駛證期滿換證', 'Driving licence renewal'),
    {
      materials: ['DRIVING_LICENCE', 'MEDICAL_CHECK', 'ID_PHOTO'],
      keywords: ['驾照到期', '换驾照'],
      common: true,
    },
  ),
  item('cg-jsz-bz', 'vehicles', text('机动车驾驶证补证', '機動車駕駛證補證', 'Driving licence replacement'), {
    materials: ['ID_PHOTO'],
    keywords: ['驾照丢了'],
  }),
  item('cg-zcdj', 'vehicles', text('机动车注册登记', '機動車註冊登記', 'Vehicle registration'), {
    materials: ['VEHICLE_INVOICE', 'VEHICLE_INSURANCE', 'TAX_RECEIPT'],
    keywords: ['上牌', '新车'],
    events: ['buy-car'],
  }),
  item('cg-zydj', 'vehicles', text('机动车转移登记', '機動車轉移登記', 'Vehicle transfer registration'), {
    materials: ['VEHICLE_REGISTRATION', 'VEHICLE_INVOICE'],
    keywords: ['过户', '二手车'],
    events: ['buy-car'],
  }),
  item('cg-dydj', 'vehicles', text('机动车抵押登记', '機動車抵押登記', 'Vehicle mortgage registration'), {
    materials: ['VEHICLE_REGISTRATION', 'LOAN_CONTRACT'],
    keywords: ['车贷'],
    events: ['buy-car'],
  }),
  item(
    'cg-jybz',
    'vehicles',
    text('核发机动车检验合格标志', '核發機動車檢驗合格標誌', 'Vehicle inspection sticker'),
    { materials: ['VEHICLE_INSURANCE'], keywords: ['年检', '年审'] },
  ),
  item('cg-hpbl', 'vehicles', text('机动车号牌补领', '機動車號牌補領', 'Replacement number plate'), {
    materials: ['VEHICLE_REGISTRATION'],
    keywords: ['车牌'],
  }),
  // Human resources and social security
  item(
    'rs-cxjm-yl',
    'hrss',
    text(
      '城乡居民基本养老保险参保登记',
      '城鄉居民基本養老保險參保登記',
      "Residents' basic pension: enrolment",
    ),
    { materials: ['HOUSEHOLD_REGISTER', 'BANK_CARD'], keywords: ['养老保险', '社保'], common: true },
  ),
  item(
    'rs-lhjy-cb',
    'hrss',
    text('灵活就业人员参保登记', '靈活就業人員參保登記', 'Self-employed social insurance: enrolment'),
    {
      materials: ['BANK_CARD'],
      keywords: ['社保', '灵活就业', '个体社保'],
      events: ['lose-job'],
      common: true,
    },
  ),
  item('rs-sbk-sl', 'hrss', text('社会保障卡申领', '社會保障卡申領', 'Social security card: application'), {
    days: 10,
    materials: ['ID_PHOTO'],
    keywords: ['社保卡', '补社保卡'],
    events: ['have-baby'],
    common: true,
  }),
  item('rs-syj-sl', 'hrss', text('失业保险金申领', '失業保險金申領', 'Unemployment benefit: claim'), {
    days: 10,
    materials: ['SEPARATION_PROOF', 'BANK_CARD'],
    keywords: ['失业金', '失业'],
    events: ['lose-job'],
    common: true,
  }),
  item(
    'rs-txsq',
    'hrss',
    text(
      '职工基本养老保险退休待遇申领',
      '職工基本養老保險退休待遇申領',
      'Employee pension: retirement claim',
    ),
    {
      days: 15,
      // The 退休审批 result reaches the pension and fund centres electronically (退休一件事): a paper
      // copy is asked only of those approved elsewhere.
      materials: ['RETIREMENT_APPROVAL?', 'BANK_CARD', 'ID_PHOTO'],
      keywords: ['退休', '养老金'],
      events: ['retire'],
    },
  ),
  item(
    'rs-cxjm-dy',
    'hrss',
    text('城乡居民养老保险待遇申领', '城鄉居民養老保險待遇申領', "Residents' pension: claim"),
    {
      days: 10,
      materials: ['HOUSEHOLD_REGISTER', 'BANK_CARD'],
      keywords: ['养老金', '60岁'],
      events: ['retire'],
    },
  ),
  item(
    'rs-zyzc',
    'hrss',
    text('养老保险关系转移接续', '養老保險關係轉移接續', 'Transferring your pension account'),
    { days: 15, keywords: ['社保转移'], events: ['new-resident'] },
  ),
  item('rs-jycyz', 'hrss', text('就业创业证申领', '就業創業證申領', 'Employment and entrepreneurship card'), {
    days: 5,
    materials: ['ID_PHOTO'],
    keywords: ['就业证', '失业登记'],
    events: ['lose-job'],
  }),
  item('rs-syzdj', 'hrss', text('失业登记', '失業登記', 'Unemployment registration'), {
    keywords: ['失业'],
    events: ['lose-job'],
  }),
  item('rs-cydk', 'hrss', text('创业担保贷款申请', '創業擔保貸款申請', 'Start-up guaranteed loan'), {
    days: 15,
    materials: ['BUSINESS_LICENCE', 'PROJECT_REPORT'],
    keywords: ['贷款', '创业'],
    events: ['open-business'],
  }),
  item('rs-gsrd', 'hrss', text('工伤认定申请', '工傷認定申請', 'Work injury recognition'), {
    days: 60,
    materials: ['LABOUR_CONTRACT', 'MEDICAL_RECORDS'],
    keywords: ['工伤'],
  }),
  item('rs-ldht', 'hrss', text('劳动合同备案', '勞動合同備案', 'Employment contract record'), {
    materials: ['LABOUR_CONTRACT', 'BUSINESS_LICENCE'],
  }),
  item(
    'rs-ssrz',
    'hrss',
    text('领取养老金人员资格认证', '領取養老金人員資格認證', 'Pensioner life certification'),
    { keywords: ['年审', '认证', '养老金'], events: ['retire'] },
  ),
  // Healthcare security
  item(
    'yb-cxjm-cb',
    'medical-insurance',
    text(
      '城乡居民基本医疗保险参保登记',
      '城鄉居民基本醫療保險參保登記',
      "Residents' medical insurance: enrolment",
    ),
    {
      materials: ['HOUSEHOLD_REGISTER?'],
      keywords: ['医保', '新农合', '参保'],
      events: ['have-baby'],
      common: true,
    },
  ),
  item(
    'yb-ydjy-ba',
    'medical-insurance',
    text('异地就医备案', '異地就醫備案', 'Medical treatment elsewhere: filing'),
    {
      materials: ['RESIDENCE_PROOF?', 'TRANSFER_REFERRAL?'],
      keywords: ['异地医保', '外地看病'],
      events: ['retire'],
      common: true,
    },
  ),
  item(
    'yb-gxzy',
    'medical-insurance',
    text('医保关系转移接续', '醫保關係轉移接續', 'Transferring your medical insurance'),
    { days: 15, keywords: ['医保转移'], events: ['new-resident'] },
  ),
  item('yb-syjt', 'medical-insurance', text('生育津贴申领', '生育津貼申領', 'Maternity allowance claim'), {
    days: 20,
    materials: ['BIRTH_MEDICAL_CERT', 'BANK_CARD'],
    keywords: ['生育险', '产假'],
    events: ['have-baby'],
  }),
  item(
    'yb-mtb',
    'medical-insurance',
    text('门诊慢特病待遇认定', '門診慢特病待遇認定', 'Chronic and special disease outpatient cover'),
    { days: 20, materials: ['MEDICAL_RECORDS'], keywords: ['慢性病', '特殊病'] },
  ),
  item(
    'yb-lxbx',
    'medical-insurance',
    text('医疗费用零星报销', '醫療費用零星報銷', 'Reimbursement of medical bills'),
    { days: 20, materials: ['INVOICES', 'MEDICAL_RECORDS', 'BANK_CARD'], keywords: ['报销', '医药费'] },
  ),
  item(
    'yb-ytjfd',
    'medical-insurance',
    text(
      '医保个人账户家庭共济备案',
      '醫保個人帳戶家庭共濟備案',
      'Sharing a medical insurance account with family',
    ),
    { keywords: ['家庭共济'] },
  ),
  // Housing provident fund
  item(
    'gjj-tq-zf',
    'housing-fund',
    text('住房公积金提取（租房）', '住房公積金提取（租房）', 'Housing fund withdrawal: renting'),
    {
      days: 3,
      materials: ['LEASE_CONTRACT?', 'BANK_CARD'],
      keywords: ['公积金', '提取', '租房'],
      events: ['new-resident'],
      common: true,
    },
  ),
  item(
    'gjj-tq-gf',
    'housing-fund',
    text('住房公积金提取（购房）', '住房公積金提取（購房）', 'Housing fund withdrawal: buying a home'),
    {
      days: 3,
      materials: ['PURCHASE_CONTRACT', 'PURCHASE_INVOICE', 'BANK_CARD'],
      keywords: ['公积金', '提取', '买房'],
      events: ['buy-home'],
      common: true,
    },
  ),
  item(
    'gjj-tq-tx',
    'housing-fund',
    text('住房公积金提取（退休）', '住房公積金提取（退休）', 'Housing fund withdrawal: retirement'),
    {
      days: 3,
      materials: ['RETIREMENT_APPROVAL?', 'BANK_CARD'],
      keywords: ['公积金', '退休'],
      events: ['retire'],
    },
  ),
  item(
    'gjj-tq-hd',
    'housing-fund',
    text(
      '住房公积金提取（偿还贷款）',
      '住房公積金提取（償還貸款）',
      'Housing fund withdrawal: repaying a loan',
    ),
    { days: 3, materials: ['LOAN_CONTRACT', 'BANK_CARD'], keywords: ['公积金', '还贷'] },
  ),
  item(
    'gjj-dk',
    'housing-fund',
    text('住房公积金个人住房贷款申请', '住房公積金個人住房貸款申請', 'Housing fund home loan'),
    {
      days: 15,
      materials: ['PURCHASE_CONTRACT', 'MARRIAGE_CERT?', 'HOUSEHOLD_REGISTER'],
      keywords: ['公积金贷款', '房贷'],
      events: ['buy-home'],
    },
  ),
  item(
    'gjj-khdj',
    'housing-fund',
    text('住房公积金个人账户设立', '住房公積金個人帳戶設立', 'Opening a housing fund account'),
    { keywords: ['公积金开户'] },
  ),
  item(
    'gjj-jczm',
    'housing-fund',
    text('住房公积金缴存证明开具', '住房公積金繳存證明開具', 'Housing fund contribution statement'),
    { keywords: ['缴存证明'] },
  ),
  // Civil affairs
  // Since 2025-05-10 (婚姻登记条例) the ID card and the signed declaration suffice: no 户口簿.
  item('mz-jhdj', 'civil-affairs', text('结婚登记', '結婚登記', 'Marriage registration'), {
    materials: ['ID_PHOTO', 'SINGLE_DECLARATION'],
    keywords: ['领证', '结婚证'],
    events: ['get-married'],
    common: true,
  }),
  item('mz-lhdj', 'civil-affairs', text('离婚登记', '離婚登記', 'Divorce registration'), {
    days: 30,
    materials: ['MARRIAGE_CERT', 'HOUSEHOLD_REGISTER', 'CONTRACT_OR_DEAL'],
    keywords: ['离婚'],
  }),
  item(
    'mz-bfhz',
    'civil-affairs',
    text('补领婚姻登记证', '補領婚姻登記證', 'Replacement marriage certificate'),
    { materials: ['HOUSEHOLD_REGISTER', 'ID_PHOTO'], keywords: ['补结婚证'] },
  ),
  item(
    'mz-gljt',
    'civil-affairs',
    text('高龄老人津贴申领', '高齡老人津貼申領', 'Allowance for people over 80'),
    { days: 15, materials: ['BANK_CARD'], keywords: ['高龄补贴', '老人'], events: ['retire'] },
  ),
  item(
    'mz-dbsq',
    'civil-affairs',
    text('最低生活保障申请', '最低生活保障申請', 'Minimum living allowance application'),
    { days: 30, materials: ['HOUSEHOLD_REGISTER', 'BANK_CARD'], keywords: ['低保'] },
  ),
  item(
    'mz-sbbt',
    'civil-affairs',
    text('基本殡葬服务费用减免', '基本殯葬服務費用減免', 'Funeral fee relief'),
    {
      days: 5,
      materials: ['DEATH_CERT', 'KINSHIP_PROOF'],
      keywords: ['殡葬', '丧葬'],
      events: ['bereavement'],
    },
  ),
  item(
    'mz-shtt',
    'civil-affairs',
    text('社会团体成立登记', '社會團體成立登記', 'Registering a social organisation'),
    { days: 30, materials: ['ARTICLES_OF_ASSOCIATION', 'PREMISES_PROOF'] },
  ),
  // Health
  item('wj-syfw-dj', 'health', text('生育登记', '生育登記', 'Childbirth registration (family planning)'), {
    materials: ['MARRIAGE_CERT', 'HOUSEHOLD_REGISTER?'],
    keywords: ['准生证', '生育服务证', '怀孕'],
    events: ['have-baby', 'get-married'],
    common: true,
  }),
  item(
    'wj-csyxzm',
    'health',
    text('出生医学证明补发', '出生醫學證明補發', 'Replacement medical certificate of birth'),
    { days: 20, materials: ['HOUSEHOLD_REGISTER'], keywords: ['出生证'], events: ['have-baby'] },
  ),
  item('wj-ggcs', 'health', text('公共场所卫生许可', '公共場所衛生許可', 'Public place hygiene licence'), {
    days: 15,
    materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN', 'HEALTH_CERT'],
    keywords: ['卫生许可证', '美容', '酒店'],
    events: ['open-business'],
  }),
  item('wj-yszy', 'health', text('医师执业注册', '醫師執業註冊', 'Registration of a doctor'), {
    days: 20,
    materials: ['DIPLOMA', 'ID_PHOTO'],
  }),
  item(
    'wj-dszn',
    'health',
    text('独生子女父母奖励扶助申请', '獨生子女父母獎勵扶助申請', 'Support for parents of an only child'),
    { days: 30, materials: ['HOUSEHOLD_REGISTER', 'BANK_CARD'], events: ['retire'] },
  ),
  item('wj-zyys', 'health', text('诊所备案', '診所備案', 'Clinic record filing'), {
    days: 5,
    materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN'],
  }),
  // Housing and construction
  item('zj-ysxk', 'housing', text('商品房预售许可', '商品房預售許可', 'Off-plan sale permit'), {
    days: 10,
    materials: ['BUSINESS_LICENCE', 'SITE_PLAN'],
  }),
  item('zj-sgxk', 'housing', text('建筑工程施工许可', '建築工程施工許可', 'Construction permit'), {
    days: 5,
    materials: ['BUSINESS_LICENCE', 'SITE_PLAN', 'SAFETY_SYSTEM'],
  }),
  item(
    'zj-gzf',
    'housing',
    text('公共租赁住房申请', '公共租賃住房申請', 'Public rental housing application'),
    {
      days: 30,
      materials: ['HOUSEHOLD_REGISTER', 'MARRIAGE_CERT?'],
      keywords: ['公租房', '廉租房'],
      events: ['new-resident'],
    },
  ),
  item('zj-zlba', 'housing', text('房屋租赁登记备案', '房屋租賃登記備案', 'Tenancy registration'), {
    days: 3,
    materials: ['LEASE_CONTRACT', 'PROPERTY_CERT'],
    keywords: ['租房备案'],
    events: ['new-resident'],
  }),
  item(
    'zj-zzxk',
    'housing',
    text('建筑业企业资质核准', '建築業企業資質核准', 'Construction company qualification'),
    { days: 20, materials: ['BUSINESS_LICENCE', 'SAFETY_SYSTEM'] },
  ),
  item(
    'zj-wybt',
    'housing',
    text('住宅专项维修资金使用', '住宅專項維修資金使用', 'Use of a housing maintenance fund'),
    { days: 10, materials: ['CONTRACT_OR_DEAL'] },
  ),
  // Transport
  item('jt-dlys', 'transport', text('道路货物运输经营许可', '道路貨物運輸經營許可', 'Road freight licence'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'SAFETY_SYSTEM'],
    events: ['open-business'],
  }),
  item(
    'jt-wyc',
    'transport',
    text('网络预约出租汽车驾驶员证', '網絡預約出租汽車駕駛員證', 'Ride-hailing driver licence'),
    { days: 20, materials: ['DRIVING_LICENCE', 'ID_PHOTO'], keywords: ['网约车'] },
  ),
  item(
    'jt-czc',
    'transport',
    text('出租汽车驾驶员从业资格', '出租汽車駕駛員從業資格', 'Taxi driver qualification'),
    { days: 20, materials: ['DRIVING_LICENCE', 'ID_PHOTO'] },
  ),
  item(
    'jt-ysz',
    'transport',
    text('道路运输证年审', '道路運輸證年審', 'Road transport certificate annual review'),
    { materials: ['VEHICLE_REGISTRATION'] },
  ),
  // Education
  item('jy-jszg', 'education', text('教师资格认定', '教師資格認定', 'Teacher qualification'), {
    days: 30,
    materials: ['DIPLOMA', 'TEACHER_EXAM', 'ID_PHOTO'],
    keywords: ['教师资格证'],
  }),
  item('jy-mbxx', 'education', text('民办学校设立审批', '民辦學校設立審批', 'Private school approval'), {
    days: 60,
    materials: ['ARTICLES_OF_ASSOCIATION', 'PREMISES_PROOF', 'SAFETY_SYSTEM'],
  }),
  item(
    'jy-rxdj',
    'education',
    text('义务教育入学登记', '義務教育入學登記', 'School enrolment (compulsory education)'),
    {
      materials: ['HOUSEHOLD_REGISTER', 'PROPERTY_CERT?', 'RESIDENCE_PROOF?'],
      keywords: ['上学', '入学', '报名'],
      events: ['have-baby', 'new-resident'],
    },
  ),
  item('jy-xjzm', 'education', text('学籍证明开具', '學籍證明開具', 'School registration certificate'), {
    keywords: ['学籍'],
  }),
  // Culture, sport and tourism
  item('wl-ylcs', 'culture', text('娱乐场所经营许可', '娛樂場所經營許可', 'Entertainment venue licence'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN', 'FIRE_INSPECTION'],
    keywords: ['KTV'],
  }),
  item(
    'wl-wb',
    'culture',
    text('互联网上网服务营业场所经营许可', '互聯網上網服務營業場所經營許可', 'Internet café licence'),
    { days: 20, materials: ['BUSINESS_LICENCE', 'FLOOR_PLAN', 'FIRE_INSPECTION'], keywords: ['网吧'] },
  ),
  item('wl-yyxyc', 'culture', text('营业性演出审批', '營業性演出審批', 'Commercial performance approval'), {
    days: 3,
    materials: ['CONTRACT_OR_DEAL'],
  }),
  item('wl-lxs', 'culture', text('旅行社设立许可', '旅行社設立許可', 'Travel agency licence'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'PREMISES_PROOF'],
  }),
  // Ecology and environment
  item('hb-pwxk', 'environment', text('排污许可证核发', '排污許可證核發', 'Pollutant discharge permit'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'PROJECT_REPORT'],
    keywords: ['排污'],
  }),
  item(
    'hb-hp',
    'environment',
    text('建设项目环境影响报告表审批', '建設項目環境影響報告表審批', 'Environmental impact report approval'),
    { days: 20, materials: ['PROJECT_REPORT', 'SITE_PLAN'], keywords: ['环评'] },
  ),
  item(
    'hb-djb',
    'environment',
    text(
      '建设项目环境影响登记表备案',
      '建設項目環境影響登記表備案',
      'Environmental impact registration record',
    ),
    { materials: ['SITE_PLAN'], keywords: ['环评'] },
  ),
  // Agriculture
  item('ny-nyjy', 'agriculture', text('农药经营许可', '農藥經營許可', 'Pesticide trading licence'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'SAFETY_SYSTEM'],
  }),
  item('ny-syjy', 'agriculture', text('兽药经营许可', '獸藥經營許可', 'Veterinary drug trading licence'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'SAFETY_SYSTEM'],
  }),
  item(
    'ny-zz',
    'agriculture',
    text('农作物种子生产经营许可', '農作物種子生產經營許可', 'Seed production and trading licence'),
    { days: 20, materials: ['BUSINESS_LICENCE'] },
  ),
  item(
    'ny-zjd',
    'agriculture',
    text('农村宅基地用地审批', '農村宅基地用地審批', 'Rural homestead approval'),
    { days: 20, materials: ['HOUSEHOLD_REGISTER', 'SITE_PLAN'], keywords: ['宅基地', '建房'] },
  ),
  // Forestry, water
  item('ly-cfxk', 'forestry', text('林木采伐许可', '林木採伐許可', 'Tree felling permit'), {
    days: 7,
    materials: ['SITE_PLAN'],
    keywords: ['砍树'],
  }),
  item('ly-zyld', 'forestry', text('使用林地审核', '使用林地審核', 'Use of forest land'), {
    days: 20,
    materials: ['SITE_PLAN', 'PROJECT_REPORT'],
  }),
  item('sl-qsxk', 'water', text('取水许可', '取水許可', 'Water abstraction permit'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'PROJECT_REPORT'],
  }),
  item('sl-hdcs', 'water', text('河道采砂许可', '河道採砂許可', 'River sand extraction permit'), {
    days: 20,
    materials: ['BUSINESS_LICENCE', 'SITE_PLAN'],
  }),
  // Commerce
  item(
    'sw2-dwmy',
    'commerce',
    text('对外贸易经营者备案', '對外貿易經營者備案', 'Foreign trade operator record'),
    { days: 1, materials: ['BUSINESS_LICENCE'], keywords: ['外贸', '进出口'] },
  ),
  item(
    'sw2-yfk',
    'commerce',
    text('单用途商业预付卡备案', '單用途商業預付卡備案', 'Prepaid store card record'),
    { days: 5, materials: ['BUSINESS_LICENCE'] },
  ),
  item(
    'sw2-ejc',
    'commerce',
    text('二手车交易市场经营者备案', '二手車交易市場經營者備案', 'Used car market operator record'),
    { days: 5, materials: ['BUSINESS_LICENCE', 'PREMISES_PROOF'] },
  ),
  // Emergency management
  item(
    'yj-whp',
    'emergency',
    text('危险化学品经营许可', '危險化學品經營許可', 'Hazardous chemicals trading licence'),
    { days: 20, materials: ['BUSINESS_LICENCE', 'SAFETY_SYSTEM'] },
  ),
  item(
    'yj-yhbz',
    'emergency',
    text('烟花爆竹经营（零售）许可', '煙花爆竹經營（零售）許可', 'Fireworks retail licence'),
    { days: 20, materials: ['BUSINESS_LICENCE', 'SAFETY_SYSTEM'], keywords: ['烟花'] },
  ),
  // Veterans, disabled
  item(
    'ty-ydz',
    'veterans',
    text('退役军人优待证申领', '退役軍人優待證申領', "Veteran's preferential treatment card"),
    { days: 30, materials: ['DISCHARGE_CERT', 'ID_PHOTO'], keywords: ['优待证', '老兵'] },
  ),
  item('ty-fx', 'veterans', text('伤残抚恤关系接转', '傷殘撫卹關係接轉', 'Transfer of disability pension'), {
    days: 30,
    materials: ['DISCHARGE_CERT'],
  }),
  item(
    'ty-dy',
    'veterans',
    text(
      '退役士兵自主就业一次性经济补助',
      '退役士兵自主就業一次性經濟補助',
      'One-off grant for discharged soldiers',
    ),
    { days: 30, materials: ['DISCHARGE_CERT', 'BANK_CARD'] },
  ),
  item('cl-czsl', 'disabled', text('残疾人证申领', '殘疾人證申領', 'Disability card application'), {
    days: 20,
    materials: ['DISABILITY_ASSESSMENT', 'HOUSEHOLD_REGISTER', 'ID_PHOTO'],
    keywords: ['残疾证'],
  }),
  item('cl-czhl', 'disabled', text('残疾人证换领', '殘疾人證換領', 'Disability card renewal'), {
    days: 20,
    materials: ['DISABILITY_ASSESSMENT', 'ID_PHOTO'],
    keywords: ['残疾证'],
  }),
  item(
    'cl-lxbt',
    'disabled',
    text('残疾人两项补贴申请', '殘疾人兩項補貼申請', 'Living and care allowances for disabled people'),
    { days: 30, materials: ['DISABILITY_ASSESSMENT', 'BANK_CARD'], keywords: ['补贴'] },
  ),
  // Notary
  item('gz-cs', 'notary', text('出生公证', '出生公證', 'Notarised birth certificate'), {
    days: 7,
    materials: ['HOUSEHOLD_REGISTER', 'BIRTH_MEDICAL_CERT?'],
    keywords: ['公证'],
    events: ['travel'],
  }),
  item('gz-xl', 'notary', text('学历公证', '學歷公證', 'Notarised diploma'), {
    days: 7,
    materials: ['DIPLOMA'],
    keywords: ['公证'],
    events: ['travel'],
  }),
  item('gz-wt', 'notary', text('委托书公证', '委託書公證', 'Notarised power of attorney'), {
    days: 3,
    materials: ['POWER_OF_ATTORNEY'],
    keywords: ['公证'],
  }),
  item('gz-jc', 'notary', text('继承公证', '繼承公證', 'Notarised inheritance'), {
    days: 30,
    materials: ['DEATH_CERT', 'KINSHIP_PROOF', 'PROPERTY_CERT?'],
    keywords: ['遗产', '公证'],
    events: ['bereavement'],
  }),
  item('gz-hy', 'notary', text('婚姻状况公证', '婚姻狀況公證', 'Notarised marital status'), {
    days: 7,
    materials: ['HOUSEHOLD_REGISTER', 'MARRIAGE_CERT?'],
    keywords: ['公证'],
    events: ['travel'],
  }),
  // Urban management, development, industry, meteorology, tobacco, fire
  item(
    'cgj-hwgg',
    'urban',
    text('户外广告设施设置许可', '戶外廣告設施設置許可', 'Outdoor advertising permit'),
    {
      days: 10,
      materials: ['BUSINESS_LICENCE', 'SITE_PLAN'],
      keywords: ['招牌', '广告牌'],
      events: ['open-business'],
    },
  ),
  item(
    'cgj-zydl',
    'urban',
    text('临时占用城市道路许可', '臨時佔用城市道路許可', 'Temporary use of a city road'),
    { days: 5, materials: ['SITE_PLAN'] },
  ),
  item(
    'cgj-ljcz',
    'urban',
    text('城市建筑垃圾处置核准', '城市建築垃圾處置核准', 'Construction waste disposal approval'),
    { days: 5, materials: ['BUSINESS_LICENCE', 'SITE_PLAN'] },
  ),
  item(
    'fg-tzba',
    'development',
    text('企业投资项目备案', '企業投資項目備案', 'Enterprise investment project record'),
    { days: 1, materials: ['BUSINESS_LICENCE', 'PROJECT_REPORT'] },
  ),
  item(
    'fg-hz',
    'development',
    text('企业投资项目核准', '企業投資項目核准', 'Enterprise investment project approval'),
    { days: 20, materials: ['BUSINESS_LICENCE', 'PROJECT_REPORT', 'SITE_PLAN'] },
  ),
  item(
    'gx-jsgz',
    'industry',
    text('工业企业技术改造项目备案', '工業企業技術改造項目備案', 'Industrial upgrade project record'),
    { days: 3, materials: ['BUSINESS_LICENCE', 'PROJECT_REPORT'] },
  ),
  item(
    'qx-fl',
    'meteorology',
    text('雷电防护装置设计审核', '雷電防護裝置設計審核', 'Lightning protection design review'),
    { days: 10, materials: ['SITE_PLAN'] },
  ),
  item(
    'qx-qq',
    'meteorology',
    text('升放无人驾驶自由气球审批', '升放無人駕駛自由氣球審批', 'Approval to release balloons'),
    { days: 5, materials: ['SITE_PLAN'] },
  ),
  item(
    'yc-lsxk',
    'tobacco',
    text('烟草专卖零售许可证新办', '煙草專賣零售許可證新辦', 'Tobacco retail licence: new'),
    {
      days: 20,
      materials: ['BUSINESS_LICENCE', 'PREMISES_PROOF'],
      keywords: ['烟草证'],
      events: ['open-business'],
    },
  ),
  item(
    'yc-yx',
    'tobacco',
    text('烟草专卖零售许可证延续', '煙草專賣零售許可證延續', 'Tobacco retail licence: renewal'),
    { days: 20, materials: ['PERMIT_ORIGINAL'], keywords: ['烟草证'] },
  ),
  item(
    'xf-kyjc',
    'fire',
    text(
      '公众聚集场所投入使用营业前消防安全检查',
      '公眾聚集場所投入使用營業前消防安全檢查',
      'Fire safety check before opening a public venue',
    ),
    {
      days: 10,
      materials: ['BUSINESS_LICENCE', 'FIRE_INSPECTION', 'FLOOR_PLAN'],
      keywords: ['消防'],
      events: ['open-business'],
    },
  ),
  item('xf-sjsc', 'fire', text('建设工程消防设计审查', '建設工程消防設計審查', 'Fire safety design review'), {
    days: 15,
    materials: ['SITE_PLAN', 'FIRE_INSPECTION'],
    keywords: ['消防'],
  }),
  // Utilities, archives, post
  item('gd-xz', 'power', text('居民用电新装', '居民用電新裝', 'New household electricity connection'), {
    days: 5,
    materials: ['PROPERTY_CERT'],
    keywords: ['电表', '用电'],
    events: ['buy-home'],
  }),
  item('gd-gh', 'power', text('用电过户', '用電過戶', 'Transferring an electricity account'), {
    days: 1,
    materials: ['PROPERTY_CERT'],
    keywords: ['电费过户'],
    events: ['buy-home'],
  }),
  item('gd-zr', 'power', text('用电增容', '用電增容', 'Increasing the electricity supply'), {
    days: 10,
    materials: ['PROPERTY_CERT', 'BUSINESS_LICENCE?'],
    keywords: ['增容'],
  }),
  item('gs-bz', 'water-supply', text('用水报装', '用水報裝', 'New water connection'), {
    days: 5,
    materials: ['PROPERTY_CERT'],
    keywords: ['水表'],
    events: ['buy-home'],
  }),
  item('gs-gh', 'water-supply', text('用水过户', '用水過戶', 'Transferring a water account'), {
    days: 1,
    materials: ['PROPERTY_CERT'],
    events: ['buy-home'],
  }),
  item('rq-kh', 'gas', text('管道燃气开户', '管道燃氣開戶', 'Opening a piped gas account'), {
    days: 5,
    materials: ['PROPERTY_CERT'],
    keywords: ['天然气', '煤气'],
    events: ['buy-home'],
  }),
  item('da-hycx', 'archives', text('婚姻档案查询', '婚姻檔案查詢', 'Marriage record search'), {
    keywords: ['档案'],
  }),
  item('da-zqcx', 'archives', text('知青档案查询', '知青檔案查詢', 'Sent-down youth record search'), {
    keywords: ['档案', '工龄'],
    events: ['retire'],
  }),
  item('yz-zjjd', 'post', text('证照寄递', '證照寄遞', 'Sending certificates by post'), {
    keywords: ['快递', '邮寄'],
  }),
];

/**
 * What a county hall in Fujian offers in 2026 beyond the list above: certificates printed on the spot
 * (无犯罪记录证明, 社保参保证明, 医保参保凭证), the elderly's card, overseas Chinese affairs (Nan'an is a
 * 侨乡) and services for Taiwan residents living in the county. Each has a full form (forms-2026.ts) and
 * is not among the common items, so the common list and the sample people's histories stay as they were.
 */
const items2026: ItemSeed[] = [
  item(
    'ga-wfzjl',
    'household',
    text('无犯罪记录证明开具', '無犯罪記錄證明開具', 'Certificate of no criminal record'),
    { days: 1, keywords: ['无犯罪', '良民证', '政审', '犯罪记录'] },
  ),
  item(
    'rs-cbzm',
    'hrss',
    text('社会保险个人参保证明打印', '社會保險個人參保證明打印', 'Social insurance record printout'),
    { keywords: ['参保证明', '社保证明', '缴费证明', '社保'] },
  ),
  item(
    'yb-cbpz',
    'medical-insurance',
    text('医疗保险参保凭证打印', '醫療保險參保憑證打印', 'Medical insurance enrolment printout'),
    { keywords: ['医保证明', '参保凭证', '医保'] },
  ),
  item('mz-lnyd', 'civil-affairs', text('老年人优待证申领', '老年人優待證申領', 'Senior citizen card'), {
    days: 3,
    materials: ['ID_PHOTO'],
    keywords: ['老年证', '优待证', '老人', '60岁'],
    events: ['retire'],
  }),
  item(
    'qw-gqqj',
    'overseas-chinese',
    text(
      '归侨侨眷身份确认',
      '歸僑僑眷身份確認',
      'Confirming status as a returned overseas Chinese or a relative',
    ),
    {
      days: 15,
      materials: ['KINSHIP_PROOF?', 'OVERSEAS_RESIDENCE_PROOF?', 'RETURN_SETTLEMENT_PROOF?'],
      keywords: ['归侨', '侨眷', '侨属', '华侨'],
    },
  ),
  item(
    'qw-hqsf',
    'overseas-chinese',
    text('华侨身份认定', '華僑身份認定', 'Confirming overseas Chinese status'),
    {
      days: 15,
      materials: ['CHINESE_PASSPORT', 'OVERSEAS_RESIDENCE_PROOF'],
      keywords: ['华侨', '侨胞', '华侨子女'],
    },
  ),
  item(
    'hz-twjzz-hl',
    'household',
    text('台湾居民居住证换领', '臺灣居民居住證換領', 'Residence permit for Taiwan residents: renewal'),
    {
      days: 20,
      materials: ['TAIWAN_PERMIT', 'ID_PHOTO?'],
      keywords: ['台湾', '台胞', '居住证'],
    },
  ),
  item(
    'tb-qncy',
    'taiwan-affairs',
    text(
      '台湾青年就业创业补贴申请',
      '臺灣青年就業創業補貼申請',
      'Employment and start-up grant for young Taiwan residents',
    ),
    {
      days: 20,
      materials: ['TAIWAN_PERMIT', 'DIPLOMA', 'BANK_CARD', 'LABOUR_CONTRACT?', 'BUSINESS_LICENCE?'],
      keywords: ['台湾', '台胞', '台青', '补贴', '创业'],
      events: ['open-business'],
    },
  ),
  item(
    'yb-twjm-cb',
    'medical-insurance',
    text(
      '台湾居民参加城乡居民基本医疗保险',
      '臺灣居民參加城鄉居民基本醫療保險',
      "Taiwan residents: enrolling in residents' medical insurance",
    ),
    { keywords: ['台湾', '台胞', '医保', '参保'] },
  ),
];

/**
 * Items the 一件事 bundles (bundles.ts) need that the hall did not list yet, and the integrated window's
 * own service. Appended last, so every earlier item keeps its code.
 */
const bundleItems: ItemSeed[] = [
  item(
    'zhck-yjs',
    'zhck',
    text(
      '一件事一次办咨询与结果领取',
      '一件事一次辦諮詢與結果領取',
      'One-visit bundles: enquiries and collecting results',
    ),
    { keywords: ['一件事', '综合窗口', '帮办代办'] },
  ),
  item('wj-yfjzz', 'health', text('预防接种证办理', '預防接種證辦理', 'Vaccination record booklet'), {
    materials: ['BIRTH_MEDICAL_CERT'],
    keywords: ['接种证', '疫苗', '新生儿'],
    events: ['have-baby'],
  }),
  item(
    'yb-xse-cb',
    'medical-insurance',
    text(
      '新生儿参加城乡居民基本医疗保险',
      '新生兒參加城鄉居民基本醫療保險',
      "Enrolling a newborn in residents' medical insurance",
    ),
    {
      materials: ['BIRTH_MEDICAL_CERT', 'HOUSEHOLD_REGISTER'],
      keywords: ['新生儿医保', '医保', '参保'],
      events: ['have-baby'],
    },
  ),
  item(
    'rs-sbk-xse',
    'hrss',
    text('新生儿社会保障卡申领', '新生兒社會保障卡申領', "A newborn's social security card"),
    {
      days: 10,
      materials: ['BIRTH_MEDICAL_CERT', 'HOUSEHOLD_REGISTER', 'ID_PHOTO?'],
      keywords: ['社保卡', '新生儿'],
      events: ['have-baby'],
    },
  ),
  item(
    'sw-xbnsr',
    'tax',
    text(
      '新办纳税人套餐（个体工商户）',
      '新辦納稅人套餐（個體工商戶）',
      'New taxpayer set-up: individual business',
    ),
    { keywords: ['税务登记', '发票', '个体户', '开店'], events: ['open-business'] },
  ),
  item(
    'rs-szbz',
    'hrss',
    text('丧葬补助金、抚恤金申领', '喪葬補助金、撫卹金申領', 'Funeral grant and survivor benefit'),
    {
      days: 10,
      materials: ['DEATH_CERT', 'KINSHIP_PROOF', 'BANK_CARD'],
      keywords: ['丧葬费', '抚恤金', '去世'],
      events: ['bereavement'],
    },
  ),
  item(
    'rs-dyzz',
    'hrss',
    text(
      '养老保险待遇停发（参保人死亡）',
      '養老保險待遇停發（參保人死亡）',
      'Stopping a pension when the pensioner dies',
    ),
    { materials: ['DEATH_CERT'], keywords: ['养老金停发', '去世', '销户'], events: ['bereavement'] },
  ),
  item(
    'gjj-tq-sw',
    'housing-fund',
    text(
      '住房公积金提取（职工死亡）',
      '住房公積金提取（職工死亡）',
      'Housing fund withdrawal: the member died',
    ),
    {
      days: 3,
      materials: ['DEATH_CERT', 'KINSHIP_PROOF', 'BANK_CARD'],
      keywords: ['公积金', '继承', '销户'],
      events: ['bereavement'],
    },
  ),
  item(
    'rs-txsp',
    'hrss',
    text('职工退休申请（退休审批）', '職工退休申請（退休審批）', 'Retirement application (approval)'),
    { days: 20, keywords: ['退休', '办退休', '退休审批'], events: ['retire'] },
  ),
  item(
    'yb-txdy',
    'medical-insurance',
    text(
      '职工医保退休人员待遇核定',
      '職工醫保退休人員待遇核定',
      "Employees' medical insurance in retirement",
    ),
    { days: 10, keywords: ['退休', '医保', '缴费年限'], events: ['retire'] },
  ),
];

export const itemSeeds: readonly ItemSeed[] = [
  ...marketRegistrationItems,
  ...realEstateItems,
  ...otherItems,
  ...items2026,
  ...bundleItems,
];
