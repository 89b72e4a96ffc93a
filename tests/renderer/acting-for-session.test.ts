import { describe, expect, it } from 'vitest';
import { type AnyActorRef, createActor } from 'xstate';
import type { ActingForView } from '../../host/api/agent';
import { createSessionMachine, type JourneyClient } from '../../renderer/src/session/session-machine';
import { testIdentity } from '../support/identities';

/** 帮办代办 in the session machine: the menu's entry, the principal adopted, forgotten back on the menu. */
const view: ActingForView = {
  basis: 'power_of_attorney',
  principal: { maskedName: '许*英', maskedIdNumber: '3505**********0621', age: 76 },
  agent: { name: testIdentity.name, maskedIdNumber: '1101**********0015', relation: null },
};

function fakeClient() {
  const stopped: string[] = [];
  const unused = async () => {
    throw new Error('not called in these tests');
  };
  const client = {
    endSession: async () => ({ ok: true as const, value: {} }),
    useCardOnReader: unused,
    stopActingFor: async ({ sessionId }: { sessionId: string }) => {
      stopped.push(sessionId);
      return { ok: true as const, value: {} };
    },
    prepareApplication: unused,
    getPrinterStatus: unused,
    submitApplication: unused,
    listAppointments: unused,
    checkInAppointment: unused,
    queryProgress: unused,
    rateCase: unused,
  } as unknown as JourneyClient;
  return { client, stopped };
}

function start(client: JourneyClient) {
  const actor = createActor(
    createSessionMachine(
      client,
      { idleMs: 70_000, warningMs: 20_000, doneMs: 45_000, promptMs: 30_000 },
      { language: 'zh-Hans', elderly: false, highContrast: false },
    ),
  );
  actor.start();
  actor.send({ type: 'SESSION_STARTED', sessionId: 'session-1', identity: testIdentity });
  return actor;
}

describe('为他人办理 in the session machine', () => {
  it('goes from the menu to the principal’s identification and on to applying for them', () => {
    const { client } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'ACT_FOR_OTHER' });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'actingFor' } })).toBe(true);
    actor.send({ type: 'ACTING_FOR', view });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'apply' } })).toBe(true);
    expect(actor.getSnapshot().context.actingFor).toEqual(view);
  });

  it('forgets the principal, at the host too, once back on the menu', async () => {
    const { client, stopped } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'ACT_FOR_OTHER' });
    actor.send({ type: 'ACTING_FOR', view });
    const apply = actor.getSnapshot().children.apply as AnyActorRef;
    apply.send({ type: 'BACK' });
    await Promise.resolve();
    expect(actor.getSnapshot().matches({ inSession: { journey: 'menu' } })).toBe(true);
    expect(actor.getSnapshot().context.actingFor).toBeNull();
    expect(stopped).toEqual(['session-1']);
  });

  it('goes back to the menu from the identification without telling the host anything', () => {
    const { client, stopped } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'ACT_FOR_OTHER' });
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().matches({ inSession: { journey: 'menu' } })).toBe(true);
    expect(stopped).toEqual([]);
  });

  it('wipes the principal with the session', () => {
    const { client } = fakeClient();
    const actor = start(client);
    actor.send({ type: 'ACT_FOR_OTHER' });
    actor.send({ type: 'ACTING_FOR', view });
    actor.send({ type: 'SESSION_ENDED', sessionId: 'session-1', reason: 'timeout' });
    expect(actor.getSnapshot().value).toBe('attract');
    expect(JSON.stringify(actor.getSnapshot().context)).not.toContain('许*英');
  });
});
