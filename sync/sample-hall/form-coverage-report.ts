import { type FormCoverage, formCoverage } from '../forms/form-coverage';
import type { Catalogue } from '../protocol/catalogue';
import { type FormDefinition, formFields, parseSource } from '../protocol/forms';
import { holdsFact, type Profile, type ProfileFieldPath } from '../protocol/profile';
import { sampleCatalogue } from './catalogue';
import { sampleForms } from './forms';
import { type SamplePerson, sampleNonResidentPeople, samplePeople, sampleReferenceDate } from './people';

/**
 * The form-free store's coverage over the sample hall (`npm run forms:coverage`, quoted in BENCHMARKS.md):
 * for every full form and every kind of sample person, the person-fact fields filled out of those whose
 * fact is held, the application facts left, and the keystrokes a returning applicant still needs.
 */

export type PersonKind = `${SamplePerson['identity']['cardType']}, ${'returning' | 'first-time'}`;

export function personKind(person: SamplePerson): PersonKind {
  return `${person.identity.cardType}, ${person.profile?.consent.storeProfile ? 'returning' : 'first-time'}`;
}

export interface CoverageRow {
  formId: string;
  kind: PersonKind;
  people: number;
  /** Person-fact fields the card or store holds and the form accepts, summed over the people. */
  heldFields: number;
  filledFields: number;
  /** Held facts the form's rules exclude for that person (asked, not filled), summed. */
  refusedByForm: number;
  /** Mean required application facts left per person. */
  applicationFactsLeft: number;
  /** Mean keystrokes and taps per person for everything left. */
  keystrokes: number;
  taps: number;
  /** (form, person) pairs where a held, accepted fact was left empty: must be none. */
  misses: { idNumberIndex: number; fieldIds: string[] }[];
}

export interface CoverageReport {
  rows: CoverageRow[];
  demo: { person: SamplePerson; forms: FormCoverage[] } | null;
}

const yearlyItemId = 'gjj-tq-zf';

/** The fact paths the forms bind to: what a returning applicant's record should hold. */
function boundFactPaths(forms: readonly FormDefinition[]): ProfileFieldPath[] {
  const paths = new Set<ProfileFieldPath>();
  for (const form of forms)
    for (const field of formFields(form)) {
      const source = field.source ? parseSource(field.source) : null;
      if (source?.kind === 'profile') paths.add(source.path as ProfileFieldPath);
    }
  return [...paths];
}

/**
 * The demo's returning applicant (host/services/demo-cards.ts lays this person on the simulated reader):
 * born after 1970, with archived materials and an earlier application of the yearly rent withdrawal
 * (公积金租房提取 is applied for again every year, so its application facts are remembered too), whose
 * record holds the most of the facts the forms ask for.
 */
export function demoReturningPerson(
  people: readonly SamplePerson[],
  forms: readonly FormDefinition[] = sampleForms,
): SamplePerson | undefined {
  const paths = boundFactPaths(forms);
  const held = (profile: Profile) => paths.filter((path) => holdsFact(profile, path)).length;
  let best: { person: SamplePerson; held: number } | undefined;
  for (const person of people) {
    const profile = person.profile;
    if (!profile?.consent.storeProfile || Object.keys(profile.lastSubmissions).length === 0) continue;
    if (person.identity.birthDate <= '1970-01-01' || profile.materials.length === 0) continue;
    if (!profile.lastSubmissions[yearlyItemId]) continue;
    const score = held(profile);
    if (!best || score > best.held) best = { person, held: score };
  }
  return best?.person;
}

export function formCoverageReport(
  // Every kind of card holder: the 1,000 residents and ten holders of each other card.
  people: readonly SamplePerson[] = [...samplePeople(), ...sampleNonResidentPeople(10)],
  catalogue: Catalogue = sampleCatalogue(),
): CoverageReport {
  const rows = new Map<string, CoverageRow>();
  // Each form as its item offers it, on the sample's date.
  const coverageOf = (form: FormDefinition, person: SamplePerson): FormCoverage => {
    const item = catalogue.items.find((entry) => entry.formId === form.id);
    return formCoverage({
      form,
      identity: person.identity,
      profile: person.profile,
      itemId: item?.id ?? form.id,
      ...(item ? { materials: item.materials } : {}),
      today: sampleReferenceDate,
    });
  };
  for (const form of catalogue.forms) {
    people.forEach((person, index) => {
      const coverage = coverageOf(form, person);
      const kind = personKind(person);
      const key = `${form.id}|${kind}`;
      const row = rows.get(key) ?? {
        formId: form.id,
        kind,
        people: 0,
        heldFields: 0,
        filledFields: 0,
        refusedByForm: 0,
        applicationFactsLeft: 0,
        keystrokes: 0,
        taps: 0,
        misses: [],
      };
      row.people += 1;
      for (const fact of coverage.personFacts) {
        if (fact.refusedByForm) row.refusedByForm += 1;
        else if (fact.held) {
          row.heldFields += 1;
          if (fact.filled) row.filledFields += 1;
        }
      }
      row.applicationFactsLeft += coverage.applicationFacts.length;
      row.keystrokes += coverage.keystrokes;
      row.taps += coverage.taps;
      if (coverage.heldButEmpty.length > 0)
        row.misses.push({ idNumberIndex: index, fieldIds: coverage.heldButEmpty });
      rows.set(key, row);
    });
  }
  const averaged = [...rows.values()].map((row) => ({
    ...row,
    applicationFactsLeft: row.applicationFactsLeft / row.people,
    keystrokes: row.keystrokes / row.people,
    taps: row.taps / row.people,
  }));

  const demoPerson = demoReturningPerson(people, catalogue.forms);
  const demo = demoPerson
    ? {
        person: demoPerson,
        forms: catalogue.forms.map((form) => coverageOf(form, demoPerson)),
      }
    : null;
  return { rows: averaged, demo };
}
