import { defaultHallTimeZone, hallDateOf } from '../../../kernel/hall-time';
import { previousForeignPermanentNumber } from '../../../kernel/id-checks';
import { err, ok, type Result } from '../../../kernel/result';
import { TEXT_LENGTH } from '../codec/read-reply';
import { type Nation, nationOf, type Sex, sexOf } from './code-tables';
import { checkGb11643, type IdNumberCheck } from './id-number';
import type { DecodedPhoto } from './photo';

export type CardType = 'resident' | 'hk_macao_taiwan' | 'foreign_permanent_2017' | 'foreign_permanent_2023';

interface IdentityCommon {
  readonly idNumber: string;
  readonly sex: Sex;
  /** The raw GB/T 2261.1 code, kept because an unknown code maps to sex 'unknown'. */
  readonly sexCode: string;
  /** ISO dates (YYYY-MM-DD). */
  readonly birthDate: string;
  readonly validFrom: string;
  /** null: long-term validity (长期). */
  readonly validTo: string | null;
  /** validTo is before the reading day (by the injected clock, local time). */
  readonly expired: boolean;
  readonly idNumberCheck: IdNumberCheck;
  /** The WLT-compressed photo as read; decode it with a PhotoDecoder where one is deployed. */
  readonly photo: Uint8Array;
  /** The photo decoded by the reader's vendor SDK (BMP or JPEG), when the link gives one. */
  readonly decodedPhoto?: DecodedPhoto;
}

export interface ResidentIdentity extends IdentityCommon {
  readonly cardType: 'resident';
  readonly name: string;
  readonly nation: Nation;
  readonly address: string;
  readonly issuer: string;
}

export interface HkMacaoTaiwanIdentity extends IdentityCommon {
  readonly cardType: 'hk_macao_taiwan';
  readonly name: string;
  readonly address: string;
  readonly issuer: string;
  readonly passNumber: string;
  readonly issueCount: string;
}

export interface ForeignPermanent2017Identity extends IdentityCommon {
  readonly cardType: 'foreign_permanent_2017';
  readonly englishName: string;
  readonly chineseName: string | null;
  /** GB/T 2659 alpha-3. */
  readonly nationality: string;
  readonly cardVersion: string;
  readonly authorityCode: string;
}

/** Layout from a single source: provisional until checked against a real card. */
export interface ForeignPermanent2023Identity extends IdentityCommon {
  readonly cardType: 'foreign_permanent_2023';
  readonly chineseName: string | null;
  readonly englishName: string;
  readonly nationality: string;
  readonly renewalCount: string;
  /**
   * The 2017 card number this card replaced, derived from the link at offset 250 and checked
   * (kernel/id-checks previousForeignPermanentNumber): the key of the holder's records before renewal.
   * null for a first card, or a link that does not make a valid number.
   */
  readonly previousIdNumber: string | null;
}

export type CardIdentity =
  | ResidentIdentity
  | HkMacaoTaiwanIdentity
  | ForeignPermanent2017Identity
  | ForeignPermanent2023Identity;

export type IdentityDecodeErrorCode = 'unknown_card_type' | 'malformed_card_data';

/** A failure never carries field values (they are personal data): only which field was wrong. */
export type IdentityDecodeResult = Result<CardIdentity, IdentityDecodeErrorCode>;

export interface DecodeOptions {
  /** The reading moment, for the expired flag. */
  now?: Date;
  /** The hall's time zone decides on which day a card expires (kernel/hall-time). */
  timeZone?: string;
}

const LONG_TERM = '长期';

class MalformedField extends Error {}

/** Card text is padded with spaces (some readers leave NULs): drop both from the end. */
export function trimCardText(text: string): string {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x00 && c !== 0x3000 && c !== 0x09) break;
    end--;
  }
  return text.slice(0, end);
}

function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/** Text field at byte offset/length of the UCS-2LE block, trailing spaces and NULs removed. */
function field(text: Uint8Array, offset: number, bytes: number): string {
  const value = Buffer.from(text.buffer, text.byteOffset + offset, bytes).toString('utf16le');
  // A lone surrogate is a misread (bytes lost or shifted on the wire), never a name: shown, it would
  // become "�A英" on screen and on the form.
  if (hasLoneSurrogate(value)) throw new MalformedField('a text field is not valid UTF-16 (misread)');
  return trimCardText(value);
}

function optional(value: string): string | null {
  return value === '' ? null : value;
}

/** YYYYMMDD -> YYYY-MM-DD, rejecting impossible dates. */
export function isoDate(yyyymmdd: string): string | null {
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function requiredDate(raw: string, what: string): string {
  const iso = isoDate(raw);
  if (iso === null) throw new MalformedField(`${what} is not a YYYYMMDD date`);
  return iso;
}

function endDate(raw: string): string | null {
  if (raw === LONG_TERM) return null;
  return requiredDate(raw, 'valid-to date');
}

function commonFields(
  text: Uint8Array,
  photo: Uint8Array,
  today: string,
  at: { sex: number; birth: number; idNumber: number; idNumberBytes: number },
  gb11643: boolean,
): IdentityCommon {
  const sexCode = field(text, at.sex, 2);
  const birthRaw = field(text, at.birth, 16);
  const idNumber = field(text, at.idNumber, at.idNumberBytes);
  if (idNumber === '') throw new MalformedField('ID number is blank');
  const validTo = endDate(field(text, 204, 16));
  return {
    idNumber,
    sex: sexOf(sexCode),
    sexCode,
    birthDate: requiredDate(birthRaw, 'birth date'),
    validFrom: requiredDate(field(text, 188, 16), 'valid-from date'),
    validTo,
    expired: validTo !== null && validTo < today,
    idNumberCheck: gb11643 ? checkGb11643(idNumber, birthRaw) : { scheme: 'none' },
    photo,
  };
}

/**
 * The 256-byte UCS-2LE text block (plus the photo blob) as a typed identity. Bad input gives an
 * error value, never an exception.
 */
export function decodeIdentity(
  text: Uint8Array,
  photo: Uint8Array,
  options: DecodeOptions = {},
): IdentityDecodeResult {
  if (text.length !== TEXT_LENGTH) {
    return err('malformed_card_data', `text block is ${text.length} bytes, expected ${TEXT_LENGTH}`);
  }
  const today = hallDateOf((options.now ?? new Date()).getTime(), options.timeZone ?? defaultHallTimeZone);
  try {
    switch (field(text, 248, 2)) {
      case '':
        return ok<CardIdentity>({
          cardType: 'resident',
          name: field(text, 0, 30),
          ...commonFields(text, photo, today, { sex: 30, birth: 36, idNumber: 122, idNumberBytes: 36 }, true),
          nation: nationOf(field(text, 32, 4)),
          address: field(text, 52, 70),
          issuer: field(text, 158, 30),
        });
      case 'J':
        return ok<CardIdentity>({
          cardType: 'hk_macao_taiwan',
          name: field(text, 0, 30),
          ...commonFields(text, photo, today, { sex: 30, birth: 36, idNumber: 122, idNumberBytes: 36 }, true),
          address: field(text, 52, 70),
          issuer: field(text, 158, 30),
          passNumber: field(text, 220, 18),
          issueCount: field(text, 238, 4),
        });
      case 'I':
        return ok<CardIdentity>({
          cardType: 'foreign_permanent_2017',
          englishName: field(text, 0, 120),
          ...commonFields(
            text,
            photo,
            today,
            { sex: 120, birth: 220, idNumber: 122, idNumberBytes: 30 },
            false,
          ),
          chineseName: optional(field(text, 158, 30)),
          nationality: field(text, 152, 6),
          cardVersion: field(text, 236, 4),
          authorityCode: field(text, 240, 8),
        });
      case 'Y': {
        // The English name runs on from the first part into the second; padding only ends the whole.
        const englishName = trimCardText(
          Buffer.concat([Buffer.from(text.subarray(52, 122)), Buffer.from(text.subarray(220, 242))]).toString(
            'utf16le',
          ),
        );
        const common = commonFields(
          text,
          photo,
          today,
          { sex: 30, birth: 36, idNumber: 122, idNumberBytes: 36 },
          true,
        );
        const nationality = field(text, 242, 6);
        return ok<CardIdentity>({
          cardType: 'foreign_permanent_2023',
          chineseName: optional(field(text, 0, 30)),
          englishName,
          ...common,
          nationality,
          renewalCount: field(text, 32, 4),
          previousIdNumber: previousForeignPermanentNumber(common.idNumber, nationality, field(text, 250, 6)),
        });
      }
      default:
        return err(
          'unknown_card_type',
          `card type mark U+${((text[249]! << 8) | text[248]!).toString(16).padStart(4, '0')} is not known`,
        );
    }
  } catch (error) {
    if (error instanceof MalformedField) return err('malformed_card_data', error.message);
    throw error;
  }
}

/** The name a person is addressed by: the Chinese name where the card's first name field is one. */
export function primaryName(identity: CardIdentity): string {
  return identity.cardType === 'resident' || identity.cardType === 'hk_macao_taiwan'
    ? identity.name
    : identity.englishName;
}
