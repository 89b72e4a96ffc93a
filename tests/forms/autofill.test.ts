import { beforeAll, describe, expect, it } from 'vitest';
import { autofill, updateProfileAfterSubmission } from '../../sync/forms/autofill';
import type { Catalogue } from '../../sync/protocol/catalogue';
import {
  checkFieldValue,
  type FormDefinition,
  fieldStates,
  formFields,
  isComputedField,
  parseSource,
  validateFormValues,
} from '../../sync/protocol/forms';
import {
  type Profile,
  type ProfileFieldPath,
  profileSchema,
  readProfileField,
} from '../../sync/protocol/profile';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';
import {
  type SamplePerson,
  sampleCreditCode,
  samplePeople,
  sampleReferenceDate,
} from '../../sync/sample-hall/people';
import { SeededRandom } from '../../sync/sample-hall/random';

const today = sampleReferenceDate;
let catalogue: Catalogue;
let people: SamplePerson[];

beforeAll(() => {
  catalogue = sampleCatalogue();
  people = samplePeople(300);
});

/** A returning applicant whose profile holds every leaf a form can bind to. */
function completeProfile(person: SamplePerson): Profile {
  const random = new SeededRandom(7);
  const base = person.profile!;
  return profileSchema.parse({
    ...base,
    phone: base.phone ?? '13905950000',
    email: base.email ?? 'applicant@example.com',
    addresses: {
      current: base.addresses.current ?? '福建省南安市溪美街道新华社区8号',
      mailing: base.addresses.mailing ?? '福建省南安市柳城街道光明村9号',
      currentSince: '2019-03-01',
    },
    housingFund: { accountNumber: '350583123', centre: '泉州市住房公积金中心南安管理部' },
    drivingLicence: { class: 'C1', validTo: '2025-08-01' },
    exitEntry: { hkMacaoPermitNumber: 'CA1234567', passportNumber: null },
    emergencyContact: { name: '林美玲', phone: '13905951111' },
    statuses: { specialGroup: 'none', disabilityCertificate: null, veteranCertificate: null },
    company: {
      name: '南安市恒盛石材有限公司',
      creditCode: sampleCreditCode(random),
      role: 'legalRepresentative',
      address: '福建省南安市水头镇南星村1号',
    },
    household: {
      headName: person.identity.name,
      relationToHead: '本人',
      registeredAddress: person.identity.address,
      size: 3,
    },
    spouse: base.spouse ?? { name: '林美玲', idNumber: '11010519491231002X' },
    employer: { name: '南安市华兴贸易有限公司', creditCode: sampleCreditCode(random) },
    bank: { name: '中国银行', accountNumber: '6217001234567890' },
    education: '本科',
    occupation: '企业职工',
    maritalStatus: 'married',
    // 入学登记 (jy-rxdj) lists the applicant's children from the register.
    children: base.children?.length
      ? base.children
      : [
          {
            name: '林小明',
            idNumber: '350583201803010018',
            birthDate: '2018-03-01',
            sex: 'male',
            birthCertificateNumber: 'Q350180301',
          },
        ],
  });
}

function itemFor(form: FormDefinition) {
  const item = catalogue.items.find((entry) => entry.formId === form.id);
  if (!item) throw new Error(`no item for ${form.id}`);
  return item;
}

describe('auto-fill on each of the full forms', () => {
  it('covers at least 20 forms', () => {
    expect(catalogue.forms.length).toBeGreaterThanOrEqual(20);
  });

  it('a returning applicant gets every visible card- and profile-bound field, with its provenance', () => {
    for (const form of catalogue.forms) {
      const person = people.find((entry) => entry.profile)!;
      const profile = completeProfile(person);
      const item = itemFor(form);
      const result = autofill({
        form,
        identity: person.identity,
        profile,
        itemId: item.id,
        materials: item.materials,
        today,
      });
      const states = fieldStates(form, result.values);
      let bound = 0;
      for (const field of formFields(form)) {
        const source = field.source ? parseSource(field.source) : null;
        if (!source || !states.get(field.id)?.visible) continue;
        if (source.kind === 'card') {
          const expected = checkFieldValue(field, person.identity[source.field], false, { today });
          if (!expected.ok || expected.value === undefined) continue;
          expect(result.provenance[field.id], `${form.id}.${field.id}`).toBe('card');
          expect(result.values[field.id]).toEqual(expected.value);
          bound += 1;
        }
        if (source.kind === 'profile') {
          const held = readProfileField(profile, source.path as ProfileFieldPath);
          // A fact the form's choices exclude (a married person's status on 结婚登记) is asked, not filled.
          if (field.type === 'choice' && !field.options.some((entry) => entry.value === held)) {
            expect(result.provenance[field.id], `${form.id}.${field.id}`).toBe('empty');
            continue;
          }
          const expected = checkFieldValue(
            field,
            readProfileField(profile, source.path as ProfileFieldPath),
            false,
            { today },
          );
          expect(
            expected.ok && expected.value !== undefined,
            `${form.id}.${field.id} has a profile value`,
          ).toBe(true);
          expect(result.provenance[field.id], `${form.id}.${field.id}`).toBe('store');
          if (expected.ok) expect(result.values[field.id]).toEqual(expected.value);
          bound += 1;
        }
      }
      expect(bound, form.id).toBeGreaterThanOrEqual(5);
      // Everything auto-fill put in passes validation: only still-missing fields can be wrong.
      // Checked against the card that opened the session, as the host does: what the card lacks is not asked.
      const validation = validateFormValues(form, result.values, { today, card: person.identity });
      const failing = validation.ok ? [] : validation.errors.map((error) => error.fieldId);
      for (const fieldId of failing) expect(result.missingFields, `${form.id}.${fieldId}`).toContain(fieldId);
    }
  });

  it('a first-time applicant has only card fields filled and the rest listed as missing', () => {
    const person = people.find((entry) => entry.profile === null)!;
    for (const form of catalogue.forms) {
      const result = autofill({
        form,
        identity: person.identity,
        profile: null,
        itemId: itemFor(form).id,
        today,
      });
      const states = fieldStates(form, result.values, person.identity);
      for (const field of formFields(form)) {
        const visible = states.get(field.id)?.visible;
        const fromCard = field.source?.startsWith('card.') && result.values[field.id] !== undefined;
        if (fromCard) expect(result.provenance[field.id]).toBe('card');
        else {
          expect(result.values[field.id], `${form.id}.${field.id}`).toBeUndefined();
          expect(result.provenance[field.id]).toBe('empty');
          // A computed field (an age, a total) is worked out, never filled in: not missing.
          if (visible && isComputedField(field)) expect(result.missingFields).not.toContain(field.id);
          else if (visible) expect(result.missingFields).toContain(field.id);
        }
      }
      expect(
        Object.values(result.provenance).filter((entry) => entry === 'card').length,
        form.id,
      ).toBeGreaterThanOrEqual(5);
      expect(result.reusableMaterials).toEqual([]);
    }
  });

  it('an applicant who applied for the item before gets their earlier answers as "previous"', () => {
    let checked = 0;
    for (const person of people) {
      for (const [itemId, previous] of Object.entries(person.profile?.lastSubmissions ?? {})) {
        const form = catalogue.forms.find((entry) => entry.id === previous.formId)!;
        const result = autofill({ form, identity: person.identity, profile: person.profile, itemId, today });
        for (const [fieldId, value] of Object.entries(previous.values)) {
          const field = formFields(form).find((entry) => entry.id === fieldId)!;
          if (field.source || !fieldStates(form, result.values).get(fieldId)?.visible) continue;
          expect(result.provenance[fieldId], `${form.id}.${fieldId}`).toBe('previous');
          expect(result.values[fieldId]).toEqual(value);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('conditional profile fields appear once the condition holds', () => {
    const form = catalogue.forms.find((entry) => entry.id === 'sw-dkfp')!;
    const person = people.find((entry) => entry.profile)!;
    const profile = completeProfile(person);
    const chosenCompany: Profile = {
      ...profile,
      lastSubmissions: {
        'sw-dkfp': {
          submittedAt: '2025-01-02T10:00:00+08:00',
          formId: 'sw-dkfp',
          formVersion: 1,
          values: { sellerType: 'company' },
        },
      },
    };
    const hidden = autofill({ form, identity: person.identity, profile, itemId: 'sw-dkfp', today });
    expect(hidden.values.companyName).toBeUndefined();
    expect(hidden.missingFields).not.toContain('companyName');
    const shown = autofill({
      form,
      identity: person.identity,
      profile: chosenCompany,
      itemId: 'sw-dkfp',
      today,
    });
    expect(shown.values.sellerType).toBe('company');
    expect(shown.provenance.sellerType).toBe('previous');
    expect(shown.values.companyName).toBe(profile.company!.name);
    expect(shown.provenance.companyName).toBe('store');
  });

  it('offers archived materials for reusable requirements only, and only with consent to keep them', () => {
    const form = catalogue.forms.find((entry) => entry.id === 'rs-sbk-sl')!;
    const item = itemFor(form);
    const person = people.find(
      (entry) =>
        entry.profile?.consent.keepMaterials &&
        entry.profile.materials.some((material) => material.code === 'ID_PHOTO'),
    )!;
    const result = autofill({
      form,
      identity: person.identity,
      profile: person.profile,
      itemId: item.id,
      materials: item.materials,
      today,
    });
    const photo = person.profile!.materials.find((material) => material.code === 'ID_PHOTO')!;
    expect(result.reusableMaterials.map((material) => material.code)).toContain('ID_PHOTO');
    expect(result.values.photo).toEqual([photo.sha256]);
    expect(result.provenance.photo).toBe('store');
    const withoutConsent = {
      ...person.profile!,
      consent: { ...person.profile!.consent, keepMaterials: false },
    };
    const refused = autofill({
      form,
      identity: person.identity,
      profile: withoutConsent,
      itemId: item.id,
      materials: item.materials,
      today,
    });
    expect(refused.reusableMaterials).toEqual([]);
    expect(refused.values.photo).toBeUndefined();
  });
});

describe('updating the profile after a submission', () => {
  const now = '2025-06-01T09:30:00+08:00';

  function submitted(formId: string, person: SamplePerson, extra: Record<string, unknown>) {
    const form = catalogue.forms.find((entry) => entry.id === formId)!;
    const filled = autofill({ form, identity: person.identity, profile: null, itemId: formId, today });
    const result = validateFormValues(form, { ...filled.values, ...extra }, { today });
    if (!result.ok)
      throw new Error(JSON.stringify(result.errors.map((error) => `${error.fieldId}:${error.key}`)));
    return { form, values: result.values };
  }

  it('keeps nothing without consent', () => {
    const person = people.find((entry) => entry.profile === null)!;
    const { form, values } = submitted('crj-gaqz', person, {
      permitNumber: 'CA1234567',
      endorsementType: 'L',
      entries: 'once',
      phone: '13905951234',
      declaration: true,
    });
    expect(
      updateProfileAfterSubmission({
        profile: null,
        form,
        values,
        consent: { storeProfile: false, keepMaterials: false },
        materials: [],
        itemId: 'crj-gaqz',
        now,
      }),
    ).toBeNull();
  });

  it('records what the applicant typed, never card data or one-off answers, and re-uses it next time', () => {
    const person = people.find((entry) => entry.profile === null)!;
    const { form, values } = submitted('crj-gaqz', person, {
      permitNumber: 'CA1234567',
      endorsementType: 'L',
      entries: 'once',
      phone: '139 0595 1234',
      declaration: true,
    });
    const profile = updateProfileAfterSubmission({
      profile: null,
      form,
      values,
      consent: { storeProfile: true, keepMaterials: false },
      materials: [],
      itemId: 'crj-gaqz',
      now,
    })!;
    expect(profile.phone).toBe('13905951234');
    const remembered = profile.lastSubmissions['crj-gaqz']!.values;
    expect(remembered).toMatchObject({ permitNumber: 'CA1234567', endorsementType: 'L', entries: 'once' });
    expect(remembered).not.toHaveProperty('name');
    expect(remembered).not.toHaveProperty('idNumber');
    expect(remembered).not.toHaveProperty('declaration');
    expect(JSON.stringify(profile)).not.toContain(person.identity.idNumber);

    const next = autofill({ form, identity: person.identity, profile, itemId: 'crj-gaqz', today });
    expect(next.provenance.phone).toBe('store');
    // The permit number is a person fact (出入境 holds it): told once, it fills every form that asks.
    expect(next.provenance.permitNumber).toBe('store');
    expect(profile.exitEntry?.hkMacaoPermitNumber).toBe('CA1234567');
    expect(profile.factSources['exitEntry.hkMacaoPermitNumber']).toEqual({
      source: 'applicant',
      asOf: now.slice(0, 10),
    });
    expect(next.requiredMissingFields).toEqual(['declaration']);
  });

  it('replaces archived materials of the same code, and drops them all when the applicant withdraws consent', () => {
    const person = people.find((entry) => entry.profile?.materials.length)!;
    const old = person.profile!.materials[0]!;
    const replacement = { ...old, sha256: 'a'.repeat(64), archivedAt: '2025-06-01T09:00:00+08:00' };
    const form = catalogue.forms.find((entry) => entry.id === 'rs-sbk-sl')!;
    const updated = updateProfileAfterSubmission({
      profile: person.profile,
      form,
      values: {},
      consent: { storeProfile: true, keepMaterials: true },
      materials: [replacement],
      itemId: 'rs-sbk-sl',
      now,
    })!;
    expect(updated.materials.filter((material) => material.code === old.code)).toEqual([replacement]);
    expect(updated.materials.length).toBe(person.profile!.materials.length);
    const withdrawn = updateProfileAfterSubmission({
      profile: person.profile,
      form,
      values: {},
      consent: { storeProfile: true, keepMaterials: false },
      materials: [replacement],
      itemId: 'rs-sbk-sl',
      now,
    })!;
    expect(withdrawn.materials).toEqual([]);
  });
});
