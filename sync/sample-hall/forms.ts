import type { FormDefinition, FormField, FormRule, FormSection } from '../protocol/forms';
import type { LocalizedText } from '../protocol/localized-text';
import {
  applicantSection,
  bankFields,
  bankOptions,
  companyFields,
  contactSection,
  currentAddressField,
  declarationSection,
  maritalStatusOptions,
  option,
  phoneField,
  pickupFields,
  sexOptions,
  spouseFields,
  yesNoOptions,
} from './form-parts';
import { forms2026 } from './forms-2026';
import { formsForBundles } from './forms-bundles';
import { text } from './localized';

/** Full form definitions of the hall's most common items (one form per item, id = item id). */

function form(
  id: string,
  title: LocalizedText,
  sections: FormSection[],
  version = 1,
  rules?: FormRule[],
): FormDefinition {
  return rules ? { id, version, title, sections, rules } : { id, version, title, sections };
}

function section(
  id: string,
  title: LocalizedText,
  fields: FormField[],
  showWhen?: FormSection['showWhen'],
): FormSection {
  return showWhen ? { id, title, fields, showWhen } : { id, title, fields };
}

const businessScopeOptions = [
  option('retail', text('零售', '零售', 'Retail')),
  option('catering', text('餐饮服务', '餐飲服務', 'Catering')),
  option('repair', text('日用品修理', '日用品修理', 'Repairs')),
  option('beauty', text('美容美发', '美容美髮', 'Hair and beauty')),
  option('stone', text('石材加工与销售', '石材加工與銷售', 'Stone processing and sales')),
  option('tea', text('茶叶销售', '茶葉銷售', 'Tea sales')),
  option('logistics', text('货物运输与仓储', '貨物運輸與倉儲', 'Transport and storage')),
  option('tech', text('技术服务', '技術服務', 'Technical services')),
];

const premisesFields: FormField[] = [
  {
    // Where the NEW business will trade: a fact of this application, never the address of a company
    // the person works for or already runs, nor of the last business they registered.
    id: 'premisesAddress',
    type: 'address',
    label: text('经营场所地址', '經營場所地址', 'Business premises address'),
    remember: false,
    validation: { required: true, minLength: 6 },
  },
  {
    id: 'premisesTenure',
    type: 'choice',
    label: text('场所来源', '場所來源', 'The premises are'),
    options: [
      option('own', text('自有', '自有', 'Owned')),
      option('rent', text('租赁', '租賃', 'Rented')),
      option('free', text('无偿使用', '無償使用', 'Used free of charge')),
    ],
    validation: { required: true },
  },
  {
    id: 'leaseStartDate',
    type: 'date',
    label: text('租赁起始日', '租賃起始日', 'Tenancy starts on'),
    remember: false,
    showWhen: { field: 'premisesTenure', equals: 'rent' },
    validation: { required: true, minDate: '2000-01-01' },
  },
  {
    id: 'leaseEndDate',
    type: 'date',
    label: text('租赁到期日', '租賃到期日', 'Tenancy ends on'),
    remember: false,
    showWhen: { field: 'premisesTenure', equals: 'rent' },
    validation: { required: true, minDate: 'today' },
  },
];

/** The tenancy the premises are held under ends after it starts. */
const leaseRule: FormRule = {
  kind: 'dateAfter',
  field: 'leaseEndDate',
  after: 'leaseStartDate',
  message: text(
    '租赁到期日要晚于租赁起始日',
    '租賃到期日要晚於租賃起始日',
    'The tenancy must end after it starts',
  ),
};

const soleTraderName: FormField = {
  id: 'businessName',
  type: 'text',
  label: text('个体户名称（字号）', '個體戶名稱（字號）', 'Trading name'),
  help: text(
    '例如：南安市溪美某某茶叶店',
    '例如：南安市溪美某某茶葉店',
    'For example: Nan’an Ximei XX Tea Shop',
  ),
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

export const soleTraderSetupForm = form(
  'scjg-gtgsh-sl',
  text(
    '个体工商户营业执照设立登记',
    '個體工商戶營業執照設立登記',
    'Individual business licence: registration',
  ),
  [
    applicantSection(text('经营者信息', '經營者資訊', 'Operator')),
    section('business', text('经营信息', '經營資訊', 'The business'), [
      soleTraderName,
      {
        id: 'businessScope',
        type: 'multiChoice',
        label: text('经营范围', '經營範圍', 'Business activities'),
        options: businessScopeOptions,
        validation: { required: true, minItems: 1, maxItems: 5 },
      },
      {
        id: 'capital',
        type: 'number',
        label: text('资金数额', '資金數額', 'Capital'),
        unit: text('万元', '萬元', '10,000 yuan'),
        validation: { required: true, min: 0.1, max: 10_000 },
      },
      {
        id: 'employees',
        type: 'number',
        label: text('从业人数', '從業人數', 'People working there'),
        validation: { required: true, integer: true, min: 1, max: 999 },
      },
      ...premisesFields,
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
  2,
  [leaseRule],
);

export const companySetupForm = form(
  'scjg-yxgs-sl',
  text(
    '有限责任公司营业执照设立登记',
    '有限責任公司營業執照設立登記',
    'Limited company business licence: registration',
  ),
  [
    applicantSection(text('法定代表人', '法定代表人', 'Legal representative')),
    section('company', text('公司信息', '公司資訊', 'The company'), [
      {
        id: 'proposedName',
        type: 'text',
        label: text('拟定公司名称', '擬定公司名稱', 'Proposed company name'),
        remember: false,
        validation: {
          required: true,
          minLength: 6,
          maxLength: 60,
          pattern: {
            regex: '.+有限(责任)?公司',
            example: '南安市示例贸易有限公司',
            message: text(
              '名称要以“有限公司”或“有限责任公司”结尾',
              '名稱要以「有限公司」或「有限責任公司」結尾',
              'The name must end in 有限公司 or 有限责任公司',
            ),
          },
        },
      },
      {
        id: 'registeredCapital',
        type: 'number',
        label: text('注册资本', '註冊資本', 'Registered capital'),
        unit: text('万元', '萬元', '10,000 yuan'),
        validation: { required: true, min: 1, max: 1_000_000 },
      },
      {
        // A limited company has 1 to 50 shareholders (公司法 art. 42); each is listed with their stake.
        id: 'shareholders',
        type: 'group',
        label: text('股东', '股東', 'Shareholders'),
        rowLabel: text('股东', '股東', 'Shareholder'),
        addLabel: text('添加一位股东', '添加一位股東', 'Add a shareholder'),
        remember: false,
        repeat: { min: 1, max: 50 },
        fields: [
          {
            id: 'name',
            type: 'text',
            label: text('姓名或名称', '姓名或名稱', 'Name'),
            validation: { required: true, maxLength: 60 },
          },
          {
            id: 'idNumber',
            type: 'idNumber',
            label: text('身份号码', '身份號碼', 'ID number'),
            validation: { required: true },
          },
          {
            id: 'contribution',
            type: 'number',
            label: text('认缴出资额', '認繳出資額', 'Capital subscribed'),
            unit: text('万元', '萬元', '10,000 yuan'),
            validation: { required: true, min: 0.01, max: 1_000_000 },
          },
          {
            id: 'share',
            type: 'number',
            label: text('出资比例', '出資比例', 'Share'),
            unit: text('%', '%', '%'),
            validation: { required: true, min: 0.01, max: 100 },
          },
        ],
      },
      {
        id: 'totalShare',
        type: 'number',
        label: text('出资比例合计', '出資比例合計', 'Shares in total'),
        unit: text('%', '%', '%'),
        computed: { kind: 'sum', group: 'shareholders', column: 'share' },
      },
      {
        id: 'businessScope',
        type: 'multiChoice',
        label: text('经营范围', '經營範圍', 'Business activities'),
        options: businessScopeOptions,
        validation: { required: true, minItems: 1 },
      },
      ...premisesFields,
      {
        id: 'hasSupervisor',
        type: 'choice',
        label: text('是否设监事会', '是否設監事會', 'Is there a board of supervisors?'),
        options: yesNoOptions,
        validation: { required: true },
      },
      {
        id: 'supervisorName',
        type: 'text',
        label: text('监事姓名', '監事姓名', "Supervisor's name"),
        hideWhen: { field: 'hasSupervisor', equals: 'yes' },
        validation: { required: true, maxLength: 60 },
      },
    ]),
    contactSection([
      { id: 'email', type: 'email', label: text('电子邮箱', '電子郵箱', 'E-mail'), source: 'profile.email' },
      ...pickupFields(),
    ]),
    declarationSection(),
  ],
  2,
  [
    leaseRule,
    {
      kind: 'sumEquals',
      group: 'shareholders',
      column: 'share',
      total: 100,
      field: 'totalShare',
      message: text(
        '各股东的出资比例合计应为 100%',
        '各股東的出資比例合計應為 100%',
        "The shareholders' shares must add up to 100%",
      ),
    },
  ],
);

export const companyChangeForm = form(
  'scjg-yxgs-bg',
  text(
    '有限责任公司营业执照变更登记',
    '有限責任公司營業執照變更登記',
    'Limited company business licence: change',
  ),
  [
    applicantSection(text('经办人', '經辦人', 'Person applying')),
    section('company', text('公司', '公司', 'The company'), [
      ...companyFields(),
      {
        id: 'role',
        type: 'choice',
        label: text('您在公司的身份', '您在公司的身份', 'Your role in the company'),
        source: 'profile.company.role',
        options: [
          option('legalRepresentative', text('法定代表人', '法定代表人', 'Legal representative')),
          option('shareholder', text('股东', '股東', 'Shareholder')),
          option('manager', text('经理', '經理', 'Manager')),
          option('employee', text('员工', '員工', 'Employee')),
          option('agent', text('委托代理人', '委託代理人', 'Agent')),
        ],
        validation: { required: true },
      },
      {
        id: 'changes',
        type: 'multiChoice',
        label: text('变更事项', '變更事項', 'What changes'),
        remember: false,
        options: [
          option('name', text('名称', '名稱', 'Name')),
          option('address', text('住所', '住所', 'Address')),
          option('scope', text('经营范围', '經營範圍', 'Business activities')),
          option('capital', text('注册资本', '註冊資本', 'Registered capital')),
        ],
        validation: { required: true, minItems: 1 },
      },
      {
        id: 'newName',
        type: 'text',
        label: text('新名称', '新名稱', 'New name'),
        remember: false,
        showWhen: { field: 'changes', equals: 'name' },
        validation: { required: true, minLength: 6, maxLength: 60 },
      },
      {
        id: 'newAddress',
        type: 'address',
        label: text('新住所', '新住所', 'New address'),
        remember: false,
        showWhen: { field: 'changes', equals: 'address' },
        validation: { required: true, minLength: 6 },
      },
      {
        id: 'newScope',
        type: 'multiChoice',
        label: text('新经营范围', '新經營範圍', 'New business activities'),
        remember: false,
        options: businessScopeOptions,
        showWhen: { field: 'changes', equals: 'scope' },
        validation: { required: true, minItems: 1 },
      },
      {
        id: 'newCapital',
        type: 'number',
        label: text('新注册资本', '新註冊資本', 'New registered capital'),
        unit: text('万元', '萬元', '10,000 yuan'),
        remember: false,
        showWhen: { field: 'changes', equals: 'capital' },
        validation: { required: true, min: 1 },
      },
      {
        id: 'authorisation',
        type: 'file',
        label: text('授权委托书', '授權委託書', 'Power of attorney'),
        materialCode: 'POWER_OF_ATTORNEY',
        showWhen: { field: 'role', in: ['employee', 'agent'] },
        validation: { required: true, maxItems: 3 },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const foodLicenceForm = form(
  'scjg-spjyxk',
  text('食品经营许可（新办）', '食品經營許可（新辦）', 'Food business licence: new'),
  [
    applicantSection(text('法定代表人（负责人）', '法定代表人（負責人）', 'Legal representative')),
    section('operator', text('经营者', '經營者', 'The business'), [
      ...companyFields(),
      {
        id: 'premisesAddress',
        type: 'address',
        label: text('经营场所', '經營場所', 'Premises'),
        source: 'profile.company.address',
        validation: { required: true, minLength: 6 },
      },
      {
        id: 'foodCategories',
        type: 'multiChoice',
        label: text('经营项目', '經營項目', 'What you sell'),
        options: [
          option('prepacked', text('预包装食品销售', '預包裝食品銷售', 'Pre-packed food')),
          option('bulk', text('散装食品销售', '散裝食品銷售', 'Loose food')),
          option('hotMeals', text('热食类制售', '熱食類製售', 'Hot meals')),
          option('coldMeals', text('冷食类制售', '冷食類製售', 'Cold dishes')),
          option('drinks', text('自制饮品制售', '自製飲品製售', 'Own-made drinks')),
          option('infantFormula', text('婴幼儿配方乳粉', '嬰幼兒配方乳粉', 'Infant formula')),
        ],
        validation: { required: true, minItems: 1 },
      },
      {
        id: 'area',
        type: 'number',
        label: text('经营面积', '經營面積', 'Floor area'),
        unit: text('平方米', '平方米', 'm²'),
        validation: { required: true, min: 1, max: 100_000 },
      },
      {
        id: 'foodSafetyOfficer',
        type: 'text',
        label: text('食品安全管理员', '食品安全管理員', 'Food safety officer'),
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'online',
        type: 'checkbox',
        label: text('同时通过网络经营', '同時通過網路經營', 'Also sells online'),
      },
      {
        id: 'onlinePlatform',
        type: 'text',
        label: text('网络平台名称', '網路平台名稱', 'Online platform'),
        showWhen: { field: 'online', truthy: true },
        validation: { required: true, maxLength: 60 },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

const travelReasonOptions = [
  option('tourism', text('旅游', '旅遊', 'Tourism')),
  option('family', text('探亲', '探親', 'Visiting family')),
  option('business', text('商务', '商務', 'Business')),
  option('study', text('就学', '就學', 'Study')),
  option('other', text('其他', '其他', 'Other')),
];

const emergencyContactFields: FormField[] = [
  {
    id: 'emergencyContact',
    type: 'text',
    label: text('紧急联系人', '緊急聯絡人', 'Emergency contact'),
    source: 'profile.emergencyContact.name',
    validation: { required: true, maxLength: 60 },
  },
  {
    id: 'emergencyPhone',
    type: 'phone',
    source: 'profile.emergencyContact.phone',
    label: text('紧急联系人电话', '緊急聯絡人電話', "Emergency contact's phone"),
    validation: { required: true },
  },
];

export const hkMacaoPermitForm = form(
  'crj-gaxz-sl',
  text(
    '往来港澳通行证首次申领',
    '往來港澳通行證首次申領',
    'Travel permit to Hong Kong and Macao: first issue',
  ),
  [
    applicantSection(),
    section('trip', text('出行信息', '出行資訊', 'The trip'), [
      {
        id: 'destinations',
        type: 'multiChoice',
        label: text('前往地', '前往地', 'Going to'),
        options: [
          option('HK', text('香港', '香港', 'Hong Kong')),
          option('MO', text('澳门', '澳門', 'Macao')),
        ],
        validation: { required: true, minItems: 1 },
      },
      {
        id: 'reason',
        type: 'choice',
        label: text('申请事由', '申請事由', 'Reason'),
        options: travelReasonOptions,
        validation: { required: true },
      },
      {
        id: 'reasonDetail',
        type: 'text',
        label: text('请说明事由', '請說明事由', 'Please describe the reason'),
        showWhen: { field: 'reason', equals: 'other' },
        validation: { required: true, minLength: 2, maxLength: 100 },
      },
      {
        id: 'occupation',
        type: 'text',
        label: text('职业', '職業', 'Occupation'),
        source: 'profile.occupation',
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'employer',
        type: 'text',
        label: text('工作单位', '工作單位', 'Employer'),
        source: 'profile.employer.name',
        validation: { maxLength: 100 },
      },
      ...emergencyContactFields,
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

export const hkMacaoEndorsementForm = form(
  'crj-gaqz',
  text('往来港澳通行证签注', '往來港澳通行證簽注', 'Hong Kong and Macao travel permit: endorsement'),
  [
    applicantSection(),
    section('endorsement', text('签注', '簽注', 'Endorsement'), [
      {
        id: 'permitNumber',
        type: 'text',
        source: 'profile.exitEntry.hkMacaoPermitNumber',
        keyboard: 'latin',
        label: text('通行证号码', '通行證號碼', 'Permit number'),
        validation: {
          required: true,
          pattern: {
            regex: 'C[A-Z0-9]\\d{7}',
            example: 'CA1234567',
            message: text(
              '通行证号码以 C 开头，共 9 位',
              '通行證號碼以 C 開頭，共 9 位',
              'A permit number starts with C and has 9 characters',
            ),
          },
        },
      },
      {
        id: 'endorsementType',
        type: 'choice',
        label: text('签注种类', '簽注種類', 'Type of endorsement'),
        options: [
          option('L', text('个人旅游', '個人旅遊', 'Individual tourism')),
          option('G', text('团队旅游', '團隊旅遊', 'Group tourism')),
          option('T', text('探亲', '探親', 'Visiting family')),
          option('S', text('商务', '商務', 'Business')),
        ],
        validation: { required: true },
      },
      {
        id: 'entries',
        type: 'choice',
        label: text('签注次数', '簽注次數', 'Number of entries'),
        options: [
          option('once', text('一次', '一次', 'Once')),
          option('twice', text('二次', '二次', 'Twice')),
        ],
        hideWhen: { field: 'endorsementType', equals: 'S' },
        validation: { required: true },
      },
      {
        id: 'relativeName',
        type: 'text',
        label: text('亲属姓名', '親屬姓名', "Relative's name"),
        showWhen: { field: 'endorsementType', equals: 'T' },
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'relativeRelation',
        type: 'choice',
        label: text('亲属关系', '親屬關係', 'Relationship'),
        showWhen: { field: 'endorsementType', equals: 'T' },
        options: [
          option('spouse', text('配偶', '配偶', 'Spouse')),
          option('parent', text('父母', '父母', 'Parent')),
          option('child', text('子女', '子女', 'Child')),
          option('sibling', text('兄弟姐妹', '兄弟姊妹', 'Sibling')),
        ],
        validation: { required: true },
      },
      {
        id: 'companyName',
        type: 'text',
        label: text('派出单位', '派出單位', 'Sending company'),
        source: 'profile.company.name',
        showWhen: { field: 'endorsementType', equals: 'S' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'creditCode',
        type: 'creditCode',
        label: text('单位统一社会信用代码', '單位統一社會信用代碼', "Company's credit code"),
        source: 'profile.company.creditCode',
        showWhen: { field: 'endorsementType', equals: 'S' },
        validation: { required: true },
      },
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField()]),
    declarationSection(),
  ],
);

export const passportForm = form(
  'crj-hz-sl',
  text('普通护照首次申领', '普通護照首次申領', 'Passport: first issue'),
  [
    applicantSection(),
    section('trip', text('出行信息', '出行資訊', 'The trip'), [
      {
        id: 'reason',
        type: 'choice',
        label: text('申请事由', '申請事由', 'Reason'),
        options: travelReasonOptions,
        validation: { required: true },
      },
      {
        id: 'reasonDetail',
        type: 'text',
        label: text('请说明事由', '請說明事由', 'Please describe the reason'),
        showWhen: { field: 'reason', equals: 'other' },
        validation: { required: true, minLength: 2, maxLength: 100 },
      },
      {
        id: 'destinationCountry',
        type: 'text',
        label: text('前往国家', '前往國家', 'Country you are going to'),
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'occupation',
        type: 'text',
        label: text('职业', '職業', 'Occupation'),
        source: 'profile.occupation',
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'maritalStatus',
        type: 'choice',
        label: text('婚姻状况', '婚姻狀況', 'Marital status'),
        source: 'profile.maritalStatus',
        options: maritalStatusOptions,
        validation: { required: true },
      },
      ...emergencyContactFields,
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

export const residencePermitForm = form(
  'hz-jzz-sl',
  text('居住证申领', '居住證申領', 'Residence permit: application'),
  [
    applicantSection(),
    section('residence', text('居住信息', '居住資訊', 'Where you live'), [
      currentAddressField(),
      {
        id: 'residenceSince',
        type: 'date',
        source: 'profile.addresses.currentSince',
        label: text('居住起始日期', '居住起始日期', 'Living there since'),
        validation: { required: true, maxDate: 'today' },
      },
      {
        id: 'basis',
        type: 'choice',
        label: text('申领依据', '申領依據', 'Grounds'),
        options: [
          option('work', text('合法稳定就业', '合法穩定就業', 'Stable employment')),
          option('home', text('合法稳定住所', '合法穩定住所', 'Stable home')),
          option('study', text('连续就读', '連續就讀', 'Studying')),
        ],
        validation: { required: true },
      },
      {
        id: 'employerName',
        type: 'text',
        label: text('就业单位', '就業單位', 'Employer'),
        source: 'profile.employer.name',
        showWhen: { field: 'basis', equals: 'work' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'schoolName',
        type: 'text',
        label: text('就读学校', '就讀學校', 'School'),
        showWhen: { field: 'basis', equals: 'study' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'housing',
        type: 'choice',
        label: text('住房类型', '住房類型', 'Housing'),
        options: [
          option('own', text('自购房', '自購房', 'Own home')),
          option('rent', text('租赁房', '租賃房', 'Rented')),
          option('dorm', text('单位宿舍', '單位宿舍', 'Staff dormitory')),
          option('relatives', text('借住亲友', '借住親友', 'With relatives or friends')),
        ],
        validation: { required: true },
      },
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField(), ...pickupFields()]),
    declarationSection(),
  ],
);

export const birthRegistrationForm = form(
  'hz-cs-dj',
  text('出生登记', '出生登記', 'Birth registration (household)'),
  [
    applicantSection(text('申报人（父亲或母亲）', '申報人（父親或母親）', 'Parent registering the birth')),
    section('baby', text('新生儿', '新生兒', 'The baby'), [
      {
        id: 'babyName',
        type: 'text',
        label: text('新生儿姓名', '新生兒姓名', "Baby's name"),
        remember: false,
        validation: { required: true, minLength: 2, maxLength: 20 },
      },
      {
        id: 'babySex',
        type: 'choice',
        label: text('新生儿性别', '新生兒性別', "Baby's sex"),
        remember: false,
        options: sexOptions,
        validation: { required: true },
      },
      {
        id: 'babyBirthDate',
        type: 'date',
        label: text('出生日期', '出生日期', 'Date of birth'),
        remember: false,
        validation: { required: true, maxDate: 'today', minDate: '2000-01-01' },
      },
      {
        id: 'birthCertificateNumber',
        type: 'text',
        keyboard: 'latin',
        label: text('出生医学证明编号', '出生醫學證明編號', 'Birth certificate number'),
        remember: false,
        validation: {
          required: true,
          pattern: {
            regex: '[A-Z]\\d{9}',
            example: 'Q350123456',
            message: text(
              '编号是 1 个大写字母加 9 位数字',
              '編號是 1 個大寫字母加 9 位數字',
              'One capital letter followed by 9 digits',
            ),
          },
        },
      },
      {
        id: 'birthPlace',
        type: 'text',
        label: text('出生地点（医院）', '出生地點（醫院）', 'Place of birth (hospital)'),
        remember: false,
        validation: { required: true, maxLength: 100 },
      },
    ]),
    section('parents', text('父母', '父母', 'Parents'), spouseFields(undefined)),
    section('household', text('落户', '落戶', 'Household'), [
      {
        id: 'householdHead',
        type: 'text',
        label: text('户主姓名', '戶主姓名', 'Head of household'),
        source: 'profile.household.headName',
        // As the household register says: shown, not edited here (a change is a 户籍 matter).
        readOnly: true,
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'relationToHead',
        type: 'text',
        label: text('申报人与户主关系', '申報人與戶主關係', 'Your relation to the head of household'),
        source: 'profile.household.relationToHead',
        // As the household register says: shown, not edited here (a change is a 户籍 matter).
        readOnly: true,
        validation: { required: true, maxLength: 20 },
      },
      {
        id: 'householdAddress',
        type: 'address',
        label: text('落户地址', '落戶地址', 'Household address'),
        source: 'profile.household.registeredAddress',
        validation: { required: true, minLength: 6 },
      },
      phoneField(),
    ]),
    declarationSection(),
  ],
  2,
);

const contributionGrades = [100, 200, 300, 500, 1000, 2000, 3000].map((yuan) =>
  option(String(yuan), text(`每年 ${yuan} 元`, `每年 ${yuan} 元`, `${yuan} yuan a year`)),
);

export const residentPensionForm = form(
  'rs-cxjm-yl',
  text('城乡居民基本养老保险参保登记', '城鄉居民基本養老保險參保登記', "Residents' basic pension: enrolment"),
  [
    applicantSection(),
    section('insurance', text('参保信息', '參保資訊', 'Enrolment'), [
      {
        // Residents enrol from 16 (城乡居民基本养老保险: 年满 16 周岁，非在校学生).
        id: 'age',
        type: 'number',
        label: text('年龄', '年齡', 'Age'),
        unit: text('岁', '歲', 'years'),
        computed: { kind: 'age', from: 'birthDate' },
        validation: { min: 16 },
      },
      {
        id: 'grade',
        type: 'choice',
        label: text('缴费档次', '繳費檔次', 'Contribution level'),
        options: contributionGrades,
        validation: { required: true },
      },
      {
        id: 'specialGroup',
        type: 'choice',
        source: 'profile.statuses.specialGroup',
        label: text('特殊人群', '特殊人群', 'Special group'),
        options: [
          option('none', text('无', '無', 'None')),
          option('lowIncome', text('低保对象', '低保對象', 'Minimum living allowance')),
          option('disabled', text('重度残疾', '重度殘疾', 'Severe disability')),
        ],
        validation: { required: true },
      },
      {
        id: 'specialGroupProof',
        type: 'file',
        label: text('特殊人群证明', '特殊人群證明', 'Proof of the special group'),
        materialCode: 'DISABILITY_ASSESSMENT',
        // A disability certificate is kept and shown again next time; a power of attorney is one-off.
        reusable: true,
        showWhen: { field: 'specialGroup', in: ['disabled'] },
        validation: { required: true },
      },
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
  2,
);

export const flexibleEmploymentForm = form(
  'rs-lhjy-cb',
  text('灵活就业人员参保登记', '靈活就業人員參保登記', 'Self-employed social insurance: enrolment'),
  [
    applicantSection(),
    section('insurance', text('参保信息', '參保資訊', 'Enrolment'), [
      {
        id: 'schemes',
        type: 'multiChoice',
        label: text('参保险种', '參保險種', 'Insurance schemes'),
        options: [
          option('pension', text('职工养老保险', '職工養老保險', 'Employee pension')),
          option('medical', text('职工医疗保险', '職工醫療保險', 'Employee medical insurance')),
        ],
        validation: { required: true, minItems: 1 },
      },
      {
        id: 'baseRatio',
        type: 'choice',
        label: text('缴费基数', '繳費基數', 'Contribution base'),
        options: ['60', '80', '100', '150', '200', '300'].map((ratio) =>
          option(ratio, text(`社平工资 ${ratio}%`, `社平工資 ${ratio}%`, `${ratio}% of the average wage`)),
        ),
        validation: { required: true },
      },
      {
        id: 'startMonth',
        type: 'date',
        label: text('参保起始日期', '參保起始日期', 'Insured from'),
        remember: false,
        validation: { required: true, minDate: '2020-01-01' },
      },
      {
        id: 'occupation',
        type: 'text',
        label: text('从事工作', '從事工作', 'Work you do'),
        source: 'profile.occupation',
        validation: { required: true, maxLength: 60 },
      },
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const socialSecurityCardForm = form(
  'rs-sbk-sl',
  text('社会保障卡申领', '社會保障卡申領', 'Social security card: application'),
  [
    applicantSection(),
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
        id: 'reason',
        type: 'choice',
        label: text('申领原因', '申領原因', 'Reason'),
        remember: false,
        options: [
          option('first', text('首次申领', '首次申領', 'First card')),
          option('lost', text('遗失补领', '遺失補領', 'Lost card')),
          option('damaged', text('损坏换领', '損壞換領', 'Damaged card')),
        ],
        validation: { required: true },
      },
      {
        id: 'oldCardReported',
        type: 'checkbox',
        label: text('已挂失原卡', '已掛失原卡', 'I have reported the old card lost'),
        remember: false,
        showWhen: { field: 'reason', equals: 'lost' },
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

export const residentMedicalForm = form(
  'yb-cxjm-cb',
  text(
    '城乡居民基本医疗保险参保登记',
    '城鄉居民基本醫療保險參保登記',
    "Residents' medical insurance: enrolment",
  ),
  [
    applicantSection(),
    section('insured', text('参保人', '參保人', 'Who is insured'), [
      {
        id: 'insuredPerson',
        type: 'choice',
        label: text('为谁参保', '為誰參保', 'Enrol whom'),
        options: [
          option('self', text('本人', '本人', 'Myself')),
          option('family', text('家庭成员', '家庭成員', 'A family member')),
        ],
        validation: { required: true },
      },
      {
        // One household enrols its members together: one row for each.
        id: 'members',
        type: 'group',
        label: text('参保的家庭成员', '參保的家庭成員', 'Family members to enrol'),
        rowLabel: text('家庭成员', '家庭成員', 'Family member'),
        addLabel: text('添加一位家庭成员', '添加一位家庭成員', 'Add a family member'),
        // From the household register (the applicant's own record left out); rows not enrolled are removed.
        source: 'profile.householdMembers',
        remember: false,
        showWhen: { field: 'insuredPerson', equals: 'family' },
        repeat: { min: 1, max: 10 },
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
            // As the register writes it (户主, 配偶, 子女, 父母 ...).
            id: 'relation',
            type: 'text',
            label: text('与户主关系', '與戶主關係', 'Relation to the head of household'),
            validation: { required: true, maxLength: 20 },
          },
        ],
      },
      {
        id: 'category',
        type: 'choice',
        label: text('人员类别', '人員類別', 'Category'),
        options: [
          option('adult', text('成年居民', '成年居民', 'Adult resident')),
          option('student', text('中小学生', '中小學生', 'School pupil')),
          option('infant', text('新生儿', '新生兒', 'Newborn')),
          option('elderly', text('60 岁以上老人', '60 歲以上老人', 'Aged 60 or over')),
        ],
        validation: { required: true },
      },
      {
        id: 'year',
        type: 'choice',
        label: text('参保年度', '參保年度', 'Year'),
        remember: false,
        options: [
          option('current', text('本年度', '本年度', 'This year')),
          option('next', text('下一年度', '下一年度', 'Next year')),
        ],
        validation: { required: true },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
  2,
);

export const remoteMedicalFilingForm = form(
  'yb-ydjy-ba',
  text('异地就医备案', '異地就醫備案', 'Medical treatment elsewhere: filing'),
  [
    applicantSection(),
    section('filing', text('备案信息', '備案資訊', 'Filing'), [
      {
        id: 'filingType',
        type: 'choice',
        label: text('备案类型', '備案類型', 'Type'),
        options: [
          option('resettled', text('异地长期居住', '異地長期居住', 'Living elsewhere long-term')),
          option('working', text('常驻异地工作', '常駐異地工作', 'Working elsewhere')),
          option('referral', text('转诊转院', '轉診轉院', 'Referred to a hospital elsewhere')),
          option('temporary', text('临时外出就医', '臨時外出就醫', 'Temporary treatment elsewhere')),
        ],
        validation: { required: true },
      },
      {
        id: 'destination',
        type: 'text',
        label: text('就医地（省市）', '就醫地（省市）', 'Where (province and city)'),
        validation: { required: true, minLength: 2, maxLength: 40 },
      },
      {
        id: 'hospital',
        type: 'text',
        label: text('转入医院', '轉入醫院', 'Receiving hospital'),
        showWhen: { field: 'filingType', equals: 'referral' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'referral',
        type: 'file',
        label: text('转诊证明', '轉診證明', 'Referral'),
        materialCode: 'TRANSFER_REFERRAL',
        showWhen: { field: 'filingType', equals: 'referral' },
        validation: { required: true },
      },
      {
        id: 'startDate',
        type: 'date',
        label: text('开始日期', '開始日期', 'From'),
        remember: false,
        validation: { required: true, minDate: '2020-01-01' },
      },
      {
        id: 'remoteAddress',
        type: 'address',
        label: text('异地居住地址', '異地居住地址', 'Address there'),
        showWhen: { field: 'filingType', in: ['resettled', 'working'] },
        validation: { required: true, minLength: 6 },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

const housingFundAccountField: FormField = {
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
};

function marriedFields(): FormField[] {
  return [
    {
      id: 'maritalStatus',
      type: 'choice',
      label: text('婚姻状况', '婚姻狀況', 'Marital status'),
      source: 'profile.maritalStatus',
      options: maritalStatusOptions,
      validation: { required: true },
    },
    ...spouseFields({ field: 'maritalStatus', equals: 'married' }),
    {
      id: 'spouseAlsoWithdraws',
      type: 'checkbox',
      label: text('配偶同时提取', '配偶同時提取', 'My spouse withdraws too'),
      showWhen: { field: 'maritalStatus', equals: 'married' },
    },
  ];
}

export const housingFundRentForm = form(
  'gjj-tq-zf',
  text('住房公积金提取（租房）', '住房公積金提取（租房）', 'Housing fund withdrawal: renting'),
  [
    applicantSection(),
    section('withdrawal', text('提取信息', '提取資訊', 'Withdrawal'), [
      housingFundAccountField,
      {
        id: 'rentalType',
        type: 'choice',
        label: text('租房类型', '租房類型', 'Type of rental'),
        options: [
          option('public', text('公共租赁住房', '公共租賃住房', 'Public rental housing')),
          option('market', text('市场租赁住房', '市場租賃住房', 'Private rental')),
        ],
        validation: { required: true },
      },
      {
        id: 'rentedAddress',
        type: 'address',
        label: text('租住地址', '租住地址', 'Rented home'),
        source: 'profile.addresses.current',
        validation: { required: true, minLength: 6 },
      },
      {
        id: 'leaseRegistrationNumber',
        type: 'text',
        keyboard: 'digits',
        label: text('租赁备案编号', '租賃備案編號', 'Tenancy registration number'),
        requireWhen: { field: 'rentalType', equals: 'market' },
        validation: { maxLength: 30 },
      },
      {
        id: 'monthlyRent',
        type: 'number',
        label: text('月租金', '月租金', 'Monthly rent'),
        unit: text('元', '元', 'yuan'),
        validation: { required: true, min: 100, max: 100_000 },
      },
      ...marriedFields(),
      ...bankFields(),
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField()]),
    declarationSection(),
  ],
);

export const housingFundPurchaseForm = form(
  'gjj-tq-gf',
  text('住房公积金提取（购房）', '住房公積金提取（購房）', 'Housing fund withdrawal: buying a home'),
  [
    applicantSection(),
    section('withdrawal', text('提取信息', '提取資訊', 'Withdrawal'), [
      housingFundAccountField,
      {
        id: 'purchaseType',
        type: 'choice',
        label: text('购房类型', '購房類型', 'Type of purchase'),
        options: [
          option('new', text('新建商品房', '新建商品房', 'New home')),
          option('resale', text('二手房', '二手房', 'Resale home')),
          option('selfBuilt', text('自建住房', '自建住房', 'Self-built home')),
        ],
        validation: { required: true },
      },
      {
        id: 'propertyAddress',
        type: 'address',
        label: text('房屋坐落', '房屋坐落', 'Address of the home'),
        remember: false,
        validation: { required: true, minLength: 6 },
      },
      {
        id: 'purchasePrice',
        type: 'number',
        label: text('购房总价', '購房總價', 'Price'),
        unit: text('元', '元', 'yuan'),
        remember: false,
        validation: { required: true, min: 10_000, max: 100_000_000 },
      },
      {
        id: 'contractNumber',
        type: 'text',
        keyboard: 'latin',
        label: text('购房合同编号', '購房合同編號', 'Contract number'),
        remember: false,
        hideWhen: { field: 'purchaseType', equals: 'selfBuilt' },
        validation: { required: true, maxLength: 40 },
      },
      {
        id: 'contract',
        type: 'file',
        label: text('购房合同', '購房合同', 'Purchase contract'),
        materialCode: 'PURCHASE_CONTRACT',
        hideWhen: { field: 'purchaseType', equals: 'selfBuilt' },
        validation: { required: true, maxItems: 10 },
      },
      ...marriedFields(),
      ...bankFields(),
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [phoneField()]),
    declarationSection(),
  ],
);

export const propertyTransferForm = form(
  'bdc-zy-esf',
  text(
    '不动产转移登记（二手房买卖）',
    '不動產轉移登記（二手房買賣）',
    'Real estate transfer registration: resale home',
  ),
  [
    applicantSection(text('买受人', '買受人', 'Buyer')),
    section('property', text('房屋', '房屋', 'The property'), [
      {
        id: 'certificateNumber',
        type: 'text',
        label: text('不动产权证号', '不動產權證號', 'Title certificate number'),
        remember: false,
        validation: {
          required: true,
          pattern: {
            regex: '闽（\\d{4}）南安市不动产权第\\d{7}号',
            example: '闽（2023）南安市不动产权第0001234号',
            message: text(
              '格式：闽（2023）南安市不动产权第0001234号',
              '格式：閩（2023）南安市不動產權第0001234號',
              'Format: 闽（2023）南安市不动产权第0001234号',
            ),
          },
        },
      },
      {
        id: 'propertyAddress',
        type: 'address',
        label: text('房屋坐落', '房屋坐落', 'Address of the property'),
        remember: false,
        validation: { required: true, minLength: 6 },
      },
      {
        id: 'floorArea',
        type: 'number',
        label: text('建筑面积', '建築面積', 'Floor area'),
        unit: text('平方米', '平方米', 'm²'),
        remember: false,
        validation: { required: true, min: 5, max: 10_000 },
      },
      {
        id: 'price',
        type: 'number',
        label: text('成交价格', '成交價格', 'Price'),
        unit: text('元', '元', 'yuan'),
        remember: false,
        validation: { required: true, min: 1000, max: 1_000_000_000 },
      },
    ]),
    section('seller', text('出卖人', '出賣人', 'Seller'), [
      {
        id: 'sellerName',
        type: 'text',
        label: text('出卖人姓名', '出賣人姓名', "Seller's name"),
        remember: false,
        validation: { required: true, maxLength: 60 },
      },
      {
        id: 'sellerIdNumber',
        type: 'idNumber',
        label: text('出卖人身份号码', '出賣人身份號碼', "Seller's ID number"),
        remember: false,
        validation: { required: true },
      },
    ]),
    section('ownership', text('共有情况', '共有情況', 'Ownership'), [
      {
        id: 'ownership',
        type: 'choice',
        label: text('共有方式', '共有方式', 'How it will be owned'),
        options: [
          option('sole', text('单独所有', '單獨所有', 'By me alone')),
          option('joint', text('与配偶共同共有', '與配偶共同共有', 'Jointly with my spouse')),
        ],
        validation: { required: true },
      },
      ...spouseFields({ field: 'ownership', equals: 'joint' }),
      {
        id: 'mortgage',
        type: 'checkbox',
        label: text('同时办理抵押登记', '同時辦理抵押登記', 'Register a mortgage at the same time'),
        remember: false,
      },
      {
        id: 'lender',
        type: 'choice',
        label: text('贷款银行', '貸款銀行', 'Lending bank'),
        remember: false,
        showWhen: { field: 'mortgage', truthy: true },
        options: bankOptions,
        validation: { required: true },
      },
    ]),
    contactSection(pickupFields()),
    declarationSection(),
  ],
);

export const marriageForm = form('mz-jhdj', text('结婚登记', '結婚登記', 'Marriage registration'), [
  applicantSection(),
  section('partner', text('另一方', '另一方', 'Your partner'), [
    {
      id: 'partnerName',
      type: 'text',
      label: text('对方姓名', '對方姓名', "Partner's name"),
      remember: false,
      validation: { required: true, maxLength: 60 },
    },
    {
      id: 'partnerIdNumber',
      type: 'idNumber',
      label: text('对方身份号码', '對方身份號碼', "Partner's ID number"),
      remember: false,
      validation: { required: true },
    },
    {
      id: 'partnerNation',
      type: 'text',
      label: text('对方民族', '對方民族', "Partner's ethnic group"),
      remember: false,
      validation: { required: true, maxLength: 20 },
    },
    {
      id: 'applicantPreviousStatus',
      type: 'choice',
      source: 'profile.maritalStatus',
      label: text('本人婚姻状况', '本人婚姻狀況', 'Your marital status now'),
      options: maritalStatusOptions.filter((entry) => entry.value !== 'married'),
      validation: { required: true },
    },
    {
      id: 'appointmentDate',
      type: 'date',
      label: text('登记日期', '登記日期', 'Registration date'),
      remember: false,
      validation: { required: true, minDate: 'today' },
    },
  ]),
  contactSection(),
  declarationSection(),
]);

export const birthServiceForm = form(
  'wj-syfw-dj',
  text('生育登记', '生育登記', 'Childbirth registration (family planning)'),
  [
    applicantSection(),
    section('family', text('家庭', '家庭', 'The family'), [
      ...spouseFields(undefined),
      {
        id: 'childOrder',
        type: 'choice',
        label: text('本次生育孩次', '本次生育孩次', 'Which child is this'),
        remember: false,
        options: [
          option('1', text('一孩', '一孩', 'First')),
          option('2', text('二孩', '二孩', 'Second')),
          option('3', text('三孩', '三孩', 'Third')),
        ],
        validation: { required: true },
      },
      {
        id: 'expectedDate',
        type: 'date',
        label: text('预产期或出生日期', '預產期或出生日期', 'Due date or date of birth'),
        remember: false,
        validation: { required: true, minDate: '2020-01-01' },
      },
      {
        id: 'marriageCertificate',
        type: 'file',
        label: text('结婚证', '結婚證', 'Marriage certificate'),
        materialCode: 'MARRIAGE_CERT',
        validation: { required: true, maxItems: 2 },
      },
    ]),
    contactSection(),
    declarationSection(),
  ],
);

export const invoiceForm = form(
  'sw-dkfp',
  text('代开增值税普通发票', '代開增值稅普通發票', 'VAT invoice issued on your behalf'),
  [
    applicantSection(),
    section('seller', text('开票方', '開票方', 'Who sells'), [
      {
        id: 'sellerType',
        type: 'choice',
        label: text('以谁的名义开票', '以誰的名義開票', 'Issue in the name of'),
        options: [
          option('individual', text('个人', '個人', 'Myself')),
          option('company', text('本人经营的单位', '本人經營的單位', 'My business')),
        ],
        validation: { required: true },
      },
      {
        id: 'companyName',
        type: 'text',
        label: text('单位名称', '單位名稱', 'Business name'),
        source: 'profile.company.name',
        showWhen: { field: 'sellerType', equals: 'company' },
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'creditCode',
        type: 'creditCode',
        label: text('统一社会信用代码', '統一社會信用代碼', 'Credit code'),
        source: 'profile.company.creditCode',
        showWhen: { field: 'sellerType', equals: 'company' },
        validation: { required: true },
      },
    ]),
    section('deal', text('开票内容', '開票內容', 'The invoice'), [
      {
        id: 'buyerName',
        type: 'text',
        label: text('购买方名称', '購買方名稱', "Buyer's name"),
        remember: false,
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'buyerCreditCode',
        type: 'creditCode',
        label: text('购买方信用代码', '購買方信用代碼', "Buyer's credit code"),
        remember: false,
        help: text('购买方是个人时可不填', '購買方是個人時可不填', 'Leave empty if the buyer is a person'),
      },
      {
        id: 'goods',
        type: 'text',
        label: text('货物或服务名称', '貨物或服務名稱', 'Goods or services'),
        remember: false,
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'amount',
        type: 'number',
        label: text('金额（含税）', '金額（含稅）', 'Amount (tax included)'),
        unit: text('元', '元', 'yuan'),
        remember: false,
        validation: { required: true, min: 0.01, max: 100_000_000 },
      },
    ]),
    section('contact', text('联系方式', '聯絡方式', 'Contact'), [
      phoneField(),
      {
        id: 'email',
        type: 'email',
        label: text('接收电子发票的邮箱', '接收電子發票的郵箱', 'E-mail for the e-invoice'),
        source: 'profile.email',
      },
    ]),
    declarationSection(),
  ],
);

export const drivingLicenceRenewalForm = form(
  'cg-jsz-hz',
  text('机动车驾驶证期满换证', '機動車駕駛證期滿換證', 'Driving licence renewal'),
  [
    applicantSection(),
    section('licence', text('驾驶证', '駕駛證', 'Driving licence'), [
      {
        id: 'licenceClass',
        type: 'choice',
        source: 'profile.drivingLicence.class',
        label: text('准驾车型', '準駕車型', 'Licence class'),
        options: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D', 'E'].map((licenceClass) =>
          option(licenceClass, text(licenceClass, licenceClass, licenceClass)),
        ),
        validation: { required: true },
      },
      {
        id: 'expiryDate',
        type: 'date',
        source: 'profile.drivingLicence.validTo',
        label: text('有效期至', '有效期至', 'Valid until'),
        remember: false,
        validation: { required: true },
      },
      {
        id: 'medicalCheck',
        type: 'file',
        label: text('身体条件证明', '身體條件證明', "Driver's medical certificate"),
        materialCode: 'MEDICAL_CHECK',
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

export const unemploymentBenefitForm = form(
  'rs-syj-sl',
  text('失业保险金申领', '失業保險金申領', 'Unemployment benefit: claim'),
  [
    applicantSection(),
    section('employment', text('原工作单位', '原工作單位', 'Last employer'), [
      {
        id: 'employerName',
        type: 'text',
        label: text('原单位名称', '原單位名稱', 'Employer'),
        source: 'profile.employer.name',
        validation: { required: true, maxLength: 100 },
      },
      {
        id: 'employerCreditCode',
        type: 'creditCode',
        label: text('原单位信用代码', '原單位信用代碼', "Employer's credit code"),
        source: 'profile.employer.creditCode',
        validation: { required: true },
      },
      {
        id: 'separationDate',
        type: 'date',
        label: text('离职日期', '離職日期', 'Left on'),
        remember: false,
        validation: { required: true, maxDate: 'today' },
      },
      {
        id: 'separationReason',
        type: 'choice',
        label: text('离职原因', '離職原因', 'Why the job ended'),
        remember: false,
        options: [
          option('contractEnded', text('劳动合同到期', '勞動合同到期', 'The contract ended')),
          option('dismissed', text('单位解除劳动合同', '單位解除勞動合同', 'The employer ended it')),
          option('bankrupt', text('单位破产或关闭', '單位破產或關閉', 'The employer closed')),
          option('other', text('其他', '其他', 'Other')),
        ],
        validation: { required: true },
      },
      {
        id: 'separationDetail',
        type: 'textarea',
        label: text('情况说明', '情況說明', 'What happened'),
        remember: false,
        showWhen: { field: 'separationReason', equals: 'other' },
        validation: { required: true, minLength: 5, maxLength: 500 },
      },
      {
        id: 'jobSeeking',
        type: 'checkbox',
        label: text(
          '已进行失业登记并有求职要求',
          '已進行失業登記並有求職要求',
          'I registered as unemployed and I am looking for work',
        ),
        remember: false,
        validation: { required: true },
      },
      ...bankFields(),
    ]),
    contactSection(),
    declarationSection(),
  ],
);

/** Every full form, keyed by the id of the item it belongs to. */
export const sampleForms: readonly FormDefinition[] = [
  soleTraderSetupForm,
  companySetupForm,
  companyChangeForm,
  foodLicenceForm,
  hkMacaoPermitForm,
  hkMacaoEndorsementForm,
  passportForm,
  residencePermitForm,
  birthRegistrationForm,
  residentPensionForm,
  flexibleEmploymentForm,
  socialSecurityCardForm,
  residentMedicalForm,
  remoteMedicalFilingForm,
  housingFundRentForm,
  housingFundPurchaseForm,
  propertyTransferForm,
  marriageForm,
  birthServiceForm,
  invoiceForm,
  drivingLicenceRenewalForm,
  unemploymentBenefitForm,
  ...forms2026,
  ...formsForBundles,
];
