import type { IdentityView } from '../../host/api/identity';

/** A synthetic applicant (valid GB 11643 check digit) for host-level tests. */
export const testIdentity: IdentityView = {
  cardType: 'resident',
  name: '测试甲',
  otherName: null,
  sex: 'female',
  nation: '汉',
  nationality: null,
  birthDate: '1949-12-31',
  address: '福建省南安市溪美街道测试路1号',
  idNumber: '11010519491231002X',
  issuer: '南安市公安局',
  validFrom: '2015-01-01',
  validTo: null,
  expired: false,
  checkDigitValid: true,
  age: 76,
};
