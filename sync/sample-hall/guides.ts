import type { ServiceGuide } from '../protocol/catalogue';
import type { FormDefinition } from '../protocol/forms';
import type { LocalizedText } from '../protocol/localized-text';
import { itemGuideFacts2026 } from './guides-2026';
import { text } from './localized';

/**
 * The sample hall's service guides (办事指南), one per item, built from what kind of item it is: the
 * department's governing laws and regulations (national ones, as a Fujian county hall cites them), the
 * fees set nationally (most items are free), the usual five steps of a county hall (申请, 受理, 审查,
 * 决定, 送达) or three for on-the-spot items, the promised time limit, and a filled-in sample form.
 * A real hall imports its own guides from the provincial catalogue; this is demo content.
 */

const law = (zhHans: string, zhHant: string, en: string): LocalizedText => text(zhHans, zhHant, en);

const socialInsuranceLaw = law(
  '《中华人民共和国社会保险法》',
  '《中華人民共和國社會保險法》',
  'Social Insurance Law of the PRC',
);
const administrativeLicensingLaw = law(
  '《中华人民共和国行政许可法》',
  '《中華人民共和國行政許可法》',
  'Administrative Licensing Law of the PRC',
);

/** Laws and regulations per department id; every item also cites the licensing law where it licenses. */
const legalBasisByDepartment: Record<string, LocalizedText[]> = {
  general: [
    law(
      '《优化营商环境条例》（国务院令第722号）',
      '《優化營商環境條例》（國務院令第722號）',
      'Regulations on Optimising the Business Environment (State Council Decree 722)',
    ),
  ],
  market: [
    law(
      '《中华人民共和国市场主体登记管理条例》（国务院令第746号）',
      '《中華人民共和國市場主體登記管理條例》（國務院令第746號）',
      'Regulations on the Registration of Market Entities (State Council Decree 746)',
    ),
    law('《中华人民共和国公司法》', '《中華人民共和國公司法》', 'Company Law of the PRC'),
  ],
  tax: [
    law(
      '《中华人民共和国税收征收管理法》',
      '《中華人民共和國稅收徵收管理法》',
      'Law of the PRC on the Administration of Tax Collection',
    ),
  ],
  'exit-entry': [
    law(
      '《中华人民共和国出境入境管理法》',
      '《中華人民共和國出境入境管理法》',
      'Exit and Entry Administration Law of the PRC',
    ),
    law('《中华人民共和国护照法》', '《中華人民共和國護照法》', 'Passport Law of the PRC'),
  ],
  household: [
    law(
      '《中华人民共和国户口登记条例》',
      '《中華人民共和國戶口登記條例》',
      'Regulations of the PRC on Household Registration',
    ),
    law(
      '《中华人民共和国居民身份证法》',
      '《中華人民共和國居民身份證法》',
      'Law of the PRC on Resident Identity Cards',
    ),
  ],
  vehicles: [
    law(
      '《中华人民共和国道路交通安全法》',
      '《中華人民共和國道路交通安全法》',
      'Road Traffic Safety Law of the PRC',
    ),
    law(
      '《机动车登记规定》（公安部令第164号）',
      '《機動車登記規定》（公安部令第164號）',
      'Provisions on Motor Vehicle Registration (MPS Decree 164)',
    ),
  ],
  hrss: [
    socialInsuranceLaw,
    law('《失业保险条例》', '《失業保險條例》', 'Regulations on Unemployment Insurance'),
  ],
  'medical-insurance': [
    socialInsuranceLaw,
    law(
      '《医疗保障基金使用监督管理条例》',
      '《醫療保障基金使用監督管理條例》',
      'Regulations on the Supervision of Medical Security Funds',
    ),
  ],
  'housing-fund': [
    law(
      '《住房公积金管理条例》',
      '《住房公積金管理條例》',
      'Regulations on the Administration of Housing Provident Funds',
    ),
  ],
  'real-estate': [
    law(
      '《中华人民共和国民法典》物权编',
      '《中華人民共和國民法典》物權編',
      'Civil Code of the PRC, Book on Real Rights',
    ),
    law(
      '《不动产登记暂行条例》',
      '《不動產登記暫行條例》',
      'Interim Regulations on Real Estate Registration',
    ),
  ],
  'civil-affairs': [
    law('《中华人民共和国民法典》', '《中華人民共和國民法典》', 'Civil Code of the PRC'),
    law('《婚姻登记条例》', '《婚姻登記條例》', 'Regulations on Marriage Registration'),
  ],
  health: [
    law(
      '《中华人民共和国基本医疗卫生与健康促进法》',
      '《中華人民共和國基本醫療衛生與健康促進法》',
      'Law of the PRC on Basic Medical and Health Care',
    ),
  ],
  housing: [
    law(
      '《中华人民共和国城市房地产管理法》',
      '《中華人民共和國城市房地產管理法》',
      'Urban Real Estate Administration Law of the PRC',
    ),
  ],
  transport: [
    law(
      '《中华人民共和国道路运输条例》',
      '《中華人民共和國道路運輸條例》',
      'Regulations of the PRC on Road Transport',
    ),
  ],
  education: [law('《中华人民共和国教育法》', '《中華人民共和國教育法》', 'Education Law of the PRC')],
  culture: [
    law(
      '《娱乐场所管理条例》',
      '《娛樂場所管理條例》',
      'Regulations on the Administration of Entertainment Venues',
    ),
  ],
  environment: [
    law(
      '《中华人民共和国环境影响评价法》',
      '《中華人民共和國環境影響評價法》',
      'Environmental Impact Assessment Law of the PRC',
    ),
  ],
  agriculture: [law('《中华人民共和国农业法》', '《中華人民共和國農業法》', 'Agriculture Law of the PRC')],
  forestry: [law('《中华人民共和国森林法》', '《中華人民共和國森林法》', 'Forest Law of the PRC')],
  water: [law('《中华人民共和国水法》', '《中華人民共和國水法》', 'Water Law of the PRC')],
  commerce: [
    law('《中华人民共和国对外贸易法》', '《中華人民共和國對外貿易法》', 'Foreign Trade Law of the PRC'),
  ],
  emergency: [
    law('《中华人民共和国安全生产法》', '《中華人民共和國安全生產法》', 'Work Safety Law of the PRC'),
  ],
  veterans: [
    law(
      '《中华人民共和国退役军人保障法》',
      '《中華人民共和國退役軍人保障法》',
      'Law of the PRC on the Protection of Veterans',
    ),
  ],
  disabled: [
    law(
      '《中华人民共和国残疾人保障法》',
      '《中華人民共和國殘疾人保障法》',
      'Law of the PRC on the Protection of Persons with Disabilities',
    ),
  ],
  notary: [law('《中华人民共和国公证法》', '《中華人民共和國公證法》', 'Notarization Law of the PRC')],
  urban: [
    law(
      '《城市市容和环境卫生管理条例》',
      '《城市市容和環境衛生管理條例》',
      'Regulations on City Appearance and Environmental Sanitation',
    ),
  ],
  development: [
    law(
      '《企业投资项目核准和备案管理条例》',
      '《企業投資項目核准和備案管理條例》',
      'Regulations on the Approval and Filing of Enterprise Investment Projects',
    ),
  ],
  industry: [
    law(
      '《中华人民共和国中小企业促进法》',
      '《中華人民共和國中小企業促進法》',
      'Law of the PRC on Promoting Small and Medium-sized Enterprises',
    ),
  ],
  meteorology: [law('《中华人民共和国气象法》', '《中華人民共和國氣象法》', 'Meteorology Law of the PRC')],
  tobacco: [
    law('《中华人民共和国烟草专卖法》', '《中華人民共和國菸草專賣法》', 'Tobacco Monopoly Law of the PRC'),
  ],
  fire: [law('《中华人民共和国消防法》', '《中華人民共和國消防法》', 'Fire Protection Law of the PRC')],
  power: [
    law(
      '《电力供应与使用条例》',
      '《電力供應與使用條例》',
      'Regulations on the Supply and Use of Electricity',
    ),
  ],
  'water-supply': [law('《城市供水条例》', '《城市供水條例》', 'Regulations on Urban Water Supply')],
  gas: [
    law('《城镇燃气管理条例》', '《城鎮燃氣管理條例》', 'Regulations on the Administration of Urban Gas'),
  ],
  archives: [law('《中华人民共和国档案法》', '《中華人民共和國檔案法》', 'Archives Law of the PRC')],
  post: [law('《中华人民共和国邮政法》', '《中華人民共和國郵政法》', 'Postal Law of the PRC')],
};

/** Departments whose items are licences (许可): the licensing law is cited too. */
const licensingDepartments = new Set([
  'market',
  'transport',
  'culture',
  'environment',
  'forestry',
  'water',
  'emergency',
  'urban',
  'tobacco',
  'fire',
  'health',
]);

const free = text('不收费', '不收費', 'Free of charge');

/** The nationally set fees of the few items that have one; everything else is free. */
function feeOf(departmentId: string, name: string): LocalizedText {
  if (name.includes('护照'))
    return text('普通护照 120 元/本', '普通護照 120 元/本', 'Ordinary passport: 120 yuan');
  if (name.includes('通行证'))
    return text(
      '往来港澳通行证 60 元/证，签注 15 元/次',
      '往來港澳通行證 60 元/證，簽注 15 元/次',
      'Travel permit: 60 yuan; each endorsement 15 yuan',
    );
  if (name.includes('身份证'))
    return text(
      '首次申领、到期换领 20 元；丢失补领、损坏换领 40 元；16 周岁以下首次申领免费',
      '首次申領、到期換領 20 元；丟失補領、損壞換領 40 元；16 週歲以下首次申領免費',
      'First card or renewal: 20 yuan; replacement: 40 yuan; free for a first card under 16',
    );
  if (departmentId === 'real-estate')
    return text(
      '住宅 80 元/件，非住宅 550 元/件（小微企业免收）',
      '住宅 80 元/件，非住宅 550 元/件（小微企業免收）',
      'Homes: 80 yuan per registration; other property: 550 yuan (waived for small businesses)',
    );
  if (departmentId === 'vehicles' && (name.includes('登记') || name.includes('号牌')))
    return text(
      '号牌、行驶证工本费按国家规定标准收取',
      '號牌、行駛證工本費按國家規定標準收取',
      'Plate and licence production costs at the national rates',
    );
  if (departmentId === 'notary')
    return text(
      '按福建省公证服务收费标准收取',
      '按福建省公證服務收費標準收取',
      "At Fujian Province's notarial fee rates",
    );
  return free;
}

const fiveSteps: LocalizedText[] = [
  text(
    '申请：在自助终端或窗口提交申请和材料',
    '申請：在自助終端或窗口提交申請和材料',
    'Apply: at a kiosk or a window, with the documents',
  ),
  text(
    '受理：材料齐全的当场受理；不齐全的一次性告知需补正的全部内容',
    '受理：材料齊全的當場受理；不齊全的一次性告知需補正的全部內容',
    'Acceptance: complete applications are accepted at once; otherwise you are told everything missing, once',
  ),
  text(
    '审查：承办部门审核材料，必要时实地核查',
    '審查：承辦部門審核材料，必要時實地核查',
    'Review: the department checks the documents, on site if needed',
  ),
  text(
    '决定：作出准予或不予办理的决定',
    '決定：作出准予或不予辦理的決定',
    'Decision: approved or refused, with reasons',
  ),
  text(
    '送达：凭受理回执到窗口领取，或选择邮寄送达',
    '送達：憑受理回執到窗口領取，或選擇郵寄送達',
    'Delivery: collect at the window with your receipt, or by post',
  ),
];

const onTheSpotSteps: LocalizedText[] = [
  text(
    '申请：在自助终端或窗口提交申请和材料',
    '申請：在自助終端或窗口提交申請和材料',
    'Apply: at a kiosk or a window, with the documents',
  ),
  text('受理审核：窗口当场审核', '受理審核：窗口當場審核', 'Acceptance and review: at the window, at once'),
  text('办结：当场办结并出具结果', '辦結：當場辦結並出具結果', 'Done: the result is issued on the spot'),
];

function timeLimitOf(days: number): LocalizedText {
  if (days === 0)
    return text(
      '即办件：材料齐全、符合法定形式的当场办结',
      '即辦件：材料齊全、符合法定形式的當場辦結',
      'On the spot: done at once when the documents are complete',
    );
  return text(
    `承诺时限：自受理之日起 ${days} 个工作日内办结`,
    `承諾時限：自受理之日起 ${days} 個工作日內辦結`,
    `Promised: within ${days} working day${days === 1 ? '' : 's'} of acceptance`,
  );
}

function conditionsOf(departmentId: string): LocalizedText[] {
  const own = text(
    '申请人为本人；委托他人办理的，须提交授权委托书和代理人身份证',
    '申請人為本人；委託他人辦理的，須提交授權委託書和代理人身份證',
    'You apply in person; an agent brings a signed authorisation and their own ID card',
  );
  const byDepartment: Record<string, LocalizedText> = {
    market: text(
      '有符合规定的名称、住所（经营场所）和经营范围',
      '有符合規定的名稱、住所（經營場所）和經營範圍',
      'A name, premises and business scope that meet the rules',
    ),
    'housing-fund': text(
      '在南安市缴存住房公积金，且符合提取或贷款情形',
      '在南安市繳存住房公積金，且符合提取或貸款情形',
      "Paying into Nan'an's housing fund, in a case the rules allow",
    ),
    'real-estate': text(
      '不动产权属清楚，无查封、异议等限制',
      '不動產權屬清楚，無查封、異議等限制',
      'Clear title, with no seizure or objection recorded',
    ),
    household: text(
      '户籍在南安市，或符合本地落户条件',
      '戶籍在南安市，或符合本地落戶條件',
      "Registered in Nan'an, or meeting its conditions to register",
    ),
    hrss: text('在南安市参加社会保险', '在南安市參加社會保險', "Insured under Nan'an's social insurance"),
    'medical-insurance': text(
      '在南安市参加基本医疗保险',
      '在南安市參加基本醫療保險',
      "Insured under Nan'an's basic medical insurance",
    ),
  };
  const specific = byDepartment[departmentId];
  return specific ? [specific, own] : [own];
}

const sampleName = text('陈明华', '陳明華', 'Chen Minghua');
const sampleAddress = text(
  '南安市溪美街道成功街 88 号',
  '南安市溪美街道成功街 88 號',
  "88 Chenggong Street, Ximei, Nan'an",
);

/** An example answer for a form field, by what it asks. */
function sampleValue(field: FormDefinition['sections'][number]['fields'][number]): LocalizedText {
  switch (field.type) {
    case 'idNumber':
      return text('350583********1234', '350583********1234', '350583********1234');
    case 'phone':
      return text('138****5678', '138****5678', '138****5678');
    case 'email':
      return text('chen@example.com', 'chen@example.com', 'chen@example.com');
    case 'address':
      return sampleAddress;
    case 'date':
      return text('2026-01-15', '2026-01-15', '2026-01-15');
    case 'number':
      return text('1', '1', '1');
    case 'creditCode':
      return text('91350583MA********', '91350583MA********', '91350583MA********');
    case 'choice':
    case 'multiChoice':
      return field.options[0]?.label ?? text('（选择一项）', '（選擇一項）', '(choose one)');
    case 'checkbox':
      return text('☑ 已勾选', '☑ 已勾選', '☑ ticked');
    default:
      if (field.source === 'card.name') return sampleName;
      if (field.placeholder) return field.placeholder;
      return text('（按实际情况填写）', '（按實際情況填寫）', '(your own answer)');
  }
}

function sampleFormOf(itemName: LocalizedText, form: FormDefinition | null): ServiceGuide['sampleForm'] {
  if (form) {
    const rows = form.sections
      .flatMap((section) => section.fields)
      .filter((field) => field.type !== 'file')
      .slice(0, 8)
      .map((field) => ({ label: field.label, value: sampleValue(field) }));
    if (rows.length > 0) return rows;
  }
  return [
    { label: text('申请人', '申請人', 'Applicant'), value: sampleName },
    {
      label: text('身份证号码', '身份證號碼', 'ID number'),
      value: text('350583********1234', '350583********1234', '350583********1234'),
    },
    {
      label: text('联系电话', '聯繫電話', 'Phone'),
      value: text('138****5678', '138****5678', '138****5678'),
    },
    { label: text('住址', '住址', 'Address'), value: sampleAddress },
    { label: text('申请事项', '申請事項', 'Service item'), value: itemName },
  ];
}

/** The guide of one sample item. */
export function sampleGuide(input: {
  itemId: string;
  departmentId: string;
  name: LocalizedText;
  timeLimitDays: number;
  form: FormDefinition | null;
}): ServiceGuide {
  const laws = legalBasisByDepartment[input.departmentId] ?? [];
  return {
    conditions: conditionsOf(input.departmentId),
    legalBasis: licensingDepartments.has(input.departmentId) ? [...laws, administrativeLicensingLaw] : laws,
    fee: feeOf(input.departmentId, input.name['zh-Hans']),
    steps: input.timeLimitDays === 0 ? onTheSpotSteps : fiveSteps,
    timeLimit: timeLimitOf(input.timeLimitDays),
    sampleForm: sampleFormOf(input.name, input.form),
    // An item's own facts (who may apply, its rules, its fee) over the department's defaults.
    ...itemGuideFacts2026[input.itemId],
  };
}
