import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../host/api/events';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';

// The whole chain for a card swapped with no empty poll between: emulator (select answers 8 zero
// bytes) -> socat PTY -> driver -> card service -> session registry. The first person's session
// must end before the second person's opens, and the second must never see the first's data.
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

for (const [behaviour, cardPolicy] of [
  ['standard', 'read_once'],
  ['halts-after-read', 'read_once'],
  ['standard', 'hold'],
] as const) {
  describe(`the host on a swapped card (reader behaviour ${behaviour}, card policy ${cardPolicy})`, () => {
    let host: Host;
    let dataDir: string;
    const events: HostEvent[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'kiosk-swap-'));
      host = await createHost({
        config: parseConfig({
          dataDir,
          central: { url: 'http://127.0.0.1:9' },
          printer: { kind: 'cups', name: 'none' },
          idcard: { kind: 'simulator', pollIntervalMs: 50, behaviour },
          ui: { cardPolicy },
        }),
        logger: silentLogger(),
        cardServiceFactory: createCardService,
      });
      host.bus.subscribe((event) => events.push(event));
    });
    afterAll(async () => {
      await host?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('ends the first person’s session and starts the second’s', async () => {
      expect(await host.api.demoPlaceCard({ cardId: 'resident' })).toEqual({ ok: true, value: {} });
      await waitFor(() => expect(events.some((e) => e.type === 'sessionStarted')).toBe(true));
      const first = events.find((e) => e.type === 'sessionStarted');
      if (first?.type !== 'sessionStarted') throw new Error('no session');
      events.length = 0;

      expect(await host.api.demoPlaceCard({ cardId: 'resident-long-term' })).toEqual({ ok: true, value: {} });
      await waitFor(() => expect(events.some((e) => e.type === 'sessionStarted')).toBe(true));
      const types = events.map((e) => e.type);
      expect(types.filter((t) => t.startsWith('session'))).toEqual(['sessionEnded', 'sessionStarted']);
      expect(types.filter((t) => t.startsWith('card'))).toEqual(['cardRemoved', 'cardPlaced']);
      const ended = events.find((e) => e.type === 'sessionEnded');
      // Under "hold" the removal itself ends it; under "read once" the new card's session replaces it.
      expect(ended).toEqual({
        type: 'sessionEnded',
        sessionId: first.sessionId,
        reason: cardPolicy === 'hold' ? 'card_removed' : 'home',
      });
      const second = events.find((e) => e.type === 'sessionStarted');
      if (second?.type !== 'sessionStarted') throw new Error('no second session');
      expect(second.sessionId).not.toBe(first.sessionId);
      expect(second.identity.idNumber).not.toBe(first.identity.idNumber);
      const state = await host.api.getSessionState({});
      expect(state).toMatchObject({ ok: true, value: { state: 'active', sessionId: second.sessionId } });
    });

    it('keeps the session of a card that stays', async () => {
      events.length = 0;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(events.filter((e) => e.type !== 'deviceStatus')).toEqual([]);
      expect(host.sessionActive()).toBe(true);
    });
  });
}
