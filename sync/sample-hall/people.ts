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
import {
  type ArchivedMaterial,
  type CompanyRole,
  emptyProfile,
  type GroupRow,
  type HouseholdMember,
  type Profile,
} from '../protocol/profile';
import { sampleCountyCode } from './catalogue';
import { bankOptions } from './form-parts';
import { sampleForms } from './forms';
import { itemSeeds } from './items';
import { sampleMaterialBytes, sampleMaterialMime, sha256Hex } from './material-bytes';
import { type MaterialCode, materialKinds } from './materials';
import { SeededRandom } from './random';
import { datedSources, type RegisterFactHelpers, sampleLicences, withRegisterFacts } from './register-facts';

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
    case 'group': {
      // One row (a sole shareholder holds it all; one family member), typed as its columns are.
      const row: GroupRow = {};
      for (const column of field.fields) {
        const cell = column.id === 'share' ? 100 : typedValue(column as FormField, random, materials);
        if (cell !== undefined && !Array.isArray(cell)) row[column.id] = cell;
      }
      return [row];
    }
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
        Object.values(result.values).some(
          (value) => Array.isArray(value) && (value as readonly unknown[]).includes(material.sha256),
        ),
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
/** The forms of the common items, in form order: the earlier applications sample people made. */
const commonItemIds = new Set(itemSeeds.filter((seed) => seed.common).map((seed) => seed.id));
const commonItemForms = sampleForms.filter((form) => commonItemIds.has(form.id));

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
      for (const form of random.sample(commonItemForms, random.int(1, 3))) {
        profile = withEarlierSubmission(random, identity, profile, form);
      }
    }
    people.push({ identity, profile });
  }
  return people;
}

// ---------------------------------------------------------------------------------------------------------
// Card holders who are not mainland residents (issue 13): drawn from their own seed, so samplePeople()
// stays exactly as it was.

const foreignNames: readonly {
  english: string;
  chinese: string | null;
  nationality: string;
  code: string;
}[] = [
  { english: 'TAN, WEI MING', chinese: '陈伟明', nationality: 'SGP', code: '702' },
  { english: 'SANTOS, MARIA LUISA', chinese: null, nationality: 'PHL', code: '608' },
  { english: 'LIM, KAH HOE', chinese: '林家豪', nationality: 'MYS', code: '458' },
  { english: 'SMITH, JOHN PAUL', chinese: '史约翰', nationality: 'USA', code: '840' },
];

/** A 2017 foreign permanent residence number: nationality, 4-digit region, YYMMDD, 2 digits (15 characters). */
function foreign2017Number(random: SeededRandom, nationality: string, birthDate: string): string {
  return `${nationality}3505${birthDate.slice(2).replaceAll('-', '')}${pad(random.int(0, 99), 2)}`;
}

/** A 2023 foreign permanent resident number: 9, province 35, nationality code, birth date, sequence, check. */
function foreign2023Number(random: SeededRandom, nationalityCode: string, birthDate: string): string {
  const first17 = `935${nationalityCode}${birthDate.replaceAll('-', '')}${pad(random.int(0, 999), 3)}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

/**
 * A few card holders of each kind that is not a mainland resident card: Hong Kong, Macao and Taiwan
 * residence permits (numbers 81/82/83...), 2017 foreign permanent resident cards (15 characters) and
 * 2023 ones (18 digits starting 9). First-time applicants: the form-free store knows nothing of them.
 */
export function sampleNonResidentPeople(perKind = 2): SamplePerson[] {
  const random = new SeededRandom(8_530_583);
  const people: SamplePerson[] = [];
  const common = (birthDate: string, years: number) => {
    const validFrom = addDays(sampleReferenceDate, -random.int(30, 365 * 3));
    return { birthDate, validFrom, validTo: addYears(validFrom, years) };
  };
  for (let index = 0; index < perKind; index += 1) {
    const sex = index % 2 === 0 ? 'male' : 'female';
    const birthDate = addDays(sampleReferenceDate, -(random.int(20, 70) * 365 + random.int(0, 364)));
    const region = ['810000', '820000', '830000'][index % 3]!;
    people.push({
      identity: {
        cardType: 'hk_macao_taiwan',
        name: `${random.pick(surnames)}${givenName(random, sex)}`,
        otherName: null,
        sex,
        nation: null,
        nationality: null,
        address: sampleAddress(random),
        idNumber: sampleIdNumber(random, birthDate, sex, region),
        issuer: '南安市公安局',
        ...common(birthDate, 5),
      },
      profile: null,
    });
  }
  for (const cardType of ['foreign_permanent_2017', 'foreign_permanent_2023'] as const) {
    for (let index = 0; index < perKind; index += 1) {
      const who =
        foreignNames[(index + (cardType === 'foreign_permanent_2023' ? 2 : 0)) % foreignNames.length]!;
      const birthDate = addDays(sampleReferenceDate, -(random.int(25, 70) * 365 + random.int(0, 364)));
      const idNumber =
        cardType === 'foreign_permanent_2017'
          ? foreign2017Number(random, who.nationality, birthDate)
          : foreign2023Number(random, who.code, birthDate);
      people.push({
        identity: {
          cardType,
          name: who.english,
          otherName: who.chinese,
          sex: index % 2 === 0 ? 'male' : 'female',
          nation: null,
          nationality: who.nationality,
          address: null,
          idNumber,
          issuer: null,
          ...common(birthDate, 10),
        },
        profile: null,
      });
    }
  }
  return people;
}

// ---------------------------------------------------------------------------------------------------------
// People for applying on someone else's behalf (为他人办理, issue 18): written out, not drawn, so the demo
// and the tests can name them. samplePeople() stays exactly as it was.

/** One resident ID number of the county: birth date, a sequence whose parity is the sex, the check. */
function demoIdNumber(birthDate: string, sequence: number): string {
  const first17 = `${sampleCountyCode}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

function demoIdentity(
  name: string,
  sex: 'male' | 'female',
  birthDate: string,
  sequence: number,
  address: string,
): CardIdentity {
  return {
    cardType: 'resident',
    name,
    otherName: null,
    sex,
    nation: '汉',
    nationality: null,
    birthDate,
    address,
    idNumber: demoIdNumber(birthDate, sequence),
    issuer: '南安市公安局',
    // Long-term when issued at 46 or over, 20 years from 26, and a child's first card for 5 years.
    ...(birthDate < '2009-01-01'
      ? {
          validFrom: '2016-05-10',
          validTo: birthDate < '1970-05-10' ? null : '2036-05-10',
        }
      : { validFrom: '2023-08-01', validTo: '2028-08-01' }),
  };
}

/** A profile of a demo person: the facts given, the licences the facts imply, each fact dated with its register. */
function demoProfile(
  identity: CardIdentity,
  facts: (profile: Profile) => void,
  materialCodes: MaterialCode[],
): Profile {
  const random = new SeededRandom(seedFromDemo(identity.idNumber));
  const consentedAt = '2024-03-18T09:30:00+08:00';
  const profile = emptyProfile({ storeProfile: true, keepMaterials: true, consentedAt }, consentedAt);
  facts(profile);
  profile.materials = materialCodes.map((code, index) =>
    archiveMaterial(
      code,
      7_000_000 + index + (Number(identity.idNumber.slice(6, 14)) % 1_000_000),
      consentedAt,
    ),
  );
  profile.factSources = datedSources(profile, sampleReferenceDate, random, registerFactHelpers);
  profile.licences = sampleLicences(profile, identity, random, registerFactHelpers);
  return profile;
}

function demoCreditCode(body: string): string {
  const first17 = `91${sampleCountyCode}${body}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

function seedFromDemo(idNumber: string): number {
  let seed = 0;
  for (const character of idNumber) seed = (seed * 31 + character.charCodeAt(0)) >>> 0;
  return seed;
}

export interface AgentDemoPeople {
  /**
   * An elderly parent (74) in the form-free store, whose card is the demo card `sample-parent`: the
   * mother of the demo's returning applicant (`sample-returning`), who may apply for her with her ID
   * number and a power of attorney. She lives in her own household, so no register links them.
   */
  elderlyParent: SamplePerson;
  /**
   * The demo card `sample-guardian`: head of a household whose register lists his dependent father
   * (父母, 80) and his daughter (子女, 10), both in the store too; his wife is on the register only.
   */
  guardian: SamplePerson;
  dependentParent: SamplePerson;
  minor: SamplePerson;
}

/** The people of the agent demos, the same on every call (see AgentDemoPeople). */
export function agentDemoPeople(): AgentDemoPeople {
  // 邱东国's mother: sample-returning's ID number is 350583198306282819 (see demoReturningPerson).
  const motherAddress = '福建省南安市康美镇后埔村275号';
  const mother = demoIdentity('许秀英', 'female', '1950-08-12', 62, motherAddress);
  const elderlyParent: SamplePerson = {
    identity: mother,
    profile: demoProfile(
      mother,
      (profile) => {
        profile.phone = '13959871206';
        profile.addresses = { current: motherAddress, mailing: null, currentSince: '1998-10-01' };
        profile.maritalStatus = 'widowed';
        profile.occupation = '退休';
        profile.education = '小学';
        profile.household = {
          headName: mother.name,
          relationToHead: '本人',
          registeredAddress: motherAddress,
          size: 1,
        };
        profile.householdMembers = [{ name: mother.name, idNumber: mother.idNumber, relation: '户主' }];
        profile.children = [];
        profile.bank = { name: '农村商业银行', accountNumber: '6230520580012345678' };
        profile.socialInsurance = { status: 'retired', since: '2005-09-01' };
        profile.statuses = { specialGroup: 'none', disabilityCertificate: null, veteranCertificate: null };
        profile.emergencyContact = { name: '邱东国', phone: '13228051162' };
      },
      ['ID_CARD_COPY', 'HOUSEHOLD_REGISTER', 'BANK_CARD'],
    ),
  };

  const address = '福建省南安市溪美街道新华社区88号';
  const holder = demoIdentity('林志强', 'male', '1978-03-15', 31, address);
  const wife = demoIdentity('黄秀梅', 'female', '1980-06-21', 42, address);
  const father = demoIdentity('林金水', 'male', '1944-11-20', 17, address);
  const daughter = demoIdentity('林佳怡', 'female', '2014-09-02', 26, address);
  const members: HouseholdMember[] = [
    { name: holder.name, idNumber: holder.idNumber, relation: '户主' },
    { name: wife.name, idNumber: wife.idNumber, relation: '配偶' },
    { name: father.name, idNumber: father.idNumber, relation: '父母' },
    { name: daughter.name, idNumber: daughter.idNumber, relation: '子女' },
  ];
  const household = (relationToHead: string): Profile['household'] => ({
    headName: holder.name,
    relationToHead,
    registeredAddress: address,
    size: members.length,
  });
  const guardian: SamplePerson = {
    identity: holder,
    profile: demoProfile(
      holder,
      (profile) => {
        profile.phone = '13805951378';
        profile.addresses = { current: address, mailing: null, currentSince: '2012-04-01' };
        profile.maritalStatus = 'married';
        profile.spouse = { name: wife.name, idNumber: wife.idNumber };
        profile.occupation = '企业职工';
        profile.education = '大专';
        profile.employer = { name: '南安市源丰石材有限公司', creditCode: demoCreditCode('MA31KD7X1') };
        profile.household = household('本人');
        profile.householdMembers = members.map((member) => ({ ...member }));
        profile.children = [
          {
            name: daughter.name,
            idNumber: daughter.idNumber,
            birthDate: daughter.birthDate,
            sex: 'female',
            birthCertificateNumber: 'Q350140902',
          },
        ];
        profile.bank = { name: '中国建设银行', accountNumber: '6217001830012345678' };
        profile.housingFund = { accountNumber: '350583031', centre: '泉州市住房公积金中心南安管理部' };
        profile.socialInsurance = { status: 'employee', since: '2001-07-01' };
        profile.statuses = { specialGroup: 'none', disabilityCertificate: null, veteranCertificate: null };
      },
      ['ID_CARD_COPY', 'HOUSEHOLD_REGISTER', 'MARRIAGE_CERT', 'BANK_CARD'],
    ),
  };
  const dependentParent: SamplePerson = {
    identity: father,
    profile: demoProfile(
      father,
      (profile) => {
        profile.addresses = { current: address, mailing: null, currentSince: '2012-04-01' };
        profile.maritalStatus = 'widowed';
        profile.occupation = '务农';
        profile.household = household('父母');
        profile.householdMembers = members.map((member) => ({ ...member }));
        profile.children = [];
        profile.socialInsurance = { status: 'resident', since: '2010-01-01' };
        profile.statuses = {
          specialGroup: 'lowIncome',
          disabilityCertificate: null,
          veteranCertificate: null,
        };
        profile.emergencyContact = { name: holder.name, phone: '13805951378' };
      },
      ['ID_CARD_COPY', 'HOUSEHOLD_REGISTER'],
    ),
  };
  const minor: SamplePerson = {
    identity: daughter,
    profile: demoProfile(
      daughter,
      (profile) => {
        profile.addresses = { current: address, mailing: null, currentSince: '2014-09-20' };
        profile.maritalStatus = 'single';
        profile.education = '小学';
        profile.household = household('子女');
        profile.householdMembers = members.map((member) => ({ ...member }));
        profile.children = [];
        profile.emergencyContact = { name: holder.name, phone: '13805951378' };
      },
      ['HOUSEHOLD_REGISTER'],
    ),
  };
  return { elderlyParent, guardian, dependentParent, minor };
}

/** Everyone of agentDemoPeople(), as the store and the demo cards take them. */
export function agentDemoPeopleList(): SamplePerson[] {
  const people = agentDemoPeople();
  return [people.elderlyParent, people.guardian, people.dependentParent, people.minor];
}
