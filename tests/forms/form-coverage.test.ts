import { beforeAll, describe, expect, it } from 'vitest';
import { autofill, updateProfileAfterSubmission } from '../../sync/forms/autofill';
import { formCoverage } from '../../sync/forms/form-coverage';
import type { Catalogue } from '../../sync/protocol/catalogue';
import { formFields, parseSource, validateFormValues } from '../../sync/protocol/forms';
import { emptyProfile, type ProfileFieldPath, profileSchema } from '../../sync/protocol/profile';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';
import {
  type CoverageReport,
  demoReturningPerson,
  formCoverageReport,
} from '../../sync/sample-hall/form-coverage-report';
import {
  type SamplePerson,
  sampleNonResidentPeople,
  samplePeople,
  sampleReferenceDate,
} from '../../sync/sample-hall/people';

/*
 * Issue 13, the form-free store for real. Observed on main before it: "every fully-filled (person, item)
 * pair is a repeat of an earlier application"; "a 公积金 account, a phone, a bank account given on one
 * form is asked again on the next"; "the demo returning person: 1 of 22 common items need no typing".
 */

const today = sampleReferenceDate;
let catalogue: Catalogue;
let people: SamplePerson[];
let report: CoverageReport;

beforeAll(() => {
  catalogue = sampleCatalogue();
  people = samplePeople();
  report = formCoverageReport([...people, ...sampleNonResidentPeople(10)], catalogue);
});

describe('npm run forms:coverage', () => {
  it('every person-fact field whose fact the card or store holds fills, on every form, for every kind of person', () => {
    expect(report.rows.length).toBeGreaterThanOrEqual(catalogue.forms.length);
    // Every kind of card holder is counted: residents (returning and first-time), permits, 2017 and 2023 foreign cards.
    expect(new Set(report.rows.map((row) => row.kind))).toEqual(
      new Set([
        'resident, returning',
        'resident, first-time',
        'hk_macao_taiwan, first-time',
        'foreign_permanent_2017, first-time',
        'foreign_permanent_2023, first-time',
      ]),
    );
    for (const row of report.rows) {
      expect(row.misses, `${row.formId} / ${row.kind}`).toEqual([]);
      expect(row.filledFields, `${row.formId} / ${row.kind}`).toBe(row.heldFields);
    }
    // Returning people bring facts beyond the card's six: the figure is not the card alone.
    const returning = report.rows.filter((row) => row.kind.endsWith('returning'));
    const firstTime = report.rows.filter((row) => row.kind.endsWith('first-time'));
    const perPerson = (rows: typeof report.rows) =>
      rows.reduce((sum, row) => sum + row.heldFields, 0) / rows.reduce((sum, row) => sum + row.people, 0);
    expect(perPerson(returning)).toBeGreaterThan(perPerson(firstTime) + 3);
  });

  it('the demo returning applicant types no person fact on any of the common forms', () => {
    const demo = report.demo!;
    expect(demo.forms).toHaveLength(catalogue.forms.length);
    for (const form of demo.forms) expect(form.unheldRequired, form.formId).toEqual([]);
  });

  it('a form whose application facts are all choices costs the demo returning applicant no keystrokes', () => {
    const tapOnly = new Set(['choice', 'multiChoice', 'checkbox']);
    const allChoices = report.demo!.forms.filter((form) =>
      form.applicationFacts.every((fact) => tapOnly.has(fact.type)),
    );
    expect(allChoices.length).toBeGreaterThanOrEqual(8);
    for (const form of allChoices) expect(form.keystrokes, form.formId).toBe(0);
  });

  it('counts a held fact the form refuses as asked, and a fact the store lacks as typed', () => {
    const form = catalogue.forms.find((entry) => entry.id === 'crj-gaqz')!;
    const person = demoReturningPerson(people)!;
    const withoutPermit = profileSchema.parse({ ...person.profile!, exitEntry: null });
    const coverage = formCoverage({
      form,
      identity: person.identity,
      profile: withoutPermit,
      itemId: form.id,
      today,
    });
    expect(coverage.unheldRequired).toEqual(['permitNumber']);
    expect(coverage.keystrokes).toBeGreaterThan(0);
    const married = profileSchema.parse({ ...person.profile!, maritalStatus: 'married' });
    const marriage = catalogue.forms.find((entry) => entry.id === 'mz-jhdj')!;
    const asked = formCoverage({
      form: marriage,
      identity: person.identity,
      profile: married,
      itemId: marriage.id,
      today,
    });
    expect(asked.refusedRequired).toEqual(['applicantPreviousStatus']);
    expect(asked.heldButEmpty).toEqual([]);
  });
});

describe('facts, not item histories', () => {
  it('a housing fund account typed on the rent withdrawal fills the purchase withdrawal', () => {
    const person = people.find((entry) => entry.profile === null)!;
    const rent = catalogue.forms.find((entry) => entry.id === 'gjj-tq-zf')!;
    const purchase = catalogue.forms.find((entry) => entry.id === 'gjj-tq-gf')!;
    const filled = autofill({ form: rent, identity: person.identity, profile: null, itemId: rent.id, today });
    expect(filled.missingFields).toContain('fundAccount');
    const typed: Record<string, unknown> = { ...filled.values, fundAccount: '350583777', declaration: true };
    for (const field of formFields(rent)) {
      if (typed[field.id] !== undefined) continue;
      if (field.type === 'choice') typed[field.id] = field.options[0]!.value;
    }
    typed.monthlyRent = 1500;
    typed.phone = '13905950001';
    typed.bankName = '中国银行';
    typed.rentedAddress = '福建省南安市溪美街道新华社区8号';
    typed.bankAccount = '6217001234567890';
    const checked = validateFormValues(rent, typed, { today });
    const values = checked.ok
      ? checked.values
      : (() => {
          throw new Error(JSON.stringify(checked.errors.map((error) => error.fieldId)));
        })();
    const profile = updateProfileAfterSubmission({
      profile: null,
      form: rent,
      values,
      consent: { storeProfile: true, keepMaterials: false },
      materials: [],
      itemId: rent.id,
      now: '2025-06-01T10:00:00+08:00',
    })!;
    expect(profile.housingFund?.accountNumber).toBe('350583777');
    expect(profile.factSources['housingFund.accountNumber']?.source).toBe('applicant');

    const next = autofill({ form: purchase, identity: person.identity, profile, itemId: purchase.id, today });
    expect(next.values.fundAccount).toBe('350583777');
    expect(next.provenance.fundAccount).toBe('store');
  });

  it('every profile-bound field of every form names a fact the person-facts model defines and dates', () => {
    const person = demoReturningPerson(people)!;
    for (const form of catalogue.forms) {
      for (const field of formFields(form)) {
        const source = field.source ? parseSource(field.source) : null;
        expect(source?.kind, `${form.id}.${field.id}`).not.toBe('lastSubmission');
        if (source?.kind !== 'profile') continue;
        const origin = person.profile!.factSources[source.path as ProfileFieldPath];
        if (origin) expect(origin.asOf <= today, `${form.id}.${field.id}`).toBe(true);
      }
    }
    // A blank record holds no facts and no sources.
    expect(
      emptyProfile(
        { storeProfile: true, keepMaterials: false, consentedAt: `${today}T00:00:00Z` },
        `${today}T00:00:00Z`,
      ).factSources,
    ).toEqual({});
  });
});
