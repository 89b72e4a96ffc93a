/**
 * The seam "caseFinished -> person record updates": when the window finishes (办结) a case, the life
 * event it records is written to the person's form-free store record, so the next form is filled from
 * it: 结婚登记 (spouse, marital status), 出生登记 (a child), 个体工商户设立 (a business). Each fact written
 * is dated with its source (`factSources`: windowCase, as of the day of 办结). Each item may name one
 * rule. A person with no record (no consent to the store) gets none made: the rules only update what
 * was kept. Runs on either central backend (CentralStorage).
 */
import { defaultHallTimeZone, hallDateOf } from '../../kernel/hall-time';
import { birthDateFromResidentId, isValidCreditCode, residentIdProblem } from '../../kernel/id-checks';
import {
  type BusinessRegistration,
  businessRegistrationSchema,
  type Child,
  childSchema,
  type FactOrigin,
  type Profile,
  type ProfileFieldPath,
  profileLeafSchema,
  profileSchema,
  withFact,
} from '../protocol/profile';
import type { CentralStorage } from './storage';

export interface FinishedCase {
  caseNumber: string;
  itemId: string;
  applicantKeyedHash: string;
  formValues: Readonly<Record<string, unknown>>;
  /** What the window wrote at 办结 (准予登记, the credit code or ID number it issued). */
  result?: string;
  finishedAtMs: number;
}

/** One leaf of the person's profile set to a value, or an entry added to one of their list facts. */
export type PersonRecordUpdate =
  | { path: ProfileFieldPath; value: unknown }
  | { add: 'children'; entry: Child }
  | { add: 'businesses'; entry: BusinessRegistration };

export type LifeEventRule = (finished: FinishedCase) => PersonRecordUpdate[];

const textValue = (value: unknown): string | null =>
  typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;

/** The hall's date of the 办结: the day the facts it records are true as of. */
const finishedOn = (finishedAtMs: number): string => hallDateOf(finishedAtMs, defaultHallTimeZone);

/** 18-character tokens of the window's result text (numbers it issued), in order. */
function issuedCodes(result: string | undefined): string[] {
  return (result ?? '').toUpperCase().match(/[0-9A-Z]{18}/g) ?? [];
}

/** 结婚登记 finished: the applicant is married, to the partner named on the form. */
const marriageRegistered: LifeEventRule = ({ formValues }) => {
  const updates: PersonRecordUpdate[] = [{ path: 'maritalStatus', value: 'married' }];
  const name = textValue(formValues.partnerName);
  const idNumber = textValue(formValues.partnerIdNumber);
  if (name) updates.push({ path: 'spouse.name', value: name });
  if (idNumber) updates.push({ path: 'spouse.idNumber', value: idNumber });
  return updates;
};

/**
 * 出生登记 finished: the applicant (a parent) has a child, as the form names the baby. The child's
 * 公民身份号码 is the one the window issued, when its result carries a valid number of that birth date.
 */
const birthRegistered: LifeEventRule = (finished) => {
  const { formValues } = finished;
  const name = textValue(formValues.babyName);
  const birthDate = textValue(formValues.babyBirthDate);
  const sex = formValues.babySex === 'male' || formValues.babySex === 'female' ? formValues.babySex : null;
  if (!name || !birthDate || !sex) return [];
  const idNumber =
    issuedCodes(finished.result).find(
      (code) => residentIdProblem(code) === null && birthDateFromResidentId(code) === birthDate,
    ) ?? null;
  const birthCertificateNumber = textValue(formValues.birthCertificateNumber);
  return [{ add: 'children', entry: { name, idNumber, birthDate, sex, birthCertificateNumber } }];
};

/**
 * 个体工商户设立登记 finished: the applicant runs a new individual business (its 经营者: owner and legal
 * representative in one) at the premises the form names, registered on the day of 办结; its unified
 * social credit code is the one the window issued, when the result carries a valid one.
 */
const soleTraderRegistered: LifeEventRule = (finished) => {
  const { formValues } = finished;
  const name = textValue(formValues.businessName);
  const address = textValue(formValues.premisesAddress);
  if (!name || !address) return [];
  const creditCode = issuedCodes(finished.result).find((code) => isValidCreditCode(code)) ?? null;
  return [
    {
      add: 'businesses',
      entry: {
        name,
        creditCode,
        kind: 'soleTrader',
        role: 'legalRepresentative',
        address,
        registeredOn: finishedOn(finished.finishedAtMs),
      },
    },
  ];
};

/** Facts the same event gives another person it names (the spouse, the other parent), by their number. */
export interface RelatedRecordUpdates {
  idNumber: string;
  updates: PersonRecordUpdate[];
}

export type RelatedLifeEventRule = (finished: FinishedCase) => RelatedRecordUpdates[];

/** 结婚登记: the partner is married too, to the applicant (the card's name and number on the form). */
const partnerMarried: RelatedLifeEventRule = ({ formValues }) => {
  const partner = textValue(formValues.partnerIdNumber);
  const name = textValue(formValues.name);
  const idNumber = textValue(formValues.idNumber);
  if (!partner || !name || !idNumber || partner === idNumber) return [];
  return [
    {
      idNumber: partner,
      updates: [
        { path: 'maritalStatus', value: 'married' },
        { path: 'spouse.name', value: name },
        { path: 'spouse.idNumber', value: idNumber },
      ],
    },
  ];
};

/** 出生登记: the other parent named on the form has the child too. */
const otherParentsChild: RelatedLifeEventRule = (finished) => {
  const parent = textValue(finished.formValues.spouseIdNumber);
  if (!parent || parent === textValue(finished.formValues.idNumber)) return [];
  const updates = birthRegistered(finished);
  return updates.length > 0 ? [{ idNumber: parent, updates }] : [];
};

/** By catalogue item id: the other people an event names and what it gives them. */
export const relatedLifeEventRules: Readonly<Record<string, RelatedLifeEventRule>> = {
  'mz-jhdj': partnerMarried,
  'hz-cs-dj': otherParentsChild,
};

/** By catalogue item id. */
export const lifeEventRules: Readonly<Record<string, LifeEventRule>> = {
  'mz-jhdj': marriageRegistered,
  'hz-cs-dj': birthRegistered,
  'scjg-gtgsh-sl': soleTraderRegistered,
};

function isValidUpdate(update: PersonRecordUpdate): boolean {
  if ('path' in update) return profileLeafSchema(update.path).safeParse(update.value).success;
  if (update.add === 'children') return childSchema.safeParse(update.entry).success;
  return businessRegistrationSchema.safeParse(update.entry).success;
}

/** What finishing this case changes in the person's record (each value checked against its schema). */
export function personRecordUpdates(finished: FinishedCase): PersonRecordUpdate[] {
  const rule = lifeEventRules[finished.itemId];
  if (!rule) return [];
  return rule(finished).filter(isValidUpdate);
}

/** The same child: by birth certificate, else by name and birth date (a repeated 办结 adds no twin). */
function sameChild(a: Child, b: Child): boolean {
  if (a.birthCertificateNumber !== null && b.birthCertificateNumber !== null)
    return a.birthCertificateNumber === b.birthCertificateNumber;
  return a.name === b.name && a.birthDate === b.birthDate;
}

/** The same business: by credit code where both have one, else by name. */
function sameBusiness(a: BusinessRegistration, b: BusinessRegistration): boolean {
  if (a.creditCode !== null && b.creditCode !== null) return a.creditCode === b.creditCode;
  return a.name === b.name;
}

function applyUpdate(profile: Profile, update: PersonRecordUpdate, origin: FactOrigin): Profile {
  if ('path' in update) return withFact(profile, update.path, update.value, origin);
  if (update.add === 'children') {
    const others = (profile.children ?? []).filter((child) => !sameChild(child, update.entry));
    return withFact(profile, 'children', [...others, update.entry], origin);
  }
  const entry = update.entry;
  const others = (profile.businesses ?? []).filter((business) => !sameBusiness(business, entry));
  const withBusiness = withFact(profile, 'businesses', [...others, entry], origin);
  // The person's "company" binds the forms' business fields: set it only where none is recorded, so a
  // company the person works for or already runs stays theirs.
  const company = profile.company;
  if (company !== null && company.name !== null && company.name !== entry.name) return withBusiness;
  const facts: [ProfileFieldPath, unknown][] = [
    ['company.name', entry.name],
    ['company.role', entry.role],
    ['company.address', entry.address],
  ];
  if (entry.creditCode !== null) facts.push(['company.creditCode', entry.creditCode]);
  return facts.reduce((p, [path, value]) => withFact(p, path, value, origin), withBusiness);
}

export function applyPersonRecordUpdates(
  profile: Profile,
  updates: readonly PersonRecordUpdate[],
  atMs: number,
): Profile {
  const origin: FactOrigin = { source: 'windowCase', asOf: finishedOn(atMs) };
  const updated = updates.reduce((p, u) => applyUpdate(p, u, origin), profileSchema.parse(profile));
  return profileSchema.parse({ ...updated, updatedAt: new Date(atMs).toISOString() });
}

/** The other people the finished case names, with what it changes in each one's record. */
export function relatedRecordUpdates(finished: FinishedCase): RelatedRecordUpdates[] {
  const rule = relatedLifeEventRules[finished.itemId];
  if (!rule) return [];
  return rule(finished)
    .map((related) => ({ ...related, updates: related.updates.filter(isValidUpdate) }))
    .filter((related) => related.updates.length > 0);
}

async function writeUpdates(
  storage: CentralStorage,
  keyedHash: string,
  updates: readonly PersonRecordUpdate[],
  atMs: number,
): Promise<number> {
  if (updates.length === 0) return 0;
  const record = await storage.getStoreRecord(keyedHash);
  if (!record) return 0;
  await storage.putStoreRecord({
    keyedHash: record.keyedHash,
    profile: applyPersonRecordUpdates(record.profile, updates, atMs),
    materials: record.materials,
    updatedAtMs: atMs,
  });
  return updates.length;
}

/**
 * Writes the finished case's life event as a new version of the person's record, and of the record of
 * each other person it names (the spouse, the other parent) when `keyedHashOf` (the hall's look-up key)
 * is given and that person has one kept; the number of facts written (0: no rule, or no record kept).
 */
export async function recordLifeEvent(
  storage: CentralStorage,
  finished: FinishedCase,
  keyedHashOf?: (idNumber: string) => string,
): Promise<number> {
  let written = await writeUpdates(
    storage,
    finished.applicantKeyedHash,
    personRecordUpdates(finished),
    finished.finishedAtMs,
  );
  if (!keyedHashOf) return written;
  for (const related of relatedRecordUpdates(finished)) {
    const keyedHash = keyedHashOf(related.idNumber);
    if (keyedHash === finished.applicantKeyedHash) continue;
    written += await writeUpdates(storage, keyedHash, related.updates, finished.finishedAtMs);
  }
  return written;
}
