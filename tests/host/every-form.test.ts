import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName, MethodResult } from '../../host/api/contract';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { sampleCardOf } from '../../host/services/demo-cards';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { ServiceItem } from '../../sync/protocol/catalogue';
import {
  type CardIdentity,
  type FormDefinition,
  type FormField,
  type FormValue,
  fieldStates,
  formFields,
  type GroupColumn,
  isComputedField,
  isEmptyValue,
} from '../../sync/protocol/forms';
import { materialRequirementsFor } from '../../sync/protocol/item-materials';
import type { GroupRow } from '../../sync/protocol/profile';
import { sampleForms } from '../../sync/sample-hall/forms';
import {
  type SamplePerson,
  sampleCreditCode,
  sampleIdNumber,
  sampleNonResidentPeople,
  samplePeople,
} from '../../sync/sample-hall/people';
import { SeededRandom } from '../../sync/sample-hall/random';

/**
 * Issue 13 part 7: "a test submits every full form for a sample of people of every kind (resident,
 * permit, 2017 and 2023 foreign)". Through the real host API (simulated reader on a PTY pair, embedded
 * central, encrypted store, printer emulator): each person's card is laid on the reader, each form is
 * auto-filled by the host, the fields left are answered generically from their type and validation (and
 * the form's rules), the documents the answers ask for are photographed, and the host accepts it. The two
 * items that could never be submitted (a company change by an agent, a disabled person's pension) are
 * submitted with the document their answer asks for.
 */
let host: Host;
let dataDir: string;
let pagePhoto: string;
const random = new SeededRandom(13_07);

const residents = samplePeople(300);
/** Residents: one returning applicant the store knows (with a household), one first-time applicant. */
const people: { cardId: string; person: SamplePerson }[] = [
  {
    cardId: 'every-form-returning',
    person: residents.find(
      (p) => p.profile?.consent.storeProfile && p.profile.household?.headName && p.profile.company,
    )!,
  },
  {
    cardId: 'every-form-first-time',
    person: residents.find((p) => !p.profile && p.identity.birthDate < '2000-01-01')!,
  },
  ...sampleNonResidentPeople(1).map((person) => ({
    cardId: `every-form-${person.identity.cardType}`,
    person,
  })),
];

async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  return (host.api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>)(args);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function openSession(cardId: string): Promise<{ sessionId: string; card: CardIdentity | null }> {
  expect((await call('demoPlaceCard', { cardId })).ok).toBe(true);
  const started = await until('the card to be read', async () => {
    const state = await call('getSessionState', {});
    return state.ok && state.value.state === 'active' ? state.value : null;
  });
  return { sessionId: started.sessionId, card: null };
}

async function closeSession(): Promise<void> {
  await call('demoRemoveCard', {});
  await until('the session to end', async () => !host.sessionActive());
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** A value the field accepts, from its type and validation alone: what an applicant would type or tap. */
function answerFor(field: FormField | GroupColumn, today: string): FormValue | undefined {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const pattern = field.validation?.pattern;
      if (pattern) {
        if (!pattern.example) throw new Error(`${field.id}: a pattern without an example`);
        return pattern.example;
      }
      if (field.keyboard === 'digits') return '12345678'.slice(0, field.validation?.maxLength ?? 8);
      const min = Math.max(2, field.validation?.minLength ?? 2);
      return '南安示例'.repeat(Math.ceil(min / 4)).slice(0, Math.max(min, 4));
    }
    case 'address':
      return '福建省南安市溪美街道示例路1号';
    case 'number': {
      const min = field.validation?.min ?? 1;
      return field.validation?.integer ? Math.ceil(min) : min;
    }
    case 'date': {
      const bound = (value: string | undefined) => (value === 'today' ? today : value);
      const min = bound(field.validation?.minDate);
      const max = bound(field.validation?.maxDate);
      let date = today;
      if (min && date < min) date = min;
      if (max && date > max) date = max;
      return date;
    }
    case 'choice':
      return field.options[0]!.value;
    case 'multiChoice':
      return field.options.slice(0, Math.max(1, field.validation?.minItems ?? 1)).map((o) => o.value);
    case 'phone':
      return '13800138000';
    case 'email':
      return 'applicant@example.cn';
    case 'idNumber':
      return sampleIdNumber(random, '1985-05-05', 'female');
    case 'creditCode':
      return sampleCreditCode(random);
    case 'checkbox':
      return field.validation?.required === true;
    case 'group': {
      const rows: GroupRow[] = [];
      for (let index = 0; index < Math.max(1, field.repeat.min); index += 1) {
        const row: GroupRow = {};
        for (const column of field.fields) {
          const cell = answerFor(column, today);
          if (cell !== undefined && !Array.isArray(cell)) row[column.id] = cell;
        }
        rows.push(row);
      }
      return rows;
    }
    case 'file':
      return undefined;
  }
}

/** The form's cross-field rules, satisfied the way an applicant would (an end date after the start). */
function followRules(form: FormDefinition, values: Record<string, FormValue>): void {
  for (const rule of form.rules ?? []) {
    if (rule.kind === 'dateAfter') {
      const start = values[rule.after];
      const end = values[rule.field];
      if (typeof start === 'string' && typeof end === 'string' && end <= start)
        values[rule.field] = addDays(start, 1);
    } else {
      const rows = values[rule.group];
      if (!Array.isArray(rows) || rows.length === 0) continue;
      const each = rule.total / rows.length;
      values[rule.group] = (rows as GroupRow[]).map((row) => ({ ...row, [rule.column]: each }));
    }
  }
}

/** The auto-filled values, with every shown required field still empty answered (answers may reveal more). */
function completeForm(
  form: FormDefinition,
  filled: Record<string, FormValue>,
  card: CardIdentity | null,
  today: string,
  choices: Record<string, FormValue> = {},
): Record<string, FormValue> {
  const values: Record<string, FormValue> = { ...filled, ...choices };
  for (let pass = 0; pass < 5; pass += 1) {
    const states = fieldStates(form, values, card);
    let added = false;
    for (const field of formFields(form)) {
      const state = states.get(field.id)!;
      if (!state.visible || !state.required || isComputedField(field) || field.type === 'file') continue;
      if (!isEmptyValue(values[field.id])) continue;
      const answer = answerFor(field, today);
      if (answer === undefined) continue;
      values[field.id] = answer;
      added = true;
    }
    if (!added) break;
  }
  followRules(form, values);
  return values;
}

type Prepared = Extract<MethodResult<'prepareApplication'>, { ok: true }>['value'];

async function photographed(sessionId: string, code: string) {
  const page = await call('addCameraPage', { sessionId, materialCode: code, imageDataUrl: pagePhoto });
  if (!page.ok) throw new Error(page.error.message);
  return { code, archivedSha256: null, pageIds: [page.value.pageId] };
}

/** Prepares, answers, photographs what is asked and submits one form in an open session. */
async function submitForm(
  sessionId: string,
  item: ServiceItem,
  today: string,
  options: {
    choices?: Record<string, FormValue>;
    skipDocument?: string;
    forge?: Record<string, FormValue>;
  } = {},
): Promise<{ result: MethodResult<'submitApplication'>; prepared: Prepared; asked: string[] }> {
  const prepared = await call('prepareApplication', { sessionId, itemId: item.id });
  if (!prepared.ok) throw new Error(prepared.error.message);
  const form = prepared.value.form!;
  const values = {
    ...completeForm(form, prepared.value.values, prepared.value.card, today, options.choices),
    ...options.forge,
  };
  const requirements = materialRequirementsFor(item.materials, form, values, prepared.value.card);
  const materials = [];
  for (const requirement of requirements.filter((entry) => entry.required)) {
    if (requirement.code === options.skipDocument) continue;
    const archived = prepared.value.reusableMaterials.find((entry) => entry.code === requirement.code);
    materials.push(
      archived
        ? { code: requirement.code, archivedSha256: archived.sha256, pageIds: [] }
        : await photographed(sessionId, requirement.code),
    );
  }
  const result = await call('submitApplication', {
    sessionId,
    itemId: item.id,
    values,
    materials,
    // Kept: the returning applicant's record stays for the next form (and write-back takes group rows).
    keepInStore: true,
    signatureDataUrl:
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    priority: { disabled: false, veteran: false, pregnant: false },
    proceedWithoutReceipt: true,
    language: 'zh-Hans',
  });
  return { result, prepared: prepared.value, asked: requirements.map((entry) => entry.code) };
}

let items: ServiceItem[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-every-form-'));
  const extraCards = people.map(({ cardId, person }) => sampleCardOf(cardId, cardId, person.identity));
  host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    // The sample people chosen here, laid on the simulated reader beside the demo's own cards.
    cardServiceFactory: (options) =>
      createCardService({ ...options, demoCards: [...(options.demoCards ?? []), ...extraCards] }),
    startEmbeddedCentral,
  });
  pagePhoto = `data:image/jpeg;base64,${(
    await sharp({ create: { width: 300, height: 400, channels: 3, background: '#f4f1e8' } })
      .jpeg()
      .toBuffer()
  ).toString('base64')}`;
  const catalogue = await until('the catalogue to arrive', async () => {
    const result = await call('getCatalogue', {});
    return result.ok ? result.value : null;
  });
  items = sampleForms.map((form) => catalogue.items.find((item) => item.formId === form.id)!);
  const runtime = host.context.runtime()!;
  const today = host.context.clock.today();
  await until('ticket numbers for every queue', async () =>
    runtime.store.catalogue
      .list('queue')
      .every((queue) => runtime.store.ticketBlocks.remaining(queue.id, today) > 0),
  );
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every full form, for people of every kind, through the host (issue 13 part 7)', () => {
  it('has the sample people of every kind of card, read back from the reader as they are', async () => {
    expect(people.map((entry) => entry.person.identity.cardType).sort()).toEqual([
      'foreign_permanent_2017',
      'foreign_permanent_2023',
      'hk_macao_taiwan',
      'resident',
      'resident',
    ]);
    for (const { cardId, person } of people) {
      await openSession(cardId);
      const state = await call('getSessionState', {});
      if (!state.ok || state.value.state !== 'active') throw new Error('no session');
      const { name, otherName, idNumber, birthDate, cardType, nationality } = state.value.identity;
      const want = person.identity;
      expect({ name, otherName, idNumber, birthDate, cardType, nationality }, cardId).toEqual({
        name: want.name,
        otherName: want.otherName,
        idNumber: want.idNumber,
        birthDate: want.birthDate,
        cardType: want.cardType,
        nationality: want.nationality,
      });
      await closeSession();
    }
  });

  it('accepts every full form (the 22 common items and the 2026 additions) from each of them', {
    timeout: 240_000,
  }, async () => {
    expect(items.length).toBeGreaterThanOrEqual(22);
    expect(items.every((item) => item !== undefined)).toBe(true);
    const today = host.context.clock.today();
    const refused: string[] = [];
    let accepted = 0;
    for (const { cardId } of people) {
      const { sessionId } = await openSession(cardId);
      for (const item of items) {
        const { result } = await submitForm(sessionId, item, today);
        if (result.ok) accepted += 1;
        else refused.push(`${cardId} ${item.id}: ${result.error.code} ${result.error.message}`);
      }
      await closeSession();
    }
    expect(refused).toEqual([]);
    expect(accepted).toBe(people.length * items.length);
  });

  it('takes a company change from an agent and a disabled person’s pension with the document each answer asks for, and refuses either without it', {
    timeout: 120_000,
  }, async () => {
    const today = host.context.clock.today();
    const companyChange = items.find((item) => item.id === 'scjg-yxgs-bg')!;
    const pension = items.find((item) => item.id === 'rs-cxjm-yl')!;
    const cases: { item: ServiceItem; choices: Record<string, FormValue>; document: string }[] = [
      { item: companyChange, choices: { role: 'agent' }, document: 'POWER_OF_ATTORNEY' },
      { item: pension, choices: { specialGroup: 'disabled' }, document: 'DISABILITY_ASSESSMENT' },
    ];
    for (const { cardId } of people) {
      const { sessionId } = await openSession(cardId);
      for (const { item, choices, document } of cases) {
        expect(item.materials.map((entry) => entry.code)).not.toContain(document);
        const without = await submitForm(sessionId, item, today, { choices, skipDocument: document });
        expect(without.asked, `${cardId} ${item.id}`).toContain(document);
        expect(without.result, `${cardId} ${item.id}`).toMatchObject({
          ok: false,
          error: { code: 'missing_materials' },
        });
        const withIt = await submitForm(sessionId, item, today, { choices });
        if (!withIt.result.ok)
          throw new Error(`${cardId} ${item.id}: ${withIt.result.error.code} ${withIt.result.error.message}`);
        const runtime = host.context.runtime()!;
        const stored = runtime.store.submissions.get(
          runtime.store.submissions.findByCaseNumber(withIt.result.value.caseNumber)!.id,
        )!;
        expect(stored.materials.map((entry) => entry.code)).toContain(document);
      }
      await closeSession();
    }
  });

  it('refuses a read-only fact changed through the API, and recomputes a forged total', {
    timeout: 60_000,
  }, async () => {
    const today = host.context.clock.today();
    const { sessionId } = await openSession('every-form-returning');
    const birth = items.find((item) => item.id === 'hz-cs-dj')!;
    const forged = await submitForm(sessionId, birth, today, { forge: { householdHead: '王冒名' } });
    expect(forged.prepared.provenance.householdHead).toBe('store');
    expect(forged.result).toMatchObject({ ok: false, error: { code: 'invalid_values' } });
    expect(!forged.result.ok && forged.result.error.message).toContain('householdHead');
    const honest = await submitForm(sessionId, birth, today);
    expect(honest.result.ok).toBe(true);

    // A computed total is the host's arithmetic: a forged one is replaced, not trusted.
    const setup = items.find((item) => item.id === 'scjg-yxgs-sl')!;
    const withTotal = await submitForm(sessionId, setup, today, { forge: { totalShare: 7 } });
    if (!withTotal.result.ok) throw new Error(withTotal.result.error.message);
    const runtime = host.context.runtime()!;
    const stored = runtime.store.submissions.get(
      runtime.store.submissions.findByCaseNumber(withTotal.result.value.caseNumber)!.id,
    )!;
    expect(stored.record?.formValues.totalShare).toBe(100);
    await closeSession();
  });
});
