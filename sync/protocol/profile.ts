import { z } from 'zod';
import { electronicLicenceSchema, licenceKindSchema } from './electronic-licences';

/**
 * The form-free store profile (免表申报库): what the kiosk caches about one person, independent of any
 * form. Card data (name, ID number, card address ...) is NOT kept here: the card is read every time and is
 * the source of truth for it. Personal data: stored encrypted, never logged.
 */

/** One cell of a repeatable group's row (a shareholder's name, share ...): a scalar. */
export const groupCellValueSchema = z.union([z.string().max(2000), z.number().finite(), z.boolean()]);
/** One row of a repeatable group: column id -> cell value. */
export const groupRowSchema = z.record(z.string().max(48), groupCellValueSchema);
export type GroupRow = z.infer<typeof groupRowSchema>;

/**
 * A value of one form field: text-like fields are strings, numbers, checkboxes, multi-choice/file lists,
 * and a repeatable group a list of rows of scalars.
 */
export const formValueSchema = z.union([
  z.string().max(10_000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(500)).max(100),
  z.array(groupRowSchema).max(50),
]);
export type FormValue = z.infer<typeof formValueSchema>;

const isoDateTime = z.iso.datetime({ offset: true });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');
export const materialCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/);

export const companyRoleSchema = z.enum([
  'legalRepresentative',
  'shareholder',
  'manager',
  'employee',
  'agent',
]);
export type CompanyRole = z.infer<typeof companyRoleSchema>;

export const archivedMaterialSchema = z.strictObject({
  /** The material requirement code it satisfies (e.g. HOUSEHOLD_REGISTER), see catalogue MaterialRequirement. */
  code: materialCodeSchema,
  /** Content address of the plaintext bytes: the store keeps the (encrypted) file under this hash. */
  sha256: sha256Hex,
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
  name: z.string().min(1).max(200),
  pages: z.number().int().min(1).max(200),
  sizeBytes: z.number().int().min(1).max(50_000_000),
  archivedAt: isoDateTime,
});
export type ArchivedMaterial = z.infer<typeof archivedMaterialSchema>;

export const lastSubmissionSchema = z.strictObject({
  submittedAt: isoDateTime,
  formId: z.string().max(64),
  formVersion: z.number().int().min(1),
  values: z.record(z.string().max(48), formValueSchema),
});
export type LastSubmission = z.infer<typeof lastSubmissionSchema>;

export const profileConsentSchema = z.strictObject({
  /** The applicant agreed to keep their data in the form-free store for re-use. */
  storeProfile: z.boolean(),
  /** The applicant agreed to keep scanned materials for re-use. */
  keepMaterials: z.boolean(),
  consentedAt: isoDateTime,
});
export type ProfileConsent = z.infer<typeof profileConsentSchema>;

const shortText = z.string().min(1).max(200);
const creditCodeText = z.string().length(18);
const isoDate = z.iso.date();

export const drivingLicenceClassSchema = z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D', 'E']);

/*
 * List facts: the household register's members, children (出生医学证明 / 户籍), vehicles (车管所), real
 * estate (不动产登记), business registrations (市场监管). Repeatable form groups bind to them.
 */
export const householdMemberSchema = z.strictObject({
  name: shortText,
  idNumber: z.string().min(1).max(40),
  /** Relation to the head of household, as the register writes it (户主, 配偶, 子女, 父母 ...). */
  relation: z.string().min(1).max(20),
});
export const childSchema = z.strictObject({
  name: shortText,
  idNumber: z.string().min(1).max(40).nullable(),
  birthDate: isoDate,
  sex: z.enum(['male', 'female']),
  birthCertificateNumber: z.string().max(20).nullable(),
});
export const vehicleSchema = z.strictObject({
  plate: z.string().min(5).max(10),
  kind: z.enum(['car', 'motorcycle', 'truck', 'electric']),
});
export const realEstateSchema = z.strictObject({
  certificateNumber: shortText,
  address: shortText,
  floorArea: z.number().positive().max(100_000),
  /** The person's share in percent (100 when sole owner). */
  sharePercent: z.number().positive().max(100),
});
export const businessRegistrationSchema = z.strictObject({
  name: shortText,
  creditCode: creditCodeText.nullable(),
  kind: z.enum(['company', 'soleTrader']),
  role: companyRoleSchema,
  address: shortText,
  registeredOn: isoDate,
});
export type HouseholdMember = z.infer<typeof householdMemberSchema>;
export type Child = z.infer<typeof childSchema>;
export type BusinessRegistration = z.infer<typeof businessRegistrationSchema>;

/**
 * Where a fact came from: the government register that holds it, the applicant at a kiosk, or a case the
 * window finished (a life event). Each fact in a profile is dated with its source (`factSources`).
 */
export const factSourceSchema = z.enum([
  'householdRegister',
  'civilAffairs',
  'health',
  'education',
  'humanResources',
  'housingFund',
  'bank',
  'trafficPolice',
  'exitEntry',
  'realEstateRegister',
  'marketRegulation',
  'disabledPersons',
  'veteransAffairs',
  'applicant',
  'windowCase',
  /** An electronic licence (电子证照) in the profile's `licences`, named by the origin's `licence`. */
  'electronicLicence',
]);
export type FactSource = z.infer<typeof factSourceSchema>;
export const factOriginSchema = z.strictObject({
  source: factSourceSchema,
  asOf: isoDate,
  /** Which licence proved the fact, when the source is 'electronicLicence'. */
  licence: z.strictObject({ kind: licenceKindSchema, number: z.string().min(1).max(60) }).optional(),
});
export type FactOrigin = z.infer<typeof factOriginSchema>;

/*
 * Nested parts are nullable as a whole and leaf by leaf: one form may supply the company name and another
 * its credit code, and write-back must produce a valid profile from either.
 */
const profileLeafSchemas = {
  phone: z.string().max(20),
  email: z.string().max(200),
  'addresses.current': shortText,
  'addresses.mailing': shortText,
  'company.name': shortText,
  'company.creditCode': creditCodeText,
  'company.role': companyRoleSchema,
  'company.address': shortText,
  'household.headName': shortText,
  /** Relation to the head of household (本人, 配偶, 子女 ...). */
  'household.relationToHead': z.string().min(1).max(20),
  'household.registeredAddress': shortText,
  'household.size': z.number().int().min(1).max(30),
  'spouse.name': shortText,
  'spouse.idNumber': z.string().min(1).max(40),
  'employer.name': shortText,
  'employer.creditCode': creditCodeText,
  'bank.name': shortText,
  'bank.accountNumber': z.string().regex(/^\d{12,19}$/),
  education: z.string().min(1).max(40),
  occupation: z.string().min(1).max(60),
  maritalStatus: z.enum(['single', 'married', 'divorced', 'widowed']),
  /** Since when the person has lived at `addresses.current` (居住证 asks for it). */
  'addresses.currentSince': z.iso.date(),
  'housingFund.accountNumber': z.string().regex(/^\d{9,12}$/),
  'housingFund.centre': shortText,
  /** How the person is insured (人社): as an employee, flexibly employed, under the residents' scheme, retired. */
  'socialInsurance.status': z.enum(['employee', 'flexible', 'resident', 'retired']),
  'socialInsurance.since': z.iso.date(),
  'drivingLicence.class': drivingLicenceClassSchema,
  'drivingLicence.validTo': z.iso.date(),
  /** 往来港澳通行证 number: C, a letter or digit, seven digits. */
  'exitEntry.hkMacaoPermitNumber': z.string().regex(/^C[A-Z0-9]\d{7}$/),
  'exitEntry.passportNumber': z.string().regex(/^E[A-Z0-9]\d{7}$/),
  'emergencyContact.name': shortText,
  'emergencyContact.phone': z.string().max(20),
  /** The social-assistance group 民政/残联 record: what pension and insurance forms call 特殊人群. */
  'statuses.specialGroup': z.enum(['none', 'lowIncome', 'disabled']),
  'statuses.disabilityCertificate': z.string().regex(/^\d{17}[\dX][1-7][1-4]$/),
  'statuses.veteranCertificate': z.string().min(6).max(30),
  householdMembers: z.array(householdMemberSchema).max(30),
  children: z.array(childSchema).max(20),
  vehicles: z.array(vehicleSchema).max(20),
  realEstate: z.array(realEstateSchema).max(50),
  businesses: z.array(businessRegistrationSchema).max(20),
} as const;

export type ProfileFieldPath = keyof typeof profileLeafSchemas;

/**
 * Every leaf of the profile a form field may name as `profile.<path>` (and that a submission writes back).
 * Derived from the leaf schemas so adding a profile field and making it bindable is one change.
 */
export const profileFieldPaths = Object.keys(profileLeafSchemas) as readonly ProfileFieldPath[];

export function isProfileFieldPath(path: string): path is ProfileFieldPath {
  return Object.hasOwn(profileLeafSchemas, path);
}

/** The schema one leaf must satisfy, so write-back can skip a value that would make the profile invalid. */
export function profileLeafSchema(path: ProfileFieldPath): z.ZodType {
  return profileLeafSchemas[path];
}

const leaf = <Path extends ProfileFieldPath>(path: Path): z.ZodNullable<(typeof profileLeafSchemas)[Path]> =>
  profileLeafSchemas[path].nullable() as z.ZodNullable<(typeof profileLeafSchemas)[Path]>;

export const profileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  phone: leaf('phone'),
  email: leaf('email'),
  addresses: z.strictObject({
    /** Where the person lives now (may differ from the card's registered address). */
    current: leaf('addresses.current'),
    mailing: leaf('addresses.mailing'),
    currentSince: leaf('addresses.currentSince').default(null),
  }),
  company: z
    .strictObject({
      name: leaf('company.name'),
      creditCode: leaf('company.creditCode'),
      role: leaf('company.role'),
      address: leaf('company.address'),
    })
    .nullable(),
  household: z
    .strictObject({
      headName: leaf('household.headName'),
      relationToHead: leaf('household.relationToHead'),
      registeredAddress: leaf('household.registeredAddress'),
      size: leaf('household.size'),
    })
    .nullable(),
  spouse: z.strictObject({ name: leaf('spouse.name'), idNumber: leaf('spouse.idNumber') }).nullable(),
  employer: z
    .strictObject({ name: leaf('employer.name'), creditCode: leaf('employer.creditCode') })
    .nullable(),
  bank: z.strictObject({ name: leaf('bank.name'), accountNumber: leaf('bank.accountNumber') }).nullable(),
  education: leaf('education'),
  occupation: leaf('occupation'),
  maritalStatus: leaf('maritalStatus'),
  // Facts added after version 1 default to unknown, so records stored before them still read.
  socialInsurance: z
    .strictObject({ status: leaf('socialInsurance.status'), since: leaf('socialInsurance.since') })
    .nullable()
    .default(null),
  housingFund: z
    .strictObject({ accountNumber: leaf('housingFund.accountNumber'), centre: leaf('housingFund.centre') })
    .nullable()
    .default(null),
  drivingLicence: z
    .strictObject({ class: leaf('drivingLicence.class'), validTo: leaf('drivingLicence.validTo') })
    .nullable()
    .default(null),
  exitEntry: z
    .strictObject({
      hkMacaoPermitNumber: leaf('exitEntry.hkMacaoPermitNumber'),
      passportNumber: leaf('exitEntry.passportNumber'),
    })
    .nullable()
    .default(null),
  emergencyContact: z
    .strictObject({ name: leaf('emergencyContact.name'), phone: leaf('emergencyContact.phone') })
    .nullable()
    .default(null),
  statuses: z
    .strictObject({
      specialGroup: leaf('statuses.specialGroup'),
      disabilityCertificate: leaf('statuses.disabilityCertificate'),
      veteranCertificate: leaf('statuses.veteranCertificate'),
    })
    .nullable()
    .default(null),
  /** null: the register was not consulted; []: it holds none. */
  householdMembers: leaf('householdMembers').default(null),
  children: leaf('children').default(null),
  vehicles: leaf('vehicles').default(null),
  realEstate: leaf('realEstate').default(null),
  businesses: leaf('businesses').default(null),
  /** Where each known fact came from and as of when, by fact path. */
  factSources: z.record(z.string().max(48), factOriginSchema).default({}),
  lastSubmissions: z.record(z.string().max(64), lastSubmissionSchema),
  materials: z.array(archivedMaterialSchema).max(200),
  /** Electronic licences (电子证照) the licence store holds for the person: facts and a page each. */
  licences: z.array(electronicLicenceSchema).max(60).default([]),
  consent: profileConsentSchema,
  updatedAt: isoDateTime,
});
export type Profile = z.infer<typeof profileSchema>;

/** A blank profile for a person seen for the first time who consented to the store. */
export function emptyProfile(consent: ProfileConsent, now: string): Profile {
  return {
    schemaVersion: 1,
    phone: null,
    email: null,
    addresses: { current: null, mailing: null, currentSince: null },
    company: null,
    household: null,
    spouse: null,
    employer: null,
    bank: null,
    education: null,
    occupation: null,
    maritalStatus: null,
    socialInsurance: null,
    housingFund: null,
    drivingLicence: null,
    exitEntry: null,
    emergencyContact: null,
    statuses: null,
    householdMembers: null,
    children: null,
    vehicles: null,
    realEstate: null,
    businesses: null,
    factSources: {},
    lastSubmissions: {},
    materials: [],
    licences: [],
    consent,
    updatedAt: now,
  };
}

/** Blank nested parts, so setting one leaf of an absent part yields a valid part. */
const blankParts = {
  addresses: { current: null, mailing: null, currentSince: null },
  company: { name: null, creditCode: null, role: null, address: null },
  socialInsurance: { status: null, since: null },
  housingFund: { accountNumber: null, centre: null },
  drivingLicence: { class: null, validTo: null },
  exitEntry: { hkMacaoPermitNumber: null, passportNumber: null },
  emergencyContact: { name: null, phone: null },
  statuses: { specialGroup: null, disabilityCertificate: null, veteranCertificate: null },
  household: { headName: null, relationToHead: null, registeredAddress: null, size: null },
  spouse: { name: null, idNumber: null },
  employer: { name: null, creditCode: null },
  bank: { name: null, accountNumber: null },
} as const;

export function readProfileField(profile: Profile, path: ProfileFieldPath): unknown {
  const [head, leafName] = path.split('.') as [keyof Profile, string | undefined];
  const part: unknown = profile[head];
  if (leafName === undefined) return part;
  return typeof part === 'object' && part !== null ? (part as Record<string, unknown>)[leafName] : undefined;
}

/** A copy of the profile with one leaf set; the caller checks the value with profileLeafSchema first. */
export function withProfileField(profile: Profile, path: ProfileFieldPath, value: unknown): Profile {
  const [head, leafName] = path.split('.') as [keyof Profile, string | undefined];
  if (leafName === undefined) return { ...profile, [head]: value };
  const current = profile[head] as object | null;
  const blank = blankParts[head as keyof typeof blankParts];
  return { ...profile, [head]: { ...blank, ...(current ?? {}), [leafName]: value } };
}

/** A copy of the profile with one fact set and dated with where it came from. */
export function withFact(
  profile: Profile,
  path: ProfileFieldPath,
  value: unknown,
  origin: FactOrigin,
): Profile {
  const updated = withProfileField(profile, path, value);
  return { ...updated, factSources: { ...updated.factSources, [path]: origin } };
}

/** Whether the store holds a value for the fact (an empty list is a known "none", not a value to fill). */
export function holdsFact(profile: Profile, path: ProfileFieldPath): boolean {
  const value = readProfileField(profile, path);
  if (value === null || value === undefined || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}
