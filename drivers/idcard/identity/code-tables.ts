/** GB/T 2261.1 sex codes. */
export const sexByCode = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unstated' } as const;
export type Sex = (typeof sexByCode)[keyof typeof sexByCode];

/** A code outside the table is reported as 'unknown' with the raw code kept beside it. */
export function sexOf(code: string): Sex {
  return (sexByCode as Record<string, Sex | undefined>)[code] ?? 'unknown';
}

/**
 * GB 3304 nations, plus the two codes reader SDKs add: 97/98, and 57/58 for the same two in one
 * public SDK's table.
 */
export const nationByCode: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '09': '布依',
  '10': '朝鲜',
  '11': '满',
  '12': '侗',
  '13': '瑶',
  '14': '白',
  '15': '土家',
  '16': '哈尼',
  '17': '哈萨克',
  '18': '傣',
  '19': '黎',
  '20': '傈僳',
  '21': '佤',
  '22': '畲',
  '23': '高山',
  '24': '拉祜',
  '25': '水',
  '26': '东乡',
  '27': '纳西',
  '28': '景颇',
  '29': '柯尔克孜',
  '30': '土',
  '31': '达斡尔',
  '32': '仫佬',
  '33': '羌',
  '34': '布朗',
  '35': '撒拉',
  '36': '毛南',
  '37': '仡佬',
  '38': '锡伯',
  '39': '阿昌',
  '40': '普米',
  '41': '塔吉克',
  '42': '怒',
  '43': '乌孜别克',
  '44': '俄罗斯',
  '45': '鄂温克',
  '46': '德昂',
  '47': '保安',
  '48': '裕固',
  '49': '京',
  '50': '塔塔尔',
  '51': '独龙',
  '52': '鄂伦春',
  '53': '赫哲',
  '54': '门巴',
  '55': '珞巴',
  '56': '基诺',
  '57': '其他',
  '58': '外国血统中国籍人士',
  '97': '其他',
  '98': '外国血统中国籍人士',
};

export interface Nation {
  readonly code: string;
  /** The Chinese name, or the code itself when the table does not know it. */
  readonly name: string;
  readonly known: boolean;
}

export function nationOf(code: string): Nation {
  const name = nationByCode[code];
  return name === undefined ? { code, name: code, known: false } : { code, name, known: true };
}
