import { describe, expect, it } from 'vitest';
import { autofill } from '../../sync/forms/autofill';
import { withLicenceFacts } from '../../sync/forms/licence-facts';
import {
  type ElectronicLicence,
  electronicLicenceSchema,
  factsFromLicence,
  type LicenceOf,
  licenceKinds,
  licenceMaterialCode,
} from '../../sync/protocol/electronic-licences';
import { emptyProfile, type Profile, profileSchema, withFact } from '../../sync/protocol/profile';
import { samplePeople } from '../../sync/sample-hall';
import { materialKinds } from '../../sync/sample-hall/materials';

const consent = { storeProfile: true, keepMaterials: true, consentedAt: '2025-01-01T00:00:00Z' };
const holder = { holderName: '陈美玲', holderIdNumber: '350583199001011234' };

const marriage: LicenceOf<'marriageCertificate'> = {
  kind: 'marriageCertificate',
  ...holder,
  licenceNumber: 'J350583-2020-000123',
  issuer: '南安市民政局',
  issuedOn: '2020-05-20',
  validTo: null,
  spouseName: '林志强',
  spouseIdNumber: '350583198801012345',
  registeredOn: '2020-05-20',
};

const birth: LicenceOf<'birthMedicalCertificate'> = {
  kind: 'birthMedicalCertificate',
  ...holder,
  licenceNumber: 'Q123456789',
  issuer: '南安市医院',
  issuedOn: '2022-03-04',
  validTo: null,
  childName: '林小雨',
  childBirthDate: '2022-03-01',
  childSex: 'female',
  certificateNumber: 'Q123456789',
};

const driving: LicenceOf<'drivingLicence'> = {
  kind: 'drivingLicence',
  ...holder,
  licenceNumber: holder.holderIdNumber,
  issuer: '福建省泉州市公安局交通警察支队',
  issuedOn: '2024-06-01',
  validTo: '2034-06-01',
  licenceClass: 'C1',
  firstIssuedOn: '2012-06-01',
};

const minimalForm = {
  id: 'test-form',
  version: 1,
  title: { 'zh-Hans': '测试', 'zh-Hant': '測試', en: 'Test' },
  sections: [
    {
      id: 'main',
      title: { 'zh-Hans': '配偶', 'zh-Hant': '配偶', en: 'Spouse' },
      fields: [
        {
          id: 'spouseName',
          type: 'text',
          label: { 'zh-Hans': '配偶姓名', 'zh-Hant': '配偶姓名', en: 'Spouse' },
          required: true,
          source: 'profile.spouse.name',
        },
      ],
    },
  ],
};
const identity = {
  cardType: 'resident' as const,
  name: holder.holderName,
  otherName: null,
  sex: 'female' as const,
  nation: '汉',
  nationality: null,
  birthDate: '1990-01-01',
  address: '福建省南安市溪美街道',
  idNumber: holder.holderIdNumber,
  issuer: '南安市公安局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
};

function profileWith(licences: ElectronicLicence[]): Profile {
  return { ...emptyProfile(consent, '2025-01-01T00:00:00Z'), licences };
}

describe('electronic licences (issue 13 part 2)', () => {
  it('types nine kinds, each satisfying a material the hall knows', () => {
    expect(Object.keys(licenceKinds)).toHaveLength(9);
    for (const { materialCode } of Object.values(licenceKinds))
      expect(materialKinds).toHaveProperty(materialCode);
    expect(licenceMaterialCode(marriage)).toBe('MARRIAGE_CERT');
    expect(licenceMaterialCode(birth)).toBe('BIRTH_MEDICAL_CERT');
  });

  it('refuses a licence with a missing or malformed field, naming it', () => {
    const { spouseName: _dropped, ...noSpouse } = marriage;
    const parsed = electronicLicenceSchema.safeParse(noSpouse);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['spouseName']);
    expect(electronicLicenceSchema.safeParse({ ...driving, licenceClass: 'Z9' }).success).toBe(false);
    expect(electronicLicenceSchema.safeParse({ ...marriage, kind: 'passport' }).success).toBe(false);
    expect(
      electronicLicenceSchema.safeParse({
        kind: 'disabilityCertificate',
        ...holder,
        licenceNumber: 'x',
        issuer: '南安市残疾人联合会',
        issuedOn: '2020-01-01',
        validTo: null,
        certificateNumber: '35058319900101123499',
        disabilityKind: 'physical',
        grade: 2,
      }).success,
    ).toBe(false);
  });

  it('a stored profile without licences still parses, with none', () => {
    const { licences: _none, ...older } = profileWith([]);
    expect(profileSchema.parse(older).licences).toEqual([]);
  });

  it('says which facts each licence proves', () => {
    expect(factsFromLicence(marriage)).toEqual({
      maritalStatus: 'married',
      'spouse.name': '林志强',
      'spouse.idNumber': '350583198801012345',
    });
    expect(factsFromLicence(driving)).toEqual({
      'drivingLicence.class': 'C1',
      'drivingLicence.validTo': '2034-06-01',
    });
    expect(factsFromLicence(birth).children).toEqual([
      {
        name: '林小雨',
        idNumber: null,
        birthDate: '2022-03-01',
        sex: 'female',
        birthCertificateNumber: 'Q123456789',
      },
    ]);
  });

  it('sets the facts its licences prove, dated with the licence as their source', () => {
    const applied = withLicenceFacts(profileWith([marriage, birth]));
    expect(applied.maritalStatus).toBe('married');
    expect(applied.spouse).toEqual({ name: '林志强', idNumber: '350583198801012345' });
    expect(applied.children).toHaveLength(1);
    expect(applied.factSources['spouse.name']).toEqual({
      source: 'electronicLicence',
      asOf: '2020-05-20',
      licence: { kind: 'marriageCertificate', number: 'J350583-2020-000123' },
    });
    expect(profileSchema.safeParse(applied).success).toBe(true);
  });

  it('a licence newer than the register wins; a register updated since the licence keeps its value', () => {
    const olderRegister = withFact(profileWith([driving]), 'drivingLicence.class', 'B2', {
      source: 'trafficPolice',
      asOf: '2023-01-01',
    });
    const fromLicence = withLicenceFacts(olderRegister);
    expect(fromLicence.drivingLicence?.class).toBe('C1');
    expect(fromLicence.factSources['drivingLicence.class']?.source).toBe('electronicLicence');

    const newerRegister = withFact(profileWith([driving]), 'drivingLicence.class', 'B2', {
      source: 'trafficPolice',
      asOf: '2025-01-01',
    });
    const kept = withLicenceFacts(newerRegister);
    expect(kept.drivingLicence?.class).toBe('B2');
    expect(kept.factSources['drivingLicence.class']?.source).toBe('trafficPolice');
  });

  it('a birth certificate adds its child to the children the register knows, keeping their ID numbers', () => {
    const known = {
      name: '林小雨',
      idNumber: '350583202203011234',
      birthDate: '2022-03-01',
      sex: 'female' as const,
      birthCertificateNumber: 'Q123456789',
    };
    const other = {
      ...known,
      name: '林小山',
      idNumber: '350583202402011234',
      birthCertificateNumber: 'Q000000001',
    };
    const register = withFact(profileWith([birth]), 'children', [known, other], {
      source: 'householdRegister',
      asOf: '2021-01-01',
    });
    const applied = withLicenceFacts(register);
    expect(applied.children).toEqual([known, other]);
    const none = withLicenceFacts(
      withFact(profileWith([birth]), 'children', [other], {
        source: 'householdRegister',
        asOf: '2025-01-01',
      }),
    );
    expect(none.children?.map((child) => child.name)).toEqual(['林小山', '林小雨']);
  });

  it('fills a form field bound to a fact only a licence proves', () => {
    const filled = autofill({
      // biome-ignore lint/suspicious/noExplicitAny: a minimal form literal, checked by autofill's own parse of fields
      form: minimalForm as any,
      identity,
      profile: profileWith([marriage]),
      itemId: 'test',
      today: '2025-06-01',
    });
    expect(filled.values.spouseName).toBe('林志强');
    expect(filled.provenance.spouseName).toBe('store');
  });

  it('offers the licence page for its material unless a photographed copy is newer', () => {
    const page = (archivedAt: string, sha: string) => ({
      code: 'MARRIAGE_CERT',
      sha256: sha.repeat(64),
      mime: 'application/pdf' as const,
      name: '结婚证',
      pages: 1,
      sizeBytes: 1000,
      archivedAt,
    });
    const licencePage = page('2020-05-20T00:00:00+08:00', 'a');
    const offered = (photographedAt: string) =>
      autofill({
        form: { ...minimalForm, sections: [] },
        identity,
        profile: { ...profileWith([marriage]), materials: [page(photographedAt, 'b')] },
        itemId: 'test',
        materials: [
          { code: 'MARRIAGE_CERT', name: minimalForm.title, required: true, pages: 2, reusable: true },
        ],
        licenceCopies: [licencePage],
        today: '2025-06-01',
      }).reusableMaterials.map((m) => m.sha256[0]);
    expect(offered('2019-01-01T10:00:00+08:00')).toEqual(['a']);
    expect(offered('2024-01-01T10:00:00+08:00')).toEqual(['b']);
  });

  it('sample people hold licences consistent with their facts', () => {
    const people = samplePeople().filter((person) => person.profile);
    const kinds = new Set<string>();
    for (const { profile, identity } of people) {
      const licences = profile!.licences;
      for (const licence of licences) {
        expect(electronicLicenceSchema.safeParse(licence).success).toBe(true);
        expect(licence.holderIdNumber).toBe(identity.idNumber);
        kinds.add(licence.kind);
      }
      const has = (kind: ElectronicLicence['kind']) => licences.some((licence) => licence.kind === kind);
      // A fact the applicant typed at an earlier visit has no licence behind it.
      const registered = (path: string) => profile!.factSources[path]?.source !== 'applicant';
      if (identity.cardType === 'resident') expect(has('idCard')).toBe(true);
      if (profile!.maritalStatus === 'married' && profile!.spouse?.idNumber && registered('spouse.idNumber'))
        expect(has('marriageCertificate')).toBe(true);
      if (profile!.drivingLicence?.class && registered('drivingLicence.class'))
        expect(has('drivingLicence')).toBe(true);
      if (profile!.statuses?.disabilityCertificate) expect(has('disabilityCertificate')).toBe(true);
      if (profile!.statuses?.veteranCertificate) expect(has('veteranCard')).toBe(true);
      expect(licences.filter((l) => l.kind === 'birthMedicalCertificate')).toHaveLength(
        profile!.children?.length ?? 0,
      );
      expect(licences.filter((l) => l.kind === 'realEstateCertificate')).toHaveLength(
        profile!.realEstate?.length ?? 0,
      );
      if (profile!.businesses?.some((business) => business.creditCode))
        expect(has('businessLicence')).toBe(true);
      // Applying them changes no value the registers hold: the licences agree with the facts.
      const applied = withLicenceFacts(profile!);
      for (const path of [
        'maritalStatus',
        'spouse',
        'drivingLicence',
        'children',
        'realEstate',
        'statuses',
      ] as const)
        expect(applied[path], path).toEqual(profile![path]);
    }
    expect(kinds.size).toBe(9);
  });
});
