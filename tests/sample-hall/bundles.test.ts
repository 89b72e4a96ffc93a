import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntries } from '../../sync/central/seed';
import { autofill } from '../../sync/forms/autofill';
import { type ComposedBundle, composeBundle, splitBundleValues } from '../../sync/protocol/bundles';
import { type Bundle, bundleSchema, type Catalogue, catalogueSchema } from '../../sync/protocol/catalogue';
import {
  type FormDefinition,
  fieldFactKind,
  formDefinitionSchema,
  formFields,
  validateFormValues,
} from '../../sync/protocol/forms';
import { demoReturningPerson, samplePeople, sampleReferenceDate } from '../../sync/sample-hall';
import { integratedWindowDepartmentId } from '../../sync/sample-hall/bundles';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';

let catalogue: Catalogue;
const composed = new Map<string, ComposedBundle>();

beforeAll(() => {
  catalogue = sampleCatalogue();
  for (const bundle of catalogue.bundles) {
    const result = composeBundle(bundle, catalogue);
    if (!result.ok) throw new Error(`${bundle.id}: ${result.problems.join('; ')}`);
    composed.set(bundle.id, result.value);
  }
});

const formOf = (itemId: string): FormDefinition => {
  const item = catalogue.items.find((entry) => entry.id === itemId)!;
  return catalogue.forms.find((form) => form.id === item.formId)!;
};
const bundleNamed = (name: string): Bundle =>
  catalogue.bundles.find((bundle) => bundle.name['zh-Hans'] === name)!;

describe('the sample hall’s 一件事 bundles', () => {
  it('are the five Fujian halls run, each in the catalogue, which still parses', () => {
    expect(catalogueSchema.safeParse(catalogue).success).toBe(true);
    expect(catalogue.bundles.map((bundle) => bundle.name['zh-Hans'])).toEqual([
      '出生一件事',
      '开办个体户一件事',
      '身后事一件事',
      '退休一件事',
      '新市民落户一件事',
    ]);
    expect(bundleNamed('出生一件事').itemIds).toContain('hz-cs-dj');
    expect(bundleNamed('开办个体户一件事').itemIds[0]).toBe('scjg-gtgsh-sl');
    expect(bundleNamed('身后事一件事').itemIds[0]).toBe('hz-swzx');
    expect(bundleNamed('退休一件事').itemIds).toContain('gjj-tq-tx');
    expect(bundleNamed('新市民落户一件事').itemIds[0]).toBe('hz-hkqr');
    const itemIds = new Set(catalogue.items.map((item) => item.id));
    for (const bundle of catalogue.bundles) expect(itemIds.has(bundle.id), bundle.id).toBe(false);
  });

  it('are catalogue entries the central system hands to kiosks', () => {
    const entries = catalogueEntries(catalogue).filter((entry) => entry.kind === 'bundle');
    expect(entries.map((entry) => entry.id)).toEqual(catalogue.bundles.map((bundle) => bundle.id));
    for (const entry of entries) expect(bundleSchema.parse(entry.body)).toEqual(entry.body);
  });

  it('take their tickets at the integrated window, a department of its own with its own queue', () => {
    const department = catalogue.departments.find((entry) => entry.id === integratedWindowDepartmentId)!;
    expect(department.name['zh-Hans']).toBe('综合窗口');
    expect(department.code).toBe('ZHCK');
    const windows = catalogue.windows.filter((window) => window.departmentId === department.id);
    expect(windows).toHaveLength(2);
    const queues = catalogue.queues.filter((queue) => queue.departmentId === department.id);
    expect(queues).toHaveLength(1);
    expect(queues[0]!.prefix).toMatch(/^[A-Z]{1,2}$/);
    expect(catalogue.queues.filter((queue) => queue.prefix === queues[0]!.prefix)).toHaveLength(1);
    for (const bundle of catalogue.bundles) {
      expect(bundle.windowNumbers).toEqual(windows.map((window) => window.number));
      // The items themselves stay with their departments: the integrated window only takes the bundle.
      for (const itemId of bundle.itemIds)
        expect(catalogue.items.find((item) => item.id === itemId)!.departmentId).not.toBe(department.id);
    }
  });

  it('compose into one form that parses and spans at least two departments', () => {
    for (const bundle of catalogue.bundles) {
      const result = composed.get(bundle.id)!;
      expect(formDefinitionSchema.safeParse(result.form).success, bundle.id).toBe(true);
      expect(result.parts.map((part) => part.itemId)).toEqual(bundle.itemIds);
      expect(new Set(result.parts.map((part) => part.departmentId)).size, bundle.id).toBeGreaterThanOrEqual(
        2,
      );
    }
  });

  it('ask each shared fact once, where several of the items’ forms ask it under the same id', () => {
    for (const bundle of catalogue.bundles) {
      const form = composed.get(bundle.id)!.form;
      const ids = formFields(form).map((field) => field.id);
      for (const shared of bundle.sharedFieldIds) {
        const askers = bundle.itemIds.filter((itemId) =>
          formFields(formOf(itemId)).some((field) => field.id === shared),
        );
        expect(askers.length, `${bundle.id}: ${shared} asked by ${askers.join(', ')}`).toBeGreaterThanOrEqual(
          2,
        );
        expect(
          ids.filter((id) => id === shared || id.startsWith(`${shared}_`)),
          `${bundle.id}: ${shared}`,
        ).toEqual([shared]);
      }
      // A person fact (the same card or store source) is asked once too.
      const sources = formFields(form).flatMap((field) =>
        field.source !== undefined && !field.source.startsWith('profile.lastSubmission.')
          ? [field.source]
          : [],
      );
      expect(new Set(sources).size, bundle.id).toBe(sources.length);
      const sum = bundle.itemIds.reduce((count, itemId) => count + formFields(formOf(itemId)).length, 0);
      expect(ids.length, bundle.id).toBeLessThan(sum);
    }
  });

  it('the facts of the application a bundle shares are ones its forms name the same: the baby, the deceased, the shop', () => {
    expect(bundleNamed('出生一件事').sharedFieldIds).toEqual(
      expect.arrayContaining(['babyName', 'babyBirthDate']),
    );
    expect(bundleNamed('身后事一件事').sharedFieldIds).toEqual(
      expect.arrayContaining(['deceasedIdNumber', 'deathDate']),
    );
    expect(bundleNamed('开办个体户一件事').sharedFieldIds).toContain('businessName');
    for (const bundle of catalogue.bundles) {
      for (const shared of bundle.sharedFieldIds) {
        const field = formFields(composed.get(bundle.id)!.form).find((entry) => entry.id === shared)!;
        expect(fieldFactKind(field), `${bundle.id}: ${shared}`).toBe('application');
      }
    }
  });

  it('capture each material once, referenced by every item that needs it', () => {
    for (const bundle of catalogue.bundles) {
      const result = composed.get(bundle.id)!;
      const codes = result.materials.map((material) => material.code);
      expect(new Set(codes).size, bundle.id).toBe(codes.length);
      const fileCodes = formFields(result.form).flatMap((field) =>
        field.type === 'file' ? [field.materialCode] : [],
      );
      expect(new Set(fileCodes).size, bundle.id).toBe(fileCodes.length);
      // The applicant's ID card is every item's; a bundle asks for it once.
      expect(result.materials.find((material) => material.code === 'ID_CARD_COPY')?.neededBy).toEqual(
        bundle.itemIds,
      );
    }
    const birth = composed.get(bundleNamed('出生一件事').id)!;
    expect(birth.materials.find((material) => material.code === 'BIRTH_MEDICAL_CERT')?.neededBy).toHaveLength(
      4,
    );
    const death = composed.get(bundleNamed('身后事一件事').id)!;
    expect(death.materials.find((material) => material.code === 'DEATH_CERT')?.neededBy).toHaveLength(4);
    expect(
      formFields(death.form).filter((field) => field.type === 'file' && field.materialCode === 'DEATH_CERT'),
    ).toHaveLength(1);
  });

  it('a shared answer reaches every item that asks it when the submission is split', () => {
    const birth = composed.get(bundleNamed('出生一件事').id)!;
    const split = splitBundleValues(birth, { babyName: '邱小宝', babyBirthDate: '2025-05-20' });
    for (const itemId of bundleNamed('出生一件事').itemIds) {
      expect(split.get(itemId)?.babyName, itemId).toBe('邱小宝');
      expect(split.get(itemId)?.babyBirthDate, itemId).toBe('2025-05-20');
    }
  });

  it('the demo’s returning applicant finds every person fact of 出生一件事 filled: only the baby, the choices and the declaration are left', () => {
    const person = demoReturningPerson(samplePeople())!;
    const form = composed.get(bundleNamed('出生一件事').id)!.form;
    const filled = autofill({
      form,
      identity: person.identity,
      profile: person.profile,
      itemId: 'yjs-birth',
      today: sampleReferenceDate,
    });
    for (const id of [
      'spouseName',
      'spouseIdNumber',
      'householdHead',
      'householdAddress',
      'phone',
      'bankName',
    ])
      expect(filled.values[id], id).toBeTruthy();
    const checked = validateFormValues(form, filled.values, { today: sampleReferenceDate });
    const left = checked.ok ? [] : checked.errors.flatMap((error) => (error.fieldId ? [error.fieldId] : []));
    const fields = new Map(formFields(form).map((field) => [field.id, field]));
    for (const id of left) expect(fieldFactKind(fields.get(id)!), id).toBe('application');
    expect(left).toEqual(expect.arrayContaining(['babyName', 'babyBirthDate', 'declaration']));
  });
});
