import type { ServiceGuide } from '../protocol/catalogue';
import type { LocalizedText } from '../protocol/localized-text';
import { text } from './localized';

/**
 * The 办事指南 facts of the 2026 items that their department's defaults (guides.ts) do not give: who may
 * apply, the rules each rests on, and the fee where there is one. guides.ts lays these over the defaults.
 */
export type ItemGuideFacts = Partial<Pick<ServiceGuide, 'conditions' | 'legalBasis' | 'fee'>>;

const overseasChineseLaws: LocalizedText[] = [
  text(
    '《中华人民共和国归侨侨眷权益保护法》',
    '《中華人民共和國歸僑僑眷權益保護法》',
    'Law of the PRC on the Protection of the Rights and Interests of Returned Overseas Chinese and Their Relatives',
  ),
  text(
    '《福建省华侨权益保护条例》',
    '《福建省華僑權益保護條例》',
    'Regulations of Fujian Province on the Protection of the Rights and Interests of Overseas Chinese',
  ),
];

const taiwanResidentRules: LocalizedText = text(
  '《港澳台居民居住证申领发放办法》（国办发〔2018〕81号）',
  '《港澳臺居民居住證申領發放辦法》（國辦發〔2018〕81號）',
  'Measures for Residence Permits for Residents of Hong Kong, Macao and Taiwan (2018)',
);

const holdsTaiwanPermit = text(
  '持有有效的台湾居民居住证或台湾居民来往大陆通行证，在南安市居住',
  '持有有效的臺灣居民居住證或臺灣居民來往大陸通行證，在南安市居住',
  "You hold a valid residence permit or mainland travel permit for Taiwan residents and live in Nan'an",
);

const inPerson = text(
  '申请人为本人；委托他人办理的，须提交授权委托书和代理人身份证',
  '申請人為本人；委託他人辦理的，須提交授權委託書和代理人身份證',
  'You apply in person; an agent brings a signed authorisation and their own ID card',
);

export const itemGuideFacts2026: Readonly<Record<string, ItemGuideFacts>> = {
  'ga-wfzjl': {
    conditions: [
      text(
        '在中国境内的中国公民和外国人均可为本人申请，查询本人在中国境内有无犯罪记录',
        '在中國境內的中國公民和外國人均可為本人申請，查詢本人在中國境內有無犯罪記錄',
        'Chinese citizens and foreigners in China may ask about their own record in China',
      ),
      inPerson,
    ],
    legalBasis: [
      text(
        '《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）',
        '《公安機關辦理犯罪記錄查詢工作規定》（公通字〔2021〕19號）',
        'Provisions on Criminal Record Enquiries by Public Security Organs (2021)',
      ),
    ],
  },
  'rs-cbzm': {
    conditions: [
      text(
        '在南安市参加过职工或城乡居民社会保险',
        '在南安市參加過職工或城鄉居民社會保險',
        "You are or were insured under Nan'an's social insurance",
      ),
      inPerson,
    ],
  },
  'yb-cbpz': {
    conditions: [
      text(
        '在南安市参加过基本医疗保险',
        '在南安市參加過基本醫療保險',
        "You are or were insured under Nan'an's basic medical insurance",
      ),
      inPerson,
    ],
  },
  'mz-lnyd': {
    conditions: [
      text(
        '年满 60 周岁，户籍在南安市或持南安市居住证的老年人',
        '年滿 60 週歲，戶籍在南安市或持南安市居住證的老年人',
        "You are 60 or over and registered or living in Nan'an with a residence permit",
      ),
      inPerson,
    ],
    legalBasis: [
      text(
        '《中华人民共和国老年人权益保障法》',
        '《中華人民共和國老年人權益保障法》',
        'Law of the PRC on the Protection of the Rights and Interests of the Elderly',
      ),
      text(
        '《福建省老年人权益保障条例》',
        '《福建省老年人權益保障條例》',
        'Regulations of Fujian Province on the Protection of the Rights and Interests of the Elderly',
      ),
    ],
  },
  'qw-gqqj': {
    conditions: [
      text(
        '回国定居的华侨（归侨），或华侨、归侨在国内的配偶、父母、子女及其配偶、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女（侨眷）',
        '回國定居的華僑（歸僑），或華僑、歸僑在國內的配偶、父母、子女及其配偶、兄弟姐妹、祖父母、外祖父母、孫子女、外孫子女（僑眷）',
        'An overseas Chinese who returned to settle, or a relative in China of an overseas or returned overseas Chinese',
      ),
      text('户籍在南安市', '戶籍在南安市', "Registered in Nan'an"),
    ],
    legalBasis: overseasChineseLaws,
  },
  'qw-hqsf': {
    conditions: [
      text(
        '定居在国外的中国公民：取得住在国永久居留权，或取得 5 年以上合法居留资格且 5 年内在住在国累计居留不少于 30 个月',
        '定居在國外的中國公民：取得住在國永久居留權，或取得 5 年以上合法居留資格且 5 年內在住在國累計居留不少於 30 個月',
        'A Chinese citizen settled abroad: permanent residence there, or 5 years of legal residence with 30 months of the last 5 spent there',
      ),
      inPerson,
    ],
    legalBasis: [
      ...overseasChineseLaws,
      text(
        '《国务院侨务办公室关于界定华侨外籍华人归侨侨眷身份的规定》',
        '《國務院僑務辦公室關於界定華僑外籍華人歸僑僑眷身份的規定》',
        'Provisions of the Overseas Chinese Affairs Office of the State Council on Defining Overseas Chinese Status',
      ),
    ],
  },
  'hz-twjzz-hl': {
    conditions: [holdsTaiwanPermit, inPerson],
    legalBasis: [taiwanResidentRules],
    fee: text(
      '换领工本费 20 元；损坏换领、丢失补领 40 元',
      '換領工本費 20 元；損壞換領、丟失補領 40 元',
      'Renewal: 20 yuan; replacing a damaged or lost permit: 40 yuan',
    ),
  },
  'tb-qncy': {
    conditions: [
      holdsTaiwanPermit,
      text(
        '45 周岁以下，在南安市就业或创业，按福建省台湾青年就业创业扶持政策申请',
        '45 週歲以下，在南安市就業或創業，按福建省臺灣青年就業創業扶持政策申請',
        "Aged 45 or under, working or running a business in Nan'an, under Fujian's support for young Taiwan residents",
      ),
    ],
    legalBasis: [
      taiwanResidentRules,
      text(
        '《中华人民共和国台湾同胞投资保护法》',
        '《中華人民共和國臺灣同胞投資保護法》',
        'Law of the PRC on the Protection of Investment by Taiwan Compatriots',
      ),
    ],
  },
  'yb-twjm-cb': {
    conditions: [
      holdsTaiwanPermit,
      text(
        '未参加职工基本医疗保险',
        '未參加職工基本醫療保險',
        "Not insured under employees' medical insurance",
      ),
    ],
    legalBasis: [
      taiwanResidentRules,
      text(
        '《香港澳门台湾居民在内地（大陆）参加社会保险暂行办法》',
        '《香港澳門臺灣居民在內地（大陸）參加社會保險暫行辦法》',
        'Interim Measures for Hong Kong, Macao and Taiwan Residents Joining Social Insurance on the Mainland',
      ),
    ],
  },
};
