import { describe, expect, it } from 'vitest';
import {
  type CardIdentity,
  checkGb11643,
  decodeIdentity,
  isoDate,
  maskIdNumber,
  nationOf,
  sexOf,
} from '../../../drivers/idcard/identity';
import { CardTextBuilder } from '../../../drivers/idcard/simulator/card-text';
import { buildTestCards } from '../../../drivers/idcard/simulator/test-cards';
import { ageOn } from '../../../kernel/age';
import { residentIdCheckCharacter } from '../../../kernel/id-checks';

const cards = new Map(buildTestCards().map((c) => [c.id, c]));
const now = new Date(2026, 10, 26, 12, 0, 0);

function decodeCard(id: string, at = now): CardIdentity {
  const card = cards.get(id);
  if (!card) throw new Error(`no fixture ${id}`);
  const result = decodeIdentity(card.text, card.photo, { now: at });
  if (!result.ok) throw new Error(`${id}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('GB 11643 check digit', () => {
  it('accepts the standard example 11010519491231002X', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(checkGb11643('11010519491231002X', '19491231')).toEqual({
      scheme: 'gb11643',
      checkDigitValid: true,
      birthDateMatches: true,
    });
  });

  it('flags a wrong check digit and a birth date that does not match', () => {
    expect(checkGb11643('110105194912310021', '19491231')).toMatchObject({
      checkDigitValid: false,
      birthDateMatches: true,
    });
    expect(checkGb11643('11010519491231002X', '19500101')).toMatchObject({
      checkDigitValid: true,
      birthDateMatches: false,
    });
    expect(checkGb11643('1101051949', '19491231')).toMatchObject({
      checkDigitValid: false,
      birthDateMatches: false,
    });
    expect(residentIdCheckCharacter('1101051949123100A')).toBeNull();
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('H1234567')).toBe('********');
  });
});

describe('code tables and dates', () => {
  it('maps sex codes, unknown ones to unknown', () => {
    expect(['0', '1', '2', '9', '7', ''].map(sexOf)).toEqual([
      'unknown',
      'male',
      'female',
      'unstated',
      'unknown',
      'unknown',
    ]);
  });

  it('maps nation codes and shows an unknown code as itself', () => {
    expect(nationOf('01')).toEqual({ code: '01', name: '汉', known: true });
    expect(nationOf('56').name).toBe('基诺');
    expect(nationOf('98').name).toBe('外国血统中国籍人士');
    expect(nationOf('99')).toEqual({ code: '99', name: '99', known: false });
  });

  it('maps 57 and 58, the codes one public SDK uses beside 97 and 98', () => {
    expect(nationOf('57')).toEqual({ code: '57', name: '其他', known: true });
    expect(nationOf('58')).toEqual({ code: '58', name: '外国血统中国籍人士', known: true });
    expect(nationOf('97')).toEqual({ code: '97', name: '其他', known: true });
  });

  it('accepts real dates only', () => {
    expect(isoDate('20240229')).toBe('2024-02-29');
    expect(isoDate('20230229')).toBeNull();
    expect(isoDate('20231301')).toBeNull();
    expect(isoDate('2023011')).toBeNull();
  });

  it('computes age in whole years on the local day', () => {
    expect(ageOn('1988-03-15', '2026-03-14')).toBe(37);
    expect(ageOn('1988-03-15', '2026-03-15')).toBe(38);
  });
});

describe('decodeIdentity on the fixture cards', () => {
  it('resident ID card', () => {
    const id = decodeCard('resident');
    expect(id).toMatchObject({
      cardType: 'resident',
      name: '林测试',
      sex: 'male',
      sexCode: '1',
      nation: { code: '01', name: '汉', known: true },
      birthDate: '1988-03-15',
      address: '福建省南安市溪美街道示例路1号',
      issuer: '南安市公安局',
      validFrom: '2016-03-15',
      validTo: '2036-03-15',
      expired: false,
      idNumberCheck: { scheme: 'gb11643', checkDigitValid: true, birthDateMatches: true },
    });
    expect(id.idNumber).toMatch(/^35058319880315123[0-9X]$/);
    expect(id.photo).toHaveLength(1024);
  });

  it('long-term validity gives validTo null and never expires', () => {
    const id = decodeCard('resident-long-term', new Date(2090, 0, 1));
    expect(id).toMatchObject({ validTo: null, expired: false, sex: 'female' });
    expect(id.cardType === 'resident' && id.nation.name).toBe('维吾尔');
  });

  it('expired relative to the injected clock on the hall’s calendar, inclusive of the last day', () => {
    expect(decodeCard('resident-expired').expired).toBe(true);
    expect(decodeCard('resident-expired', new Date('2021-09-20T23:00:00+08:00')).expired).toBe(false);
    // 00:30 in the hall is 16:30 the day before in UTC: the hall's day decides.
    expect(decodeCard('resident-expired', new Date('2021-09-21T00:30:00+08:00')).expired).toBe(true);
  });

  it('a wrong check digit is reported, not fatal', () => {
    expect(decodeCard('resident-bad-check-digit').idNumberCheck).toEqual({
      scheme: 'gb11643',
      checkDigitValid: false,
      birthDateMatches: true,
    });
  });

  it('an unknown nation code is shown as the code', () => {
    const id = decodeCard('resident-unknown-nation');
    expect(id.cardType === 'resident' && id.nation).toEqual({ code: '99', name: '99', known: false });
  });

  it('Hong Kong/Macao/Taiwan residence permit', () => {
    expect(decodeCard('hk-macao-taiwan')).toMatchObject({
      cardType: 'hk_macao_taiwan',
      name: '何示例',
      sex: 'female',
      birthDate: '1990-06-06',
      passNumber: 'H12345678',
      issueCount: '01',
      validTo: '2028-06-06',
      idNumberCheck: { checkDigitValid: true, birthDateMatches: true },
    });
  });

  it('foreign permanent resident card, 2017 layout', () => {
    expect(decodeCard('foreign-permanent-2017')).toMatchObject({
      cardType: 'foreign_permanent_2017',
      englishName: 'TESTER, SAMPLE PERSON',
      chineseName: '泰样本',
      sex: 'male',
      idNumber: 'USA350090010152',
      nationality: 'USA',
      birthDate: '1990-01-01',
      validFrom: '2017-06-01',
      validTo: '2027-06-01',
      cardVersion: '20',
      authorityCode: '1500',
      idNumberCheck: { scheme: 'none' },
    });
  });

  it('foreign permanent resident card, 2023 layout: the English name runs on into its second part', () => {
    expect(decodeCard('foreign-permanent-2023')).toMatchObject({
      cardType: 'foreign_permanent_2023',
      chineseName: '艾示例',
      englishName: 'EXAMPLE-LONGNAME, ALEXANDRA MARGARET JOHANNA',
      sex: 'female',
      nationality: 'USA',
      renewalCount: '00',
      birthDate: '1985-03-15',
      previousIdNumber: null,
      idNumberCheck: { scheme: 'gb11643', checkDigitValid: true, birthDateMatches: true },
    });
  });

  it('every fixture except the bad one has a valid check digit', () => {
    for (const card of buildTestCards()) {
      const result = decodeIdentity(card.text, card.photo, { now });
      expect(result.ok).toBe(true);
      if (!result.ok || result.value.idNumberCheck.scheme === 'none') continue;
      expect(result.value.idNumberCheck.checkDigitValid).toBe(card.id !== 'resident-bad-check-digit');
    }
  });
});

describe('decodeIdentity on bad input', () => {
  it('unknown card type mark', () => {
    const text = new CardTextBuilder().put(248, 2, 'Z').build();
    const result = decodeIdentity(text, Buffer.alloc(0), { now });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_card_type' } });
  });

  it('impossible dates and a blank ID number are malformed, and messages carry no field values', () => {
    const base = () =>
      new CardTextBuilder()
        .put(0, 30, '某人')
        .put(30, 2, '1')
        .put(32, 4, '01')
        .put(36, 16, '19900101')
        .put(122, 36, '350583199001011234')
        .put(188, 16, '20200101')
        .put(204, 16, '20300101');
    const badBirth = decodeIdentity(base().put(36, 16, '19901301').build(), Buffer.alloc(0), { now });
    expect(badBirth).toMatchObject({
      ok: false,
      error: { code: 'malformed_card_data', message: 'birth date is not a YYYYMMDD date' },
    });
    const badEnd = decodeIdentity(base().put(204, 16, '2030XXXX').build(), Buffer.alloc(0), { now });
    expect(badEnd).toMatchObject({ ok: false, error: { code: 'malformed_card_data' } });
    const blankId = decodeIdentity(base().put(122, 36, ' '.repeat(18)).build(), Buffer.alloc(0), { now });
    expect(blankId).toMatchObject({ ok: false, error: { code: 'malformed_card_data' } });
    expect(JSON.stringify([badBirth, badEnd, blankId])).not.toContain('1990');
  });

  it('a text block of the wrong size is malformed', () => {
    expect(decodeIdentity(Buffer.alloc(100), Buffer.alloc(0))).toMatchObject({
      ok: false,
      error: { code: 'malformed_card_data' },
    });
  });

  it('random text blocks never throw', () => {
    for (let seed = 1; seed < 2000; seed++) {
      const text = Buffer.alloc(256);
      for (let i = 0; i < 256; i++) text[i] = (seed * 2654435761 + i * 40503) >>> (i % 24);
      if (seed % 3 === 0) text.writeUInt16LE(0x4a, 248);
      if (seed % 5 === 0) text.writeUInt16LE(0x20, 248);
      expect(() => decodeIdentity(text, Buffer.alloc(0), { now })).not.toThrow();
    }
  });
});

describe('a renewed 2023 foreign permanent residence card (Y) names the card it replaced', () => {
  // The vendor SDK's published sample pair: the 2023 card 931586198001010028 of a Pakistani citizen
  // born 1980-01-01, renewed from the 2017 card PAK310080010103 (city 00, sequence 0: link "000").
  function renewedCard(link: string | null): Buffer {
    const builder = new CardTextBuilder()
      .put(0, 30, '证件样本')
      .put(30, 2, '2')
      .put(32, 4, '01')
      .put(36, 16, '19800101')
      .put(52, 70, 'ZHENGJIAN, YANGBEN')
      .put(122, 36, '931586198001010028')
      .put(188, 16, '20230808')
      .put(204, 16, '20330807')
      .put(242, 6, 'PAK')
      .put(248, 2, 'Y');
    return (link === null ? builder : builder.put(250, 6, link)).build();
  }

  function decoded(link: string | null) {
    const result = decodeIdentity(renewedCard(link), Buffer.alloc(1024), { now });
    if (!result.ok || result.value.cardType !== 'foreign_permanent_2023') throw new Error('not a Y card');
    return result.value;
  }

  it('derives the previous 15-character number, check digit included', () => {
    expect(decoded('000').previousIdNumber).toBe('PAK310080010103');
    expect(decoded('000').renewalCount).toBe('01');
  });

  it('a first card (blank link) has none', () => {
    expect(decoded(null).previousIdNumber).toBeNull();
  });

  it('a misread link gives no number rather than somebody else’s', () => {
    expect(decoded('0A0').previousIdNumber).toBeNull();
    expect(decoded('00').previousIdNumber).toBeNull();
  });
});
