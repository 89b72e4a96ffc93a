import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../host/api/events';
import { HostEventBus } from '../../host/core/event-bus';
import { capturingLogger } from '../support/capturing-logger';
import { testIdentity } from '../support/identities';

describe('HostEventBus', () => {
  it('a listener that throws is logged without personal data; the others still get every event', () => {
    const { logger, lines } = capturingLogger();
    const bus = new HostEventBus(logger);
    const before: HostEvent[] = [];
    const after: HostEvent[] = [];
    bus.subscribe((event) => before.push(event));
    bus.subscribe((event) => {
      // A faulty subscriber that quotes the card in its error.
      if (event.type === 'sessionStarted') throw new Error(`cannot handle ${event.identity.name}`);
    });
    bus.subscribe((event) => after.push(event));

    const placed: HostEvent = { type: 'sessionStarted', sessionId: 'session-1', identity: testIdentity };
    expect(() => bus.emit(placed)).not.toThrow();
    bus.emit({ type: 'cardRemoved' });
    bus.emit(placed);

    expect(before).toEqual([placed, { type: 'cardRemoved' }, placed]);
    expect(after).toEqual(before);
    const errors = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.level === 50);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ eventType: 'sessionStarted', msg: 'host event listener threw' });
    expect(errors[0]?.listenerError).toMatchObject({ name: 'Error' });
    const text = lines.join('\n');
    for (const secret of [testIdentity.name, testIdentity.idNumber, testIdentity.birthDate])
      expect(text).not.toContain(secret);
  });

  it('an unsubscribed listener gets nothing more', () => {
    const bus = new HostEventBus();
    const seen: HostEvent[] = [];
    const off = bus.subscribe((event) => seen.push(event));
    bus.emit({ type: 'cardRemoved' });
    off();
    bus.emit({ type: 'cardRemoved' });
    expect(seen).toHaveLength(1);
  });
});
