import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName, MethodResult } from '../../host/api/contract';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { idNumberAttemptsPerSession } from '../../host/services/agent/acting-for';
import { householdWards, maskName } from '../../host/services/agent/household-wards';
import { createCardService } from '../../host/services/idcard';
import { maskIdNumber } from '../../kernel/id-checks';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { RunningCentralServer } from '../../sync/central/server';
import { type FormValue, formFields } from '../../sync/protocol/forms';
import { emptyProfile } from '../../sync/protocol/profile';
import { agentDemoPeople, demoReturningPerson, samplePeople } from '../../sync/sample-hall';

/**
 * 帮办代办 (issue 18 part 3) through the host API with the real parts behind it: the simulated reader on
 * a PTY pair, the embedded central seeded with the sample hall, the encrypted store and the printer
 * emulator. The people are the sample hall's agent demos: the returning applicant (sample-returning)
 * and his mother 许秀英 (sample-parent, in the store with archived copies); 林志强 (sample-guardian),
 * whose register lists his dependent father and his minor daughter.
 */
let host: Host;
let dataDir: string;
let pagePhoto: string;
const people = samplePeople();
const agentPerson = demoReturningPerson(people)!;
const demos = agentDemoPeople();
const elderly = demos.elderlyParent;
const guardian = demos.guardian;
/** An item anyone applies for, a child or an elderly parent alike: 社会保障卡申领. */
const itemId = 'rs-sbk-sl';

async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  return (host.api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>)(args);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function activeSession(): Promise<{ sessionId: string; idNumber: string }> {
  const state = await until('a session', async () => {
    const result = await call('getSessionState', {});
    return result.ok && result.value.state === 'active' ? result.value : null;
  });
  return { sessionId: state.sessionId, idNumber: state.identity.idNumber };
}

async function layCard(cardId: string): Promise<void> {
  const placed = await call('demoPlaceCard', { cardId });
  expect(placed.ok).toBe(true);
}

async function agentSession(cardId = 'sample-returning'): Promise<string> {
  await call('demoRemoveCard', {});
  await until('no session', () => !host.sessionActive());
  await layCard(cardId);
  const session = await activeSession();
  expect(session.idNumber).toBe((cardId === 'sample-guardian' ? guardian : agentPerson).identity.idNumber);
  return session.sessionId;
}

type Prepared = Extract<MethodResult<'prepareApplication'>, { ok: true }>['value'];

function completed(prepared: Prepared, today: string): Record<string, FormValue> {
  const values: Record<string, FormValue> = { ...prepared.values };
  for (const field of prepared.form ? formFields(prepared.form) : []) {
    if (!prepared.missingFields.includes(field.id)) continue;
    if (field.type === 'checkbox') values[field.id] = true;
    else if (field.type === 'choice') values[field.id] = field.options[0]!.value;
    else if (field.type === 'multiChoice') values[field.id] = [field.options[0]!.value];
    else if (field.type === 'date') values[field.id] = today;
    else if (field.type === 'phone') values[field.id] = '13800138000';
    else if (field.type === 'number') values[field.id] = field.validation?.min ?? 1;
    else if (field.type === 'text' || field.type === 'textarea' || field.type === 'address')
      values[field.id] = '福建省南安市溪美街道';
  }
  return values;
}

const signature =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Prepare, capture every required document with the camera, submit. */
async function applyFor(sessionId: string, omit: string[] = [], forItem = itemId) {
  const prepared = await call('prepareApplication', { sessionId, itemId: forItem });
  if (!prepared.ok) throw new Error(prepared.error.message);
  const catalogue = await call('getCatalogue', {});
  if (!catalogue.ok) throw new Error('no catalogue');
  const item = catalogue.value.items.find((i) => i.id === forItem)!;
  const required = [
    ...item.materials.filter((m) => m.required).map((m) => m.code),
    ...(prepared.value.addedMaterials ?? []).map((m) => m.code),
  ].filter((code) => !omit.includes(code));
  const materials = [];
  for (const code of new Set(required)) {
    const page = await call('addCameraPage', { sessionId, materialCode: code, imageDataUrl: pagePhoto });
    if (!page.ok) throw new Error(page.error.message);
    materials.push({ code, archivedSha256: null, pageIds: [page.value.pageId] });
  }
  const submitted = await call('submitApplication', {
    sessionId,
    itemId: forItem,
    values: completed(prepared.value, host.context.clock.today()),
    materials,
    keepInStore: false,
    signatureDataUrl: signature,
    priority: { disabled: false, veteran: false, pregnant: false },
    proceedWithoutReceipt: false,
    language: 'zh-Hans',
  });
  return { prepared: prepared.value, submitted };
}

/** What the kiosk stored to send: the SubmissionPayload. */
function storedRecord(caseNumber: string): Record<string, unknown> {
  const store = host.context.runtime()!.store;
  const row = store.submissions.findByCaseNumber(caseNumber)!;
  return store.submissions.storedRecord(row.id) as Record<string, unknown>;
}

const hashOf = (idNumber: string) => host.context.runtime()!.store.hashIdNumber(idNumber).toString('hex');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-agent-'));
  host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral,
  });
  pagePhoto = `data:image/jpeg;base64,${(
    await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#f4f1e8' } })
      .jpeg()
      .toBuffer()
  ).toString('base64')}`;
  await until('the catalogue to arrive', async () => (await call('getCatalogue', {})).ok);
  const runtime = host.context.runtime()!;
  const today = host.context.clock.today();
  await until('ticket numbers for every queue', () =>
    runtime.store.catalogue
      .list('queue')
      .every((queue) => runtime.store.ticketBlocks.remaining(queue.id, today) > 0),
  );
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('applying for someone else (帮办代办)', () => {
  it('offers the guardian’s minor daughter and dependent father from the household register, masked, and no one else', async () => {
    const sessionId = await agentSession('sample-guardian');
    const options = await call('agentOptions', { sessionId });
    if (!options.ok) throw new Error(options.error.message);
    const today = host.context.clock.today();
    expect(options.value.wards.map((w) => [w.maskedName, w.relation]).sort()).toEqual(
      [
        [maskName(demos.minor.identity.name), 'child'],
        [maskName(demos.dependentParent.identity.name), 'parent'],
      ].sort(),
    );
    expect(householdWards(guardian.profile, guardian.identity.idNumber, today)).toHaveLength(2);
    // Nothing but masked names goes to the screen: not the names, not the numbers, not the wife.
    const drawn = JSON.stringify(options.value);
    for (const member of guardian.profile!.householdMembers ?? []) {
      expect(drawn).not.toContain(member.idNumber);
      expect(drawn).not.toContain(member.name);
    }
    expect(options.value).toMatchObject({ principalCard: true, idNumber: true, attemptsLeft: 3 });
  });

  it('applies for the minor daughter as guardian: her form, no power of attorney, the agent recorded', async () => {
    const sessionId = await agentSession('sample-guardian');
    const options = await call('agentOptions', { sessionId });
    if (!options.ok) throw new Error(options.error.message);
    const ward = options.value.wards.find((w) => w.relation === 'child')!;
    const acting = await call('actForWard', { sessionId, wardId: ward.wardId });
    if (!acting.ok) throw new Error(acting.error.message);
    const minor = demos.minor.identity;
    expect(acting.value).toEqual({
      basis: 'guardian',
      principal: {
        maskedName: maskName(minor.name),
        maskedIdNumber: maskIdNumber(minor.idNumber),
        age: ward.age,
      },
      agent: {
        name: guardian.identity.name,
        maskedIdNumber: maskIdNumber(guardian.identity.idNumber),
        relation: 'child',
      },
    });
    // A ward id is this session's only: another is refused.
    expect(await call('actForWard', { sessionId, wardId: 'not-a-ward' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_ward' },
    });
    const { prepared, submitted } = await applyFor(sessionId);
    expect(prepared.card).toMatchObject({
      idNumber: minor.idNumber,
      name: minor.name,
      birthDate: minor.birthDate,
    });
    expect(prepared.addedMaterials).toEqual([]);
    expect(prepared.onBehalf?.basis).toBe('guardian');
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
    const record = storedRecord(submitted.value.caseNumber);
    expect(record.applicant).toMatchObject({ keyedHash: hashOf(minor.idNumber) });
    expect(record.agent).toEqual({ keyedHash: hashOf(guardian.identity.idNumber), basis: 'guardian' });
    // The case is the daughter's: it reaches the central under her keyed hash.
    const central = host.context.embeddedCentral as RunningCentralServer;
    const caseFile = await until('the case at the central system', () =>
      central.storage.caseFile(submitted.value.caseNumber),
    );
    expect(caseFile.applicantKeyedHash).toBe(hashOf(minor.idNumber));
  });

  it('applies for an elderly mother on her typed ID number and name: a power of attorney required, none of her archive shown', async () => {
    const sessionId = await agentSession();
    const acting = await call('actForIdNumber', {
      sessionId,
      idNumber: elderly.identity.idNumber,
      name: elderly.identity.name,
    });
    if (!acting.ok) throw new Error(acting.error.message);
    expect(acting.value).toMatchObject({
      basis: 'power_of_attorney',
      principal: {
        maskedName: maskName(elderly.identity.name),
        maskedIdNumber: maskIdNumber(elderly.identity.idNumber),
      },
      agent: { name: agentPerson.identity.name },
    });
    // Her store record holds archived copies and licences: an agent on her typed number sees none of them.
    expect(elderly.profile!.materials.length).toBeGreaterThan(0);
    const pension = await call('prepareApplication', { sessionId, itemId: 'rs-cxjm-yl' });
    expect(pension.ok && pension.value.reusableMaterials).toEqual([]);
    // Nor is one shown when asked for by its hash.
    expect(
      await call('viewArchivedMaterial', { sessionId, sha256: elderly.profile!.materials[0]!.sha256 }),
    ).toMatchObject({ ok: false, error: { code: 'unknown_material' } });

    const attempt = await applyFor(sessionId, ['POWER_OF_ATTORNEY']);
    expect(attempt.prepared.addedMaterials?.map((m) => ({ code: m.code, required: m.required }))).toEqual([
      { code: 'POWER_OF_ATTORNEY', required: true },
    ]);
    // The form is hers, filled from the card facts the store holds.
    expect(attempt.prepared.card).toMatchObject({
      idNumber: elderly.identity.idNumber,
      name: elderly.identity.name,
      birthDate: elderly.identity.birthDate,
      address: elderly.identity.address,
    });
    expect(attempt.submitted).toMatchObject({ ok: false, error: { code: 'missing_materials' } });

    const { submitted } = await applyFor(sessionId);
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
    const record = storedRecord(submitted.value.caseNumber);
    expect(record.applicant).toMatchObject({ keyedHash: hashOf(elderly.identity.idNumber) });
    expect(record.agent).toEqual({
      keyedHash: hashOf(agentPerson.identity.idNumber),
      basis: 'power_of_attorney',
    });
    expect((record.materials as { materialId: string }[]).map((m) => m.materialId)).toContain(
      'POWER_OF_ATTORNEY',
    );
    // Unticked "keep my data" by an agent without her card deletes nothing of her record.
    expect(host.context.runtime()!.store.people.get(elderly.identity.idNumber)).not.toBeNull();
    // The receipt names her (masked) as applicant, and the agent.
    const receipts = host.context.runtime()!.store.printedReceipts;
    const last = receipts.get(receipts.recent(1)[0]!.id) as { onBehalf?: unknown };
    expect(last.onBehalf).toEqual({
      applicantName: maskName(elderly.identity.name),
      agentName: agentPerson.identity.name,
    });
    // The progress list of a session acting without her card shows none of her cases.
    const listed = await call('queryProgress', { sessionId });
    expect(listed.ok && listed.value.cases).toEqual([]);
  });

  it('refuses a wrong name and an unknown number alike, and stops after three tries', async () => {
    const sessionId = await agentSession();
    const wrongName = await call('actForIdNumber', {
      sessionId,
      idNumber: elderly.identity.idNumber,
      name: `${elderly.identity.name}华`,
    });
    const unknown = people.find((p) => !p.profile && p.identity.cardType === 'resident')!;
    const unknownNumber = await call('actForIdNumber', {
      sessionId,
      idNumber: unknown.identity.idNumber,
      name: unknown.identity.name,
    });
    expect(wrongName).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(unknownNumber).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The same words either way: a guess learns nothing of which it was.
    if (wrongName.ok || unknownNumber.ok) throw new Error('found');
    expect(wrongName.error.message).toBe(unknownNumber.error.message);
    // A number that cannot exist is a typing slip: said so, not counted.
    expect(
      await call('actForIdNumber', { sessionId, idNumber: '350583198001011234', name: '张三' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_id_number' } });
    expect(await call('agentOptions', { sessionId })).toMatchObject({
      ok: true,
      value: { attemptsLeft: idNumberAttemptsPerSession - 2 },
    });
    expect(
      await call('actForIdNumber', { sessionId, idNumber: unknown.identity.idNumber, name: '张三' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Out of tries: even the right name and number are refused now, and the screen stops offering it.
    expect(
      await call('actForIdNumber', {
        sessionId,
        idNumber: elderly.identity.idNumber,
        name: elderly.identity.name,
      }),
    ).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
    expect(await call('agentOptions', { sessionId })).toMatchObject({
      ok: true,
      value: { idNumber: false, attemptsLeft: 0 },
    });
    expect(await call('getActingFor', { sessionId })).toMatchObject({ ok: true, value: { actingFor: null } });
  });

  it('takes the principal’s own card laid after the agent lifts theirs, keeping the agent’s session', async () => {
    const sessionId = await agentSession();
    expect(await call('awaitPrincipalCard', { sessionId })).toEqual({ ok: true, value: {} });
    // Under the hall's "hold" policy lifting the card would end the session: not while waiting.
    await call('demoRemoveCard', {});
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(host.sessionActive()).toBe(true);
    // The agent's own card laid again is not a principal.
    await layCard('sample-returning');
    await until('the own card to be told', async () => {
      const state = await call('getActingFor', { sessionId });
      return state.ok && state.value.cardProblem === 'own_card';
    });
    await call('demoRemoveCard', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    await layCard('sample-parent');
    const acting = await until('the principal’s card to be taken', async () => {
      const state = await call('getActingFor', { sessionId });
      return state.ok && state.value.actingFor ? state.value : null;
    });
    expect(acting).toMatchObject({
      waitingForCard: false,
      actingFor: {
        basis: 'principal_card',
        principal: { maskedName: maskName(elderly.identity.name) },
        agent: { name: agentPerson.identity.name },
      },
    });
    expect(host.context.sessions.current()?.id).toBe(sessionId);
    // Her own card was laid: her archived copies are offered as to her.
    const pension = await call('prepareApplication', { sessionId, itemId: 'rs-cxjm-yl' });
    expect(pension.ok && pension.value.reusableMaterials.length).toBeGreaterThan(0);
    const { prepared, submitted } = await applyFor(sessionId);
    expect(prepared.addedMaterials).toEqual([]);
    expect(prepared.card?.idNumber).toBe(elderly.identity.idNumber);
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
    const record = storedRecord(submitted.value.caseNumber);
    expect(record.applicant).toMatchObject({ keyedHash: hashOf(elderly.identity.idNumber) });
    expect(record.agent).toEqual({
      keyedHash: hashOf(agentPerson.identity.idNumber),
      basis: 'principal_card',
    });
    // A renderer that reconnects knows of no principal: the host drops it too.
    expect(await call('getSessionState', {})).toMatchObject({
      ok: true,
      value: { state: 'active', sessionId },
    });
    expect(await call('getActingFor', { sessionId })).toMatchObject({ ok: true, value: { actingFor: null } });
    // Back to applying for oneself: the agent's own form again.
    expect(await call('stopActingFor', { sessionId })).toEqual({ ok: true, value: {} });
    const own = await call('prepareApplication', { sessionId, itemId });
    expect(own.ok && own.value.card?.idNumber).toBe(agentPerson.identity.idNumber);
    expect(own.ok && own.value.onBehalf).toBeUndefined();
  }, 90_000);

  it('refuses a session opened without a card', async () => {
    await call('demoRemoveCard', {});
    await until('no session', () => !host.sessionActive());
    const sessionId = host.context.sessions.start(
      { ...agentPerson.identity, expired: false, checkDigitValid: true, age: 40 },
      'sms',
    );
    expect(await call('agentOptions', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(
      await call('actForIdNumber', {
        sessionId,
        idNumber: elderly.identity.idNumber,
        name: elderly.identity.name,
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    host.context.sessions.endCurrent('home');
  });
});

describe('household wards from the register facts', () => {
  const today = '2026-12-08';
  const base = emptyProfile(
    { storeProfile: true, keepMaterials: false, consentedAt: '2026-01-01T00:00:00+08:00' },
    '2026-01-01T00:00:00+08:00',
  );

  it('finds a dependent parent when the agent is the head’s child, and never an adult child or a younger parent', () => {
    const profile = {
      ...base,
      household: {
        headName: '邱建国',
        relationToHead: '子女',
        registeredAddress: '福建省南安市溪美街道',
        size: 3,
      },
      householdMembers: [
        { name: '邱建国', idNumber: '350583195001011012', relation: '户主' },
        { name: '林美玲', idNumber: '350583197001011021', relation: '配偶' },
        { name: '邱明', idNumber: '350583199001011015', relation: '子女' },
      ],
    };
    const wards = householdWards(profile, '350583199001011015', today);
    expect(wards.map((w) => [maskName(w.name), w.relation])).toEqual([['邱*国', 'parent']]);
    expect(wards[0]!.registeredAddress).toBe('福建省南安市溪美街道');
  });

  it('finds minor children of the head and of the head’s spouse', () => {
    const profile = {
      ...base,
      household: { headName: '邱建国', relationToHead: '配偶', registeredAddress: null, size: 4 },
      householdMembers: [
        { name: '邱建国', idNumber: '350583198001011019', relation: '户主' },
        { name: '林美玲', idNumber: '350583198201011028', relation: '配偶' },
        { name: '邱小明', idNumber: '350583201501011016', relation: '子女' },
        { name: '邱大明', idNumber: '350583200001011010', relation: '子女' },
      ],
    };
    expect(householdWards(profile, '350583198201011028', today).map((w) => w.name)).toEqual(['邱小明']);
  });
});
