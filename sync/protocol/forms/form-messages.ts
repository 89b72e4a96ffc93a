import type { Language, LocalizedText } from '../localized-text';

// ---------------------------------------------------------------------------------------------------------
// Messages: plain words, three languages; the renderer shows FieldError.message beside the field.

export const formMessages = {
  required: { 'zh-Hans': '请填写此项', 'zh-Hant': '請填寫此項', en: 'Please fill this in' },
  requiredChoice: { 'zh-Hans': '请选择一项', 'zh-Hant': '請選擇一項', en: 'Please choose one' },
  mustBeChecked: {
    'zh-Hans': '请勾选此项后继续',
    'zh-Hant': '請勾選此項後繼續',
    en: 'Please tick this box to continue',
  },
  requiredFile: { 'zh-Hans': '请提供此材料', 'zh-Hant': '請提供此材料', en: 'Please provide this document' },
  wrongType: {
    'zh-Hans': '内容格式不对，请重新填写',
    'zh-Hant': '內容格式不對，請重新填寫',
    en: 'This is not in the right form; please fill it in again',
  },
  tooShort: {
    'zh-Hans': '至少要 {min} 个字',
    'zh-Hant': '至少要 {min} 個字',
    en: 'Use at least {min} characters',
  },
  tooLong: { 'zh-Hans': '最多 {max} 个字', 'zh-Hant': '最多 {max} 個字', en: 'Use at most {max} characters' },
  invalidCharacters: {
    'zh-Hans': '含有不能使用的符号，请删除',
    'zh-Hant': '含有不能使用的符號，請刪除',
    en: 'Contains symbols that cannot be used; please remove them',
  },
  notANumber: { 'zh-Hans': '请填写数字', 'zh-Hant': '請填寫數字', en: 'Please enter a number' },
  notAnInteger: { 'zh-Hans': '请填写整数', 'zh-Hant': '請填寫整數', en: 'Please enter a whole number' },
  tooSmall: { 'zh-Hans': '不能小于 {min}', 'zh-Hant': '不能小於 {min}', en: 'Must be {min} or more' },
  tooLarge: { 'zh-Hans': '不能大于 {max}', 'zh-Hant': '不能大於 {max}', en: 'Must be {max} or less' },
  invalidDate: {
    'zh-Hans': '日期不对，请重新选择',
    'zh-Hant': '日期不對，請重新選擇',
    en: 'This date is not valid; please choose again',
  },
  dateTooEarly: {
    'zh-Hans': '日期不能早于 {min}',
    'zh-Hant': '日期不能早於 {min}',
    en: 'The date cannot be before {min}',
  },
  dateTooLate: {
    'zh-Hans': '日期不能晚于 {max}',
    'zh-Hant': '日期不能晚於 {max}',
    en: 'The date cannot be after {max}',
  },
  notAnOption: {
    'zh-Hans': '请从列表中选择',
    'zh-Hant': '請從列表中選擇',
    en: 'Please choose from the list',
  },
  tooFewItems: {
    'zh-Hans': '至少选择 {min} 项',
    'zh-Hant': '至少選擇 {min} 項',
    en: 'Choose at least {min}',
  },
  tooManyItems: {
    'zh-Hans': '最多选择 {max} 项',
    'zh-Hant': '最多選擇 {max} 項',
    en: 'Choose at most {max}',
  },
  invalidPhone: {
    'zh-Hans': '电话号码不对，手机号是 11 位数字',
    'zh-Hant': '電話號碼不對，手機號是 11 位數字',
    en: 'This phone number is not right: a mobile number has 11 digits',
  },
  invalidEmail: {
    'zh-Hans': '电子邮箱格式不对',
    'zh-Hant': '電子郵箱格式不對',
    en: 'This e-mail address is not right',
  },
  idNumberFormat: {
    'zh-Hans': '证件号码应为 18 位（最后一位可以是 X），外国人永久居留证可为 15 位',
    'zh-Hant': '證件號碼應為 18 位（最後一位可以是 X），外國人永久居留證可為 15 位',
    en: 'An ID number has 18 characters (the last may be X); a foreign permanent residence number may have 15',
  },
  idNumberBirthDate: {
    'zh-Hans': '身份证号码中的出生日期不对，请核对',
    'zh-Hant': '身份證號碼中的出生日期不對，請核對',
    en: 'The birth date inside this ID number is not right; please check it',
  },
  idNumberCheck: {
    'zh-Hans': '身份证号码有误，请逐位核对',
    'zh-Hant': '身份證號碼有誤，請逐位核對',
    en: 'This ID number is not right; please check each digit',
  },
  creditCodeFormat: {
    'zh-Hans': '统一社会信用代码应为 18 位数字或大写字母',
    'zh-Hant': '統一社會信用代碼應為 18 位數字或大寫字母',
    en: 'A credit code has 18 digits or capital letters',
  },
  creditCodeCheck: {
    'zh-Hans': '统一社会信用代码有误，请逐位核对',
    'zh-Hant': '統一社會信用代碼有誤，請逐位核對',
    en: 'This credit code is not right; please check each character',
  },
  invalidFile: {
    'zh-Hans': '材料文件无效，请重新拍摄',
    'zh-Hant': '材料文件無效，請重新拍攝',
    en: 'This document file is not valid; please photograph it again',
  },
  tooFewRows: {
    'zh-Hans': '至少要填写 {min} 项，请点“添加”',
    'zh-Hant': '至少要填寫 {min} 項，請點「添加」',
    en: 'Add at least {min}',
  },
  tooManyRows: {
    'zh-Hans': '最多只能填写 {max} 项',
    'zh-Hant': '最多只能填寫 {max} 項',
    en: 'Add at most {max}',
  },
  rowCellProblem: {
    'zh-Hans': '第 {row} 位{item}的“{column}”：{problem}',
    'zh-Hant': '第 {row} 位{item}的「{column}」：{problem}',
    en: '{item} {row}, {column}: {problem}',
  },
  rowProblem: {
    'zh-Hans': '第 {row} 位{item}：{problem}',
    'zh-Hant': '第 {row} 位{item}：{problem}',
    en: '{item} {row}: {problem}',
  },
  cardMismatch: {
    'zh-Hans': '与身份证上的信息不一致，请以身份证为准',
    'zh-Hant': '與身分證上的資訊不一致，請以身分證為準',
    en: 'This does not match your ID card; the card is what counts',
  },
  readOnlyMismatch: {
    'zh-Hans': '此项以登记的信息为准，不能在这里修改',
    'zh-Hant': '此項以登記的資訊為準，不能在這裡修改',
    en: 'This comes from the official record and cannot be changed here',
  },
  askedBy: {
    'zh-Hans': '{problem}（“{item}”的要求）',
    'zh-Hant': '{problem}（「{item}」的要求）',
    en: '{problem} (asked by “{item}”)',
  },
  unknownField: {
    'zh-Hans': '表单内容有误，请返回重试',
    'zh-Hant': '表單內容有誤，請返回重試',
    en: 'Something is wrong with this form; please go back and try again',
  },
} as const satisfies Record<string, LocalizedText>;
/** `pattern` and `rule` carry the form's own words (the pattern's or the rule's message). */
export type FormMessageKey = keyof typeof formMessages | 'pattern' | 'rule';

export interface FieldError {
  /** The field to show the message beside; null for a problem with the form as a whole. */
  fieldId: string | null;
  /** In a repeatable group: the row (1-based) and the column the problem is in. */
  at?: { row: number; column?: string };
  key: FormMessageKey;
  params: Record<string, string | number>;
  message: LocalizedText;
}

export function fieldErrorText(error: FieldError, language: Language): string {
  return error.message[language];
}
