import { residentIdCheckCharacter } from '../../../kernel/id-checks';
import { CardTextBuilder, SYNTHETIC_PHOTO_LENGTH, seedOf, syntheticBytes } from './card-text';

/** A card the emulator can lay on its reader. Synthetic people only. */
export interface TestCard {
  readonly id: string;
  /** What an operator panel shows; describes the fixture, not a person. */
  readonly label: string;
  readonly text: Buffer;
  /** Filler bytes of WLT size: not an image. */
  readonly photo: Buffer;
  readonly fingerprint: Buffer;
  /** The 8 bytes select-card returns. */
  readonly serial: Buffer;
  readonly addedAddress: string | null;
}

/** 17 digits plus their GB 11643 check character. */
export function withCheckCharacter(first17: string): string {
  const check = residentIdCheckCharacter(first17);
  if (check === null) throw new Error('need 17 digits');
  return first17 + check;
}

/** The same number with a check character that is certainly wrong. */
function withWrongCheckCharacter(first17: string): string {
  const right = withCheckCharacter(first17).slice(-1);
  return first17 + (right === '0' ? '1' : '0');
}

export interface ResidentFields {
  name: string;
  sex: string;
  nation: string;
  birth: string;
  address: string;
  idNumber: string;
  issuer: string;
  validFrom: string;
  validTo: string;
}

function residentText(f: ResidentFields): Buffer {
  return new CardTextBuilder()
    .put(0, 30, f.name)
    .put(30, 2, f.sex)
    .put(32, 4, f.nation)
    .put(36, 16, f.birth)
    .put(52, 70, f.address)
    .put(122, 36, f.idNumber)
    .put(158, 30, f.issuer)
    .put(188, 16, f.validFrom)
    .put(204, 16, f.validTo)
    .build();
}

function card(
  id: string,
  label: string,
  text: Buffer,
  extra: { fingerprint?: boolean; addedAddress?: string } = {},
): TestCard {
  const seed = seedOf(id);
  return {
    id,
    label,
    text,
    photo: syntheticBytes(SYNTHETIC_PHOTO_LENGTH, seed),
    fingerprint: extra.fingerprint ? syntheticBytes(1024, seed ^ 0x5a5a5a5a) : Buffer.alloc(0),
    serial: syntheticBytes(8, seed ^ 0x1234567),
    addedAddress: extra.addedAddress ?? null,
  };
}

const nanAnAuthority = '南安市公安局';

/** A card of any type from its 256-byte text block (demo mode lays the sample hall's permit holders on it). */
export function textTestCard(id: string, label: string, text: Buffer): TestCard {
  return card(id, label, text);
}

/** A resident card for any synthetic person (demo mode lays the sample hall's people on the reader). */
export function residentTestCard(id: string, label: string, fields: ResidentFields): TestCard {
  return card(id, label, residentText(fields));
}

/** One card per type and per awkward case the kiosk must handle. */
export function buildTestCards(): TestCard[] {
  return [
    card(
      'resident',
      'Resident ID card (male, 1988)',
      residentText({
        name: '林测试',
        sex: '1',
        nation: '01',
        birth: '19880315',
        address: '福建省南安市溪美街道示例路1号',
        idNumber: withCheckCharacter('35058319880315123'),
        issuer: nanAnAuthority,
        validFrom: '20160315',
        validTo: '20360315',
      }),
      { fingerprint: true, addedAddress: '福建省南安市柳城街道样例巷2号' },
    ),
    card(
      'resident-long-term',
      'Resident ID card, long-term validity (female, 1956)',
      residentText({
        name: '陈样例',
        sex: '2',
        nation: '05',
        birth: '19560708',
        address: '福建省南安市美林街道测试村3号',
        idNumber: withCheckCharacter('35058319560708246'),
        issuer: nanAnAuthority,
        validFrom: '20120708',
        validTo: '长期',
      }),
    ),
    card(
      'resident-expired',
      'Resident ID card, expired (male, 2005)',
      residentText({
        name: '黄过期',
        sex: '1',
        nation: '01',
        birth: '20050920',
        address: '福建省南安市省新镇示例街4号',
        idNumber: withCheckCharacter('35058320050920051'),
        issuer: nanAnAuthority,
        validFrom: '20160920',
        validTo: '20210920',
      }),
    ),
    card(
      'resident-bad-check-digit',
      'Resident ID card with a wrong check digit',
      residentText({
        name: '吴校验',
        sex: '2',
        nation: '01',
        birth: '19920101',
        address: '福建省南安市水头镇测试路5号',
        idNumber: withWrongCheckCharacter('35058319920101318'),
        issuer: nanAnAuthority,
        validFrom: '20180101',
        validTo: '20380101',
      }),
    ),
    card(
      'resident-unknown-nation',
      'Resident ID card with an unknown nation code (99)',
      residentText({
        name: '郑未知',
        sex: '1',
        nation: '99',
        birth: '19791111',
        address: '福建省南安市官桥镇样例路6号',
        idNumber: withCheckCharacter('35058319791111135'),
        issuer: nanAnAuthority,
        validFrom: '20191111',
        validTo: '20391111',
      }),
    ),
    card(
      'hk-macao-taiwan',
      'Hong Kong/Macao/Taiwan residence permit (J)',
      new CardTextBuilder()
        .put(0, 30, '何示例')
        .put(30, 2, '2')
        .put(36, 16, '19900606')
        .put(52, 70, '广东省深圳市福田区测试路8号')
        .put(122, 36, withCheckCharacter('81000019900606012'))
        .put(158, 30, '深圳市公安局福田分局')
        .put(188, 16, '20230606')
        .put(204, 16, '20280606')
        .put(220, 18, 'H12345678')
        .put(238, 4, '01')
        .put(248, 2, 'J')
        .build(),
    ),
    card(
      'foreign-permanent-2017',
      'Foreign permanent resident card, 2017 layout (I)',
      new CardTextBuilder()
        .put(0, 120, 'TESTER, SAMPLE PERSON')
        .put(120, 2, '1')
        .put(122, 30, 'USA350090010152')
        .put(152, 6, 'USA')
        .put(158, 30, '泰样本')
        .put(188, 16, '20170601')
        .put(204, 16, '20270601')
        .put(220, 16, '19900101')
        .put(236, 4, '20')
        .put(240, 8, '1500')
        .put(248, 2, 'I')
        .build(),
    ),
    card(
      'foreign-permanent-2023',
      'Foreign permanent resident card, 2023 layout (Y, provisional)',
      new CardTextBuilder()
        .put(0, 30, '艾示例')
        .put(30, 2, '2')
        .put(32, 4, '00')
        .put(36, 16, '19850315')
        // 35 characters fill the first English-name part; the rest runs on at offset 220.
        .put(52, 70, 'EXAMPLE-LONGNAME, ALEXANDRA MARGARE')
        .put(122, 36, withCheckCharacter('93584019850315004'))
        .put(188, 16, '20240101')
        .put(204, 16, '20340101')
        .put(220, 22, 'T JOHANNA')
        .put(242, 6, 'USA')
        .put(248, 2, 'Y')
        .build(),
    ),
  ];
}
