import { z } from 'zod';

/**
 * Electronic licences (电子证照): the documents the licence store (证照库) holds for a person, typed. Their
 * fields are facts the forms ask for (`factsFromLicence`) and their rendered page stands in for the
 * material they certify (`licenceMaterialCode`), so an applicant neither types nor photographs them.
 * Pure schemas and functions: the page itself is drawn host-side (host/services/licences).
 *
 * profile.ts embeds these schemas, so this module names the fact paths itself (sync/forms/licence-facts.ts
 * checks at compile time that each is a profile fact path).
 */

const isoDate = z.iso.date();
const name = z.string().min(1).max(200);
const idNumber = z.string().min(1).max(40);
const address = z.string().min(1).max(200);

/** What every licence has: its number, the holder, who issued it and when, and until when it holds. */
const commonFields = {
  licenceNumber: z.string().min(1).max(60),
  holderName: name,
  holderIdNumber: idNumber,
  issuer: z.string().min(1).max(100),
  issuedOn: isoDate,
  /** null: valid without end (长期). */
  validTo: isoDate.nullable(),
};

export const idCardLicenceSchema = z.strictObject({
  kind: z.literal('idCard'),
  ...commonFields,
  sex: z.enum(['male', 'female']),
  nation: z.string().min(1).max(40),
  birthDate: isoDate,
  address,
});

export const householdRegisterLicenceSchema = z.strictObject({
  kind: z.literal('householdRegister'),
  ...commonFields,
  headName: name,
  registeredAddress: address,
  members: z
    .array(z.strictObject({ name, idNumber, relation: z.string().min(1).max(20) }))
    .min(1)
    .max(30),
});

export const marriageCertificateLicenceSchema = z.strictObject({
  kind: z.literal('marriageCertificate'),
  ...commonFields,
  spouseName: name,
  spouseIdNumber: idNumber,
  registeredOn: isoDate,
});

export const birthMedicalCertificateLicenceSchema = z.strictObject({
  kind: z.literal('birthMedicalCertificate'),
  ...commonFields,
  childName: name,
  childBirthDate: isoDate,
  childSex: z.enum(['male', 'female']),
  /** The certificate's own number (Q and nine digits), also the licence number. */
  certificateNumber: z.string().min(1).max(20),
});

export const businessLicenceLicenceSchema = z.strictObject({
  kind: z.literal('businessLicence'),
  ...commonFields,
  businessName: name,
  creditCode: z.string().length(18),
  address,
  businessKind: z.enum(['company', 'soleTrader']),
  legalRepresentative: name,
  registeredOn: isoDate,
  /** The holder's role in the business (the 电子营业执照 is authorised to it). */
  holderRole: z.enum(['legalRepresentative', 'shareholder', 'manager', 'employee', 'agent']),
});

export const realEstateCertificateLicenceSchema = z.strictObject({
  kind: z.literal('realEstateCertificate'),
  ...commonFields,
  /** 闽（2020）南安市不动产权第0001234号: also the licence number. */
  certificateNumber: z.string().min(1).max(200),
  address,
  floorArea: z.number().positive().max(100_000),
  sharePercent: z.number().positive().max(100),
});

export const drivingLicenceLicenceSchema = z.strictObject({
  kind: z.literal('drivingLicence'),
  ...commonFields,
  licenceClass: z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'D', 'E']),
  firstIssuedOn: isoDate,
});

export const disabilityCertificateLicenceSchema = z.strictObject({
  kind: z.literal('disabilityCertificate'),
  ...commonFields,
  /** ID number, kind digit (1 视力 ... 7 多重) and grade digit (1-4): also the licence number. */
  certificateNumber: z.string().regex(/^\d{17}[\dX][1-7][1-4]$/),
  disabilityKind: z.enum(['vision', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple']),
  grade: z.number().int().min(1).max(4),
});

export const veteranCardLicenceSchema = z.strictObject({
  kind: z.literal('veteranCard'),
  ...commonFields,
});

export const electronicLicenceSchema = z.discriminatedUnion('kind', [
  idCardLicenceSchema,
  householdRegisterLicenceSchema,
  marriageCertificateLicenceSchema,
  birthMedicalCertificateLicenceSchema,
  businessLicenceLicenceSchema,
  realEstateCertificateLicenceSchema,
  drivingLicenceLicenceSchema,
  disabilityCertificateLicenceSchema,
  veteranCardLicenceSchema,
]);
export type ElectronicLicence = z.infer<typeof electronicLicenceSchema>;
export type LicenceKind = ElectronicLicence['kind'];
export type LicenceOf<Kind extends LicenceKind> = Extract<ElectronicLicence, { kind: Kind }>;

export const licenceKindSchema = z.enum([
  'idCard',
  'householdRegister',
  'marriageCertificate',
  'birthMedicalCertificate',
  'businessLicence',
  'realEstateCertificate',
  'drivingLicence',
  'disabilityCertificate',
  'veteranCard',
]);

/** Each kind's title (as the licence store prints it) and the material requirement it satisfies. */
export const licenceKinds = {
  idCard: { title: '居民身份证', materialCode: 'ID_CARD_COPY' },
  householdRegister: { title: '居民户口簿', materialCode: 'HOUSEHOLD_REGISTER' },
  marriageCertificate: { title: '结婚证', materialCode: 'MARRIAGE_CERT' },
  birthMedicalCertificate: { title: '出生医学证明', materialCode: 'BIRTH_MEDICAL_CERT' },
  businessLicence: { title: '营业执照', materialCode: 'BUSINESS_LICENCE' },
  realEstateCertificate: { title: '不动产权证书', materialCode: 'PROPERTY_CERT' },
  drivingLicence: { title: '机动车驾驶证', materialCode: 'DRIVING_LICENCE' },
  disabilityCertificate: { title: '中华人民共和国残疾人证', materialCode: 'DISABILITY_CERT' },
  veteranCard: { title: '退役军人优待证', materialCode: 'VETERAN_CARD' },
} as const satisfies Record<LicenceKind, { title: string; materialCode: string }>;

export function licenceMaterialCode(licence: ElectronicLicence): string {
  return licenceKinds[licence.kind].materialCode;
}

/** The 残疾人证 number's kind digit, 1 to 7. */
export const disabilityKinds = [
  'vision',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;

/**
 * The person facts a licence proves, by fact path. List facts (children, real estate, businesses) carry
 * the one entry the licence proves; applying them merges it into the list (sync/forms/licence-facts.ts).
 * The ID card proves nothing the store keeps: card data is read from the card every time.
 */
export type LicenceFactPath =
  | 'maritalStatus'
  | 'spouse.name'
  | 'spouse.idNumber'
  | 'household.headName'
  | 'household.registeredAddress'
  | 'household.relationToHead'
  | 'household.size'
  | 'householdMembers'
  | 'children'
  | 'company.name'
  | 'company.creditCode'
  | 'company.address'
  | 'company.role'
  | 'businesses'
  | 'realEstate'
  | 'drivingLicence.class'
  | 'drivingLicence.validTo'
  | 'statuses.specialGroup'
  | 'statuses.disabilityCertificate'
  | 'statuses.veteranCertificate';

export function factsFromLicence(licence: ElectronicLicence): Partial<Record<LicenceFactPath, unknown>> {
  switch (licence.kind) {
    case 'idCard':
      return {};
    case 'veteranCard':
      return { 'statuses.veteranCertificate': licence.licenceNumber };
    case 'householdRegister': {
      const holder = licence.members.find((member) => member.idNumber === licence.holderIdNumber);
      return {
        'household.headName': licence.headName,
        'household.registeredAddress': licence.registeredAddress,
        'household.size': licence.members.length,
        ...(holder
          ? { 'household.relationToHead': holder.relation === '户主' ? '本人' : holder.relation }
          : {}),
        householdMembers: licence.members.map((member) => ({ ...member })),
      };
    }
    case 'marriageCertificate':
      return {
        maritalStatus: 'married',
        'spouse.name': licence.spouseName,
        'spouse.idNumber': licence.spouseIdNumber,
      };
    case 'birthMedicalCertificate':
      return {
        children: [
          {
            name: licence.childName,
            idNumber: null,
            birthDate: licence.childBirthDate,
            sex: licence.childSex,
            birthCertificateNumber: licence.certificateNumber,
          },
        ],
      };
    case 'businessLicence':
      return {
        // The company facts name one company; a 个体户's licence proves only its business entry.
        ...(licence.businessKind === 'company'
          ? {
              'company.name': licence.businessName,
              'company.creditCode': licence.creditCode,
              'company.address': licence.address,
              'company.role': licence.holderRole,
            }
          : {}),
        businesses: [
          {
            name: licence.businessName,
            creditCode: licence.creditCode,
            kind: licence.businessKind,
            role: licence.holderRole,
            address: licence.address,
            registeredOn: licence.registeredOn,
          },
        ],
      };
    case 'realEstateCertificate':
      return {
        realEstate: [
          {
            certificateNumber: licence.certificateNumber,
            address: licence.address,
            floorArea: licence.floorArea,
            sharePercent: licence.sharePercent,
          },
        ],
      };
    case 'drivingLicence':
      return {
        'drivingLicence.class': licence.licenceClass,
        ...(licence.validTo ? { 'drivingLicence.validTo': licence.validTo } : {}),
      };
    case 'disabilityCertificate':
      return {
        'statuses.specialGroup': 'disabled',
        'statuses.disabilityCertificate': licence.certificateNumber,
      };
  }
}
