import type { FormDefinition, FormField, FormSection } from '../protocol/forms';
import type { LocalizedText } from '../protocol/localized-text';
import {
  applicantSection,
  bankFields,
  contactSection,
  currentAddressField,
  declarationSection,
  option,
  phoneField,
  pickupFields,
} from './form-parts';
import { text } from './localized';

/**
 * Full forms of the items a Fujian county hall added by 2026 (items.ts, `items2026`). Person facts bind
 * to the card and the form-free store (`card.*`, `profile.*`); what belongs to this one application (a
 * purpose, a period, a relative abroad) is an honest choice or text the applicant gives.
 */

function form(id: string, title: LocalizedText, sections: FormSection[]): FormDefinition {
  return { id, version: 1, title, sections };
}

function section(id: string, title: LocalizedText, fields: FormField[]): FormSection {
  return { id, title, fields };
}

const otherOption = option('other', text('其他', '其他', 'Other'));

function otherDetail(field: string, label: LocalizedText): FormField {
  return {
    id: `${field}Detail`,
    type: 'text',
    label,
    remember: false,
    showWhen: { field, equals: 'other' },
    validation: { required: true, minLength: 2, maxLength: 100 },
  };
}

export const noCriminalRecordForm = form(
  'ga-wfzjl',
  text('无犯罪记录证明开具', '無犯罪記錄證明開具', 'Certificate of no criminal record'),
  [
    applicantSection(),
    section('purpose', text('用途', '用途', 'What it is for'), [
      {
        id: 'purpose',
        type: 'choice',
        label: text('证明用途', '證明用途', 'The certificate is for'),
        remember: false,
        options: [
          option('employment', text('就业', '就業', 'A job')),
          option('study', text('入学、升学', '入學、升學', 'School or university')),
          option('abroad', text('出国（境）', '出國（境）', 'Going abroad')),
          option('adoption', text('收养', '收養', 'Adoption')),
          option('licence', text('资格认定、执业注册', '資格認定、執業註冊', 'A licence or qualification')),
          otherOption,
        ],
        validation: { required: true },
      },
      otherDetail('purpose', text('请说明用途', '請說明用途', 'Please say what it is for')),
      {
        id: 'destinationCountry',
        type: 'text',
        label: text('前往国家或地区', '前往國家或地區', 'Country or region'),
        remember: false,
        showWhen: { field: 'purpose', equals: 'abroad' },
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'receivingOrganisation',
        type: 'text',
        label: text('证明提交单位', '證明提交單位', 'Organisation it is for'),
        help: text(
          '证明上会写明提交给哪个单位',
          '證明上會寫明提交給哪個單位',
          'The certificate names the organisation it is for',
        ),
        remember: false,
        validation: { required: true, minLength: 2, maxLength: 100 },
      },
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

const insuranceSchemeOptions = [
  option('pension', text('养老保险', '養老保險', 'Pension')),
  option('unemployment', text('失业保险', '失業保險', 'Unemployment')),
  option('injury', text('工伤保险', '工傷保險', 'Work injury')),
];

const certificatePurposeOptions = [
  option('home', text('购房、贷款', '購房、貸款', 'Buying a home or a loan')),
  option('household', text('落户', '落戶', 'Household registration')),
  option('school', text('子女入学', '子女入學', "A child's school place")),
  option('visa', text('签证', '簽證', 'A visa')),
  otherOption,
];

/** The months a printed record covers: the last year, all of it, or a stretch the applicant names. */
function periodFields(): FormField[] {
  return [
    {
      id: 'period',
      type: 'choice',
      label: text('证明期间', '證明期間', 'Period covered'),
      remember: false,
      options: [
        option('last12', text('最近 12 个月', '最近 12 個月', 'The last 12 months')),
        option('last36', text('最近 36 个月', '最近 36 個月', 'The last 36 months')),
        option('all', text('全部参保期间', '全部參保期間', 'Every insured month')),
        option('range', text('指定起止月份', '指定起止月份', 'From and to dates I choose')),
      ],
      validation: { required: true },
    },
    {
      id: 'periodFrom',
      type: 'date',
      label: text('起始日期', '起始日期', 'From'),
      remember: false,
      showWhen: { field: 'period', equals: 'range' },
      validation: { required: true, minDate: '1990-01-01', maxDate: 'today' },
    },
    {
      id: 'periodTo',
      type: 'date',
      label: text('截止日期', '截止日期', 'To'),
      remember: false,
      showWhen: { field: 'period', equals: 'range' },
      validation: { required: true, minDate: '1990-01-01', maxDate: 'today' },
    },
  ];
}

export const insuranceRecordForm = form(
  'rs-cbzm',
  text('社会保险个人参保证明打印', '社會保險個人參保證明打印', 'Social insurance record printout'),
  [
    applicantSection(),
    section('record', text('证明内容', '證明內容', 'What to print'), [
      {
        id: 'schemes',
        type: 'multiChoice',
        label: text('险种', '險種', 'Schemes'),
        remember: false,
        options: insuranceSchemeOptions,
        validation: { required: true, minItems: 1 },
      },
      ...periodFields(),
      {
        id: 'purpose',
        type: 'choice',
        label: text('证明用途', '證明用途', 'The printout is for'),
        remember: false,
        options: certificatePurposeOptions,
        validation: { required: true },
      },
      otherDetail('purpose', text('请说明用途', '請說明用途', 'Please say what it is for')),
      {
        // Printed on the record when the person is insured through an employer; the store may know it.
        id: 'employerName',
        type: 'text',
        label: text('参保单位', '參保單位', 'Insured through'),
        source: 'profile.employer.name',
        validation: { maxLength: 100 },
      },
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField()]),
    declarationSection(),
  ],
);

export const medicalInsuranceRecordForm = form(
  'yb-cbpz',
  text('医疗保险参保凭证打印', '醫療保險參保憑證打印', 'Medical insurance enrolment printout'),
  [
    applicantSection(),
    section('record', text('凭证内容', '憑證內容', 'What to print'), [
      {
        id: 'scheme',
        type: 'choice',
        label: text('参保类型', '參保類型', 'Scheme'),
        options: [
          option('employee', text('职工基本医疗保险', '職工基本醫療保險', "Employees' medical insurance")),
          option(
            'resident',
            text('城乡居民基本医疗保险', '城鄉居民基本醫療保險', "Residents' medical insurance"),
          ),
        ],
        validation: { required: true },
      },
      ...periodFields(),
      {
        id: 'purpose',
        type: 'choice',
        label: text('凭证用途', '憑證用途', 'The printout is for'),
        remember: false,
        options: certificatePurposeOptions,
        validation: { required: true },
      },
      otherDetail('purpose', text('请说明用途', '請說明用途', 'Please say what it is for')),
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField()]),
    declarationSection(),
  ],
);

export const seniorCardForm = form(
  'mz-lnyd',
  text('老年人优待证申领', '老年人優待證申領', 'Senior citizen card'),
  [
    applicantSection(),
    section('living', text('居住情况', '居住情況', 'Living arrangements'), [
      {
        id: 'livingWith',
        type: 'choice',
        label: text('居住方式', '居住方式', 'You live'),
        options: [
          option('alone', text('独居', '獨居', 'Alone')),
          option('spouse', text('与配偶同住', '與配偶同住', 'With your spouse')),
          option('children', text('与子女同住', '與子女同住', 'With your children')),
          option('care-home', text('养老机构', '養老機構', 'In a care home')),
        ],
        validation: { required: true },
      },
      {
        id: 'photo',
        type: 'file',
        label: text('证件照片', '證件照片', 'Photo'),
        materialCode: 'ID_PHOTO',
        validation: { required: true, maxItems: 1 },
      },
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

const overseasRelationOptions = [
  option('spouse', text('配偶', '配偶', 'Spouse')),
  option('parent', text('父母', '父母', 'Parent')),
  option('child', text('子女', '子女', 'Child')),
  option('sibling', text('兄弟姐妹', '兄弟姐妹', 'Brother or sister')),
  option('grandparent', text('祖父母、外祖父母', '祖父母、外祖父母', 'Grandparent')),
  option('grandchild', text('孙子女、外孙子女', '孫子女、外孫子女', 'Grandchild')),
];

export const overseasRelativeStatusForm = form(
  'qw-gqqj',
  text(
    '归侨侨眷身份确认',
    '歸僑僑眷身份確認',
    'Confirming status as a returned overseas Chinese or a relative',
  ),
  [
    applicantSection(),
    section('status', text('申请确认的身份', '申請確認的身份', 'The status to confirm'), [
      {
        id: 'status',
        type: 'choice',
        label: text('身份', '身份', 'Status'),
        options: [
          option(
            'returned',
            text('归侨（回国定居的华侨）', '歸僑（回國定居的華僑）', 'Returned overseas Chinese'),
          ),
          option(
            'relative',
            text('侨眷（华侨、归侨的眷属）', '僑眷（華僑、歸僑的眷屬）', 'Relative of an overseas Chinese'),
          ),
        ],
        validation: { required: true },
      },
      {
        id: 'returnedFrom',
        type: 'text',
        label: text('原定居国家或地区', '原定居國家或地區', 'Country you lived in'),
        showWhen: { field: 'status', equals: 'returned' },
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'returnedOn',
        type: 'date',
        label: text('回国定居日期', '回國定居日期', 'Returned to settle on'),
        showWhen: { field: 'status', equals: 'returned' },
        validation: { required: true, minDate: '1949-10-01', maxDate: 'today' },
      },
      {
        id: 'returnProof',
        type: 'file',
        label: text('回国定居证明', '回國定居證明', 'Proof of return to settle'),
        materialCode: 'RETURN_SETTLEMENT_PROOF',
        reusable: true,
        showWhen: { field: 'status', equals: 'returned' },
        validation: { required: true, maxItems: 2 },
      },
      {
        id: 'relativeName',
        type: 'text',
        label: text('华侨（归侨）亲属姓名', '華僑（歸僑）親屬姓名', 'Name of your overseas Chinese relative'),
        showWhen: { field: 'status', equals: 'relative' },
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'relation',
        type: 'choice',
        label: text('与本人关系', '與本人關係', 'Your relation to them'),
        options: overseasRelationOptions,
        showWhen: { field: 'status', equals: 'relative' },
        validation: { required: true },
      },
      {
        id: 'relativeCountry',
        type: 'text',
        label: text('亲属定居国家或地区', '親屬定居國家或地區', 'Country they live in'),
        help: text(
          '亲属已回国定居的，填原定居国家',
          '親屬已回國定居的，填原定居國家',
          'If they returned to China, the country they lived in',
        ),
        showWhen: { field: 'status', equals: 'relative' },
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'relativeResidenceProof',
        type: 'file',
        label: text('亲属华侨身份证明', '親屬華僑身份證明', "Proof of the relative's overseas status"),
        materialCode: 'OVERSEAS_RESIDENCE_PROOF',
        reusable: true,
        showWhen: { field: 'status', equals: 'relative' },
        validation: { required: true, maxItems: 4 },
      },
      {
        id: 'kinshipProof',
        type: 'file',
        label: text('亲属关系证明', '親屬關係證明', 'Proof of family relationship'),
        materialCode: 'KINSHIP_PROOF',
        reusable: true,
        showWhen: { field: 'status', equals: 'relative' },
        validation: { required: true, maxItems: 2 },
      },
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

export const overseasChineseStatusForm = form(
  'qw-hqsf',
  text('华侨身份认定', '華僑身份認定', 'Confirming overseas Chinese status'),
  [
    applicantSection(),
    section('abroad', text('国外定居情况', '國外定居情況', 'Living abroad'), [
      {
        id: 'countryOfResidence',
        type: 'text',
        label: text('住在国', '住在國', 'Country you live in'),
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'residenceKind',
        type: 'choice',
        label: text('居留资格', '居留資格', 'Your right to live there'),
        options: [
          option('permanent', text('永久居留权', '永久居留權', 'Permanent residence')),
          option(
            'long-term',
            text(
              '5 年以上合法居留资格，5 年内累计居留不少于 30 个月',
              '5 年以上合法居留資格，5 年內累計居留不少於 30 個月',
              'At least 5 years of legal residence, 30 months of the last 5 spent there',
            ),
          ),
        ],
        validation: { required: true },
      },
      {
        id: 'residentSince',
        type: 'date',
        label: text('取得居留资格日期', '取得居留資格日期', 'Resident there since'),
        validation: { required: true, maxDate: 'today' },
      },
      {
        id: 'passportNumber',
        type: 'text',
        keyboard: 'latin',
        label: text('中国护照号码', '中國護照號碼', 'Chinese passport number'),
        validation: {
          required: true,
          pattern: {
            regex: '[EG][A-Z0-9]\\d{7}',
            example: 'EA1234567',
            message: text(
              '护照号码是 E 或 G 开头的 9 位',
              '護照號碼是 E 或 G 開頭的 9 位',
              'A passport number has 9 characters and starts with E or G',
            ),
          },
        },
      },
      {
        id: 'purpose',
        type: 'choice',
        label: text('认定用途', '認定用途', 'You need it for'),
        remember: false,
        options: [
          option('school', text('子女升学', '子女升學', "A child's admission")),
          option('property', text('办理不动产或继承', '辦理不動產或繼承', 'Property or inheritance')),
          option('settle', text('回国定居', '回國定居', 'Returning to settle')),
          otherOption,
        ],
        validation: { required: true },
      },
      otherDetail('purpose', text('请说明用途', '請說明用途', 'Please say what it is for')),
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

export const taiwanResidencePermitRenewalForm = form(
  'hz-twjzz-hl',
  text('台湾居民居住证换领', '臺灣居民居住證換領', 'Residence permit for Taiwan residents: renewal'),
  [
    applicantSection(),
    section('permit', text('换领信息', '換領資訊', 'The renewal'), [
      {
        id: 'reason',
        type: 'choice',
        label: text('换领原因', '換領原因', 'Why you renew it'),
        remember: false,
        options: [
          option('expiring', text('有效期满或即将期满', '有效期滿或即將期滿', 'It expires')),
          option('damaged', text('证件损坏', '證件損壞', 'It is damaged')),
          option('changed', text('登记项目变更', '登記項目變更', 'Your details changed')),
        ],
        validation: { required: true },
      },
      {
        // On the residence permit itself: read from the card, never typed.
        id: 'mtpNumber',
        type: 'text',
        source: 'card.passNumber',
        keyboard: 'digits',
        label: text(
          '台湾居民来往大陆通行证号码',
          '臺灣居民來往大陸通行證號碼',
          'Mainland travel permit number',
        ),
        validation: {
          required: true,
          pattern: {
            regex: '\\d{8}',
            example: '12345678',
            message: text('通行证号码是 8 位数字', '通行證號碼是 8 位數字', 'The permit number has 8 digits'),
          },
        },
      },
      { ...currentAddressField(), label: text('居住地址', '居住地址', 'Where you live') },
      {
        id: 'photo',
        type: 'file',
        label: text('证件照片', '證件照片', 'Photo'),
        materialCode: 'ID_PHOTO',
        help: text('也可在窗口现场采集', '也可在窗口現場採集', 'Or have it taken at the window'),
        validation: { maxItems: 1 },
      },
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField(), ...pickupFields()]),
    declarationSection(),
  ],
);

export const taiwanYouthGrantForm = form(
  'tb-qncy',
  text(
    '台湾青年就业创业补贴申请',
    '臺灣青年就業創業補貼申請',
    'Employment and start-up grant for young Taiwan residents',
  ),
  [
    applicantSection(),
    section('grant', text('申请补贴', '申請補貼', 'The grant'), [
      {
        id: 'grantKind',
        type: 'choice',
        label: text('补贴类别', '補貼類別', 'Grant for'),
        remember: false,
        options: [
          option('employment', text('就业补贴', '就業補貼', 'A job in the county')),
          option('startup', text('创业补贴', '創業補貼', 'A business you started')),
        ],
        validation: { required: true },
      },
      {
        id: 'employerName',
        type: 'text',
        label: text('就业单位', '就業單位', 'Employer'),
        source: 'profile.employer.name',
        showWhen: { field: 'grantKind', equals: 'employment' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'employerCreditCode',
        type: 'creditCode',
        label: text('就业单位信用代码', '就業單位信用代碼', "Employer's credit code"),
        source: 'profile.employer.creditCode',
        showWhen: { field: 'grantKind', equals: 'employment' },
        validation: { required: true },
      },
      {
        id: 'businessName',
        type: 'text',
        label: text('创办企业（个体户）名称', '創辦企業（個體戶）名稱', 'Your business'),
        source: 'profile.company.name',
        showWhen: { field: 'grantKind', equals: 'startup' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'businessCreditCode',
        type: 'creditCode',
        label: text('统一社会信用代码', '統一社會信用代碼', 'Unified social credit code'),
        source: 'profile.company.creditCode',
        showWhen: { field: 'grantKind', equals: 'startup' },
        validation: { required: true },
      },
      {
        id: 'graduatedFrom',
        type: 'text',
        label: text('毕业院校', '畢業院校', 'Graduated from'),
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'graduatedOn',
        type: 'date',
        label: text('毕业日期', '畢業日期', 'Graduated on'),
        validation: { required: true, minDate: '1980-01-01', maxDate: 'today' },
      },
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const taiwanResidentMedicalForm = form(
  'yb-twjm-cb',
  text(
    '台湾居民参加城乡居民基本医疗保险',
    '臺灣居民參加城鄉居民基本醫療保險',
    "Taiwan residents: enrolling in residents' medical insurance",
  ),
  [
    applicantSection(),
    section('insurance', text('参保信息', '參保資訊', 'Enrolment'), [
      {
        id: 'category',
        type: 'choice',
        label: text('参保人员类别', '參保人員類別', 'You enrol as'),
        options: [
          option('adult', text('成年居民', '成年居民', 'An adult resident')),
          option('student', text('在校学生', '在校學生', 'A student')),
          option('minor', text('未成年人', '未成年人', 'A minor')),
          option('senior', text('60 周岁以上老年人', '60 週歲以上老年人', 'Aged 60 or over')),
        ],
        validation: { required: true },
      },
      {
        id: 'schoolName',
        type: 'text',
        label: text('就读学校', '就讀學校', 'School or university'),
        showWhen: { field: 'category', equals: 'student' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'coverageYear',
        type: 'choice',
        label: text('参保年度', '參保年度', 'Insurance year'),
        remember: false,
        options: [
          option('2026', text('2026 年度', '2026 年度', '2026')),
          option('2027', text('2027 年度', '2027 年度', '2027')),
        ],
        validation: { required: true },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

/** Appended to `sampleForms` (forms.ts): one form per 2026 item, id = item id. */
export const forms2026: readonly FormDefinition[] = [
  noCriminalRecordForm,
  insuranceRecordForm,
  medicalInsuranceRecordForm,
  seniorCardForm,
  overseasRelativeStatusForm,
  overseasChineseStatusForm,
  taiwanResidencePermitRenewalForm,
  taiwanYouthGrantForm,
  taiwanResidentMedicalForm,
];
