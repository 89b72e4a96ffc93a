import type { FormDefinition, FormField, FormRule, FormSection } from '../protocol/forms';
import type { LocalizedText } from '../protocol/localized-text';
import {
  applicantSection,
  bankFields,
  bankOptions,
  contactSection,
  declarationSection,
  option,
  phoneField,
  pickupFields,
  sexOptions,
  spouseFields,
  yesNoOptions,
} from './form-parts';
import { text } from './localized';

/**
 * Full forms of the items the 一件事 bundles (bundles.ts) run that had none. A fact several items of a
 * bundle ask (the baby's name, the deceased's ID number, the shop's name, the retirement date, the new
 * household address) has the SAME field id and the same checks in every form that asks it, including
 * the forms in forms.ts the bundles re-use (出生登记, 个体工商户设立登记), so that the bundle asks it once
 * (`sharedFieldIds`). Person facts bind to the card and the form-free store as everywhere else.
 */

function form(id: string, title: LocalizedText, sections: FormSection[], rules?: FormRule[]): FormDefinition {
  return rules ? { id, version: 1, title, sections, rules } : { id, version: 1, title, sections };
}

function section(id: string, title: LocalizedText, fields: FormField[]): FormSection {
  return { id, title, fields };
}

const contactPhoneOnly = (): FormSection =>
  section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField()]);

// ---------------------------------------------------------------------------------------------------------
// 出生一件事: the baby, as 出生登记 (forms.ts, hz-cs-dj) asks it.

const babyName: FormField = {
  id: 'babyName',
  type: 'text',
  label: text('新生儿姓名', '新生兒姓名', "Baby's name"),
  remember: false,
  validation: { required: true, minLength: 2, maxLength: 20 },
};
const babySex: FormField = {
  id: 'babySex',
  type: 'choice',
  label: text('新生儿性别', '新生兒性別', "Baby's sex"),
  remember: false,
  options: sexOptions,
  validation: { required: true },
};
const babyBirthDate: FormField = {
  id: 'babyBirthDate',
  type: 'date',
  label: text('出生日期', '出生日期', 'Date of birth'),
  remember: false,
  validation: { required: true, maxDate: 'today', minDate: '2000-01-01' },
};
const certificateNumberPattern = {
  regex: '[A-Z]\\d{9}',
  example: 'Q350123456',
  message: text(
    '编号是 1 个大写字母加 9 位数字',
    '編號是 1 個大寫字母加 9 位數字',
    'One capital letter followed by 9 digits',
  ),
};
const birthCertificateNumber: FormField = {
  id: 'birthCertificateNumber',
  type: 'text',
  keyboard: 'latin',
  label: text('出生医学证明编号', '出生醫學證明編號', 'Birth certificate number'),
  remember: false,
  validation: { required: true, pattern: certificateNumberPattern },
};
const birthPlace: FormField = {
  id: 'birthPlace',
  type: 'text',
  label: text('出生地点（医院）', '出生地點（醫院）', 'Place of birth (hospital)'),
  remember: false,
  validation: { required: true, maxLength: 100 },
};
const birthMedicalCertificate: FormField = {
  id: 'birthMedicalCertificate',
  type: 'file',
  label: text('出生医学证明', '出生醫學證明', 'Medical certificate of birth'),
  materialCode: 'BIRTH_MEDICAL_CERT',
  validation: { required: true, maxItems: 2 },
};

const parentTitle = text(
  '申请人（新生儿父亲或母亲）',
  '申請人（新生兒父親或母親）',
  "Applicant (the baby's parent)",
);

/** The county's vaccination clinics (接种门诊): the town health centres and the street centres. */
const vaccinationClinics = [
  option('xm', text('溪美街道社区卫生服务中心', '溪美街道社區衛生服務中心', 'Ximei Community Health Centre')),
  option(
    'lc',
    text('柳城街道社区卫生服务中心', '柳城街道社區衛生服務中心', 'Liucheng Community Health Centre'),
  ),
  option(
    'ml',
    text('美林街道社区卫生服务中心', '美林街道社區衛生服務中心', 'Meilin Community Health Centre'),
  ),
  option('st', text('水头镇卫生院', '水頭鎮衛生院', 'Shuitou Town Health Centre')),
  option('gq', text('官桥镇卫生院', '官橋鎮衛生院', 'Guanqiao Town Health Centre')),
  option('hl', text('洪濑镇卫生院', '洪瀨鎮衛生院', 'Honglai Town Health Centre')),
  option('ss', text('诗山镇卫生院', '詩山鎮衛生院', 'Shishan Town Health Centre')),
];

export const vaccinationRecordForm = form(
  'wj-yfjzz',
  text('预防接种证办理', '預防接種證辦理', 'Vaccination record booklet'),
  [
    applicantSection(parentTitle),
    section('baby', text('新生儿', '新生兒', 'The baby'), [
      babyName,
      babySex,
      babyBirthDate,
      birthCertificateNumber,
      birthPlace,
      birthMedicalCertificate,
    ]),
    section('vaccination', text('接种', '接種', 'Vaccination'), [
      {
        id: 'birthVaccines',
        type: 'multiChoice',
        label: text('出生时已接种', '出生時已接種', 'Given at birth'),
        help: text(
          '出生医院已接种的请勾选，以出生医院的记录为准',
          '出生醫院已接種的請勾選，以出生醫院的記錄為準',
          'Tick what the hospital gave; its own record decides',
        ),
        remember: false,
        options: [
          option('bcg', text('卡介苗', '卡介苗', 'BCG')),
          option('hepB', text('乙肝疫苗第 1 剂', '乙肝疫苗第 1 劑', 'Hepatitis B, first dose')),
        ],
        validation: { maxItems: 2 },
      },
      {
        id: 'vaccinationClinic',
        type: 'choice',
        label: text('接种门诊', '接種門診', 'Vaccination clinic'),
        help: text('一般选离现居住地最近的', '一般選離現居住地最近的', 'Usually the one nearest your home'),
        options: vaccinationClinics,
        validation: { required: true },
      },
    ]),
    section('parents', text('父母', '父母', 'Parents'), spouseFields(undefined)),
    contactSection(),
    declarationSection(),
  ],
);

const householdAddressField: FormField = {
  // The same store fact as 出生登记's 落户地址: the bundle asks it once.
  id: 'householdAddress',
  type: 'address',
  label: text('参保地（户籍地址）', '參保地（戶籍地址）', 'Insured where the household is registered'),
  source: 'profile.household.registeredAddress',
  validation: { required: true, minLength: 6 },
};

export const newbornMedicalForm = form(
  'yb-xse-cb',
  text(
    '新生儿参加城乡居民基本医疗保险',
    '新生兒參加城鄉居民基本醫療保險',
    "Enrolling a newborn in residents' medical insurance",
  ),
  [
    applicantSection(parentTitle),
    section('baby', text('参保的新生儿', '參保的新生兒', 'The baby to enrol'), [
      babyName,
      babySex,
      babyBirthDate,
      birthCertificateNumber,
      birthMedicalCertificate,
    ]),
    section('insurance', text('参保缴费', '參保繳費', 'Enrolment and payment'), [
      householdAddressField,
      {
        id: 'payment',
        type: 'choice',
        label: text('缴费方式', '繳費方式', 'How to pay'),
        help: text(
          '出生后 90 天内参保缴费的，自出生之日起享受待遇',
          '出生後 90 天內參保繳費的，自出生之日起享受待遇',
          'Paid within 90 days of birth, the cover starts on the day of birth',
        ),
        options: [
          option('bank', text('银行账户代扣', '銀行帳戶代扣', 'Debit from a bank account')),
          option('online', text('自行缴费（闽政通、微信）', '自行繳費（閩政通、微信）', 'Pay online myself')),
        ],
        validation: { required: true },
      },
      ...bankFields().map((field) => ({ ...field, showWhen: { field: 'payment', equals: 'bank' } })),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const newbornSocialSecurityCardForm = form(
  'rs-sbk-xse',
  text('新生儿社会保障卡申领', '新生兒社會保障卡申領', "A newborn's social security card"),
  [
    applicantSection(parentTitle),
    section('baby', text('新生儿', '新生兒', 'The baby'), [
      babyName,
      babySex,
      babyBirthDate,
      birthMedicalCertificate,
    ]),
    section('card', text('制卡信息', '製卡資訊', 'The card'), [
      {
        id: 'bankName',
        type: 'choice',
        label: text('合作银行', '合作銀行', 'Partner bank'),
        source: 'profile.bank.name',
        options: bankOptions,
        validation: { required: true },
      },
      {
        id: 'babyPhoto',
        type: 'file',
        label: text('新生儿照片', '新生兒照片', "Baby's photo"),
        help: text('3 周岁以下可不提供照片', '3 週歲以下可不提供照片', 'Not needed for a child under 3'),
        materialCode: 'ID_PHOTO',
        validation: { maxItems: 1 },
      },
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// 开办个体户一件事: the business, as 个体工商户设立登记 (forms.ts, scjg-gtgsh-sl) asks it.

const businessName: FormField = {
  id: 'businessName',
  type: 'text',
  label: text('个体户名称（字号）', '個體戶名稱（字號）', 'Trading name'),
  help: text('与营业执照上的名称一致', '與營業執照上的名稱一致', 'As on the business licence'),
  validation: {
    required: true,
    minLength: 4,
    maxLength: 50,
    pattern: {
      regex: '\\p{Script=Han}+(店|行|馆|部|坊|厂|社|中心|工作室|经营部|商行)',
      example: '南安市溪美陈记茶叶店',
      message: text(
        '名称要用汉字，并以店、行、馆、部、坊、厂等结尾',
        '名稱要用漢字，並以店、行、館、部、坊、廠等結尾',
        'Use Chinese characters ending in a word such as 店, 行 or 馆',
      ),
    },
  },
};
const premisesAddress: FormField = {
  id: 'premisesAddress',
  type: 'address',
  label: text('经营场所地址', '經營場所地址', 'Business premises address'),
  remember: false,
  validation: { required: true, minLength: 6 },
};

export const newTaxpayerForm = form(
  'sw-xbnsr',
  text(
    '新办纳税人套餐（个体工商户）',
    '新辦納稅人套餐（個體工商戶）',
    'New taxpayer set-up: individual business',
  ),
  [
    applicantSection(text('经营者信息', '經營者資訊', 'Operator')),
    section('business', text('纳税人', '納稅人', 'The taxpayer'), [
      businessName,
      premisesAddress,
      {
        id: 'taxMethod',
        type: 'choice',
        label: text('征收方式', '徵收方式', 'How tax is assessed'),
        help: text(
          '月销售额 10 万元以下的小规模纳税人一般选定期定额',
          '月銷售額 10 萬元以下的小規模納稅人一般選定期定額',
          'Small businesses selling under 100,000 yuan a month usually pay a fixed quota',
        ),
        options: [
          option('quota', text('定期定额', '定期定額', 'Fixed quota')),
          option('books', text('查账征收', '查帳徵收', 'On the books')),
        ],
        validation: { required: true },
      },
      {
        id: 'invoiceNeeded',
        type: 'choice',
        label: text('需要开具发票', '需要開具發票', 'You will issue invoices'),
        options: yesNoOptions,
        validation: { required: true },
      },
      {
        id: 'monthlyInvoiceAmount',
        type: 'number',
        label: text('预计每月开票金额', '預計每月開票金額', 'Invoiced each month, about'),
        unit: text('万元', '萬元', '10,000 yuan'),
        remember: false,
        showWhen: { field: 'invoiceNeeded', equals: 'yes' },
        validation: { required: true, min: 0.1, max: 1000 },
      },
      // The account tax is debited from (三方协议): the applicant's own, from the store.
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// 身后事一件事: the person who died, asked once for every item.

const relationOptions = [
  option('spouse', text('配偶', '配偶', 'Spouse')),
  option('child', text('子女', '子女', 'Child')),
  option('parent', text('父母', '父母', 'Parent')),
  option('sibling', text('兄弟姐妹', '兄弟姐妹', 'Brother or sister')),
  option('other', text('其他近亲属', '其他近親屬', 'Other close relative')),
];

function deceasedSection(extra: FormField[]): FormSection {
  return section('deceased', text('逝者', '逝者', 'The person who died'), [
    {
      id: 'deceasedName',
      type: 'text',
      label: text('逝者姓名', '逝者姓名', 'Name'),
      remember: false,
      validation: { required: true, maxLength: 60 },
    },
    {
      id: 'deceasedIdNumber',
      type: 'idNumber',
      label: text('逝者公民身份号码', '逝者公民身份號碼', 'ID number'),
      remember: false,
      validation: { required: true },
    },
    {
      id: 'deathDate',
      type: 'date',
      label: text('死亡日期', '死亡日期', 'Date of death'),
      remember: false,
      validation: { required: true, minDate: '1950-01-01', maxDate: 'today' },
    },
    {
      id: 'relationToDeceased',
      type: 'choice',
      label: text('申请人与逝者关系', '申請人與逝者關係', 'You are their'),
      remember: false,
      options: relationOptions,
      validation: { required: true },
    },
    {
      id: 'deathCertificate',
      type: 'file',
      label: text('死亡证明', '死亡證明', 'Death certificate'),
      materialCode: 'DEATH_CERT',
      validation: { required: true, maxItems: 2 },
    },
    ...extra,
  ]);
}

const kinshipProof: FormField = {
  id: 'kinshipProof',
  type: 'file',
  label: text('亲属关系证明', '親屬關係證明', 'Proof of family relationship'),
  help: text(
    '户口簿、结婚证或出生医学证明可作为亲属关系证明',
    '戶口簿、結婚證或出生醫學證明可作為親屬關係證明',
    'A household register, marriage or birth certificate will do',
  ),
  materialCode: 'KINSHIP_PROOF',
  reusable: true,
  validation: { required: true, maxItems: 4 },
};

const declarantTitle = text('申报人（逝者亲属）', '申報人（逝者親屬）', 'Applicant (a relative)');

export const deathDeregistrationForm = form(
  'hz-swzx',
  text('死亡人员户口注销', '死亡人員戶口註銷', 'Cancelling the registration of a person who died'),
  [
    applicantSection(declarantTitle),
    deceasedSection([
      {
        id: 'deathCause',
        type: 'choice',
        label: text('死亡原因', '死亡原因', 'Cause of death'),
        remember: false,
        options: [
          option(
            'natural',
            text('正常死亡（疾病、衰老）', '正常死亡（疾病、衰老）', 'Natural (illness, age)'),
          ),
          option('unnatural', text('非正常死亡', '非正常死亡', 'Not natural')),
        ],
        validation: { required: true },
      },
      {
        id: 'deathPlace',
        type: 'choice',
        label: text('死亡地点', '死亡地點', 'Died'),
        remember: false,
        options: [
          option('hospital', text('医疗机构', '醫療機構', 'In a hospital')),
          option('home', text('家中', '家中', 'At home')),
          option('elsewhere', text('其他地点', '其他地點', 'Elsewhere')),
        ],
        validation: { required: true },
      },
      {
        id: 'idCardReturned',
        type: 'checkbox',
        label: text(
          '逝者的居民身份证已交回或已遗失',
          '逝者的居民身份證已交回或已遺失',
          'Their ID card is handed in, or it is lost',
        ),
        remember: false,
        validation: { required: true },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const funeralGrantForm = form(
  'rs-szbz',
  text('丧葬补助金、抚恤金申领', '喪葬補助金、撫卹金申領', 'Funeral grant and survivor benefit'),
  [
    applicantSection(text('申领人（逝者亲属）', '申領人（逝者親屬）', 'Claimant (a relative)')),
    deceasedSection([
      {
        id: 'deceasedInsuredAs',
        type: 'choice',
        label: text('逝者参保身份', '逝者參保身份', 'They were insured as'),
        remember: false,
        options: [
          option('retired', text('企业职工退休人员', '企業職工退休人員', 'A retired employee')),
          option('working', text('在职参保职工', '在職參保職工', 'An insured employee')),
          option(
            'resident',
            text('城乡居民养老保险参保人', '城鄉居民養老保險參保人', "In the residents' pension"),
          ),
        ],
        validation: { required: true },
      },
      {
        id: 'dependants',
        type: 'choice',
        label: text(
          '有无逝者生前供养的直系亲属',
          '有無逝者生前供養的直系親屬',
          'They supported close family',
        ),
        help: text(
          '有的，可同时申领抚恤金',
          '有的，可同時申領撫卹金',
          'If so, the survivor benefit is claimed too',
        ),
        remember: false,
        options: yesNoOptions,
        validation: { required: true },
      },
      kinshipProof,
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const pensionStopForm = form(
  'rs-dyzz',
  text(
    '养老保险待遇停发（参保人死亡）',
    '養老保險待遇停發（參保人死亡）',
    'Stopping a pension when the pensioner dies',
  ),
  [
    applicantSection(declarantTitle),
    deceasedSection([
      {
        id: 'refundOverpaid',
        type: 'checkbox',
        label: text(
          '死亡次月起多发的养老金，同意从丧葬补助金中抵扣或退回',
          '死亡次月起多發的養老金，同意從喪葬補助金中抵扣或退回',
          'Any pension paid after the month of death is set against the grant or returned',
        ),
        remember: false,
        validation: { required: true },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const fundDeathWithdrawalForm = form(
  'gjj-tq-sw',
  text(
    '住房公积金提取（职工死亡）',
    '住房公積金提取（職工死亡）',
    'Housing fund withdrawal: the member died',
  ),
  [
    applicantSection(text('提取人（继承人）', '提取人（繼承人）', 'Withdrawn by (an heir)')),
    deceasedSection([
      {
        id: 'deceasedFundAccount',
        type: 'text',
        keyboard: 'digits',
        label: text('逝者公积金个人账号', '逝者公積金個人帳號', 'Their housing fund account number'),
        help: text(
          '不知道的可不填，按身份号码查找',
          '不知道的可不填，按身份號碼查找',
          'Leave it empty if you do not know it: the ID number finds it',
        ),
        remember: false,
        validation: {
          pattern: {
            regex: '\\d{9,12}',
            example: '123456789',
            message: text(
              '公积金账号是 9 到 12 位数字',
              '公積金帳號是 9 到 12 位數字',
              'The account number has 9 to 12 digits',
            ),
          },
        },
      },
      {
        id: 'soleHeir',
        type: 'choice',
        label: text('是否唯一继承人', '是否唯一繼承人', 'You are the only heir'),
        remember: false,
        options: yesNoOptions,
        validation: { required: true },
      },
      {
        id: 'heirsAgreement',
        type: 'file',
        label: text(
          '继承权公证书或全体继承人同意书',
          '繼承權公證書或全體繼承人同意書',
          "The heirs' agreement",
        ),
        materialCode: 'HEIRS_AGREEMENT',
        showWhen: { field: 'soleHeir', equals: 'no' },
        validation: { required: true, maxItems: 6 },
      },
      kinshipProof,
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// 退休一件事: the retirement date is asked once.

const retirementDate: FormField = {
  id: 'retirementDate',
  type: 'date',
  label: text('退休日期', '退休日期', 'Retiring on'),
  help: text('待遇从退休次月起计发', '待遇從退休次月起計發', 'Benefits start the month after'),
  remember: false,
  validation: { required: true, minDate: '2024-01-01' },
};

export const retirementApplicationForm = form(
  'rs-txsp',
  text('职工退休申请（退休审批）', '職工退休申請（退休審批）', 'Retirement application (approval)'),
  [
    applicantSection(),
    section('retirement', text('退休', '退休', 'Retirement'), [
      {
        id: 'retirementKind',
        type: 'choice',
        label: text('退休类别', '退休類別', 'You retire'),
        remember: false,
        options: [
          option('age', text('达到法定退休年龄', '達到法定退休年齡', 'At the statutory age')),
          option('flexibleEarly', text('弹性提前退休', '彈性提前退休', 'Early, by choice (up to 3 years)')),
          option('flexibleLate', text('弹性延迟退休', '彈性延遲退休', 'Later, by agreement')),
          option('specialJob', text('特殊工种提前退休', '特殊工種提前退休', 'Early, for a hazardous job')),
          option(
            'illness',
            text('因病完全丧失劳动能力', '因病完全喪失勞動能力', 'Unable to work through illness'),
          ),
        ],
        validation: { required: true },
      },
      retirementDate,
      {
        id: 'workStartDate',
        type: 'date',
        label: text('参加工作时间', '參加工作時間', 'Started work on'),
        validation: { required: true, minDate: '1950-01-01', maxDate: 'today' },
      },
      {
        id: 'employerName',
        type: 'text',
        label: text('参保单位', '參保單位', 'Insured through'),
        help: text(
          '以灵活就业人员身份参保的不填',
          '以靈活就業人員身份參保的不填',
          'Leave empty if you are insured as self-employed',
        ),
        source: 'profile.employer.name',
        validation: { maxLength: 100 },
      },
      {
        id: 'employerCreditCode',
        type: 'creditCode',
        label: text('参保单位信用代码', '參保單位信用代碼', "Employer's credit code"),
        source: 'profile.employer.creditCode',
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
  [
    {
      kind: 'dateAfter',
      field: 'retirementDate',
      after: 'workStartDate',
      message: text(
        '退休日期要晚于参加工作时间',
        '退休日期要晚於參加工作時間',
        'You retire after you started work',
      ),
    },
  ],
);

export const pensionClaimForm = form(
  'rs-txsq',
  text('职工基本养老保险退休待遇申领', '職工基本養老保險退休待遇申領', 'Employee pension: retirement claim'),
  [
    applicantSection(),
    section('pension', text('养老金', '養老金', 'The pension'), [
      retirementDate,
      {
        id: 'insuredElsewhere',
        type: 'choice',
        label: text('是否有外省参保经历', '是否有外省參保經歷', 'You were insured in another province'),
        help: text(
          '有的，先办理养老保险关系转移',
          '有的，先辦理養老保險關係轉移',
          'If so, the record is transferred first',
        ),
        options: yesNoOptions,
        validation: { required: true },
      },
      {
        id: 'photo',
        type: 'file',
        label: text('证件照片', '證件照片', 'Photo'),
        materialCode: 'ID_PHOTO',
        validation: { required: true, maxItems: 1 },
      },
      // The pension is paid into the applicant's own account (社保卡金融账户 or a bank card).
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const retiredMedicalForm = form(
  'yb-txdy',
  text('职工医保退休人员待遇核定', '職工醫保退休人員待遇核定', "Employees' medical insurance in retirement"),
  [
    applicantSection(),
    section('medical', text('医保待遇', '醫保待遇', 'Medical cover'), [
      retirementDate,
      {
        id: 'contributionShortfall',
        type: 'choice',
        label: text('医保缴费年限', '醫保繳費年限', 'Years paid into medical insurance'),
        help: text(
          '男满 30 年、女满 25 年，退休后不再缴费',
          '男滿 30 年、女滿 25 年，退休後不再繳費',
          'Men 30 years, women 25: then nothing more is paid after retiring',
        ),
        remember: false,
        options: [
          option('enough', text('已缴满', '已繳滿', 'Enough')),
          option('lumpSum', text('不足，一次性补缴', '不足，一次性補繳', 'Short: pay the rest at once')),
          option(
            'monthly',
            text('不足，按月继续缴费至满', '不足，按月繼續繳費至滿', 'Short: keep paying monthly'),
          ),
        ],
        validation: { required: true },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const fundRetirementWithdrawalForm = form(
  'gjj-tq-tx',
  text('住房公积金提取（退休）', '住房公積金提取（退休）', 'Housing fund withdrawal: retirement'),
  [
    applicantSection(),
    section('withdrawal', text('提取信息', '提取資訊', 'Withdrawal'), [
      {
        // As 租房提取 and 购房提取 (forms.ts) bind it: the store's account number.
        id: 'fundAccount',
        type: 'text',
        source: 'profile.housingFund.accountNumber',
        keyboard: 'digits',
        label: text('公积金个人账号', '公積金個人帳號', 'Housing fund account number'),
        validation: {
          required: true,
          pattern: {
            regex: '\\d{9,12}',
            example: '123456789',
            message: text(
              '公积金账号是 9 到 12 位数字',
              '公積金帳號是 9 到 12 位數字',
              'The account number has 9 to 12 digits',
            ),
          },
        },
      },
      retirementDate,
      {
        id: 'closeAccount',
        type: 'checkbox',
        label: text('提取全部余额并销户', '提取全部餘額並銷戶', 'Withdraw everything and close the account'),
        remember: false,
      },
      ...bankFields(),
    ]),
    contactPhoneOnly(),
    declarationSection(),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// 新市民落户一件事: the new household address is asked once.

const settleAddress: FormField = {
  id: 'settleAddress',
  type: 'address',
  label: text('迁入地址（新户籍地址）', '遷入地址（新戶籍地址）', 'New registered address'),
  remember: false,
  validation: { required: true, minLength: 6 },
};

export const householdMoveInForm = form(
  'hz-hkqr',
  text('户口迁入', '戶口遷入', 'Moving your household registration in'),
  [
    applicantSection(),
    section('move', text('迁入', '遷入', 'The move'), [
      {
        id: 'moveReason',
        type: 'choice',
        label: text('落户类别', '落戶類別', 'You register here through'),
        remember: false,
        options: [
          option('home', text('购房落户', '購房落戶', 'A home you bought')),
          option('work', text('就业、人才落户', '就業、人才落戶', 'Your job')),
          option('family', text('投靠亲属', '投靠親屬', 'Joining family')),
          option('study', text('升学', '升學', 'Studying')),
        ],
        validation: { required: true },
      },
      settleAddress,
      {
        id: 'propertyCertificate',
        type: 'file',
        label: text('不动产权证书', '不動產權證書', 'Real estate title certificate'),
        materialCode: 'PROPERTY_CERT',
        showWhen: { field: 'moveReason', equals: 'home' },
        validation: { required: true, maxItems: 3 },
      },
      {
        // The household the applicant moves out of, as the store knows it (迁出地户主 on the 准迁证).
        id: 'householdHead',
        type: 'text',
        label: text('迁出地户主姓名', '遷出地戶主姓名', 'Head of the household you leave'),
        source: 'profile.household.headName',
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'relationToHead',
        type: 'text',
        label: text('与迁出地户主关系', '與遷出地戶主關係', 'Your relation to them'),
        source: 'profile.household.relationToHead',
        validation: { required: true, maxLength: 20 },
      },
      {
        id: 'movingWith',
        type: 'number',
        label: text('随迁家庭成员人数', '隨遷家庭成員人數', 'Family members moving with you'),
        remember: false,
        validation: { required: true, integer: true, min: 0, max: 10 },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const idCardRenewalForm = form(
  'hz-sfz-hl',
  text('居民身份证换领', '居民身份證換領', 'Resident ID card renewal'),
  [
    applicantSection(),
    section('renewal', text('换领', '換領', 'The renewal'), [
      {
        id: 'renewalReason',
        type: 'choice',
        label: text('换领原因', '換領原因', 'Why you renew it'),
        remember: false,
        options: [
          option('expiring', text('有效期满或即将期满', '有效期滿或即將期滿', 'It expires')),
          option(
            'changed',
            text('户籍地址等登记项目变更', '戶籍地址等登記項目變更', 'Your address or details changed'),
          ),
          option('damaged', text('证件损坏', '證件損壞', 'It is damaged')),
        ],
        validation: { required: true },
      },
      { ...settleAddress, showWhen: { field: 'renewalReason', equals: 'changed' } },
      {
        id: 'photo',
        type: 'file',
        label: text('证件照片', '證件照片', 'Photo'),
        materialCode: 'ID_PHOTO',
        help: text('也可在窗口现场采集', '也可在窗口現場採集', 'Or have it taken at the window'),
        validation: { maxItems: 1 },
      },
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

export const schoolEnrolmentForm = form(
  'jy-rxdj',
  text('义务教育入学登记', '義務教育入學登記', 'School enrolment (compulsory education)'),
  [
    applicantSection(text('监护人（父亲或母亲）', '監護人（父親或母親）', "Guardian (the child's parent)")),
    section('pupil', text('入学儿童', '入學兒童', 'The child'), [
      {
        // From the register of the applicant's children; rows not enrolling now are removed.
        id: 'pupils',
        type: 'group',
        label: text('入学的孩子', '入學的孩子', 'Children to enrol'),
        rowLabel: text('孩子', '孩子', 'Child'),
        addLabel: text('添加一个孩子', '添加一個孩子', 'Add a child'),
        source: 'profile.children',
        remember: false,
        repeat: { min: 1, max: 3 },
        fields: [
          {
            id: 'name',
            type: 'text',
            label: text('姓名', '姓名', 'Name'),
            validation: { required: true, maxLength: 60 },
          },
          {
            id: 'idNumber',
            type: 'idNumber',
            label: text('身份号码', '身份號碼', 'ID number'),
            validation: { required: true },
          },
          {
            id: 'birthDate',
            type: 'date',
            label: text('出生日期', '出生日期', 'Date of birth'),
            validation: { required: true, maxDate: 'today' },
          },
          {
            id: 'sex',
            type: 'choice',
            label: text('性别', '性別', 'Sex'),
            options: sexOptions,
            validation: { required: true },
          },
          {
            id: 'birthCertificateNumber',
            type: 'text',
            keyboard: 'latin',
            label: text('出生医学证明编号', '出生醫學證明編號', 'Birth certificate number'),
            validation: { pattern: certificateNumberPattern },
          },
        ],
      },
      {
        id: 'stage',
        type: 'choice',
        label: text('入学年级', '入學年級', 'Entering'),
        remember: false,
        options: [
          option('primary', text('小学一年级', '小學一年級', 'Primary, year 1')),
          option('junior', text('初中一年级', '初中一年級', 'Junior secondary, year 1')),
          option('transfer', text('转学插班', '轉學插班', 'Another year (transfer)')),
        ],
        validation: { required: true },
      },
      {
        ...settleAddress,
        label: text('学区地址（户籍地址）', '學區地址（戶籍地址）', 'School district address (registered)'),
        help: text(
          '新落户的，填迁入地址',
          '新落戶的，填遷入地址',
          'If you just moved your registration here, the new address',
        ),
      },
      {
        id: 'homeOwnership',
        type: 'choice',
        label: text('学区地址住房', '學區地址住房', 'The home at that address is'),
        remember: false,
        options: [
          option('own', text('自有住房', '自有住房', 'Owned by you')),
          option('rent', text('租赁住房', '租賃住房', 'Rented')),
          option('family', text('亲属住房', '親屬住房', "A relative's")),
        ],
        validation: { required: true },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

/** Appended to `sampleForms` (forms.ts): one form per item, id = item id. */
export const formsForBundles: readonly FormDefinition[] = [
  vaccinationRecordForm,
  newbornMedicalForm,
  newbornSocialSecurityCardForm,
  newTaxpayerForm,
  deathDeregistrationForm,
  funeralGrantForm,
  pensionStopForm,
  fundDeathWithdrawalForm,
  retirementApplicationForm,
  pensionClaimForm,
  retiredMedicalForm,
  fundRetirementWithdrawalForm,
  householdMoveInForm,
  idCardRenewalForm,
  schoolEnrolmentForm,
];
