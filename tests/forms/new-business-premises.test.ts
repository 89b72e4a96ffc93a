import { describe, expect, it } from 'vitest';
import { autofill } from '../../sync/forms/autofill';
import type { CardIdentity } from '../../sync/protocol/forms';
import { type CompanyRole, emptyProfile, type Profile } from '../../sync/protocol/profile';
import { companySetupForm, soleTraderSetupForm } from '../../sync/sample-hall/forms';

/**
 * Issue 13: "a new 个体户's premises address is pre-filled from an unrelated employer". Where a new
 * business will trade is a fact of that application: not the address of a company the person works
 * for, nor of one they already run.
 */
const today = '2026-12-07';
const card: CardIdentity = {
  cardType: 'resident',
  name: '陈志强',
  otherName: null,
  sex: 'male',
  nation: '汉',
  nationality: null,
  birthDate: '1988-04-12',
  address: '福建省南安市溪美街道成功街 8 号',
  idNumber: '350583198804120031',
  issuer: '南安市公安局',
  validFrom: '2018-01-01',
  validTo: '2038-01-01',
};

function personAt(role: CompanyRole): Profile {
  return {
    ...emptyProfile(
      { storeProfile: true, keepMaterials: false, consentedAt: '2026-01-01T00:00:00+08:00' },
      '2026-01-01T00:00:00+08:00',
    ),
    phone: '13905951234',
    company: {
      name: '南安市恒盛石材有限公司',
      creditCode: '91350583MA2XYC000N',
      role,
      address: '福建省南安市水头镇南星村 1 号',
    },
    employer: { name: '南安市恒盛石材有限公司', creditCode: '91350583MA2XYC000N' },
  };
}

describe('the premises of a new business', () => {
  it.each(['employee', 'agent', 'legalRepresentative'] as const)(
    'are not pre-filled from a company the person is %s of',
    (role) => {
      for (const form of [soleTraderSetupForm, companySetupForm]) {
        const filled = autofill({ form, identity: card, profile: personAt(role), itemId: form.id, today });
        expect(filled.values.premisesAddress, form.id).toBeUndefined();
        expect(filled.whenShown.premisesAddress, form.id).toBeUndefined();
        expect(filled.missingFields, form.id).toContain('premisesAddress');
        // What the store does know still fills: the phone.
        expect(filled.values.phone, form.id).toBe('13905951234');
      }
    },
  );

  it('nor from the last business the person registered', () => {
    const profile: Profile = {
      ...personAt('legalRepresentative'),
      lastSubmissions: {
        'scjg-gtgsh-sl': {
          submittedAt: '2025-03-01T10:00:00+08:00',
          formId: 'scjg-gtgsh-sl',
          formVersion: 1,
          values: { premisesAddress: '福建省南安市溪美街道旧店 2 号', premisesTenure: 'rent' },
        },
      },
    };
    const filled = autofill({
      form: soleTraderSetupForm,
      identity: card,
      profile,
      itemId: 'scjg-gtgsh-sl',
      today,
    });
    expect(filled.values.premisesAddress).toBeUndefined();
  });
});
