import { ageOn } from '../../kernel/age';
import { creditCodeCheckCharacter, residentIdCheckCharacter } from '../../kernel/id-checks';
import { autofill, updateProfileAfterSubmission } from '../forms/autofill';
import {
  type CardIdentity,
  type FormDefinition,
  type FormField,
  type FormValue,
  formFields,
  validateFormValues,
} from '../protocol/forms';
import { type ArchivedMaterial, type CompanyRole, emptyProfile, type Profile } from '../protocol/profile';
import { sampleCountyCode } from './catalogue';
import { bankOptions } from './form-parts';
import { sampleForms } from './forms';
import { sampleMaterialBytes, sampleMaterialMime, sha256Hex } from './material-bytes';
import { type MaterialCode, materialKinds } from './materials';
import { SeededRandom } from './random';
import { type RegisterFactHelpers, withRegisterFacts } from './register-facts';

/**
 * Synthetic applicants: resident ID card fields with valid GB 11643 numbers for the county, and form-free
 * store profiles, many with a phone, a company, earlier submissions (made by running the real auto-fill
 * and write-back over the sample forms) and archived materials. Names are common surnames with common given
 * name characters picked at random, addresses are made-up villages in real towns: none is a real person.
 */

export interface SamplePerson {
  identity: CardIdentity;
  /** null: a first-time applicant the form-free store knows nothing about. */
  profile: Profile | null;
}

/**
 * How to regenerate the bytes of any archived sample material from its hash:
 * `sampleMaterialBytes(code, seed)` for the `{ code, seed }` stored under the material's sha256.
 */
const materialSources = new Map<string, { code: string; seed: number }>();

export function sampleMaterialSource(sha256: string): { code: string; seed: number } | undefined {
  return materialSources.get(sha256);
}

/** "Today" for the sample: ages, card validity and profile timestamps are relative to it. */
export const sampleReferenceDate = '2025-06-01';

const surnames = [
  '陈',
  '林',
  '黄',
  '李',
  '王',
  '张',
  '吴',
  '刘',
  '蔡',
  '杨',
  '许',
  '郑',
  '洪',
  '苏',
  '周',
  '傅',
  '戴',
  '潘',
  '叶',
  '施',
  '庄',
  '卢',
  '曾',
  '谢',
  '何',
  '郭',
  '邱',
  '高',
  '柯',
  '颜',
];
const maleGivenCharacters = [
  '建',
  '国',
  '明',
  '志',
  '伟',
  '强',
  '文',
  '华',
  '俊',
  '杰',
  '辉',
  '鸿',
  '晓',
  '宏',
  '振',
  '家',
  '荣',
  '清',
  '金',
  '水',
  '永',
  '福',
  '海',
  '平',
  '东',
  '源',
  '泽',
  '航',
];
const femaleGivenCharacters = [
  '丽',
  '美',
  '玲',
  '秀',
  '燕',
  '芳',
  '婷',
  '雅',
  '淑',
  '慧',
  '琳',
  '娟',
  '霞',
  '莉',
  '雪',
  '静',
  '丹',
  '萍',
  '佳',
  '梅',
  '惠',
  '月',
  '碧',
  '春',
  '欣',
  '怡',
];
/** 南安市's streets and towns: sample addresses use them, and the keyboard's lexicon (scripts/ime/hall-words.ts). */
export const countyTowns = [
  '溪美街道',
  '柳城街道',
  '美林街道',
  '省新镇',
  '仑苍镇',
  '东田镇',
  '英都镇',
  '翔云镇',
  '金淘镇',
  '诗山镇',
  '蓬华镇',
  '码头镇',
  '九都镇',
  '乐峰镇',
  '罗东镇',
  '梅山镇',
  '洪濑镇',
  '洪梅镇',
  '康美镇',
  '丰州镇',
  '霞美镇',
  '官桥镇',
  '水头镇',
  '石井镇',
  '眉山乡',
  '向阳乡',
];
const villages = [
  '新华社区',
  '光明村',
  '东山村',
  '西溪村',
  '南星村',
  '北峰村',
  '中心社区',
  '和平村',
  '福林村',
  '前进社区',
  '新丰村',
  '长安村',
  '桥头村',
  '后埔村',
  '湖滨社区',
  '山前村',
];
const companyWords = ['鑫达', '恒盛', '华兴', '源丰', '宏发', '闽南', '泉安', '顺和', '永联', '瑞景'];
const companyTrades = ['石材', '茶业', '五金', '贸易', '建材', '食品', '物流', '电子', '服装', '水暖'];
const occupations = [
  '个体经营',
  '企业职工',
  '务农',
  '教师',
  '司机',
  '自由职业',
  '退休',
  '销售',
  '工程师',
  '厨师',
];
const educations = ['小学', '初中', '高中', '中专', '大专', '本科', '硕士'];
const nations = [
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '汉',
  '畲',
  '回',
];
const creditCodeCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-');
  // 29 February becomes 28 February in a non-leap year.
  const target = `${Number(year) + years}-${month}-${day}`;
  return new Date(`${target}T00:00:00Z`).toISOString().slice(0, 10) === target
    ? target
    : `${Number(year) + years}-${month}-28`;
}

function givenName(random: SeededRandom, sex: 'male' | 'female'): string {
  const characters = sex === 'male' ? maleGivenCharacters : femaleGivenCharacters;
  return random.chance(0.8)
    ? `${random.pick(characters)}${random.pick(characters)}`
    : random.pick(characters);
}

export function sampleAddress(random: SeededRandom): string {
  return `福建省南安市${random.pick(countyTowns)}${random.pick(villages)}${random.int(1, 299)}号`;
}

/** A valid 18-character ID number for a birth date, with a sequence whose parity matches the sex. */
export function sampleIdNumber(
  random: SeededRandom,
  birthDate: string,
  sex: 'male' | 'female',
  region = sampleCountyCode,
): string {
  const sequence = random.int(0, 49) * 2 + (sex === 'male' ? 1 : 0) + random.int(0, 9) * 100;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

export function sampleCreditCode(random: SeededRandom): string {
  const body = Array.from({ length: 9 }, () => random.pick([...creditCodeCharacters])).join('');
  const first17 = `91${sampleCountyCode}${body}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

function sampleBirthDate(random: SeededRandom): string {
  // About a quarter are 60 or older (green channel), a few are teenagers with their first card.
  const age = random.chance(0.25)
    ? random.int(60, 92)
    : random.chance(0.06)
      ? random.int(10, 17)
      : random.int(18, 59);
  return addDays(sampleReferenceDate, -(age * 365 + random.int(0, 364)));
}

function cardValidity(
  random: SeededRandom,
  birthDate: string,
): { validFrom: string; validTo: string | null } {
  // Validity by age at issue (5, 10, 20 years, long-term from 46), issued so that the card is valid today.
  for (;;) {
    const validFrom = addDays(sampleReferenceDate, -random.int(30, 365 * 12));
    if (validFrom <= birthDate) continue;
    const ageAtIssue = ageOn(birthDate, validFrom);
    const years = ageAtIssue < 16 ? 5 : ageAtIssue < 26 ? 10 : ageAtIssue < 46 ? 20 : null;
    const validTo = years === null ? null : addYears(validFrom, years);
    if (validTo === null || validTo > sampleReferenceDate) return { validFrom, validTo };
  }
}

function sampleIdentity(random: SeededRandom, usedIdNumbers: Set<string>): CardIdentity {
  const sex = random.chance(0.5) ? 'male' : 'female';
  const birthDate = sampleBirthDate(random);
  let idNumber = sampleIdNumber(random, birthDate, sex);
  while (usedIdNumbers.has(idNumber)) idNumber = sampleIdNumber(random, birthDate, sex);
  usedIdNumbers.add(idNumber);
  return {
    cardType: 'resident',
    name: `${random.pick(surnames)}${givenName(random, sex)}`,
    otherName: null,
    sex,
    nation: random.pick(nations),
    nationality: null,
    birthDate,
    address: sampleAddress(random),
    idNumber,
    issuer: '南安市公安局',
    ...cardValidity(random, birthDate),
  };
}

function sampleMobile(random: SeededRandom): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${pad(random.int(0, 999_999_999), 9)}`;
}

function sampleCompanyName(random: SeededRandom): string {
  return `南安市${random.pick(companyWords)}${random.pick(companyTrades)}有限公司`;
}

function archiveMaterial(code: MaterialCode, seed: number, archivedAt: string): ArchivedMaterial {
  const bytes = sampleMaterialBytes(code, seed);
  const sha256 = sha256Hex(bytes);
  materialSources.set(sha256, { code, seed });
  return {
    code,
    sha256,
    mime: sampleMaterialMime,
    name: materialKinds[code].name['zh-Hans'],
    pages: 1,
    sizeBytes: bytes.length,
    archivedAt,
  };
}

function timestamp(random: SeededRandom, maxDaysAgo: number): string {
  return `${addDays(sampleReferenceDate, -random.int(1, maxDaysAgo))}T${pad(random.int(8, 17), 2)}:${pad(random.int(0, 59), 2)}:00+08:00`;
}

function baseProfile(random: SeededRandom, identity: CardIdentity, usedIdNumbers: Set<string>): Profile {
  const keepMaterials = random.chance(0.8);
  const consentedAt = timestamp(random, 900);
  const profile = emptyProfile({ storeProfile: true, keepMaterials, consentedAt }, consentedAt);
  const age = ageOn(identity.birthDate, sampleReferenceDate);
  profile.phone = random.chance(0.95) ? sampleMobile(random) : null;
  profile.email = random.chance(0.3) ? `applicant${random.int(1000, 999_999)}@example.com` : null;
  profile.addresses = {
    current: random.chance(0.7) ? sampleAddress(random) : null,
    mailing: random.chance(0.4) ? sampleAddress(random) : null,
    currentSince: null,
  };
  profile.education = random.chance(0.7) ? random.pick(educations) : null;
  profile.occupation =
    age >= 60 && random.chance(0.7) ? '退休' : random.chance(0.8) ? random.pick(occupations) : null;
  profile.maritalStatus =
    age < 22
      ? 'single'
      : age >= 70 && random.chance(0.3)
        ? 'widowed'
        : random.chance(0.8)
          ? 'married'
          : random.pick(['single', 'divorced'] as const);
  if (profile.maritalStatus === 'married') {
    const spouseSex = identity.sex === 'male' ? 'female' : 'male';
    const spouseBirth = addDays(identity.birthDate, random.int(-1500, 1500));
    let spouseIdNumber = sampleIdNumber(random, spouseBirth, spouseSex);
    while (usedIdNumbers.has(spouseIdNumber)) spouseIdNumber = sampleIdNumber(random, spouseBirth, spouseSex);
    profile.spouse = {
      name: `${random.pick(surnames)}${givenName(random, spouseSex)}`,
      idNumber: spouseIdNumber,
    };
  }
  if (age >= 20 && random.chance(0.35)) {
    const roles: CompanyRole[] = ['legalRepresentative', 'shareholder', 'manager', 'employee', 'agent'];
    profile.company = {
      name: sampleCompanyName(random),
      creditCode: sampleCreditCode(random),
      role: random.pick(roles),
      address: sampleAddress(random),
    };
  }
  if (age >= 18 && age < 60 && random.chance(0.5)) {
    profile.employer = { name: sampleCompanyName(random), creditCode: sampleCreditCode(random) };
  }
  if (random.chance(0.7)) {
    profile.bank = {
      name: random.pick(bankOptions).value,
      accountNumber: `62${pad(random.int(0, 99_999_999), 8)}${pad(random.int(0, 999_999), 6)}`,
    };
  }
  if (random.chance(0.8)) {
    const isHead = random.chance(0.5);
    profile.household = {
      headName: isHead
        ? identity.name
        : (profile.spouse?.name ?? `${identity.name.slice(0, 1)}${givenName(random, 'male')}`),
      relationToHead: isHead ? '本人' : profile.spouse ? '配偶' : '子女',
      registeredAddress: identity.address,
      size: random.int(1, 6),
    };
  }
  if (keepMaterials) {
    const codes: MaterialCode[] = ['HOUSEHOLD_REGISTER', 'ID_PHOTO'];
    if (profile.bank) codes.push('BANK_CARD');
    if (profile.maritalStatus === 'married') codes.push('MARRIAGE_CERT');
    if (profile.company) codes.push('BUSINESS_LICENCE');
    if (random.chance(0.3)) codes.push('PROPERTY_CERT');
    const seed = random.int(0, 2 ** 31);
    const sampled = random
      .sample(codes, random.int(1, codes.length))
      .map((code, index) => archiveMaterial(code, seed + index, timestamp(random, 700)));
    // The electronic copy of the ID card is what a form-free store holds first for anyone who agreed to
    // keep materials (made from the card at their first visit). Derived without drawing from `random`,
    // so every other sample value stays as it was.
    profile.materials = [archiveMaterial('ID_CARD_COPY', seed + 97, sampled[0]!.archivedAt), ...sampled];
  }
  return withRegisterFacts(profile, identity, registerFactHelpers);
}

const registerFactHelpers: RegisterFactHelpers = {
  sampleAddress,
  sampleMobile,
  sampleCompanyName,
  sampleCreditCode,
  sampleIdNumber: (random, birthDate, sex) => sampleIdNumber(random, birthDate, sex),
  givenName,
  addDays,
  referenceDate: sampleReferenceDate,
};

// Values for fields neither card nor store could fill, as an applicant would have typed them.
const typedTextByField: Record<string, (random: SeededRandom) => string> = {
  businessName: (random) =>
    `${random.pick(surnames)}记${random.pick(['茶叶店', '五金店', '小吃店', '商行', '理发店'])}`,
  proposedName: sampleCompanyName,
  permitNumber: (random) => `C${random.pick(['A', 'B', 'E', '1'])}${pad(random.int(0, 9_999_999), 7)}`,
  birthCertificateNumber: (random) => `Q${pad(random.int(0, 999_999_999), 9)}`,
  certificateNumber: (random) =>
    `闽（${random.int(2016, 2024)}）南安市不动产权第${pad(random.int(1, 9_999_999), 7)}号`,
  fundAccount: (random) => pad(random.int(100_000_000, 999_999_999), 9),
  leaseRegistrationNumber: (random) => pad(random.int(0, 99_999_999), 8),
  destinationCountry: (random) => random.pick(['新加坡', '马来西亚', '日本', '泰国', '菲律宾']),
  reasonDetail: () => '参加展会',
  destination: (random) => random.pick(['福建省厦门市', '广东省深圳市', '上海市', '浙江省杭州市']),
  hospital: () => '福建医科大学附属第一医院',
  goods: (random) => random.pick(['石材', '茶叶', '运输服务', '维修服务']),
  buyerName: sampleCompanyName,
  onlinePlatform: () => '美团外卖',
  foodSafetyOfficer: (random) => `${random.pick(surnames)}${givenName(random, 'female')}`,
  schoolName: () => '南安市第一中学',
  birthPlace: () => '南安市医院',
  separationDetail: () => '单位搬迁到外地，无法继续上班',
};

function typedValue(
  field: FormField,
  random: SeededRandom,
  materials: ArchivedMaterial[],
): FormValue | undefined {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const make = typedTextByField[field.id];
      return make
        ? make(random)
        : `${random.pick(surnames)}${givenName(random, random.chance(0.5) ? 'male' : 'female')}`;
    }
    case 'address':
      return sampleAddress(random);
    case 'number': {
      const rules = field.validation;
      const min = rules?.min ?? 1;
      const max = Math.min(rules?.max ?? min * 10 + 100, min * 10 + 100);
      return rules?.integer
        ? random.int(Math.ceil(min), Math.floor(max))
        : Math.round((min + random.next() * (max - min)) * 100) / 100;
    }
    case 'date': {
      const future = field.validation?.minDate === 'today';
      const past = field.validation?.maxDate === 'today';
      return addDays(
        sampleReferenceDate,
        future ? random.int(1, 60) : past ? -random.int(10, 900) : random.int(-200, 200),
      );
    }
    case 'choice':
      return random.pick(field.options).value;
    case 'multiChoice':
      return random
        .sample(field.options, random.int(1, Math.min(2, field.options.length)))
        .map((entry) => entry.value);
    case 'phone':
      return sampleMobile(random);
    case 'email':
      return `applicant${random.int(1000, 999_999)}@example.com`;
    case 'idNumber':
      return sampleIdNumber(
        random,
        addDays(sampleReferenceDate, -random.int(20 * 365, 60 * 365)),
        random.chance(0.5) ? 'male' : 'female',
      );
    case 'creditCode':
      return sampleCreditCode(random);
    case 'checkbox':
      return field.validation?.required ? true : random.chance(0.3);
    case 'file': {
      const material = archiveMaterial(
        field.materialCode as MaterialCode,
        random.int(0, 2 ** 31),
        timestamp(random, 30),
      );
      materials.push(material);
      return [material.sha256];
    }
  }
}

/** Runs one earlier application through auto-fill, "typing", validation and the consented write-back. */
function withEarlierSubmission(
  random: SeededRandom,
  identity: CardIdentity,
  profile: Profile,
  form: FormDefinition,
): Profile {
  const filled = autofill({ form, identity, profile, itemId: form.id, today: sampleReferenceDate });
  const values: Record<string, FormValue> = { ...filled.values };
  const captured: ArchivedMaterial[] = [];
  for (const field of formFields(form)) {
    if (values[field.id] !== undefined) continue;
    const value = typedValue(field, random, captured);
    if (value !== undefined) values[field.id] = value;
  }
  let result = validateFormValues(form, values, { today: sampleReferenceDate });
  if (!result.ok) {
    // A generated value a field rejects is simply left out, as an applicant might skip an optional field.
    for (const error of result.errors) if (error.fieldId) delete values[error.fieldId];
    result = validateFormValues(form, values, { today: sampleReferenceDate });
  }
  if (!result.ok) return profile;
  return (
    updateProfileAfterSubmission({
      profile,
      form,
      values: result.values,
      consent: { storeProfile: true, keepMaterials: profile.consent.keepMaterials },
      materials: captured.filter((material) =>
        Object.values(result.values).some((value) => Array.isArray(value) && value.includes(material.sha256)),
      ),
      itemId: form.id,
      now: timestamp(random, 400),
    }) ?? profile
  );
}

/**
 * `count` synthetic people, the same on every call: about three in four have a profile in the store,
 * and of those about half applied for one to three of the common items before.
 */
export function samplePeople(count = 1000): SamplePerson[] {
  const random = new SeededRandom(350583);
  const usedIdNumbers = new Set<string>();
  const people: SamplePerson[] = [];
  for (let index = 0; index < count; index += 1) {
    const identity = sampleIdentity(random, usedIdNumbers);
    if (!random.chance(0.75)) {
      people.push({ identity, profile: null });
      continue;
    }
    let profile = baseProfile(random, identity, usedIdNumbers);
    if (random.chance(0.5)) {
      for (const form of random.sample(sampleForms, random.int(1, 3))) {
        profile = withEarlierSubmission(random, identity, profile, form);
      }
    }
    people.push({ identity, profile });
  }
  return people;
}
