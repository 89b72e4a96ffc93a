import { beforeAll, describe, expect, it } from 'vitest';
import { decodeIdentity } from '../../drivers/idcard/identity/identity';
import { CardTextBuilder } from '../../drivers/idcard/simulator/card-text';
import { withCheckCharacter } from '../../drivers/idcard/simulator/test-cards';
import { identityWithoutCard } from '../../host/services/cardless/cardless-api';
import { toIdentityView } from '../../host/services/idcard';
import { cardIdentityOf } from '../../host/services/journey/prepare-application';
import { autofill } from '../../sync/forms/autofill';
import type { Catalogue, ServiceItem } from '../../sync/protocol/catalogue';
import {
  type CardIdentity,
  type FormDefinition,
  type FormValue,
  fieldStates,
  formFields,
  validateFormValues,
} from '../../sync/protocol/forms';
import { materialRequirementsFor } from '../../sync/protocol/item-materials';
import { emptyProfile, type Profile } from '../../sync/protocol/profile';
import { searchItems } from '../../sync/protocol/search';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';
import { samplePeople } from '../../sync/sample-hall/people';

/**
 * Issue 13 part 8: the sample hall offers what a Fujian county hall offers in 2026: 无犯罪记录证明,
 * 社保参保证明, 医保参保凭证, 老年人优待证, 侨务 items, items for Taiwan residents, and 结婚登记 without the
 * 户口簿 (not required since 2025-05-10).
 */
const today = '2026-12-07';
let catalogue: Catalogue;

beforeAll(() => {
  catalogue = sampleCatalogue();
});

function itemOf(id: string): ServiceItem {
  const found = catalogue.items.find((item) => item.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function formOf(id: string): FormDefinition {
  const found = catalogue.forms.find((form) => form.id === id);
  if (!found) throw new Error(`no form ${id}`);
  return found;
}

function departmentName(item: ServiceItem): string {
  return catalogue.departments.find((department) => department.id === item.departmentId)!.name['zh-Hans'];
}

/** A 台湾居民居住证 ('J' card, 83 number) read through the real decoder and the host's mapping. */
function taiwanResidentCard(): CardIdentity {
  const text = new CardTextBuilder()
    .put(0, 30, '林示例')
    .put(30, 2, '1')
    .put(36, 16, '19920315')
    .put(52, 70, '福建省南安市溪美街道成功街8号')
    .put(122, 36, withCheckCharacter('83000019920315003'))
    .put(158, 30, '南安市公安局')
    .put(188, 16, '20220101')
    .put(204, 16, '20270101')
    .put(220, 18, '01234567')
    .put(238, 4, '00')
    .put(248, 2, 'J')
    .build();
  const decoded = decodeIdentity(text, Buffer.alloc(1024), { now: new Date(`${today}T04:00:00Z`) });
  if (!decoded.ok) throw new Error(decoded.error.message);
  return cardIdentityOf(toIdentityView(decoded.value, today));
}

/** What the applicant answers for the fields the card and the store leave open, until none appears. */
function answered(
  form: FormDefinition,
  card: CardIdentity,
  profile: Profile | null,
): Record<string, FormValue> {
  const filled = autofill({ form, identity: card, profile, itemId: form.id, today });
  const values: Record<string, FormValue> = { ...filled.values };
  for (let round = 0; round < 5; round++) {
    const states = fieldStates(form, values, card);
    for (const field of formFields(form)) {
      if (!states.get(field.id)?.visible || values[field.id] !== undefined) continue;
      const id = field.id;
      if (field.type === 'choice') values[id] = field.options[0]!.value;
      else if (field.type === 'multiChoice') values[id] = [field.options[0]!.value];
      else if (field.type === 'checkbox') values[id] = true;
      else if (field.type === 'phone') values[id] = '13800138000';
      else if (field.type === 'date') values[id] = '2026-01-05';
      else if (field.type === 'file') values[id] = ['a'.repeat(64)];
      else if (field.type === 'creditCode') values[id] = '91350583MA2XYC000N';
      else if (id === 'mtpNumber') values[id] = '01234567';
      else if (id === 'passportNumber') values[id] = 'E12345678';
      else if (id === 'bankAccount') values[id] = '6222021234567890123';
      else if (field.type === 'text' || field.type === 'address' || field.type === 'textarea')
        values[id] = '福建省南安市溪美街道成功街1号';
    }
  }
  return values;
}

describe('the 2026 county catalogue', () => {
  const added: [string, string][] = [
    ['ga-wfzjl', '公安局户政管理大队'],
    ['rs-cbzm', '人力资源和社会保障局'],
    ['yb-cbpz', '医疗保障局'],
    ['mz-lnyd', '民政局'],
    ['qw-gqqj', '统战部（侨务办公室）'],
    ['qw-hqsf', '统战部（侨务办公室）'],
    ['hz-twjzz-hl', '公安局户政管理大队'],
    ['tb-qncy', '台港澳事务办公室'],
    ['yb-twjm-cb', '医疗保障局'],
  ];

  it.each(added)('%s is offered by %s, with a form and its own guide', (id, department) => {
    const item = itemOf(id);
    expect(departmentName(item)).toBe(department);
    expect(item.formId).toBe(id);
    expect(item.guide?.conditions.length).toBeGreaterThan(0);
    // The guide's sample form shows the item's own form, not the generic rows.
    expect(item.guide?.sampleForm[0]?.label['zh-Hans']).toBe('姓名');
    // Person facts come from the card or the store: the applicant's name, number and phone are bound.
    const form = formOf(id);
    const sources = new Map(formFields(form).map((field) => [field.id, field.source]));
    expect(sources.get('name')).toBe('card.name');
    expect(sources.get('idNumber')).toBe('card.idNumber');
    expect(sources.get('phone')).toBe('profile.phone');
  });

  it('each is found by what people call it', () => {
    const first = (query: string) => searchItems(catalogue.items, query)[0]?.item.id;
    expect(first('无犯罪记录')).toBe('ga-wfzjl');
    expect(first('参保证明')).toBe('rs-cbzm');
    expect(first('参保凭证')).toBe('yb-cbpz');
    expect(first('老年人优待证')).toBe('mz-lnyd');
    expect(first('侨眷')).toBe('qw-gqqj');
    expect(first('台湾居民居住证')).toBe('hz-twjzz-hl');
  });

  it('the common items and the sample people stay as they were', () => {
    // New items are not common: the 22 common items (and the figures over them) are unchanged.
    expect(catalogue.items.filter((item) => item.common)).toHaveLength(22);
    for (const [id] of added) expect(itemOf(id).common).toBe(false);
    // Sample people applied only for common items before.
    const commonIds = new Set(catalogue.items.filter((item) => item.common).map((item) => item.id));
    for (const person of samplePeople(200)) {
      for (const itemId of Object.keys(person.profile?.lastSubmissions ?? {}))
        expect(commonIds.has(itemId), itemId).toBe(true);
    }
  });

  it('结婚登记 no longer asks for the 户口簿 (婚姻登记条例, since 2025-05-10)', () => {
    const marriage = itemOf('mz-jhdj');
    expect(marriage.materials.map((material) => material.code)).not.toContain('HOUSEHOLD_REGISTER');
    expect(marriage.materials.map((material) => material.code)).toContain('SINGLE_DECLARATION');
    const fileCodes = formFields(formOf('mz-jhdj')).flatMap((field) =>
      field.type === 'file' ? [field.materialCode] : [],
    );
    expect(fileCodes).not.toContain('HOUSEHOLD_REGISTER');
  });

  it('a Taiwan residence permit renewal costs the national fee; printouts are free', () => {
    expect(itemOf('hz-twjzz-hl').guide?.fee['zh-Hans']).toContain('20 元');
    expect(itemOf('rs-cbzm').guide?.fee['zh-Hans']).toBe('不收费');
    expect(itemOf('rs-cbzm').timeLimitDays).toBe(0);
  });
});

describe('a 台湾居民居住证 holder (83 number) reaches the Taiwan residents’ items', () => {
  const card = taiwanResidentCard();
  const profile: Profile = {
    ...emptyProfile(
      { storeProfile: true, keepMaterials: true, consentedAt: '2026-01-01T00:00:00+08:00' },
      '2026-01-01T00:00:00+08:00',
    ),
    phone: '13912345678',
    addresses: { current: '福建省南安市溪美街道成功街8号', mailing: null, currentSince: null },
    employer: { name: '南安市示例石材有限公司', creditCode: '91350583MA2XYC000N' },
  };

  it('the card is a residence permit whose number passes the forms’ check', () => {
    expect(card.cardType).toBe('hk_macao_taiwan');
    expect(card.idNumber.startsWith('83')).toBe(true);
  });

  it.each(['hz-twjzz-hl', 'tb-qncy', 'yb-twjm-cb'])(
    '%s: the card and the store fill the person, and the form submits',
    (id) => {
      const form = formOf(id);
      const filled = autofill({ form, identity: card, profile, itemId: id, today });
      expect(filled.values.name).toBe('林示例');
      expect(filled.values.idNumber).toBe(card.idNumber);
      expect(filled.values.phone).toBe('13912345678');
      // A residence permit has no 民族: the field is not asked.
      expect(fieldStates(form, filled.values, card).get('nation')?.visible).toBe(false);
      const values = answered(form, card, profile);
      const result = validateFormValues(form, values, { today, card });
      expect(result.ok ? [] : result.errors.map((error) => error.fieldId)).toEqual([]);
      expect(
        materialRequirementsFor(itemOf(id).materials, form, values, card).some(
          (material) => material.code === 'TAIWAN_PERMIT',
        ),
      ).toBe(id !== 'yb-twjm-cb');
    },
  );

  it('the permit renewal reads the travel permit number from the card, and holds it to the card', () => {
    const form = formOf('hz-twjzz-hl');
    const filled = autofill({ form, identity: card, profile, itemId: form.id, today });
    expect(filled.values.mtpNumber).toBe('01234567');
    expect(filled.provenance.mtpNumber).toBe('card');
    const forged = { ...answered(form, card, profile), mtpNumber: '07654321' };
    const result = validateFormValues(form, forged, { today, card });
    expect(result.ok ? [] : result.errors.map((error) => error.fieldId)).toContain('mtpNumber');
  });

  it('the youth grant fills the employer from the store when the grant is for a job', () => {
    const form = formOf('tb-qncy');
    const filled = autofill({ form, identity: card, profile, itemId: 'tb-qncy', today });
    expect(filled.whenShown.employerName?.value).toBe('南安市示例石材有限公司');
    expect(filled.whenShown.employerCreditCode?.value).toBe('91350583MA2XYC000N');
  });

  it('every 2026 form submits for a resident and for the permit holder', () => {
    for (const id of ['ga-wfzjl', 'rs-cbzm', 'yb-cbpz', 'mz-lnyd', 'qw-gqqj', 'qw-hqsf']) {
      const form = formOf(id);
      const result = validateFormValues(form, answered(form, card, profile), { today, card });
      expect(result.ok ? [] : result.errors.map((error) => `${id}.${error.fieldId}`)).toEqual([]);
    }
  });
});

describe('a Taiwan resident who comes in without the card (SMS code or provincial QR)', () => {
  it('is a residence permit holder, not a resident, for the 83 number', () => {
    const number = withCheckCharacter('83000019920315003');
    expect(identityWithoutCard(number, '林示例', today)?.cardType).toBe('hk_macao_taiwan');
    expect(identityWithoutCard(withCheckCharacter('35058319920315003'), '林示例', today)?.cardType).toBe(
      'resident',
    );
  });
});
