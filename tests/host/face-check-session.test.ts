/**
 * 人证核验 in the host's session registry: with the setting on and a decoded card photo the session
 * waits for the renderer's face check; a match opens it, anything else turns the card away
 * (face_check_failed, the window) and logs only the outcome.
 */
import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../host/api/events';
import { HostEventBus } from '../../host/core/event-bus';
import { type CardPolicy, SessionRegistry } from '../../host/services/sessions';
import { capturingLogger } from '../support/capturing-logger';
import { testIdentity } from '../support/identities';

const photo = {
  width: 102,
  height: 126,
  mediaType: 'image/jpeg',
  bytes: new Uint8Array([0xff, 0xd8, 1, 2, 3]),
};

function registry(faceCheck: boolean, policy: CardPolicy = 'read_once', expiryMs = 60_000) {
  const bus = new HostEventBus();
  const events: HostEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const { logger, lines } = capturingLogger('info');
  const sessions = new SessionRegistry(bus, logger, 60_000, policy, faceCheck, expiryMs);
  return { sessions, events, lines };
}

describe('人证核验 in the session registry', () => {
  it('with the setting on, a card with a photo waits for the check: no session, no identity on the bus', () => {
    const { sessions, events } = registry(true);
    sessions.cardRead(testIdentity, photo);
    const pending = sessions.pendingFaceCheck();
    expect(pending?.photo).toBe(photo);
    expect(sessions.state()).toEqual({ state: 'face_check', attemptId: pending!.attemptId });
    expect(events).toEqual([{ type: 'faceCheckRequired', attemptId: pending!.attemptId }]);
    expect(sessions.isActive()).toBe(false);
  });

  it('a match opens the session', () => {
    const { sessions, events, lines } = registry(true);
    sessions.cardRead(testIdentity, photo);
    const { attemptId } = sessions.pendingFaceCheck()!;
    expect(sessions.finishFaceCheck(attemptId, 'match')).toBe(true);
    expect(sessions.state()).toMatchObject({ state: 'active', identity: testIdentity });
    expect(events.map((event) => event.type)).toEqual(['faceCheckRequired', 'sessionStarted']);
    expect(sessions.pendingFaceCheck()).toBeNull();
    expect(lines.join('')).not.toContain(testIdentity.name);
  });

  it.each(['no_match', 'not_live', 'no_face', 'unavailable'] as const)(
    '%s turns the card away to the window, and the card on the reader opens no session another way',
    (outcome) => {
      const { sessions, events, lines } = registry(true);
      sessions.cardRead(testIdentity, photo);
      const { attemptId } = sessions.pendingFaceCheck()!;
      expect(sessions.finishFaceCheck(attemptId, outcome)).toBe(true);
      expect(sessions.state()).toEqual({ state: 'rejected', reason: 'face_check_failed' });
      expect(events.at(-1)).toEqual({ type: 'cardRejected', reason: 'face_check_failed' });
      expect(sessions.useCardOnReader()).toBeNull();
      expect(sessions.isActive()).toBe(false);
      const log = lines.join('');
      expect(log).toContain(`"outcome":"${outcome}"`);
      expect(log).not.toContain(testIdentity.name);
      expect(log).not.toContain(testIdentity.idNumber);
    },
  );

  it('an unknown or finished attempt changes nothing', () => {
    const { sessions } = registry(true);
    sessions.cardRead(testIdentity, photo);
    const { attemptId } = sessions.pendingFaceCheck()!;
    expect(sessions.finishFaceCheck('someone-else', 'match')).toBe(false);
    expect(sessions.isActive()).toBe(false);
    expect(sessions.finishFaceCheck(attemptId, 'no_match')).toBe(true);
    expect(sessions.finishFaceCheck(attemptId, 'match')).toBe(false);
    expect(sessions.isActive()).toBe(false);
  });

  it('with the setting off the card opens the session at once, photo or not', () => {
    const { sessions, events } = registry(false);
    sessions.cardRead(testIdentity, photo);
    expect(sessions.isActive()).toBe(true);
    expect(events.map((event) => event.type)).toEqual(['sessionStarted']);
  });

  it('with the setting on but no decoded photo (a reader without the vendor decoder): no check, and the log says so', () => {
    const { sessions, lines } = registry(true);
    sessions.cardRead(testIdentity, null);
    expect(sessions.isActive()).toBe(true);
    expect(lines.join('')).toContain('face check skipped: the reader gives no decoded card photo');
  });

  it('a card chosen while it lies on the reader goes through the check too', () => {
    const { sessions } = registry(true);
    sessions.cardRead(testIdentity, photo);
    const { attemptId } = sessions.pendingFaceCheck()!;
    sessions.finishFaceCheck(attemptId, 'match');
    sessions.endCurrent('home');
    expect(sessions.useCardOnReader()).toBeNull();
    expect(sessions.state()).toMatchObject({ state: 'face_check' });
  });

  it('under "hold" taking the card away ends the check; under "read_once" the check goes on', () => {
    const hold = registry(true, 'hold');
    hold.sessions.cardRead(testIdentity, photo);
    hold.sessions.cardRemoved();
    expect(hold.sessions.pendingFaceCheck()).toBeNull();
    expect(hold.sessions.state()).toEqual({ state: 'none' });
    const once = registry(true, 'read_once');
    once.sessions.cardRead(testIdentity, photo);
    once.sessions.cardRemoved();
    expect(once.sessions.pendingFaceCheck()).not.toBeNull();
  });

  it('a check nobody finishes (Home pressed, the renderer gone) is dropped with its photo', async () => {
    const { sessions, lines } = registry(true, 'read_once', 50);
    sessions.cardRead(testIdentity, photo);
    const { attemptId } = sessions.pendingFaceCheck()!;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sessions.pendingFaceCheck()).toBeNull();
    expect(sessions.state()).toEqual({ state: 'none' });
    expect(sessions.finishFaceCheck(attemptId, 'match')).toBe(false);
    expect(sessions.isActive()).toBe(false);
    expect(lines.join('')).toContain('face check expired unfinished');
  });
});
