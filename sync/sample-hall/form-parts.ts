import type { FieldOption, FormField, FormSection } from '../protocol/forms';
import type { LocalizedText } from '../protocol/localized-text';
import { text } from './localized';

/** Building blocks the sample forms share: the applicant from the card, contact from the store, a declaration. */

type Field<Type extends FormField['type']> = Extract<FormField, { type: Type }>;

export function option(value: string, label: LocalizedText): FieldOption {
  return { value, label };
}

export const sexOptions: FieldOption[] = [
  option('male', text('男', '男', 'Male')),
  option('female', text('女', '女', 'Female')),
];

export const yesNoOptions: FieldOption[] = [
  option('yes', text('是', '是', 'Yes')),
  option('no', text('否', '否', 'No')),
];

export const maritalStatusOptions: FieldOption[] = [
  option('single', text('未婚', '未婚', 'Single')),
  option('married', text('已婚', '已婚', 'Married')),
  option('divorced', text('离异', '離異', 'Divorced')),
  option('widowed', text('丧偶', '喪偶', 'Widowed')),
];

export const bankOptions: FieldOption[] = [
  option('中国工商银行', text('中国工商银行', '中國工商銀行', 'ICBC')),
  option('中国农业银行', text('中国农业银行', '中國農業銀行', 'Agricultural Bank of China')),
  option('中国银行', text('中国银行', '中國銀行', 'Bank of China')),
  option('中国建设银行', text('中国建设银行', '中國建設銀行', 'China Construction Bank')),
  option('农村商业银行', text('农村商业银行', '農村商業銀行', 'Rural Commercial Bank')),
  option('中国邮政储蓄银行', text('中国邮政储蓄银行', '中國郵政儲蓄銀行', 'Postal Savings Bank of China')),
];

export const pickupOptions: FieldOption[] = [
  option('collect', text('到窗口领取', '到窗口領取', 'Collect at the window')),
  option('post', text('邮寄到家', '郵寄到家', 'Send by post')),
];

/**
 * The applicant as the card says: shown, not typed. Fields the holder's card has no value for are not
 * asked (a foreign permanent resident has no 户籍 address and no 民族; a resident no nationality).
 */
export function applicantSection(title = text('申请人信息', '申請人資訊', 'Applicant')): FormSection {
  return {
    id: 'applicant',
    title,
    fields: [
      {
        id: 'name',
        type: 'text',
        label: text('姓名', '姓名', 'Name'),
        source: 'card.name',
        validation: { required: true, maxLength: 60 },
      },
      {
        // Foreign permanent residents: the card's Chinese name beside the English one (not asked of others).
        id: 'otherName',
        type: 'text',
        label: text('中文姓名', '中文姓名', 'Chinese name'),
        source: 'card.otherName',
        validation: { maxLength: 60 },
      },
      {
        id: 'sex',
        type: 'choice',
        label: text('性别', '性別', 'Sex'),
        source: 'card.sex',
        options: sexOptions,
        validation: { required: true },
      },
      {
        id: 'idNumber',
        type: 'idNumber',
        label: text('公民身份号码', '公民身份號碼', 'ID number'),
        source: 'card.idNumber',
        validation: { required: true },
      },
      {
        id: 'birthDate',
        type: 'date',
        label: text('出生日期', '出生日期', 'Date of birth'),
        source: 'card.birthDate',
        validation: { required: true, maxDate: 'today' },
      },
      {
        id: 'nation',
        type: 'text',
        label: text('民族', '民族', 'Ethnic group'),
        source: 'card.nation',
        validation: { maxLength: 20 },
      },
      {
        // Foreign permanent residents (GB/T 2659 code as the card has it); residents' cards carry none.
        id: 'nationality',
        type: 'text',
        label: text('国籍', '國籍', 'Nationality'),
        source: 'card.nationality',
        validation: { maxLength: 3 },
      },
      {
        id: 'registeredAddress',
        type: 'address',
        label: text('户籍地址', '戶籍地址', 'Registered address'),
        source: 'card.address',
        validation: { required: true },
      },
    ],
  };
}

export function phoneField(): Field<'phone'> {
  return {
    id: 'phone',
    type: 'phone',
    label: text('联系电话', '聯絡電話', 'Phone number'),
    help: text(
      '办理进度会发短信到这个号码',
      '辦理進度會發短訊到這個號碼',
      'We text progress updates to this number',
    ),
    source: 'profile.phone',
    validation: { required: true },
  };
}

export function currentAddressField(required = true): Field<'address'> {
  return {
    id: 'currentAddress',
    type: 'address',
    label: text('现居住地址', '現居住地址', 'Current address'),
    source: 'profile.addresses.current',
    validation: { required, minLength: 6 },
  };
}

export function contactSection(extra: FormField[] = []): FormSection {
  return {
    id: 'contact',
    title: text('联系方式', '聯絡方式', 'Contact'),
    fields: [phoneField(), currentAddressField(), ...extra],
  };
}

export function bankFields(required = true): FormField[] {
  return [
    {
      id: 'bankName',
      type: 'choice',
      label: text('开户银行', '開戶銀行', 'Bank'),
      source: 'profile.bank.name',
      options: bankOptions,
      validation: { required },
    },
    {
      id: 'bankAccount',
      type: 'text',
      keyboard: 'digits',
      label: text('银行账号', '銀行帳號', 'Bank account number'),
      source: 'profile.bank.accountNumber',
      validation: {
        required,
        pattern: {
          regex: '\\d{12,19}',
          example: '6217000000000001',
          message: text(
            '银行账号是 12 到 19 位数字',
            '銀行帳號是 12 到 19 位數字',
            'A bank account number has 12 to 19 digits',
          ),
        },
      },
    },
  ];
}

/** Collect at the window, or post to a mailing address taken from the store. */
export function pickupFields(): FormField[] {
  return [
    {
      id: 'pickup',
      type: 'choice',
      label: text('领取方式', '領取方式', 'How to receive it'),
      options: pickupOptions,
      validation: { required: true },
    },
    {
      id: 'mailingAddress',
      type: 'address',
      label: text('邮寄地址', '郵寄地址', 'Mailing address'),
      source: 'profile.addresses.mailing',
      showWhen: { field: 'pickup', equals: 'post' },
      validation: { required: true, minLength: 6 },
    },
  ];
}

export function declarationSection(): FormSection {
  return {
    id: 'declaration',
    title: text('承诺', '承諾', 'Declaration'),
    fields: [
      {
        id: 'declaration',
        type: 'checkbox',
        label: text(
          '本人承诺所填信息和所交材料真实有效',
          '本人承諾所填資訊和所交材料真實有效',
          'I declare that the information and documents I give are true',
        ),
        remember: false,
        validation: { required: true },
      },
    ],
  };
}

export function spouseFields(showWhen: FormField['showWhen'], required = true): FormField[] {
  return [
    {
      id: 'spouseName',
      type: 'text',
      label: text('配偶姓名', '配偶姓名', "Spouse's name"),
      source: 'profile.spouse.name',
      showWhen,
      validation: { required, maxLength: 60 },
    },
    {
      id: 'spouseIdNumber',
      type: 'idNumber',
      label: text('配偶身份号码', '配偶身份號碼', "Spouse's ID number"),
      source: 'profile.spouse.idNumber',
      showWhen,
      validation: { required },
    },
  ];
}

export function companyFields(required = true): FormField[] {
  return [
    {
      id: 'companyName',
      type: 'text',
      label: text('单位名称', '單位名稱', 'Company name'),
      source: 'profile.company.name',
      validation: { required, minLength: 4, maxLength: 100 },
    },
    {
      id: 'creditCode',
      type: 'creditCode',
      label: text('统一社会信用代码', '統一社會信用代碼', 'Unified social credit code'),
      source: 'profile.company.creditCode',
      validation: { required },
    },
  ];
}
