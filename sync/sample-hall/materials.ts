import type { MaterialRequirement } from '../protocol/catalogue';
import type { LocalizedText } from '../protocol/localized-text';
import { text } from './localized';

interface MaterialKind {
  name: LocalizedText;
  pages: number;
  /** Identity papers and certificates can be re-used from the archive; one-off papers cannot. */
  reusable: boolean;
}

/** The hall's material kinds by code; items name them with `material(code, required?)`. */
export const materialKinds = {
  ID_CARD_COPY: {
    name: text('居民身份证复印件', '居民身份證影本', 'Copy of the resident ID card'),
    pages: 2,
    reusable: true,
  },
  HOUSEHOLD_REGISTER: {
    name: text('居民户口簿', '居民戶口簿', 'Household register (hukou booklet)'),
    pages: 2,
    reusable: true,
  },
  ID_PHOTO: {
    name: text('近期免冠证件照', '近期免冠證件照', 'Recent passport-style photo'),
    pages: 1,
    reusable: true,
  },
  BUSINESS_LICENCE: { name: text('营业执照', '營業執照', 'Business licence'), pages: 1, reusable: true },
  ARTICLES_OF_ASSOCIATION: {
    name: text('公司章程', '公司章程', 'Articles of association'),
    pages: 6,
    reusable: false,
  },
  SHAREHOLDER_RESOLUTION: {
    name: text('股东会决议', '股東會決議', "Shareholders' resolution"),
    pages: 2,
    reusable: false,
  },
  PREMISES_PROOF: {
    name: text(
      '住所（经营场所）使用证明',
      '住所（經營場所）使用證明',
      'Proof of use of the business premises',
    ),
    pages: 2,
    reusable: true,
  },
  LEASE_CONTRACT: {
    name: text('房屋租赁合同', '房屋租賃合同', 'Tenancy agreement'),
    pages: 4,
    reusable: true,
  },
  PROPERTY_CERT: {
    name: text('不动产权证书', '不動產權證書', 'Real estate title certificate'),
    pages: 3,
    reusable: true,
  },
  PURCHASE_CONTRACT: {
    name: text('房屋买卖合同', '房屋買賣合同', 'Home purchase contract'),
    pages: 6,
    reusable: false,
  },
  PURCHASE_INVOICE: {
    name: text('购房发票', '購房發票', 'Home purchase invoice'),
    pages: 1,
    reusable: false,
  },
  LOAN_CONTRACT: { name: text('借款合同', '借款合同', 'Loan contract'), pages: 6, reusable: true },
  MARRIAGE_CERT: { name: text('结婚证', '結婚證', 'Marriage certificate'), pages: 2, reusable: true },
  DIVORCE_CERT: {
    name: text('离婚证或离婚判决书', '離婚證或離婚判決書', 'Divorce certificate or judgment'),
    pages: 2,
    reusable: true,
  },
  SINGLE_DECLARATION: {
    name: text('无配偶声明书', '無配偶聲明書', 'Declaration of having no spouse'),
    pages: 1,
    reusable: false,
  },
  BIRTH_MEDICAL_CERT: {
    name: text('出生医学证明', '出生醫學證明', 'Medical certificate of birth'),
    pages: 1,
    reusable: true,
  },
  BANK_CARD: { name: text('本人银行卡', '本人銀行卡', "Applicant's bank card"), pages: 1, reusable: true },
  SOCIAL_SECURITY_CARD: {
    name: text('社会保障卡', '社會保障卡', 'Social security card'),
    pages: 1,
    reusable: true,
  },
  SEPARATION_PROOF: {
    name: text('解除或终止劳动关系证明', '解除或終止勞動關係證明', 'Proof that the employment ended'),
    pages: 1,
    reusable: false,
  },
  LABOUR_CONTRACT: { name: text('劳动合同', '勞動合同', 'Employment contract'), pages: 4, reusable: true },
  RESIDENCE_PROOF: {
    name: text(
      '居住证明（租赁合同或房产证明）',
      '居住證明（租賃合同或房產證明）',
      'Proof of residence (tenancy or property)',
    ),
    pages: 2,
    reusable: true,
  },
  EMPLOYMENT_PROOF: {
    name: text('就业或就学证明', '就業或就學證明', 'Proof of employment or study'),
    pages: 1,
    reusable: false,
  },
  DRIVING_LICENCE: {
    name: text('机动车驾驶证', '機動車駕駛證', 'Driving licence'),
    pages: 1,
    reusable: true,
  },
  MEDICAL_CHECK: {
    name: text('驾驶人身体条件证明', '駕駛人身體條件證明', "Driver's medical certificate"),
    pages: 1,
    reusable: false,
  },
  VEHICLE_REGISTRATION: {
    name: text('机动车登记证书', '機動車登記證書', 'Vehicle registration certificate'),
    pages: 2,
    reusable: true,
  },
  VEHICLE_INVOICE: {
    name: text('购车发票', '購車發票', 'Vehicle purchase invoice'),
    pages: 1,
    reusable: false,
  },
  VEHICLE_INSURANCE: {
    name: text('交强险保单', '交強險保單', 'Compulsory vehicle insurance policy'),
    pages: 1,
    reusable: false,
  },
  HEALTH_CERT: {
    name: text('从业人员健康证明', '從業人員健康證明', "Food handlers' health certificates"),
    pages: 1,
    reusable: true,
  },
  FLOOR_PLAN: {
    name: text('经营场所平面图', '經營場所平面圖', 'Floor plan of the premises'),
    pages: 1,
    reusable: true,
  },
  FOOD_SAFETY_RULES: {
    name: text('食品安全管理制度', '食品安全管理制度', 'Food safety management rules'),
    pages: 3,
    reusable: true,
  },
  TRANSFER_REFERRAL: { name: text('转诊证明', '轉診證明', 'Hospital referral'), pages: 1, reusable: false },
  MEDICAL_RECORDS: { name: text('病历资料', '病歷資料', 'Medical records'), pages: 3, reusable: false },
  INVOICES: { name: text('医疗费用发票', '醫療費用發票', 'Medical bills'), pages: 2, reusable: false },
  POWER_OF_ATTORNEY: {
    name: text('授权委托书', '授權委託書', 'Power of attorney'),
    pages: 1,
    reusable: false,
  },
  CONTRACT_OR_DEAL: {
    name: text('交易合同或协议', '交易合同或協議', 'Contract or agreement of the deal'),
    pages: 3,
    reusable: false,
  },
  TAX_RECEIPT: { name: text('完税凭证', '完稅憑證', 'Tax payment receipt'), pages: 1, reusable: false },
  RETIREMENT_APPROVAL: {
    name: text('退休审批表', '退休審批表', 'Retirement approval form'),
    pages: 1,
    reusable: true,
  },
  DISABILITY_ASSESSMENT: {
    name: text('残疾评定表', '殘疾評定表', 'Disability assessment'),
    pages: 2,
    reusable: true,
  },
  // Kinds the electronic licence store (电子证照) holds besides the older paper ones above.
  DISABILITY_CERT: {
    name: text('残疾人证', '殘疾人證', 'Disability certificate'),
    pages: 1,
    reusable: true,
  },
  VETERAN_CARD: {
    name: text('退役军人优待证', '退役軍人優待證', "Veteran's preferential treatment card"),
    pages: 1,
    reusable: true,
  },
  DISCHARGE_CERT: {
    name: text('退伍证或退役证明', '退伍證或退役證明', 'Discharge certificate'),
    pages: 1,
    reusable: true,
  },
  PERMIT_ORIGINAL: { name: text('原许可证件', '原許可證件', 'The current permit'), pages: 1, reusable: true },
  SITE_PLAN: {
    name: text('项目位置图及说明', '項目位置圖及說明', 'Site plan and description'),
    pages: 3,
    reusable: false,
  },
  PROJECT_REPORT: {
    name: text('项目申请报告', '項目申請報告', 'Project application report'),
    pages: 10,
    reusable: false,
  },
  SAFETY_SYSTEM: {
    name: text('安全管理制度及人员证书', '安全管理制度及人員證書', 'Safety rules and staff certificates'),
    pages: 4,
    reusable: true,
  },
  FIRE_INSPECTION: {
    name: text('消防安全检查材料', '消防安全檢查材料', 'Fire safety inspection documents'),
    pages: 4,
    reusable: false,
  },
  DIPLOMA: { name: text('学历证书', '學歷證書', 'Diploma'), pages: 1, reusable: true },
  TEACHER_EXAM: {
    name: text('教师资格考试合格证明', '教師資格考試合格證明', 'Teacher qualification exam pass'),
    pages: 1,
    reusable: true,
  },
  DEATH_CERT: { name: text('死亡证明', '死亡證明', 'Death certificate'), pages: 1, reusable: false },
  HEIRS_AGREEMENT: {
    name: text(
      '继承权公证书或全体继承人同意书',
      '繼承權公證書或全體繼承人同意書',
      "Notarised inheritance or all heirs' written consent",
    ),
    pages: 2,
    reusable: false,
  },
  KINSHIP_PROOF: {
    name: text('亲属关系证明', '親屬關係證明', 'Proof of family relationship'),
    pages: 1,
    reusable: true,
  },
  TRAVEL_PERMIT: {
    name: text('往来港澳通行证', '往來港澳通行證', 'Travel permit to Hong Kong and Macao'),
    pages: 1,
    reusable: true,
  },
  INVITATION: {
    name: text('邀请函或在职证明', '邀請函或在職證明', 'Invitation letter or proof of employment'),
    pages: 1,
    reusable: false,
  },
  // 2026 additions: overseas Chinese affairs and Taiwan residents.
  TAIWAN_PERMIT: {
    name: text(
      '台湾居民来往大陆通行证',
      '臺灣居民來往大陸通行證',
      'Mainland travel permit for Taiwan residents',
    ),
    pages: 1,
    reusable: true,
  },
  CHINESE_PASSPORT: { name: text('中国护照', '中國護照', 'Chinese passport'), pages: 2, reusable: true },
  OVERSEAS_RESIDENCE_PROOF: {
    name: text(
      '华侨在住在国长期或永久居留证明',
      '華僑在住在國長期或永久居留證明',
      'Proof of long-term or permanent residence abroad',
    ),
    pages: 2,
    reusable: true,
  },
  RETURN_SETTLEMENT_PROOF: {
    name: text('回国定居证明', '回國定居證明', 'Proof of return to settle in China'),
    pages: 1,
    reusable: true,
  },
} as const satisfies Record<string, MaterialKind>;
export type MaterialCode = keyof typeof materialKinds;

export function material(code: MaterialCode, required = true): MaterialRequirement {
  const kind: MaterialKind = materialKinds[code];
  return { code, name: kind.name, required, pages: kind.pages, reusable: kind.reusable };
}
