import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalogue, catalogueReferenceProblems, catalogueSchema } from '../../sync/protocol/catalogue';
import { formFields, isKnownSource, parseSource } from '../../sync/protocol/forms';
import { searchItems } from '../../sync/protocol/search';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';
import { materialKinds } from '../../sync/sample-hall/materials';

let catalogue: Catalogue;

beforeAll(() => {
  catalogue = sampleCatalogue();
});

/** Every LocalizedText anywhere in a value, with where it is. */
function localizedTexts(
  value: unknown,
  path: string,
  found: { path: string; text: Record<string, unknown> }[],
): void {
  if (Array.isArray(value))
    value.forEach((entry, index) => {
      localizedTexts(entry, `${path}[${index}]`, found);
    });
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ('zh-Hans' in record || 'zh-Hant' in record || 'en' in record) found.push({ path, text: record });
    else for (const [key, entry] of Object.entries(record)) localizedTexts(entry, `${path}.${key}`, found);
  }
}

describe('the sample catalogue', () => {
  it('validates against the schema and is the same on every call', () => {
    expect(catalogueSchema.safeParse(catalogue).success).toBe(true);
    expect(sampleCatalogue()).toEqual(catalogue);
  });

  it('is the size of a county hall', () => {
    expect(catalogue.departments.length).toBeGreaterThanOrEqual(30);
    expect(catalogue.windows.length).toBeGreaterThanOrEqual(80);
    expect(catalogue.items.length).toBeGreaterThanOrEqual(150);
    expect(catalogue.forms.length).toBeGreaterThanOrEqual(20);
    expect(catalogue.lifeEvents.length).toBeGreaterThanOrEqual(6);
    const common = catalogue.items.filter((item) => item.common);
    expect(common.length).toBeGreaterThanOrEqual(20);
    for (const item of common) expect(item.formId, item.id).not.toBeNull();
    for (const department of catalogue.departments) {
      expect(
        catalogue.items.some((item) => item.departmentId === department.id),
        department.id,
      ).toBe(true);
    }
  });

  it('every reference resolves', () => {
    expect(catalogueReferenceProblems(catalogue)).toEqual([]);
    const departments = new Set(catalogue.departments.map((department) => department.id));
    const queues = new Map(catalogue.queues.map((queue) => [queue.id, queue]));
    const windows = new Map(catalogue.windows.map((window) => [window.number, window]));
    for (const item of catalogue.items) {
      expect(departments.has(item.departmentId)).toBe(true);
      for (const number of item.windowNumbers) {
        const window = windows.get(number)!;
        expect(window.departmentId).toBe(item.departmentId);
        for (const queueId of window.queueIds)
          expect(queues.get(queueId)?.departmentId).toBe(item.departmentId);
      }
      expect(
        item.windowNumbers.some((number) => windows.get(number)!.open),
        `${item.id} has an open window`,
      ).toBe(true);
    }
  });

  it('a broken reference is reported', () => {
    const broken = {
      ...catalogue,
      items: [{ ...catalogue.items[0]!, departmentId: 'nowhere' }, ...catalogue.items.slice(1)],
    };
    expect(catalogueSchema.safeParse(broken).success).toBe(false);
  });

  it('every form field names a known source, an existing material, and earlier submissions of real fields', () => {
    const fieldsByForm = new Map(
      catalogue.forms.map((form) => [form.id, new Set(formFields(form).map((field) => field.id))]),
    );
    for (const form of catalogue.forms) {
      for (const field of formFields(form)) {
        if (field.source) {
          expect(isKnownSource(field.source), `${form.id}.${field.id}: ${field.source}`).toBe(true);
          const source = parseSource(field.source);
          if (source?.kind === 'lastSubmission')
            expect(fieldsByForm.get(source.itemId)?.has(source.fieldId)).toBe(true);
        }
        if (field.type === 'file') expect(Object.keys(materialKinds)).toContain(field.materialCode);
      }
    }
  });

  it('every LocalizedText has all three languages, non-empty', () => {
    const found: { path: string; text: Record<string, unknown> }[] = [];
    localizedTexts(catalogue, 'catalogue', found);
    expect(found.length).toBeGreaterThan(1000);
    for (const { path, text } of found) {
      expect(Object.keys(text).sort(), path).toEqual(['en', 'zh-Hans', 'zh-Hant']);
      for (const value of Object.values(text))
        expect(typeof value === 'string' && value.trim().length > 0, path).toBe(true);
    }
  });

  it('queues have unique letter prefixes and both kinds exist', () => {
    expect(new Set(catalogue.queues.map((queue) => queue.prefix)).size).toBe(catalogue.queues.length);
    expect(catalogue.queues.some((queue) => queue.priority)).toBe(true);
  });
});

describe('searching items', () => {
  const names = (query: string) => searchItems(catalogue.items, query).map((hit) => hit.item.name['zh-Hans']);

  it('pinyin initials: "yyzz" finds 营业执照', () => {
    const found = names('yyzz');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((name) => name.includes('营业执照'))).toBe(true);
    expect(found[0]).toContain('营业执照');
  });

  it('Chinese text, full pinyin, initials of other items, English and traditional characters', () => {
    expect(names('公积金')[0]).toContain('公积金');
    expect(names('gongjijin')[0]).toContain('公积金');
    expect(names('gjj')[0]).toContain('公积金');
    expect(names('Gong Ji Jin')[0]).toContain('公积金');
    expect(names('bdc')[0]).toContain('不动产');
    expect(names('passport')[0]).toContain('护照');
    expect(names('營業執照')[0]).toContain('营业执照');
    expect(names('港澳')[0]).toContain('港澳');
    expect(names('zzzzqqq')).toEqual([]);
  });
});
