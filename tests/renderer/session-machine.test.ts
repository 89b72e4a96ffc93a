import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import type { MethodInput } from '../../host/api/contract';
import type { IdentityView } from '../../host/api/identity';
import type { AppointmentView, CaseView, TicketView } from '../../host/api/journey';
import {
  createSessionMachine,
  type JourneyClient,
  MAX_IDLE_EXTENSIONS,
  type SessionTiming,
} from '../../renderer/src/session/session-machine';
import type { ServiceItem } from '../../sync/protocol/catalogue';
import type { FormDefinition } from '../../sync/protocol/forms';
import { testIdentity } from '../support/identities';

const text = (zh: string, en = zh) => ({ 'zh-Hans': zh, 'zh-Hant': zh, en });
const sha = 'a'.repeat(64);

const form: FormDefinition = {
  id: 'form-1',
  version: 1,
  title: text('申请表'),
  sections: [
    {
      id: 'applicant',
      title: text('申请人'),
      fields: [
        {
          id: 'name',
          type: 'text',
          label: text('姓名'),
          source: 'card.name',
          validation: { required: true },
        },
        { id: 'phone', type: 'phone', label: text('电话'), validation: { required: true } },
      ],
    },
  ],
};

const item: ServiceItem = {
  id: 'item-1',
  version: 1,
  code: 'ITEM-0001',
  departmentId: 'market',
  name: text('个体工商户登记'),
  pinyin: 'getigongshanghudengji',
  pinyinInitials: 'gtgshdj',
  keywords: [],
  lifeEventIds: [],
  materials: [
    { code: 'ID_CARD', name: text('身份证'), required: true, pages: 2, reusable: true },
    { code: 'LEASE', name: text('租赁合同'), required: false, pages: 3, reusable: false },
  ],
  timeLimitDays: 0,
  formId: 'form-1',
  windowNumbers: [5],
  common: true,
};

const ticket: TicketView = {
  number: 'A001',
  queueName: text('综合'),
  departmentName: text('市场监督管理局'),
  windowNumbers: [5],
  peopleAhead: 3,
  waitBand: 'under_10',
  priority: false,
  issuedAt: '2026-11-26T09:00:00+08:00',
};

const doneCase: CaseView = {
  caseNumber: 'C2026-0001',
  itemName: text('个体工商户登记'),
  status: 'done',
  submittedAt: '2026-11-20T09:00:00+08:00',
  history: [],
  rateable: true,
};

const appointment: AppointmentView = {
  appointmentId: 'appt-1',
  itemName: text('个体工商户登记'),
  departmentName: text('市场监督管理局'),
  startsAt: '2026-11-26T10:00:00+08:00',
  checkedIn: false,
};

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

function fakeClient(identity: IdentityView = testIdentity, printerReady = true) {
  const calls = {
    endSession: [] as MethodInput<'endSession'>[],
    submitApplication: [] as MethodInput<'submitApplication'>[],
    rateCase: [] as MethodInput<'rateCase'>[],
    checkIn: [] as MethodInput<'checkInAppointment'>[],
    queryProgress: [] as MethodInput<'queryProgress'>[],
  };
  const client: JourneyClient = {
    startSession: () => ok({ sessionId: 'session-1', identity }),
    endSession: async (input) => {
      calls.endSession.push(input);
      return { ok: true, value: {} };
    },
    prepareApplication: () =>
      ok({
        itemId: item.id,
        form,
        values: { name: identity.name },
        provenance: { name: 'card' as const, phone: 'empty' as const },
        missingFields: ['phone'],
        reusableMaterials: [
          {
            code: 'ID_CARD',
            sha256: sha,
            name: '身份证',
            archivedAt: '2026-01-01T00:00:00+08:00',
            pages: 2,
            thumbnailDataUrl: null,
          },
        ],
        consent: null,
      }),
    getPrinterStatus: () => ok({ ready: printerReady, state: printerReady ? 'ready' : 'out_of_paper' }),
    submitApplication: async (input) => {
      calls.submitApplication.push(input);
      return {
        ok: true,
        value: {
          caseNumber: 'C2026-0002',
          progressUrl: 'https://example.invalid/progress?case=C2026-0002',
          ticket,
          receipt: input.proceedWithoutReceipt
            ? { printed: false as const, problem: 'out_of_paper' as const }
            : { printed: true as const },
        },
      };
    },
    listAppointments: () => ok({ appointments: [appointment] }),
    checkInAppointment: async (input) => {
      calls.checkIn.push(input);
      return {
        ok: true,
        value: { ticket: { ...ticket, priority: true }, receipt: { printed: true as const } },
      };
    },
    queryProgress: async (input) => {
      calls.queryProgress.push(input);
      return { ok: true, value: { cases: [doneCase] } };
    },
    rateCase: async (input) => {
      calls.rateCase.push(input);
      return { ok: true, value: {} };
    },
  };
  return { client, calls };
}

const timing: SessionTiming = { idleMs: 70_000, warningMs: 20_000, doneMs: 45_000, promptMs: 30_000 };
const defaults = { language: 'zh-Hans' as const, elderly: false, highContrast: false };

function start(client: JourneyClient) {
  const actor = createActor(createSessionMachine(client, timing, defaults));
  actor.start();
  return actor;
}

async function settle() {
  // Resolved fake host calls, then the machine's reactions to them.
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session machine', () => {
  it('identifies the card holder, greets them, and wipes everything when they go home', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    expect(actor.getSnapshot().value).toBe('attract');
    actor.send({ type: 'CARD_PLACED' });
    expect(actor.getSnapshot().value).toBe('identifying');
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: 'menu' } })).toBe(true);
    expect(actor.getSnapshot().context.identity?.name).toBe(testIdentity.name);
    actor.send({ type: 'HOME' });
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    expect(calls.endSession).toEqual([{ sessionId: 'session-1', reason: 'home' }]);
    const context = actor.getSnapshot().context;
    expect(context.identity).toBeNull();
    expect(context.sessionId).toBeNull();
    expect(JSON.stringify(context)).not.toContain(testIdentity.name);
    expect(JSON.stringify(context)).not.toContain(testIdentity.idNumber);
  });

  it('runs a returning applicant from card to ticket and keeps typed input across a language switch', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'apply' });
    expect(actor.getSnapshot().value).toBe('waitingForCard');
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'choosingItem' } } })).toBe(true);
    actor.send({ type: 'SELECT_ITEM', item });
    actor.send({ type: 'START_ITEM' });
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'fillingForm' } } })).toBe(true);
    expect(actor.getSnapshot().context.provenance.name).toBe('card');

    // Phone missing: "next" stays and shows the errors.
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'fillingForm' } } })).toBe(true);
    expect(actor.getSnapshot().context.showFormErrors).toBe(true);
    actor.send({ type: 'SET_VALUE', fieldId: 'phone', value: '13800138000' });
    actor.send({ type: 'SET_LANGUAGE', language: 'en' });
    expect(actor.getSnapshot().context.values.phone).toBe('13800138000');
    expect(actor.getSnapshot().context.provenance.phone).toBe('typed');
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'materials' } } })).toBe(true);

    // One tap consents to every archived copy and moves on (the lease is optional).
    actor.send({ type: 'USE_ALL_ARCHIVED' });
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'review' } } })).toBe(true);
    await settle();
    actor.send({ type: 'CONFIRM' });
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'review' } } })).toBe(true);
    actor.send({ type: 'SET_SIGNATURE', dataUrl: 'data:image/png;base64,AAAA' });
    actor.send({ type: 'CONFIRM' });
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'ticket' } } })).toBe(true);
    expect(calls.submitApplication).toHaveLength(1);
    const submitted = calls.submitApplication[0]!;
    expect(submitted.materials).toEqual([{ code: 'ID_CARD', archivedSha256: sha, pageIds: [] }]);
    expect(submitted.values).toEqual({ name: testIdentity.name, phone: '13800138000' });
    expect(submitted.language).toBe('en');
    expect(submitted.proceedWithoutReceipt).toBe(false);
    expect(actor.getSnapshot().context.submission?.ticket.number).toBe('A001');

    // The ticket screen goes home by itself.
    await vi.advanceTimersByTimeAsync(timing.doneMs);
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    expect(calls.endSession.at(-1)).toEqual({ sessionId: 'session-1', reason: 'finished' });
    expect(actor.getSnapshot().context.prefs.language).toBe('zh-Hans');
    expect(actor.getSnapshot().context.submission).toBeNull();
  });

  it('asks before submitting without a receipt when the printer cannot print', async () => {
    const { client, calls } = fakeClient(testIdentity, false);
    const actor = start(client);
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    actor.send({ type: 'CHOOSE_SERVICE', service: 'apply' });
    actor.send({ type: 'SELECT_ITEM', item });
    actor.send({ type: 'START_ITEM' });
    await settle();
    actor.send({ type: 'SET_VALUE', fieldId: 'phone', value: '13800138000' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'USE_ARCHIVED', code: 'ID_CARD', use: true });
    actor.send({ type: 'NEXT' });
    await settle();
    expect(actor.getSnapshot().context.printer).toEqual({ ready: false, state: 'out_of_paper' });
    actor.send({ type: 'SET_SIGNATURE', dataUrl: 'data:image/png;base64,AAAA' });
    actor.send({ type: 'CONFIRM' });
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'review' } } })).toBe(true);
    actor.send({ type: 'PROCEED_WITHOUT_RECEIPT', proceed: true });
    actor.send({ type: 'CONFIRM' });
    await settle();
    expect(calls.submitApplication[0]?.proceedWithoutReceipt).toBe(true);
    expect(actor.getSnapshot().context.submission?.receipt).toEqual({
      printed: false,
      problem: 'out_of_paper',
    });
  });

  it('warns before timing out, extends on a touch up to ten times, then wipes', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    // Touches restart the quiet period.
    await vi.advanceTimersByTimeAsync(timing.idleMs - 1000);
    actor.send({ type: 'TOUCH' });
    await vi.advanceTimersByTimeAsync(timing.idleMs - 1000);
    expect(actor.getSnapshot().matches({ inSession: { idle: 'quiet' } })).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    for (let extension = 0; extension < MAX_IDLE_EXTENSIONS; extension++) {
      if (extension > 0) await vi.advanceTimersByTimeAsync(timing.idleMs);
      expect(actor.getSnapshot().matches({ inSession: { idle: 'warning' } })).toBe(true);
      actor.send({ type: 'CONTINUE' });
      expect(actor.getSnapshot().matches({ inSession: { idle: 'quiet' } })).toBe(true);
    }
    await vi.advanceTimersByTimeAsync(timing.idleMs);
    actor.send({ type: 'CONTINUE' });
    expect(actor.getSnapshot().matches({ inSession: { idle: 'warning' } })).toBe(true);
    await vi.advanceTimersByTimeAsync(timing.warningMs);
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    expect(calls.endSession).toEqual([{ sessionId: 'session-1', reason: 'timeout' }]);
    expect(actor.getSnapshot().context.idleExtensions).toBe(0);
  });

  it('ends on card removal and on the host’s timeout', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    actor.send({ type: 'CARD_REMOVED' });
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    actor.send({ type: 'TIMEOUT' });
    await settle();
    expect(calls.endSession.map((call) => call.reason)).toEqual(['card_removed', 'timeout']);
  });

  it('turns away an expired card and closes the host session at once', async () => {
    const { client, calls } = fakeClient({ ...testIdentity, expired: true });
    const actor = start(client);
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    expect(actor.getSnapshot().value).toBe('identityRejected');
    expect(actor.getSnapshot().context.problem).toBe('identify.expired');
    expect(actor.getSnapshot().context.identity).toBeNull();
    expect(calls.endSession).toEqual([{ sessionId: 'session-1', reason: 'error' }]);
  });

  it('checks in an appointment in one tap after the service', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'checkIn' });
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: { appointments: 'list' } } })).toBe(true);
    actor.send({ type: 'CHECK_IN', appointmentId: 'appt-1' });
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: { appointments: 'ticket' } } })).toBe(true);
    expect(calls.checkIn).toEqual([
      { sessionId: 'session-1', appointmentId: 'appt-1', proceedWithoutReceipt: false, language: 'zh-Hans' },
    ]);
    expect(actor.getSnapshot().context.checkIn?.ticket.priority).toBe(true);
  });

  it('queries progress by case number without a card, then rates the finished case', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'progress' });
    actor.send({ type: 'WITHOUT_CARD', service: 'progress', method: 'number' });
    expect(actor.getSnapshot().matches({ inSession: { journey: { progress: 'enteringNumber' } } })).toBe(
      true,
    );
    actor.send({ type: 'QUERY_CASE', caseNumber: ' C2026-0001 ' });
    await settle();
    expect(calls.queryProgress).toEqual([{ caseNumber: 'C2026-0001' }]);
    expect(actor.getSnapshot().matches({ inSession: { journey: { progress: 'results' } } })).toBe(true);
    actor.send({ type: 'RATE_CASE', caseNumber: 'C2026-0001' });
    actor.send({ type: 'SUBMIT_RATING', grade: 5, reasons: ['fast'] });
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: { rating: 'thanks' } } })).toBe(true);
    expect(calls.rateCase).toEqual([{ caseNumber: 'C2026-0001', grade: 5, reasons: ['fast'], comment: '' }]);
    // No card, no host session to end.
    actor.send({ type: 'FINISH' });
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    expect(calls.endSession).toEqual([]);
  });

  it('rates a case of the card holder from the list of rateable cases', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    actor.send({ type: 'CHOOSE_SERVICE', service: 'rate' });
    await settle();
    expect(calls.queryProgress).toEqual([{ sessionId: 'session-1' }]);
    expect(actor.getSnapshot().matches({ inSession: { journey: { rating: 'choosingCase' } } })).toBe(true);
    actor.send({ type: 'RATE_CASE', caseNumber: 'C2026-0001' });
    actor.send({ type: 'SUBMIT_RATING', grade: 1, reasons: [] });
    await settle();
    expect(calls.rateCase[0]?.grade).toBe(1);
  });

  it('shows a host failure as words with a retry', async () => {
    const { client } = fakeClient();
    const failing: JourneyClient = {
      ...client,
      prepareApplication: () => Promise.resolve({ ok: false, error: { code: 'unknown_item', message: 'x' } }),
    };
    const actor = start(failing);
    actor.send({ type: 'CARD_PLACED' });
    await settle();
    actor.send({ type: 'CHOOSE_SERVICE', service: 'apply' });
    actor.send({ type: 'SELECT_ITEM', item });
    actor.send({ type: 'START_ITEM' });
    await settle();
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'preparationFailed' } } })).toBe(
      true,
    );
    expect(actor.getSnapshot().context.problem).toBe('problems.unknown_item');
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().matches({ inSession: { journey: { apply: 'preparing' } } })).toBe(true);
  });
});
