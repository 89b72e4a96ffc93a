import { ageOn } from '../../kernel/age';
import { disabilityKinds, type ElectronicLicence } from '../protocol/electronic-licences';
import type { CardIdentity } from '../protocol/forms';
import {
  type BusinessRegistration,
  type Child,
  type FactOrigin,
  type FactSource,
  type HouseholdMember,
  type Profile,
  type ProfileFieldPath,
  profileFieldPaths,
  readProfileField,
} from '../protocol/profile';
import { SeededRandom, seedFromText } from './random';

/**
 * What the government's registers hold about a sample person beyond the card: housing fund, driving
 * licence, exit-entry permits, statuses, household members, children, vehicles, real estate, businesses.
 * Drawn from a stream seeded by the person's ID number, so adding a fact here never changes anything
 * else about the sample people (their other values come from the hall's main stream).
 */

export interface RegisterFactHelpers {
  sampleAddress(random: SeededRandom): string;
  sampleMobile(random: SeededRandom): string;
  sampleCompanyName(random: SeededRandom): string;
  sampleCreditCode(random: SeededRandom): string;
  sampleIdNumber(random: SeededRandom, birthDate: string, sex: 'male' | 'female'): string;
  givenName(random: SeededRandom, sex: 'male' | 'female'): string;
  addDays(isoDate: string, days: number): string;
  referenceDate: string;
}

/** Which register each fact path comes from when the sample seeds it (not the applicant). */
const registerOf: Partial<Record<string, FactSource>> = {
  phone: 'applicant',
  email: 'applicant',
  addresses: 'householdRegister',
  company: 'marketRegulation',
  household: 'householdRegister',
  spouse: 'civilAffairs',
  maritalStatus: 'civilAffairs',
  employer: 'humanResources',
  bank: 'bank',
  education: 'education',
  occupation: 'humanResources',
  housingFund: 'housingFund',
  drivingLicence: 'trafficPolice',
  exitEntry: 'exitEntry',
  emergencyContact: 'applicant',
  statuses: 'civilAffairs',
  householdMembers: 'householdRegister',
  children: 'householdRegister',
  vehicles: 'trafficPolice',
  realEstate: 'realEstateRegister',
  businesses: 'marketRegulation',
};

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Adds the register facts to a freshly drawn profile and dates every held fact with its source. */
export function withRegisterFacts(
  profile: Profile,
  identity: CardIdentity,
  helpers: RegisterFactHelpers,
): Profile {
  const random = new SeededRandom(seedFromText(`facts:${identity.idNumber}`));
  const age = ageOn(identity.birthDate, helpers.referenceDate);
  const next: Profile = structuredClone(profile);

  if (next.addresses.current)
    next.addresses.currentSince = helpers.addDays(helpers.referenceDate, -random.int(200, 3000));
  if (age >= 20 && age < 65 && (next.employer || random.chance(0.3))) {
    next.housingFund = {
      accountNumber: pad(random.int(100_000_000, 999_999_999), 9),
      centre: '泉州市住房公积金中心南安管理部',
    };
  }
  if (age >= 18 && age < 75 && random.chance(0.55)) {
    next.drivingLicence = {
      class: random.pick(['C1', 'C1', 'C1', 'C2', 'B2', 'A2'] as const),
      validTo: helpers.addDays(helpers.referenceDate, random.int(-60, 3000)),
    };
  }
  if (age >= 16 && random.chance(0.35)) {
    next.exitEntry = {
      hkMacaoPermitNumber: `C${random.pick(['A', 'B', 'E', '1'])}${pad(random.int(0, 9_999_999), 7)}`,
      passportNumber: random.chance(0.5)
        ? `E${random.pick(['A', 'B', 'C'])}${pad(random.int(0, 9_999_999), 7)}`
        : null,
    };
  }
  const contactName =
    next.spouse?.name ??
    `${identity.name.slice(0, 1)}${helpers.givenName(random, random.chance(0.5) ? 'male' : 'female')}`;
  next.emergencyContact = random.chance(0.85)
    ? { name: contactName, phone: helpers.sampleMobile(random) }
    : null;
  const specialGroup = random.chance(0.9) ? 'none' : random.pick(['lowIncome', 'disabled'] as const);
  next.statuses = {
    specialGroup,
    disabilityCertificate:
      specialGroup === 'disabled' ? `${identity.idNumber}${random.int(1, 7)}${random.int(1, 2)}` : null,
    veteranCertificate:
      age >= 30 && random.chance(0.04) ? `闽退优${pad(random.int(0, 99_999_999), 8)}` : null,
  };

  const children: Child[] = [];
  if (next.maritalStatus !== 'single' && age >= 24) {
    const count = random.int(0, age >= 35 ? 3 : 1);
    for (let index = 0; index < count; index += 1) {
      const sex = random.chance(0.5) ? 'male' : 'female';
      const birthDate = helpers.addDays(identity.birthDate, (22 + index * 3) * 365 + random.int(0, 700));
      if (birthDate >= helpers.referenceDate) break;
      children.push({
        name: `${identity.sex === 'male' ? identity.name.slice(0, 1) : (next.spouse?.name?.slice(0, 1) ?? identity.name.slice(0, 1))}${helpers.givenName(random, sex)}`,
        idNumber: helpers.sampleIdNumber(random, birthDate, sex),
        birthDate,
        sex,
        birthCertificateNumber: `Q${pad(random.int(0, 999_999_999), 9)}`,
      });
    }
  }
  next.children = children;

  if (next.household) {
    const drawnHeadIdNumber =
      next.household.headName === identity.name
        ? identity.idNumber
        : helpers.sampleIdNumber(random, identity.birthDate, 'male');
    // A spouse at the head of the household is listed under the spouse's own number (the number above is
    // drawn all the same, so that every later draw, and so every other fact, stays as it was).
    const spouseHeads = next.household.headName === next.spouse?.name && next.spouse?.idNumber;
    const members: HouseholdMember[] = [
      {
        name: next.household.headName ?? identity.name,
        idNumber: spouseHeads ? next.spouse!.idNumber! : drawnHeadIdNumber,
        relation: '户主',
      },
    ];
    if (next.household.headName !== identity.name)
      members.push({
        name: identity.name,
        idNumber: identity.idNumber,
        relation: next.household.relationToHead ?? '其他',
      });
    if (next.spouse?.name && next.spouse.idNumber && next.household.headName === identity.name)
      members.push({ name: next.spouse.name, idNumber: next.spouse.idNumber, relation: '配偶' });
    for (const child of children) {
      if (child.idNumber) members.push({ name: child.name, idNumber: child.idNumber, relation: '子女' });
    }
    next.householdMembers = members;
    next.household = { ...next.household, size: Math.max(next.household.size ?? 1, members.length) };
  }

  next.vehicles =
    next.drivingLicence && random.chance(0.6)
      ? [{ plate: `闽C${random.pick(['A', 'B', 'D', 'F'])}${pad(random.int(0, 99_999), 5)}`, kind: 'car' }]
      : [];
  next.realEstate =
    age >= 25 && random.chance(0.5)
      ? [
          {
            certificateNumber: `闽（${random.int(2016, 2024)}）南安市不动产权第${pad(random.int(1, 9_999_999), 7)}号`,
            address: helpers.sampleAddress(random),
            floorArea: Math.round((60 + random.next() * 120) * 100) / 100,
            sharePercent: next.maritalStatus === 'married' ? 50 : 100,
          },
        ]
      : [];
  const businesses: BusinessRegistration[] = [];
  if (next.company?.name && next.company.role && next.company.address)
    businesses.push({
      name: next.company.name,
      creditCode: next.company.creditCode,
      kind: 'company',
      role: next.company.role,
      address: next.company.address,
      registeredOn: helpers.addDays(helpers.referenceDate, -random.int(100, 4000)),
    });
  next.businesses = businesses;

  const factSources = datedSources(next, helpers.referenceDate, random, helpers);
  // Drawn last from the same stream, so the facts above are the same with or without licences.
  const licences = sampleLicences(next, identity, random, helpers);
  // How the person is insured follows from the facts above (no draw, so nothing else moves).
  const insurance: Profile['socialInsurance'] = {
    status: next.employer ? 'employee' : age >= 60 ? 'retired' : age >= 16 ? 'resident' : null,
    since: null,
  };
  const insured = insurance.status !== null;
  return {
    ...next,
    socialInsurance: insured ? insurance : null,
    factSources: insured
      ? {
          ...factSources,
          'socialInsurance.status': { source: 'humanResources', asOf: helpers.referenceDate },
        }
      : factSources,
    licences,
  };
}

/** No later than the day before the hall's reference date: a licence is never issued in the future. */
function notAfterReference(isoDate: string, helpers: RegisterFactHelpers): string {
  const latest = helpers.addDays(helpers.referenceDate, -1);
  return isoDate < latest ? isoDate : latest;
}

/**
 * The electronic licences (电子证照) the licence store holds for a sample person, consistent with the
 * facts: the ID card for every resident card holder, 结婚证 when married, 驾驶证, 营业执照, 不动产权证书,
 * 出生医学证明 per child, 户口簿, 残疾人证 and 退役军人优待证 when the facts say so.
 */
export function sampleLicences(
  profile: Profile,
  identity: CardIdentity,
  random: SeededRandom,
  helpers: RegisterFactHelpers,
): ElectronicLicence[] {
  const holder = { holderName: identity.name, holderIdNumber: identity.idNumber };
  const licences: ElectronicLicence[] = [];
  if (
    identity.cardType === 'resident' &&
    identity.address &&
    (identity.sex === 'male' || identity.sex === 'female')
  )
    licences.push({
      kind: 'idCard',
      ...holder,
      licenceNumber: identity.idNumber,
      issuer: identity.issuer ?? '南安市公安局',
      issuedOn: identity.validFrom,
      validTo: identity.validTo,
      sex: identity.sex,
      nation: identity.nation ?? '汉',
      birthDate: identity.birthDate,
      address: identity.address,
    });
  if (profile.household?.headName && profile.household.registeredAddress && profile.householdMembers?.length)
    licences.push({
      kind: 'householdRegister',
      ...holder,
      licenceNumber: `350583${pad(random.int(0, 999_999), 6)}`,
      issuer: '南安市公安局溪美派出所',
      issuedOn: helpers.addDays(helpers.referenceDate, -random.int(500, 4000)),
      validTo: null,
      headName: profile.household.headName,
      registeredAddress: profile.household.registeredAddress,
      members: profile.householdMembers.map((member) => ({ ...member })),
    });
  if (profile.maritalStatus === 'married' && profile.spouse?.name && profile.spouse.idNumber) {
    const registeredOn = notAfterReference(
      helpers.addDays(identity.birthDate, 21 * 365 + random.int(0, 300)),
      helpers,
    );
    licences.push({
      kind: 'marriageCertificate',
      ...holder,
      licenceNumber: `J350583-${registeredOn.slice(0, 4)}-${pad(random.int(0, 999_999), 6)}`,
      issuer: '南安市民政局',
      issuedOn: registeredOn,
      validTo: null,
      spouseName: profile.spouse.name,
      spouseIdNumber: profile.spouse.idNumber,
      registeredOn,
    });
  }
  for (const child of profile.children ?? []) {
    if (!child.birthCertificateNumber) continue;
    licences.push({
      kind: 'birthMedicalCertificate',
      ...holder,
      licenceNumber: child.birthCertificateNumber,
      issuer: '南安市医院',
      issuedOn: notAfterReference(helpers.addDays(child.birthDate, random.int(1, 20)), helpers),
      validTo: null,
      childName: child.name,
      childBirthDate: child.birthDate,
      childSex: child.sex,
      certificateNumber: child.birthCertificateNumber,
    });
  }
  for (const business of profile.businesses ?? []) {
    if (!business.creditCode) continue;
    licences.push({
      kind: 'businessLicence',
      ...holder,
      licenceNumber: business.creditCode,
      issuer: '南安市市场监督管理局',
      issuedOn: business.registeredOn,
      validTo: null,
      businessName: business.name,
      creditCode: business.creditCode,
      address: business.address,
      businessKind: business.kind,
      legalRepresentative:
        business.role === 'legalRepresentative'
          ? identity.name
          : `${identity.name.slice(0, 1)}${helpers.givenName(random, 'male')}`,
      registeredOn: business.registeredOn,
      holderRole: business.role,
    });
  }
  for (const holding of profile.realEstate ?? []) {
    const year = /（(\d{4})）/.exec(holding.certificateNumber)?.[1] ?? '2020';
    licences.push({
      kind: 'realEstateCertificate',
      ...holder,
      licenceNumber: holding.certificateNumber,
      issuer: '南安市自然资源局',
      issuedOn: notAfterReference(
        `${year}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`,
        helpers,
      ),
      validTo: null,
      certificateNumber: holding.certificateNumber,
      address: holding.address,
      floorArea: holding.floorArea,
      sharePercent: holding.sharePercent,
    });
  }
  if (profile.drivingLicence?.class && profile.drivingLicence.validTo) {
    const issuedOn = notAfterReference(helpers.addDays(profile.drivingLicence.validTo, -3652), helpers);
    licences.push({
      kind: 'drivingLicence',
      ...holder,
      licenceNumber: identity.idNumber,
      issuer: '福建省泉州市公安局交通警察支队',
      issuedOn,
      validTo: profile.drivingLicence.validTo,
      licenceClass: profile.drivingLicence.class,
      firstIssuedOn: helpers.addDays(issuedOn, -random.int(0, 3000)),
    });
  }
  const disability = profile.statuses?.disabilityCertificate;
  if (disability) {
    const issuedOn = helpers.addDays(helpers.referenceDate, -random.int(100, 3000));
    licences.push({
      kind: 'disabilityCertificate',
      ...holder,
      licenceNumber: disability,
      issuer: '南安市残疾人联合会',
      issuedOn,
      validTo: helpers.addDays(issuedOn, 3652),
      certificateNumber: disability,
      disabilityKind: disabilityKinds[Number(disability.at(-2)) - 1]!,
      grade: Number(disability.at(-1)),
    });
  }
  const veteran = profile.statuses?.veteranCertificate;
  if (veteran)
    licences.push({
      kind: 'veteranCard',
      ...holder,
      licenceNumber: veteran,
      issuer: '南安市退役军人事务局',
      issuedOn: helpers.addDays(helpers.referenceDate, -random.int(100, 1500)),
      validTo: null,
    });
  return licences;
}

export function datedSources(
  profile: Profile,
  referenceDate: string,
  random: SeededRandom,
  helpers: RegisterFactHelpers,
): Record<string, FactOrigin> {
  const sources: Record<string, FactOrigin> = {};
  for (const path of profileFieldPaths) {
    const value = readProfileField(profile, path as ProfileFieldPath);
    if (value === null || value === undefined) continue;
    const source = registerOf[path.split('.')[0]!];
    if (!source) continue;
    sources[path] = { source, asOf: helpers.addDays(referenceDate, -random.int(1, 400)) };
  }
  return sources;
}
