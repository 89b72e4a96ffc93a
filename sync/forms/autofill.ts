import { isDeepStrictEqual } from 'node:util';
import type { MaterialRequirement } from '../protocol/catalogue';
import {
  type CardIdentity,
  checkFieldValue,
  type FormDefinition,
  type FormField,
  type FormValue,
  fieldStates,
  formFields,
  isComputedField,
  isEmptyValue,
  parseSource,
} from '../protocol/forms';
import {
  type ArchivedMaterial,
  emptyProfile,
  type GroupRow,
  type Profile,
  type ProfileConsent,
  type ProfileFieldPath,
  profileLeafSchema,
  profileSchema,
  readProfileField,
  withFact,
} from '../protocol/profile';
import { withLicenceFacts } from './licence-facts';

/**
 * The form-free store's auto-fill: fills a form from the card and the cached profile, says where each
 * value came from, and after a consented submission folds what the applicant confirmed back into the
 * profile. Pure: no I/O, no clock unless the caller passes none.
 */

/** Where a field's value came from, shown beside the field. The renderer sets 'typed' when the applicant edits. */
export type Provenance = 'card' | 'store' | 'previous' | 'typed' | 'empty';

export interface AutofillInput {
  form: FormDefinition;
  identity: CardIdentity;
  /**
   * The card whose values card-bound fields must keep and whose missing values hide their fields; the
   * identity itself by default. null for a session opened without a card (an SMS code): its identity
   * is vouched for, but what it lacks (a 户籍 address) is unknown, not absent, so it is asked.
   */
  card?: CardIdentity | null;
  /** The cached profile, or null for a first-time applicant (or a store miss). */
  profile: Profile | null;
  itemId: string;
  /**
   * The item's material list: archived copies are offered for its reusable requirements. When absent,
   * the form's file fields say which material codes are wanted.
   */
  materials?: readonly MaterialRequirement[];
  /** ISO date for date bounds when checking filled values; defaults to today. */
  today?: string;
  /**
   * The pages of the profile's electronic licences, as archived copies (the host renders them, see
   * host/services/licences): offered for their material codes unless a photographed copy is newer.
   */
  licenceCopies?: readonly ArchivedMaterial[];
}

export interface AutofillResult {
  /** Values of visible fields that could be filled; every one passes the field's validation. */
  values: Record<string, FormValue>;
  /** One entry per field of the form ('empty' for fields left blank or hidden). */
  provenance: Record<string, Provenance>;
  /** Archived materials (newest per code) that can stand in for the item's reusable requirements. */
  reusableMaterials: ArchivedMaterial[];
  /** Visible fields left empty, in form order: what the applicant still has to supply. */
  missingFields: string[];
  /** The subset of missingFields that must be filled before submitting. */
  requiredMissingFields: string[];
  /**
   * Values known for fields hidden when the form opens (the mailing address behind 邮寄, a company's name
   * behind its role): the renderer fills each when its field appears, so a revealed field is never empty
   * when the store knows it.
   */
  whenShown: Record<string, { value: FormValue; provenance: Exclude<Provenance, 'typed' | 'empty'> }>;
}

function newestMaterialsByCode(materials: readonly ArchivedMaterial[]): Map<string, ArchivedMaterial> {
  const newest = new Map<string, ArchivedMaterial>();
  for (const material of materials) {
    const known = newest.get(material.code);
    if (!known || known.archivedAt < material.archivedAt) newest.set(material.code, material);
  }
  return newest;
}

/**
 * The files of one archived copy: entries of the same code archived at the same moment are the pages of
 * one document, in order (a two-page 身份证复印件 photographed at a kiosk is two files). `first` is the
 * entry that stands for the copy (the one newestMaterialsByCode picks, and the one offered to re-use).
 */
export function archivedCopyPages(
  materials: readonly ArchivedMaterial[],
  first: ArchivedMaterial,
): ArchivedMaterial[] {
  const pages = materials.filter((m) => m.code === first.code && m.archivedAt === first.archivedAt);
  return pages.length > 0 ? pages : [first];
}

interface Candidate {
  value: unknown;
  provenance: Exclude<Provenance, 'typed' | 'empty'>;
}

function candidatesFor(field: FormField, input: AutofillInput, usableProfile: Profile | null): Candidate[] {
  const candidates: Candidate[] = [];
  const source = field.source === undefined ? null : parseSource(field.source);
  if (source?.kind === 'card') candidates.push({ value: input.identity[source.field], provenance: 'card' });
  if (usableProfile) {
    if (source?.kind === 'profile' && field.type === 'group') {
      candidates.push({
        value: groupRowsFromFact(
          field,
          readProfileField(usableProfile, source.path as ProfileFieldPath),
          input,
        ),
        provenance: 'store',
      });
    } else if (source?.kind === 'profile') {
      candidates.push({
        value: readProfileField(usableProfile, source.path as ProfileFieldPath),
        provenance: 'store',
      });
    }
    if (source?.kind === 'lastSubmission') {
      const previous = usableProfile.lastSubmissions[source.itemId]?.values[source.fieldId];
      candidates.push({ value: previous, provenance: 'previous' });
    }
    // What the applicant gave for this very field last time they applied for this item.
    if (field.remember !== false && field.type !== 'file' && source?.kind !== 'card') {
      candidates.push({
        value: usableProfile.lastSubmissions[input.itemId]?.values[field.id],
        provenance: 'previous',
      });
    }
    if (field.type === 'file') {
      const copies = archivedCopies(input, usableProfile);
      const material = newestMaterialsByCode(copies).get(field.materialCode);
      if (material) {
        const pages = archivedCopyPages(copies, material).map((page) => page.sha256);
        candidates.push({ value: pages, provenance: 'store' });
      }
    }
  }
  return candidates;
}

/**
 * A list fact as a group's rows: each record's values for the group's columns (other keys dropped). The
 * applicant's own record is left out: a group lists the others (family members to enrol with them).
 */
export function groupRowsFromFact(
  group: Extract<FormField, { type: 'group' }>,
  fact: unknown,
  input: { identity: CardIdentity },
): GroupRow[] | undefined {
  if (!Array.isArray(fact)) return undefined;
  const columns = group.fields.map((column) => column.id);
  return fact
    .filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null)
    .filter((record) => record.idNumber !== input.identity.idNumber)
    .map((record) => {
      const row: GroupRow = {};
      for (const column of columns) {
        const cell = record[column];
        if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean')
          row[column] = cell;
      }
      return row;
    })
    .slice(0, group.repeat.max);
}

/**
 * The copies that may stand in for materials: the pages kept with consent and the licences' pages (the
 * licence store's, not the applicant's photographs, so they need no consent to keep materials).
 */
function archivedCopies(input: AutofillInput, usableProfile: Profile): ArchivedMaterial[] {
  return [
    ...(usableProfile.consent.keepMaterials ? usableProfile.materials : []),
    ...(input.licenceCopies ?? []),
  ];
}

export function autofill(input: AutofillInput): AutofillResult {
  const { form, profile } = input;
  // The facts the profile's licences prove fill forms like the registers' (sync/forms/licence-facts.ts).
  const usableProfile = profile?.consent.storeProfile ? withLicenceFacts(profile) : null;
  const filled: Record<string, FormValue> = {};
  const filledFrom: Record<string, Exclude<Provenance, 'typed' | 'empty'>> = {};
  for (const field of formFields(form)) {
    if (isComputedField(field)) continue;
    for (const candidate of candidatesFor(field, input, usableProfile)) {
      if (isEmptyValue(candidate.value)) continue;
      // Only values the field accepts: a stale or mismatched stored value is left for the applicant.
      const checked = checkFieldValue(field, candidate.value, false, { today: input.today });
      if (checked.ok && checked.value !== undefined) {
        filled[field.id] = checked.value;
        filledFrom[field.id] = candidate.provenance;
        break;
      }
    }
  }

  const states = fieldStates(form, filled, input.card === undefined ? input.identity : input.card);
  const values: Record<string, FormValue> = {};
  const provenance: Record<string, Provenance> = {};
  const missingFields: string[] = [];
  const requiredMissingFields: string[] = [];
  const whenShown: AutofillResult['whenShown'] = {};
  for (const field of formFields(form)) {
    const state = states.get(field.id)!;
    const value = filled[field.id];
    if (state.visible && value !== undefined) {
      values[field.id] = value;
      provenance[field.id] = filledFrom[field.id]!;
      continue;
    }
    if (!state.visible && value !== undefined)
      whenShown[field.id] = { value, provenance: filledFrom[field.id]! };
    provenance[field.id] = 'empty';
    // A computed field is the form's arithmetic: nobody fills it.
    if (state.visible && !isComputedField(field)) {
      missingFields.push(field.id);
      if (state.required) requiredMissingFields.push(field.id);
    }
  }

  return {
    values,
    provenance,
    reusableMaterials: reusableMaterials(input, usableProfile),
    missingFields,
    requiredMissingFields,
    whenShown,
  };
}

/**
 * The values auto-fill gave the form's read-only fields, shown or revealed later: what a submission
 * must keep (ValidationOptions.fixedValues). The host computes this itself from the session.
 */
export function readOnlyValues(form: FormDefinition, filled: AutofillResult): Record<string, FormValue> {
  const fixed: Record<string, FormValue> = {};
  for (const field of formFields(form)) {
    if (field.readOnly !== true) continue;
    const value = filled.values[field.id] ?? filled.whenShown[field.id]?.value;
    if (value !== undefined) fixed[field.id] = value;
  }
  return fixed;
}

function reusableMaterials(input: AutofillInput, usableProfile: Profile | null): ArchivedMaterial[] {
  if (!usableProfile) return [];
  const wantedCodes = input.materials
    ? input.materials.filter((requirement) => requirement.reusable).map((requirement) => requirement.code)
    : formFields(input.form).flatMap((field) => (field.type === 'file' ? [field.materialCode] : []));
  const newest = newestMaterialsByCode(archivedCopies(input, usableProfile));
  return [...new Set(wantedCodes)].flatMap((code) => {
    const material = newest.get(code);
    return material ? [material] : [];
  });
}

// ---------------------------------------------------------------------------------------------------------
// After a submission.

export interface ProfileUpdateInput {
  /** The cached profile before this submission, or null for a first-time applicant. */
  profile: Profile | null;
  form: FormDefinition;
  /** The submitted values as validated (validateFormValues' output): what the applicant confirmed or typed. */
  values: Readonly<Record<string, FormValue>>;
  consent: { storeProfile: boolean; keepMaterials: boolean };
  /**
   * Pages captured in this submission for re-usable documents, one entry per page (entries of one code
   * share their archivedAt): with consent they replace the earlier copy of the same code. One-off papers
   * and the signature are never passed here.
   */
  materials: readonly ArchivedMaterial[];
  itemId: string;
  /** ISO timestamp of the submission. */
  now: string;
}

/**
 * The profile to keep after a submission. Without consent to the store it returns null: nothing about the
 * person may be kept, and the caller deletes any cached profile. With consent, every `profile.*` bound field
 * the applicant confirmed or typed is written back (when it fits the profile), the submission's remembered
 * values become `lastSubmissions[itemId]` (card data and file fields excluded: the card is read each time,
 * files live in `materials`), and the new materials replace older ones of the same code if the applicant
 * agreed to keep materials; otherwise the profile keeps no materials.
 */
export function updateProfileAfterSubmission(input: ProfileUpdateInput): Profile | null {
  const { form, values, consent, now } = input;
  if (!consent.storeProfile) return null;
  const profileConsent: ProfileConsent = { ...consent, consentedAt: now };
  // The facts the licences prove are what the form showed: confirmed unchanged, they keep the licence's date.
  let profile: Profile = withLicenceFacts({
    ...(input.profile ?? emptyProfile(profileConsent, now)),
    consent: profileConsent,
  });

  const states = fieldStates(form, values);
  const remembered: Record<string, FormValue> = {};
  for (const field of formFields(form)) {
    const value = values[field.id];
    if (value === undefined || isEmptyValue(value) || !states.get(field.id)?.visible) continue;
    const source = field.source === undefined ? null : parseSource(field.source);
    if (
      source?.kind === 'profile' &&
      // A group is a choice from a list fact (the members enrolled), not the list: it never replaces it.
      field.type !== 'group' &&
      profileLeafSchema(source.path as ProfileFieldPath).safeParse(value).success
    ) {
      const path = source.path as ProfileFieldPath;
      // A fact confirmed unchanged keeps the register it came from; a corrected or new one is the applicant's.
      if (!isDeepStrictEqual(readProfileField(profile, path), value))
        profile = withFact(profile, path, value, { source: 'applicant', asOf: now.slice(0, 10) });
    }
    if (
      field.remember !== false &&
      field.type !== 'file' &&
      source?.kind !== 'card' &&
      !isComputedField(field)
    )
      remembered[field.id] = value;
  }

  const materials = consent.keepMaterials
    ? [
        ...profile.materials.filter((kept) => !input.materials.some((added) => added.code === kept.code)),
        ...input.materials,
      ]
    : [];

  return profileSchema.parse({
    ...profile,
    lastSubmissions: {
      ...profile.lastSubmissions,
      [input.itemId]: { submittedAt: now, formId: form.id, formVersion: form.version, values: remembered },
    },
    materials,
    updatedAt: now,
  });
}
