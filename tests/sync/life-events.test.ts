/**
 * Issue 13 part 5: life events update the person's facts when the window finishes the case (办结), as
 * central-side rules: 出生登记 adds a child, 个体工商户设立 a business (its credit code when the window
 * issued one), run on a real central store of each backend (SQLite and PostgreSQL).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  applyPersonRecordUpdates,
  type FinishedCase,
  personRecordUpdates,
  recordLifeEvent,
} from '../../sync/central/life-events';
import type { CentralStorage } from '../../sync/central/storage';
import { emptyProfile, type Profile } from '../../sync/protocol/profile';
import {
  type OpenedStorage,
  postgresBackend,
  type StorageBackend,
  sqliteBackend,
} from './support/central-storage-backends';
import { keyedHashOf } from './support/kiosk-harness';

const finishedAtMs = Date.parse('2026-03-02T02:00:00Z');
const consent = { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' };
const kept: Profile = { ...emptyProfile(consent, '2026-03-01T09:00:00+08:00'), phone: '13905950001' };

const birth = (applicant: string, result = '准予登记'): FinishedCase => ({
  caseNumber: 'K001-BIRTH1',
  itemId: 'hz-cs-dj',
  applicantKeyedHash: keyedHashOf(applicant),
  formValues: {
    babyName: ' 陈小满 ',
    babySex: 'female',
    babyBirthDate: '2026-02-20',
    birthCertificateNumber: 'Q350123456',
    birthPlace: '南安市医院',
    spouseName: '林美玲',
  },
  result,
  finishedAtMs,
});

const soleTrader = (applicant: string, result = '准予登记'): FinishedCase => ({
  caseNumber: 'K001-SHOP01',
  itemId: 'scjg-gtgsh-sl',
  applicantKeyedHash: keyedHashOf(applicant),
  formValues: {
    businessName: '南安市溪美满记茶叶店',
    businessScope: ['tea'],
    capital: 5,
    employees: 2,
    premisesAddress: '福建省南安市溪美街道新华路 12 号',
    premisesTenure: 'rent',
  },
  result,
  finishedAtMs,
});

/** A credit code the window issues: GB 32100 with its check character (92: individual business). */
const issuedCreditCode = '92350583MA2XYC001N';

describe('life-event rules', () => {
  it('出生登记 adds the baby as a child; the number the window issued comes with it', () => {
    expect(personRecordUpdates(birth('mother'))).toEqual([
      {
        add: 'children',
        entry: {
          name: '陈小满',
          sex: 'female',
          birthDate: '2026-02-20',
          idNumber: null,
          birthCertificateNumber: 'Q350123456',
        },
      },
    ]);
    // 350583202602200020: a valid GB 11643 number born on the baby's birth date.
    const withNumber = personRecordUpdates(birth('mother', '已登记，公民身份号码 350583202602200020'));
    expect(withNumber[0]).toMatchObject({ entry: { idNumber: '350583202602200020' } });
    // A number of another birth date (a typo) is not the baby's.
    const other = personRecordUpdates(birth('mother', '公民身份号码 350583199001010016'));
    expect(other[0]).toMatchObject({ entry: { idNumber: null } });
  });

  it('个体户设立 adds the business: name, premises, the 经营者 as legal representative, the issued credit code', () => {
    const [update] = personRecordUpdates(
      soleTrader('trader', `准予登记，统一社会信用代码 ${issuedCreditCode}`),
    );
    expect(update).toEqual({
      add: 'businesses',
      entry: {
        name: '南安市溪美满记茶叶店',
        creditCode: issuedCreditCode,
        kind: 'soleTrader',
        role: 'legalRepresentative',
        address: '福建省南安市溪美街道新华路 12 号',
        // 2026-03-02T02:00Z is 10:00 that day in the hall.
        registeredOn: '2026-03-02',
      },
    });
    // No code in the result, or one that fails its check character: not issued (yet).
    expect(personRecordUpdates(soleTrader('trader'))[0]).toMatchObject({ entry: { creditCode: null } });
    expect(personRecordUpdates(soleTrader('trader', '代码 92350583MA2XYC0018'))[0]).toMatchObject({
      entry: { creditCode: null },
    });
  });

  it('the business becomes the person’s company only where none is recorded', () => {
    const [update] = personRecordUpdates(soleTrader('trader', issuedCreditCode));
    const fresh = applyPersonRecordUpdates(kept, [update!], finishedAtMs);
    expect(fresh.company).toEqual({
      name: '南安市溪美满记茶叶店',
      creditCode: issuedCreditCode,
      role: 'legalRepresentative',
      address: '福建省南安市溪美街道新华路 12 号',
    });
    // Each fact written is dated with its source: the window's case, as of the day of 办结.
    expect(fresh.factSources.businesses).toEqual({ source: 'windowCase', asOf: '2026-03-02' });
    expect(fresh.factSources['company.creditCode']).toEqual({ source: 'windowCase', asOf: '2026-03-02' });
    // An employee of a stone company keeps that company; the shop is in their businesses.
    const employee: Profile = {
      ...kept,
      company: {
        name: '南安市恒盛石材有限公司',
        creditCode: null,
        role: 'employee',
        address: '水头镇南星村 1 号',
      },
    };
    const after = applyPersonRecordUpdates(employee, [update!], finishedAtMs);
    expect(after.company?.name).toBe('南安市恒盛石材有限公司');
    expect(after.businesses?.map((business) => business.name)).toEqual(['南安市溪美满记茶叶店']);
    expect(after.factSources['company.name']).toBeUndefined();
  });

  it('items without a rule, and forms without the event’s facts, change nothing', () => {
    expect(personRecordUpdates({ ...birth('x'), itemId: 'ga-wfzjl' })).toEqual([]);
    expect(personRecordUpdates({ ...birth('x'), formValues: {} })).toEqual([]);
    expect(personRecordUpdates({ ...soleTrader('x'), formValues: { businessName: '  ' } })).toEqual([]);
  });
});

const backends: StorageBackend[] = [sqliteBackend, postgresBackend()];

for (const backend of backends) {
  describe.skipIf(backend.unavailable !== null)(`life events on the ${backend.name} central`, () => {
    let opened: OpenedStorage;
    let storage: CentralStorage;

    beforeAll(() => backend.start());
    afterAll(() => backend.stop());
    beforeEach(async () => {
      opened = await backend.open();
      storage = opened.storage;
    });
    afterEach(() => opened.close());

    it('出生登记 finished: the parent’s kept record gains the child beside the register’s, once', async () => {
      const mother = keyedHashOf('mother');
      const elder = {
        name: '陈大满',
        idNumber: null,
        birthDate: '2021-05-01',
        sex: 'male' as const,
        birthCertificateNumber: 'P350000001',
      };
      await storage.putStoreRecord({
        keyedHash: mother,
        profile: { ...kept, children: [elder] },
        materials: [],
        updatedAtMs: 1,
      });
      expect(await recordLifeEvent(storage, birth('mother'))).toBe(1);
      const record = await storage.getStoreRecord(mother);
      expect(record?.profile.children).toMatchObject([
        { name: '陈大满' },
        { name: '陈小满', birthDate: '2026-02-20', sex: 'female', idNumber: null },
      ]);
      expect(record?.profile.factSources.children).toEqual({ source: 'windowCase', asOf: '2026-03-02' });
      expect(record?.profile.phone).toBe('13905950001');
      // The same case finished again (a retried step) adds no twin; the issued number fills in.
      await recordLifeEvent(storage, birth('mother', '公民身份号码 350583202602200020'));
      const again = await storage.getStoreRecord(mother);
      expect(again?.profile.children).toHaveLength(2);
      expect(again?.profile.children?.[1]?.idNumber).toBe('350583202602200020');
      expect((await storage.storeRecordVersions(mother)).map((v) => v.version)).toEqual([1, 2, 3]);
    });

    it('个体户设立 finished: the record gains the business and, having no company, names it', async () => {
      const trader = keyedHashOf('trader');
      await storage.putStoreRecord({ keyedHash: trader, profile: kept, materials: [], updatedAtMs: 1 });
      expect(
        await recordLifeEvent(storage, soleTrader('trader', `统一社会信用代码 ${issuedCreditCode}`)),
      ).toBe(1);
      const record = await storage.getStoreRecord(trader);
      expect(record?.profile.businesses).toMatchObject([
        {
          name: '南安市溪美满记茶叶店',
          creditCode: issuedCreditCode,
          role: 'legalRepresentative',
          kind: 'soleTrader',
        },
      ]);
      expect(record?.profile.company).toMatchObject({
        name: '南安市溪美满记茶叶店',
        role: 'legalRepresentative',
      });
    });

    it('the spouse and the other parent named on the form get the event in their own kept records', async () => {
      const keyedHashOfNumber = (idNumber: string) => keyedHashOf(`number:${idNumber}`);
      const bride = keyedHashOf('bride');
      const groom = keyedHashOfNumber('110101199003070011');
      for (const keyedHash of [bride, groom])
        await storage.putStoreRecord({ keyedHash, profile: kept, materials: [], updatedAtMs: 1 });
      const marriage: FinishedCase = {
        caseNumber: 'K001-MARRY1',
        itemId: 'mz-jhdj',
        applicantKeyedHash: bride,
        formValues: {
          name: '林美玲',
          idNumber: '350583199205060023',
          partnerName: '陈志强',
          partnerIdNumber: '110101199003070011',
        },
        finishedAtMs,
      };
      expect(await recordLifeEvent(storage, marriage, keyedHashOfNumber)).toBe(6);
      expect((await storage.getStoreRecord(bride))?.profile).toMatchObject({
        maritalStatus: 'married',
        spouse: { name: '陈志强', idNumber: '110101199003070011' },
      });
      expect((await storage.getStoreRecord(groom))?.profile).toMatchObject({
        maritalStatus: 'married',
        spouse: { name: '林美玲', idNumber: '350583199205060023' },
        factSources: { maritalStatus: { source: 'windowCase', asOf: '2026-03-02' } },
      });
      // The baby: both parents' records gain the child.
      const birthCase = {
        ...birth('bride'),
        formValues: { ...birth('bride').formValues, spouseIdNumber: '110101199003070011' },
      };
      expect(await recordLifeEvent(storage, birthCase, keyedHashOfNumber)).toBe(2);
      expect((await storage.getStoreRecord(groom))?.profile.children).toMatchObject([{ name: '陈小满' }]);
      // Without the hall's key (or a kept record for the other person), only the applicant's changes.
      const stranger = keyedHashOfNumber('350583199001010016');
      expect(
        await recordLifeEvent(
          storage,
          { ...marriage, formValues: { ...marriage.formValues, partnerIdNumber: '350583199001010016' } },
          keyedHashOfNumber,
        ),
      ).toBe(3);
      expect(await storage.getStoreRecord(stranger)).toBeNull();
    });

    it('a person without a kept record (no consent) gets none made', async () => {
      expect(await recordLifeEvent(storage, birth('no-consent'))).toBe(0);
      expect(await storage.getStoreRecord(keyedHashOf('no-consent'))).toBeNull();
      expect(await recordLifeEvent(storage, soleTrader('no-consent'))).toBe(0);
      expect(await storage.getStoreRecord(keyedHashOf('no-consent'))).toBeNull();
    });

    it('a record stored before list facts existed still parses and takes the event', async () => {
      const old = keyedHashOf('stored-before');
      const { children: _children, businesses: _businesses, ...before } = kept;
      await storage.putStoreRecord({
        keyedHash: old,
        profile: before as Profile,
        materials: [],
        updatedAtMs: 1,
      });
      expect(await recordLifeEvent(storage, birth('stored-before'))).toBe(1);
      expect((await storage.getStoreRecord(old))?.profile.children).toHaveLength(1);
    });
  });
}
