import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ActorRefFrom, type AnyActorRef, createActor } from 'xstate';
import type { MethodInput } from '../../host/api/contract';
import type { IdentityView } from '../../host/api/identity';
import type { AppointmentView, CaseView, TicketView } from '../../host/api/journey';
import type { ApplyMachine } from '../../renderer/src/session/apply-machine';
import type { CheckInMachine } from '../../renderer/src/session/check-in-machine';
import type { ProgressMachine } from '../../renderer/src/session/progress-machine';
import type { RatingMachine } from '../../renderer/src/session/rating-machine';
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
  priorityReasons: [],
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
  // Every host call the renderer makes, by name: a card must not cost any.
  const made: string[] = [];
  const calls = {
    endSession: [] as MethodInput<'endSession'>[],
    submitApplication: [] as MethodInput<'submitApplication'>[],
    rateCase: [] as MethodInput<'rateCase'>[],
    checkIn: [] as MethodInput<'checkInAppointment'>[],
    queryProgress: [] as MethodInput<'queryProgress'>[],
  };
  const client: JourneyClient = {
    endSession: async (input) => {
      calls.endSession.push(input);
      return { ok: true, value: {} };
    },
    useCardOnReader: async () => ({
      ok: false,
      error: { code: 'no_card', message: 'No accepted ID card lies on the reader.' },
    }),
    prepareApplication: () =>
      ok({
        itemId: item.id,
        form,
        values: { name: identity.name },
        provenance: { name: 'card' as const, phone: 'empty' as const },
        missingFields: ['phone'],
        whenShown: {},
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
        card: (({ expired: _e, checkDigitValid: _c, age: _a, ...card }) => card)(identity),
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
        value: {
          ticket: { ...ticket, priority: true, priorityReasons: ['appointment' as const] },
          receipt: { printed: true as const },
        },
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
  const counted = new Proxy(client, {
    get(target, property: keyof JourneyClient) {
      made.push(property);
      return target[property];
    },
  });
  return { client: counted, calls, made };
}

const timing: SessionTiming = { idleMs: 70_000, warningMs: 20_000, doneMs: 45_000, promptMs: 30_000 };
const defaults = { language: 'zh-Hans' as const, elderly: false, highContrast: false };

function start(client: JourneyClient) {
  const actor = createActor(createSessionMachine(client, timing, defaults));
  actor.start();
  return actor;
}

type Session = ReturnType<typeof start>;

/** What the host pushes when it opened the session for a laid card. */
function hostOpens(actor: Session, identity: IdentityView = testIdentity, sessionId = 'session-1') {
  actor.send({ type: 'SESSION_STARTED', sessionId, identity });
}

function child<T extends AnyActorRef>(actor: Session, id: 'apply' | 'checkIn' | 'progress' | 'rating'): T {
  const ref = actor.getSnapshot().children[id as never] as T | undefined;
  if (!ref) throw new Error(`no ${id} machine running`);
  return ref;
}
const applyOf = (actor: Session) => child<ActorRefFrom<ApplyMachine>>(actor, 'apply');
const checkInOf = (actor: Session) => child<ActorRefFrom<CheckInMachine>>(actor, 'checkIn');
const progressOf = (actor: Session) => child<ActorRefFrom<ProgressMachine>>(actor, 'progress');
const ratingOf = (actor: Session) => child<ActorRefFrom<RatingMachine>>(actor, 'rating');
function nestedRatingOf(actor: Session): ActorRefFrom<RatingMachine> {
  const ref = progressOf(actor).getSnapshot().children.rating as ActorRefFrom<RatingMachine> | undefined;
  if (!ref) throw new Error('no rating inside progress');
  return ref;
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

describe('session machine (mirrors the host session)', () => {
  it('shows the session the host opened, greets the holder, and wipes everything when they go home', async () => {
    const { client, calls, made } = fakeClient();
    const actor = start(client);
    expect(actor.getSnapshot().value).toBe('attract');
    hostOpens(actor);
    expect(actor.getSnapshot().matches({ inSession: { journey: 'menu' } })).toBe(true);
    expect(actor.getSnapshot().context.identity?.name).toBe(testIdentity.name);
    // The card cost no call: the host opened the session itself.
    expect(made).toEqual([]);
    actor.send({ type: 'HOME' });
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    expect(calls.endSession).toEqual([{ sessionId: 'session-1', reason: 'home' }]);
    // The host's sessionEnded for the session the renderer closed changes nothing.
    actor.send({ type: 'SESSION_ENDED', sessionId: 'session-1' });
    expect(actor.getSnapshot().value).toBe('attract');
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
    hostOpens(actor);
    const apply = applyOf(actor);
    expect(apply.getSnapshot().value).toBe('choosingItem');
    apply.send({ type: 'SELECT_ITEM', item });
    apply.send({ type: 'START_ITEM' });
    await settle();
    expect(apply.getSnapshot().value).toBe('fillingForm');
    expect(apply.getSnapshot().context.provenance.name).toBe('card');

    // Phone missing: "next" stays and shows the errors.
    apply.send({ type: 'NEXT' });
    expect(apply.getSnapshot().value).toBe('fillingForm');
    expect(apply.getSnapshot().context.showFormErrors).toBe(true);
    apply.send({ type: 'SET_VALUE', fieldId: 'phone', value: '13800138000' });
    actor.send({ type: 'SET_LANGUAGE', language: 'en' });
    expect(apply.getSnapshot().context.values.phone).toBe('13800138000');
    expect(apply.getSnapshot().context.provenance.phone).toBe('typed');
    apply.send({ type: 'NEXT' });
    expect(apply.getSnapshot().value).toBe('materials');

    // One tap consents to every archived copy and moves on (the lease is optional).
    apply.send({ type: 'USE_ALL_ARCHIVED' });
    expect(apply.getSnapshot().matches('review')).toBe(true);
    await settle();
    const language = actor.getSnapshot().context.prefs.language;
    apply.send({ type: 'CONFIRM', language });
    expect(apply.getSnapshot().matches('review')).toBe(true);
    apply.send({ type: 'SET_SIGNATURE', dataUrl: 'data:image/png;base64,AAAA' });
    apply.send({ type: 'CONFIRM', language });
    await settle();
    expect(apply.getSnapshot().value).toBe('ticket');
    expect(calls.submitApplication).toHaveLength(1);
    const submitted = calls.submitApplication[0]!;
    expect(submitted.sessionId).toBe('session-1');
    expect(submitted.materials).toEqual([{ code: 'ID_CARD', archivedSha256: sha, pageIds: [] }]);
    expect(submitted.values).toEqual({ name: testIdentity.name, phone: '13800138000' });
    expect(submitted.language).toBe('en');
    expect(submitted.proceedWithoutReceipt).toBe(false);
    expect(apply.getSnapshot().context.submission?.ticket.number).toBe('A001');

    // The ticket screen goes home by itself.
    await vi.advanceTimersByTimeAsync(timing.doneMs);
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    expect(calls.endSession.at(-1)).toEqual({ sessionId: 'session-1', reason: 'finished' });
    expect(actor.getSnapshot().context.prefs.language).toBe('zh-Hans');
    expect(actor.getSnapshot().children.apply).toBeUndefined();
  });

  it('asks before submitting without a receipt when the printer cannot print', async () => {
    const { client, calls } = fakeClient(testIdentity, false);
    const actor = start(client);
    hostOpens(actor);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'apply' });
    const apply = applyOf(actor);
    apply.send({ type: 'SELECT_ITEM', item });
    apply.send({ type: 'START_ITEM' });
    await settle();
    apply.send({ type: 'SET_VALUE', fieldId: 'phone', value: '13800138000' });
    apply.send({ type: 'NEXT' });
    apply.send({ type: 'USE_ARCHIVED', code: 'ID_CARD', use: true });
    apply.send({ type: 'NEXT' });
    await settle();
    expect(apply.getSnapshot().context.printer).toEqual({ ready: false, state: 'out_of_paper' });
    apply.send({ type: 'SET_SIGNATURE', dataUrl: 'data:image/png;base64,AAAA' });
    apply.send({ type: 'CONFIRM', language: 'zh-Hans' });
    expect(apply.getSnapshot().matches('review')).toBe(true);
    apply.send({ type: 'PROCEED_WITHOUT_RECEIPT', proceed: true });
    apply.send({ type: 'CONFIRM', language: 'zh-Hans' });
    await settle();
    expect(calls.submitApplication[0]?.proceedWithoutReceipt).toBe(true);
    expect(apply.getSnapshot().context.submission?.receipt).toEqual({
      printed: false,
      problem: 'out_of_paper',
    });
  });

  it('warns before timing out, extends on a touch up to ten times, then wipes', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    hostOpens(actor);
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

  it('goes home when the host ends the session (card removed, its guard) without calling it back', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    hostOpens(actor);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'apply' });
    // An end of some other session is not ours.
    actor.send({ type: 'SESSION_ENDED', sessionId: 'session-0' });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'apply' } })).toBe(true);
    actor.send({ type: 'SESSION_ENDED', sessionId: 'session-1' });
    expect(actor.getSnapshot().value).toBe('attract');
    expect(actor.getSnapshot().context.identity).toBeNull();
    expect(actor.getSnapshot().children.apply).toBeUndefined();
    await settle();
    expect(calls.endSession).toEqual([]);
  });

  it('shows a refused card by its reason only, until the card is taken away', async () => {
    const { client, made } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CARD_REJECTED', reason: 'expired' });
    expect(actor.getSnapshot().value).toBe('rejected');
    expect(actor.getSnapshot().context.rejection).toBe('expired');
    expect(actor.getSnapshot().context.identity).toBeNull();
    actor.send({ type: 'CARD_REMOVED' });
    expect(actor.getSnapshot().value).toBe('attract');
    actor.send({ type: 'CARD_REJECTED', reason: 'bad_check_digit' });
    await vi.advanceTimersByTimeAsync(timing.promptMs);
    expect(actor.getSnapshot().value).toBe('attract');
    expect(made).toEqual([]);
  });

  it('after a reconnect shows what the host holds: its open session, or nothing', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({
      type: 'HOST_STATE',
      state: { state: 'active', sessionId: 'session-7', identity: testIdentity },
    });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'menu' } })).toBe(true);
    expect(actor.getSnapshot().context.sessionId).toBe('session-7');
    // The same answer again (a second reconnect) keeps the applicant where they are.
    actor.send({ type: 'CHOOSE_SERVICE', service: 'apply' });
    actor.send({
      type: 'HOST_STATE',
      state: { state: 'active', sessionId: 'session-7', identity: testIdentity },
    });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'apply' } })).toBe(true);
    // The host ended it while the channel was down.
    actor.send({ type: 'HOST_STATE', state: { state: 'none' } });
    expect(actor.getSnapshot().value).toBe('attract');
    actor.send({ type: 'HOST_STATE', state: { state: 'rejected', reason: 'unreadable' } });
    expect(actor.getSnapshot().value).toBe('rejected');
    await settle();
    expect(calls.endSession).toEqual([]);
  });

  it('checks in an appointment in one tap after the service', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'checkIn' });
    hostOpens(actor);
    await settle();
    const checkIn = checkInOf(actor);
    expect(checkIn.getSnapshot().value).toBe('list');
    checkIn.send({ type: 'CHECK_IN', appointmentId: 'appt-1', language: 'zh-Hans' });
    await settle();
    expect(checkIn.getSnapshot().value).toBe('ticket');
    expect(calls.checkIn).toEqual([
      { sessionId: 'session-1', appointmentId: 'appt-1', proceedWithoutReceipt: false, language: 'zh-Hans' },
    ]);
    expect(checkIn.getSnapshot().context.checkIn?.ticket.priority).toBe(true);
  });

  it('queries progress by case number without a card, then rates the finished case', async () => {
    const { client, calls } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'progress' });
    actor.send({ type: 'WITHOUT_CARD', service: 'progress', method: 'number' });
    const progress = progressOf(actor);
    expect(progress.getSnapshot().value).toBe('enteringNumber');
    progress.send({ type: 'QUERY_CASE', caseNumber: ' C2026-0001 ' });
    await settle();
    expect(calls.queryProgress).toEqual([{ caseNumber: 'C2026-0001' }]);
    expect(progress.getSnapshot().value).toBe('results');
    progress.send({ type: 'RATE_CASE', caseNumber: 'C2026-0001' });
    // Back from grading returns to the results, still there.
    nestedRatingOf(actor).send({ type: 'BACK' });
    expect(progress.getSnapshot().value).toBe('results');
    expect(progress.getSnapshot().context.cases).toEqual([doneCase]);
    progress.send({ type: 'RATE_CASE', caseNumber: 'C2026-0001' });
    const rating = nestedRatingOf(actor);
    rating.send({ type: 'SUBMIT_RATING', grade: 5, reasons: ['fast'] });
    await settle();
    expect(rating.getSnapshot().value).toBe('thanks');
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
    hostOpens(actor);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'rate' });
    await settle();
    expect(calls.queryProgress).toEqual([{ sessionId: 'session-1' }]);
    const rating = ratingOf(actor);
    expect(rating.getSnapshot().value).toBe('choosingCase');
    rating.send({ type: 'RATE_CASE', caseNumber: 'C2026-0001' });
    rating.send({ type: 'SUBMIT_RATING', grade: 1, reasons: [] });
    await settle();
    expect(calls.rateCase[0]?.grade).toBe(1);
    // The thank-you screen goes home by itself.
    await vi.advanceTimersByTimeAsync(timing.doneMs);
    await settle();
    expect(actor.getSnapshot().value).toBe('attract');
    expect(calls.endSession).toEqual([{ sessionId: 'session-1', reason: 'finished' }]);
  });

  it('goes from the rating list to a case number, and back to the menu from there', async () => {
    const { client } = fakeClient();
    const actor = start(client);
    hostOpens(actor);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'rate' });
    await settle();
    ratingOf(actor).send({ type: 'BY_NUMBER' });
    expect(progressOf(actor).getSnapshot().value).toBe('enteringNumber');
    progressOf(actor).send({ type: 'BACK' });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'menu' } })).toBe(true);
  });

  it('shows a host failure as words with a retry, and leaves the service back to the menu', async () => {
    const { client } = fakeClient();
    const failing: JourneyClient = {
      ...client,
      prepareApplication: () => Promise.resolve({ ok: false, error: { code: 'unknown_item', message: 'x' } }),
    };
    const actor = start(failing);
    hostOpens(actor);
    actor.send({ type: 'CHOOSE_SERVICE', service: 'apply' });
    const apply = applyOf(actor);
    apply.send({ type: 'SELECT_ITEM', item });
    apply.send({ type: 'START_ITEM' });
    await settle();
    expect(apply.getSnapshot().value).toBe('preparationFailed');
    expect(apply.getSnapshot().context.problem).toBe('problems.unknown_item');
    apply.send({ type: 'RETRY' });
    expect(apply.getSnapshot().value).toBe('preparing');
    await settle();
    apply.send({ type: 'BACK' });
    apply.send({ type: 'BACK' });
    apply.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'menu' } })).toBe(true);
  });
});
