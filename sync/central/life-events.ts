/**
 * The seam "caseFinished -> person record updates": when the window finishes (办结) a case, the life
 * event it records (a marriage, a birth, a move) is written to the person's form-free store record,
 * so the next form is filled from it. Each item may name one rule; issue 13 adds the rest. A person
 * with no record (no consent to the store) gets none made: the rules only update what was kept.
 */
import {
  type Profile,
  type ProfileFieldPath,
  profileLeafSchema,
  profileSchema,
  withProfileField,
} from '../protocol/profile';
import type { CentralStorage } from './storage';

export interface FinishedCase {
  caseNumber: string;
  itemId: string;
  applicantKeyedHash: string;
  formValues: Readonly<Record<string, unknown>>;
  finishedAtMs: number;
}

/** One leaf of the person's profile set to a value. */
export interface PersonRecordUpdate {
  path: ProfileFieldPath;
  value: unknown;
}

export type LifeEventRule = (finished: FinishedCase) => PersonRecordUpdate[];

const textValue = (value: unknown): string | null =>
  typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;

/** 结婚登记 finished: the applicant is married, to the partner named on the form. */
const marriageRegistered: LifeEventRule = ({ formValues }) => {
  const updates: PersonRecordUpdate[] = [{ path: 'maritalStatus', value: 'married' }];
  const name = textValue(formValues.partnerName);
  const idNumber = textValue(formValues.partnerIdNumber);
  if (name) updates.push({ path: 'spouse.name', value: name });
  if (idNumber) updates.push({ path: 'spouse.idNumber', value: idNumber });
  return updates;
};

/** By catalogue item id. */
export const lifeEventRules: Readonly<Record<string, LifeEventRule>> = {
  'mz-jhdj': marriageRegistered,
};

/** What finishing this case changes in the person's record (each value checked against its leaf). */
export function personRecordUpdates(finished: FinishedCase): PersonRecordUpdate[] {
  const rule = lifeEventRules[finished.itemId];
  if (!rule) return [];
  return rule(finished).filter((u) => profileLeafSchema(u.path).safeParse(u.value).success);
}

export function applyPersonRecordUpdates(
  profile: Profile,
  updates: readonly PersonRecordUpdate[],
  atMs: number,
): Profile {
  const updated = updates.reduce((p, u) => withProfileField(p, u.path, u.value), profile);
  return profileSchema.parse({ ...updated, updatedAt: new Date(atMs).toISOString() });
}

/**
 * Writes the finished case's life event as a new version of the person's record; the number of
 * leaves written (0: no rule, or no record kept for the person).
 */
export async function recordLifeEvent(storage: CentralStorage, finished: FinishedCase): Promise<number> {
  const updates = personRecordUpdates(finished);
  if (updates.length === 0) return 0;
  const record = await storage.getStoreRecord(finished.applicantKeyedHash);
  if (!record) return 0;
  await storage.putStoreRecord({
    keyedHash: record.keyedHash,
    profile: applyPersonRecordUpdates(record.profile, updates, finished.finishedAtMs),
    materials: record.materials,
    updatedAtMs: finished.finishedAtMs,
  });
  return updates.length;
}
