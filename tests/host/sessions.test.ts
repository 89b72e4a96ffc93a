import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../host/api/events';
import type { IdentityView } from '../../host/api/identity';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { HostEventBus } from '../../host/core/event-bus';
import { silentLogger } from '../../host/logging/logger';
import { SessionRegistry } from '../../host/services/sessions';
import { createDispatcher } from '../../host/transport/dispatcher';
import { testIdentity } from '../support/identities';
import { memoryCardServiceFactory } from '../support/memory-card-service';

const expiredHolder: IdentityView = {
  ...testIdentity,
  name: '过期乙',
  idNumber: '110105194912310038',
  validTo: '2020-01-01',
  expired: true,
};
const badDigitHolder: IdentityView = { ...testIdentity, name: '校验丙', checkDigitValid: false };

let host: Host;
const events: HostEvent[] = [];

beforeAll(async () => {
  host = await createHost({
    config: parseConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'kiosk-sessions-')),
      central: { url: 'http://127.0.0.1:9' },
      printer: { kind: 'cups', name: 'none' },
      ui: { manualIdentifyAllowed: true },
    }),
    logger: silentLogger(),
    cardServiceFactory: memoryCardServiceFactory({
      applicant: testIdentity,
      expired: expiredHolder,
      badDigit: badDigitHolder,
    }),
  });
  host.bus.subscribe((event) => events.push(event));
});
afterAll(async () => host.close());
afterEach(async () => {
  await host.api.demoRemoveCard({});
  events.length = 0;
});

async function place(cardId: string): Promise<void> {
  expect(await host.api.demoPlaceCard({ cardId })).toEqual({ ok: true, value: {} });
}

describe('the host owns the applicant session', () => {
  it('turns an expired card away without its holder’s name or number on any event', async () => {
    await place('expired');
    const wire = JSON.stringify(events);
    expect(wire).not.toContain(expiredHolder.name);
    expect(wire).not.toContain(expiredHolder.idNumber);
    expect(events).toEqual([{ type: 'cardRejected', reason: 'expired' }, { type: 'cardPlaced' }]);
    expect(host.sessionActive()).toBe(false);
    expect(await host.api.getSessionState({})).toEqual({
      ok: true,
      value: { state: 'rejected', reason: 'expired' },
    });
  });

  it('turns a card with a wrong check digit away, and forgets the refusal when the card goes', async () => {
    await place('badDigit');
    expect(JSON.stringify(events)).not.toContain(badDigitHolder.name);
    expect(events).toContainEqual({ type: 'cardRejected', reason: 'bad_check_digit' });
    await host.api.demoRemoveCard({});
    expect(await host.api.getSessionState({})).toEqual({ ok: true, value: { state: 'none' } });
  });

  it('opens the session from one card placement: exactly one session event, no call needed', async () => {
    await place('applicant');
    const opened = events.filter((event) => event.type === 'sessionStarted');
    expect(opened).toEqual([
      { type: 'sessionStarted', sessionId: expect.any(String), identity: testIdentity },
    ]);
    expect(events.filter((event) => event.type === 'cardRejected')).toEqual([]);
    expect(host.sessionActive()).toBe(true);
  });

  it('serves the open session to a renderer that reconnects, through the validating dispatcher', async () => {
    await place('applicant');
    const started = events.find((event) => event.type === 'sessionStarted');
    if (started?.type !== 'sessionStarted') throw new Error('no session started');
    const reconnected = await createDispatcher(host.api, silentLogger()).call('getSessionState', {});
    expect(reconnected).toEqual({
      status: 'ok',
      result: {
        ok: true,
        // Issue 15 part 2: how the person was identified travels with the session.
        value: {
          state: 'active',
          sessionId: started.sessionId,
          identity: testIdentity,
          identifiedBy: 'card',
        },
      },
    });
  });

  it('read once (the default): the card may be taken back and the session goes on until the applicant ends it', async () => {
    await place('applicant');
    const started = events.find((event) => event.type === 'sessionStarted');
    if (started?.type !== 'sessionStarted') throw new Error('no session started');
    await host.api.demoRemoveCard({});
    expect(
      events.filter((event) => event.type === 'sessionEnded' && event.sessionId === started.sessionId),
    ).toEqual([]);
    expect(host.sessionActive()).toBe(true);
    await host.api.endSession({ sessionId: started.sessionId, reason: 'finished' });
    // The card is gone: nothing to ask for.
    expect(events).not.toContainEqual({ type: 'cardLeftOnReader' });
    expect(await host.api.getSessionState({})).toEqual({ ok: true, value: { state: 'none' } });
  });

  it('asks for the card left on the reader when a session ends, and a card lying there counts as laid', async () => {
    await place('applicant');
    const started = events.find((event) => event.type === 'sessionStarted');
    if (started?.type !== 'sessionStarted') throw new Error('no session started');
    await host.api.endSession({ sessionId: started.sessionId, reason: 'finished' });
    expect(events.slice(-2)).toEqual([
      { type: 'sessionEnded', sessionId: started.sessionId, reason: 'finished' },
      { type: 'cardLeftOnReader' },
    ]);
    expect(await host.api.getSessionState({})).toEqual({ ok: true, value: { state: 'card_left' } });
    // The next service chosen with the card still there opens its session without lifting it.
    const again = await host.api.useCardOnReader({});
    if (!again.ok) throw new Error(again.error.code);
    expect(again.value.sessionId).not.toBe(started.sessionId);
    expect(host.sessionActive()).toBe(true);
    await host.api.endSession({ sessionId: again.value.sessionId, reason: 'home' });
    await host.api.demoRemoveCard({});
    expect(await host.api.getSessionState({})).toEqual({ ok: true, value: { state: 'none' } });
    expect(await host.api.useCardOnReader({})).toMatchObject({ ok: false, error: { code: 'no_card' } });
  });

  it('never opens a session from a refused card lying on the reader', async () => {
    await place('expired');
    expect(await host.api.useCardOnReader({})).toMatchObject({ ok: false, error: { code: 'no_card' } });
    expect(host.sessionActive()).toBe(false);
  });

  it('announces a manual (card-less) session and its end by the renderer', async () => {
    const manual = await host.api.startManualSession({ idNumber: testIdentity.idNumber, name: '手动丁' });
    if (!manual.ok) throw new Error(manual.error.code);
    expect(events).toContainEqual({
      type: 'sessionStarted',
      sessionId: manual.value.sessionId,
      identity: manual.value.identity,
    });
    expect(await host.api.endSession({ sessionId: manual.value.sessionId, reason: 'home' })).toEqual({
      ok: true,
      value: {},
    });
    expect(events).toContainEqual({
      type: 'sessionEnded',
      sessionId: manual.value.sessionId,
      reason: 'home',
    });
    expect(await host.api.getSessionState({})).toEqual({ ok: true, value: { state: 'none' } });
  });
});

describe('the session guard', () => {
  afterEach(() => vi.useRealTimers());

  it('ends a session nobody touched, and a touch starts the guard again', () => {
    vi.useFakeTimers();
    const bus = new HostEventBus();
    const seen: HostEvent[] = [];
    bus.subscribe((event) => seen.push(event));
    const sessions = new SessionRegistry(bus, silentLogger(), 1_000);
    sessions.cardRead(testIdentity);
    const id = sessions.current()?.id ?? '';
    vi.advanceTimersByTime(900);
    expect(sessions.touch(id)).toBe(true);
    vi.advanceTimersByTime(900);
    expect(sessions.isActive()).toBe(true);
    vi.advanceTimersByTime(200);
    expect(sessions.isActive()).toBe(false);
    expect(seen.slice(-2)).toEqual([
      { type: 'sessionEnded', sessionId: id, reason: 'timeout' },
      { type: 'cardLeftOnReader' },
    ]);
  });

  it('under the hall\'s "hold" policy, taking the card away ends the session at once, and announces it', () => {
    const bus = new HostEventBus();
    const seen: HostEvent[] = [];
    bus.subscribe((event) => seen.push(event));
    const sessions = new SessionRegistry(bus, silentLogger(), 60_000, 'hold');
    sessions.cardRead(testIdentity);
    const id = sessions.current()?.id ?? '';
    sessions.cardRemoved();
    expect(sessions.isActive()).toBe(false);
    expect(seen.at(-1)).toEqual({ type: 'sessionEnded', sessionId: id, reason: 'card_removed' });
    expect(sessions.state()).toEqual({ state: 'none' });
  });
});
