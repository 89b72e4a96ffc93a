import type { MaterialRequirement } from '../protocol/catalogue';
import {
  type CardIdentity,
  checkFieldValue,
  type FormDefinition,
  type FormField,
  fieldFactKind,
  fieldStates,
  formFields,
  isEmptyValue,
  parseSource,
} from '../protocol/forms';
import { type Profile, type ProfileFieldPath, readProfileField } from '../protocol/profile';
import { autofill, groupRowsFromFact } from './autofill';
import { withLicenceFacts } from './licence-facts';

/**
 * How much of one form the form-free store fills for one person (`npm run forms:coverage`): the person-fact
 * fields (bound to the card or to a fact path) whose fact is held, how many of those fill, and what the
 * applicant still supplies for the application at hand, with the keystrokes and taps that costs.
 */

export interface PersonFactField {
  fieldId: string;
  /** The source string (card.name, profile.housingFund.accountNumber ...). */
  source: string;
  /** The card or the store holds a value for it. */
  held: boolean;
  /** Held, but the form's rules exclude it here (a married person's status on 结婚登记): asked, not filled. */
  refusedByForm: boolean;
  /** Filled on screen now, or when its field appears (whenShown). */
  filled: boolean;
}

export interface ApplicationFactCost {
  fieldId: string;
  type: FormField['type'];
  keystrokes: number;
  taps: number;
}

export interface FormCoverage {
  formId: string;
  personFacts: PersonFactField[];
  /** Person-fact fields held but left empty although the form accepts the held value: must be none. */
  heldButEmpty: string[];
  /** Person-fact fields the applicant must type because the store does not hold the fact. */
  unheldRequired: string[];
  /** Required person-fact fields whose held value this form excludes (asked again, by design). */
  refusedRequired: string[];
  /** Required application facts left to the applicant, with what each costs. */
  applicationFacts: ApplicationFactCost[];
  /** Keystrokes and taps for everything left: application facts and person facts the store lacks. */
  keystrokes: number;
  taps: number;
}

/*
 * What supplying one field costs on the kiosk's on-screen keyboards, as a returning applicant would:
 * a choice, a checkbox or a multi-choice is one tap; dates are typed as 8 digits; Chinese text is
 * typed in pinyin, about 4 keys per character with the candidate pick; fixed-format numbers by length.
 */
const chineseKeysPerCharacter = 4;
function costOf(field: FormField): { keystrokes: number; taps: number } {
  switch (field.type) {
    case 'choice':
    case 'multiChoice':
    case 'checkbox':
      return { keystrokes: 0, taps: 1 };
    case 'file':
      return { keystrokes: 0, taps: 0 };
    case 'date':
      return { keystrokes: 8, taps: 1 };
    case 'phone':
      return { keystrokes: 11, taps: 1 };
    case 'idNumber':
    case 'creditCode':
      return { keystrokes: 18, taps: 1 };
    case 'email':
      return { keystrokes: 20, taps: 1 };
    case 'number': {
      // A typical amount has four digits; a small bounded count (employees, floor) fewer.
      const max = field.validation?.max;
      return { keystrokes: max !== undefined && max < 1000 ? String(Math.round(max)).length : 4, taps: 1 };
    }
    case 'address':
      return { keystrokes: 14 * chineseKeysPerCharacter, taps: 1 };
    case 'group': {
      // Each row the group needs, typed column by column.
      const row = field.fields
        .map((column) => costOf(column as FormField))
        .reduce(
          (sum, cost) => ({ keystrokes: sum.keystrokes + cost.keystrokes, taps: sum.taps + cost.taps }),
          {
            keystrokes: 0,
            taps: 0,
          },
        );
      const rows = Math.max(1, field.repeat.min);
      return { keystrokes: row.keystrokes * rows, taps: row.taps * rows };
    }
    case 'text':
    case 'textarea': {
      if (field.keyboard === 'latin' || field.keyboard === 'digits')
        return { keystrokes: Math.min(field.validation?.maxLength ?? 10, 12), taps: 1 };
      const characters = field.type === 'textarea' ? 20 : 6;
      return { keystrokes: characters * chineseKeysPerCharacter, taps: 1 };
    }
  }
}

function heldValue(field: FormField, identity: CardIdentity, profile: Profile | null): unknown {
  const source = field.source ? parseSource(field.source) : null;
  if (!source) return undefined;
  if (source.kind === 'card') return identity[source.field];
  if (source.kind === 'profile' && profile?.consent.storeProfile && field.type === 'group')
    // A group holds the others on the list: the applicant's own record is not one of its rows.
    return groupRowsFromFact(field, readProfileField(profile, source.path as ProfileFieldPath), { identity });
  if (source.kind === 'profile' && profile?.consent.storeProfile)
    return readProfileField(profile, source.path as ProfileFieldPath);
  return undefined;
}

export function formCoverage(input: {
  form: FormDefinition;
  identity: CardIdentity;
  profile: Profile | null;
  itemId: string;
  materials?: readonly MaterialRequirement[];
  today: string;
}): FormCoverage {
  const { form, identity, today } = input;
  // What the store holds includes what the profile's licences prove, as autofill reads it.
  const profile = input.profile ? withLicenceFacts(input.profile) : null;
  const filled = autofill({ ...input, materials: input.materials });
  const states = fieldStates(form, filled.values, identity);
  const personFacts: PersonFactField[] = [];
  const heldButEmpty: string[] = [];
  const unheldRequired: string[] = [];
  const refusedRequired: string[] = [];
  const applicationFacts: ApplicationFactCost[] = [];
  const personFactCosts: { keystrokes: number; taps: number }[] = [];
  for (const field of formFields(form)) {
    const state = states.get(field.id)!;
    const shownLater = filled.whenShown[field.id] !== undefined;
    if (fieldFactKind(field) !== 'application') {
      const value = heldValue(field, identity, profile);
      const held = !isEmptyValue(value);
      // Only fields the applicant can meet: shown now, or filled for when they appear.
      if (!state.visible && !shownLater) continue;
      const accepted = held && checkFieldValue(field, value, false, { today }).ok;
      const isFilled = filled.values[field.id] !== undefined || shownLater;
      personFacts.push({
        fieldId: field.id,
        source: field.source ?? '',
        held,
        refusedByForm: held && !accepted,
        filled: isFilled,
      });
      if (accepted && !isFilled) heldButEmpty.push(field.id);
      if ((!held || !accepted) && state.visible && state.required && !isFilled) {
        (held ? refusedRequired : unheldRequired).push(field.id);
        personFactCosts.push(costOf(field));
      }
      continue;
    }
    if (!state.visible || !state.required || filled.values[field.id] !== undefined) continue;
    if (field.type === 'file') continue; // documents are the materials step's, not typing
    applicationFacts.push({ fieldId: field.id, type: field.type, ...costOf(field) });
  }
  return {
    formId: form.id,
    personFacts,
    heldButEmpty,
    unheldRequired,
    refusedRequired,
    applicationFacts,
    keystrokes: [...applicationFacts, ...personFactCosts].reduce((sum, entry) => sum + entry.keystrokes, 0),
    taps: [...applicationFacts, ...personFactCosts].reduce((sum, entry) => sum + entry.taps, 0),
  };
}
