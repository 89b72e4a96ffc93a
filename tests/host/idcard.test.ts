import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeIdentity, SimulatedReader } from '../../drivers/idcard';
import { buildTestCards } from '../../drivers/idcard/simulator/test-cards';
import type { HostEvent } from '../../host/api/events';
import { hostEventSchema } from '../../host/api/events';
import { identityViewSchema } from '../../host/api/identity';
import { parseConfig } from '../../host/config/config';
import { HostEventBus } from '../../host/core/event-bus';
import type { CardService } from '../../host/services/card-service';
import { createCardService, toIdentityView } from '../../host/services/idcard';
import { HallClock, hallDateOf } from '../../kernel/hall-time';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
const now = new Date(2026, 10, 26);

function viewOf(cardId: string) {
  const card = buildTestCards().find((c) => c.id === cardId)!;
  const decoded = decodeIdentity(card.text, card.photo, { now });
  if (!decoded.ok) throw new Error(decoded.error.message);
  return toIdentityView(decoded.value, hallDateOf(now.getTime(), 'Asia/Shanghai'));
}

describe('toIdentityView', () => {
  it('gives every fixture a view that satisfies the renderer contract', () => {
    for (const card of buildTestCards())
      expect(identityViewSchema.safeParse(viewOf(card.id)).success).toBe(true);
  });

  it('resident card: nation name, address, issuer, age on the day', () => {
    expect(viewOf('resident')).toMatchObject({
      cardType: 'resident',
      name: '林测试',
      otherName: null,
      nation: '汉',
      nationality: null,
      birthDate: '1988-03-15',
      age: 38,
      checkDigitValid: true,
      expired: false,
    });
    expect(viewOf('resident-unknown-nation').nation).toBe('99');
    expect(viewOf('resident-long-term').validTo).toBeNull();
    expect(viewOf('resident-expired').expired).toBe(true);
    expect(viewOf('resident-bad-check-digit').checkDigitValid).toBe(false);
  });

  it('foreign PR cards: English name first, Chinese name second, nationality', () => {
    expect(viewOf('foreign-permanent-2017')).toMatchObject({
      name: 'TESTER, SAMPLE PERSON',
      otherName: '泰样本',
      nationality: 'USA',
      nation: null,
      address: null,
      issuer: null,
      checkDigitValid: true,
    });
    expect(viewOf('foreign-permanent-2023')).toMatchObject({ otherName: '艾示例', nationality: 'USA' });
  });
});

describe('createCardService', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function service(idcard: Record<string, unknown>, firstListener?: (event: HostEvent) => void) {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-idcard-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const logs: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    );
    const bus = new HostEventBus(logger);
    if (firstListener) bus.subscribe(firstListener);
    const events: HostEvent[] = [];
    bus.subscribe((event) => {
      // Every event must pass the contract the renderer validates against.
      expect(hostEventSchema.safeParse(event).success).toBe(true);
      events.push(event);
    });
    const config = parseConfig({ idcard: { pollIntervalMs: 50, ...idcard } });
    const cards: CardService = await createCardService({
      config: config.idcard,
      mode: config.mode,
      dataDir,
      bus,
      clock: new HallClock(),
      logger,
    });
    cleanups.push(() => cards.close());
    return { cards, events, logs, dataDir };
  }

  it('demo mode: the simulator under dataDir, operator control, events on the bus, no personal data logged', async () => {
    const { cards, events, logs } = await service({ kind: 'simulator' });
    await waitFor(() =>
      expect(events).toContainEqual({ type: 'deviceStatus', status: { device: 'idcard', state: 'no_card' } }),
    );
    const demo = cards.demo!;
    expect(demo.list().map((c) => c.id)).toContain('foreign-permanent-2017');
    expect(demo.placed()).toBeNull();
    expect(await demo.place('no-such-card')).toMatchObject({ ok: false, error: { code: 'unknown_card' } });

    expect(await demo.place('resident')).toEqual({ ok: true, value: {} });
    await waitFor(() => expect(events.some((e) => e.type === 'cardPlaced')).toBe(true));
    // The card event says only that a card was read: who is on it stays in the host.
    expect(events.find((e) => e.type === 'cardPlaced')).toEqual({ type: 'cardPlaced' });
    expect(cards.currentIdentity()).toEqual(viewOf('resident'));
    expect(demo.placed()).toBe('resident');

    expect(await demo.remove()).toEqual({ ok: true, value: {} });
    await waitFor(() => expect(events).toContainEqual({ type: 'cardRemoved' }));
    expect(cards.currentIdentity()).toBeNull();

    const logText = logs.join('\n');
    const view = viewOf('resident');
    for (const secret of [view.idNumber, view.name, view.address ?? '', '1988'])
      expect(logText).not.toContain(secret);
  });

  it('a bus subscriber that throws on every card does not stop the reader: the next card is still seen', async () => {
    let thrown = 0;
    const { cards, events, logs } = await service({ kind: 'simulator' }, (event) => {
      if (event.type !== 'cardPlaced') return;
      thrown++;
      throw new Error(`subscriber bug on ${cards?.currentIdentity()?.idNumber}`);
    });
    const demo = cards.demo!;
    await waitFor(() =>
      expect(events.some((e) => e.type === 'deviceStatus' && e.status.state === 'no_card')).toBe(true),
    );
    expect(await demo.place('resident')).toEqual({ ok: true, value: {} });
    await waitFor(() => expect(events.filter((e) => e.type === 'cardPlaced')).toHaveLength(1));
    expect(thrown).toBe(1);
    await demo.remove();
    await waitFor(() => expect(events).toContainEqual({ type: 'cardRemoved' }));
    // After the throw the reader still polls: a second card reaches the other subscriber.
    await demo.place('hk-macao-taiwan');
    await waitFor(() => expect(events.filter((e) => e.type === 'cardPlaced')).toHaveLength(2));
    expect(thrown).toBe(2);
    expect(cards.currentIdentity()).toEqual(viewOf('hk-macao-taiwan'));
    expect(events.some((e) => e.type === 'deviceStatus' && e.status.state === 'error')).toBe(false);
    const logText = logs.join('\n');
    expect(logText).toContain('host event listener threw');
    expect(logText).not.toContain('id card reader loop failed');
    for (const id of [viewOf('resident').idNumber, viewOf('hk-macao-taiwan').idNumber])
      expect(logText).not.toContain(id);
  });

  it('serial kind: a read that keeps failing becomes a cardError, then the removal is reported', async () => {
    const rig = await SimulatedReader.start();
    cleanups.push(() => rig.stop());
    const { cards, events } = await service({ kind: 'serial', serial: { path: rig.hostPath } });
    expect(cards.demo).toBeNull();
    await waitFor(() =>
      expect(events.some((e) => e.type === 'deviceStatus' && e.status.state === 'no_card')).toBe(true),
    );
    rig.emulator.failNextReads(1000);
    rig.emulator.place('resident');
    await waitFor(() => expect(events).toContainEqual({ type: 'cardError', code: 'unreadable' }));
    expect(events).toContainEqual({
      type: 'deviceStatus',
      status: { device: 'idcard', state: 'card_error', detail: expect.stringContaining('unreadable') },
    });
    rig.emulator.remove();
    await waitFor(() => expect(events).toContainEqual({ type: 'cardRemoved' }));
  });

  it('serial kind: an unplugged reader shows as disconnected, then reads again after replug', async () => {
    const rig = await SimulatedReader.start();
    cleanups.push(() => rig.stop());
    const { events } = await service({ kind: 'serial', serial: { path: rig.hostPath } });
    await waitFor(() =>
      expect(events.some((e) => e.type === 'deviceStatus' && e.status.state === 'no_card')).toBe(true),
    );
    await rig.unplug();
    await waitFor(() =>
      expect(events.some((e) => e.type === 'deviceStatus' && e.status.state === 'disconnected')).toBe(true),
    );
    await rig.replug();
    rig.emulator.place('hk-macao-taiwan');
    await waitFor(() => expect(events.some((e) => e.type === 'cardPlaced')).toBe(true));
  });

  it('sdk kind with a missing vendor library: the technician sees why, the kiosk keeps running', async () => {
    const { events, cards } = await service({
      kind: 'sdk',
      sdk: { library: '/opt/vendor/libtermb.so', shape: 'termb' },
    });
    expect(cards.demo).toBeNull();
    await waitFor(() =>
      expect(events).toContainEqual({
        type: 'deviceStatus',
        status: {
          device: 'idcard',
          state: 'disconnected',
          detail: expect.stringContaining('vendor SDK: cannot load /opt/vendor/libtermb.so'),
        },
      }),
    );
  });

  it('usb kind without the device reports the reader disconnected with its VID:PID', async () => {
    const { events } = await service({ kind: 'usb' });
    await waitFor(() =>
      expect(events).toContainEqual({
        type: 'deviceStatus',
        status: {
          device: 'idcard',
          state: 'disconnected',
          detail: expect.stringContaining('cannot open usb 0400:c35a'),
        },
      }),
    );
  });

  it('hid kind without a device reports the reader disconnected', async () => {
    const { events, cards } = await service({ kind: 'hid' });
    expect(cards.demo).toBeNull();
    await waitFor(() =>
      expect(events.some((e) => e.type === 'deviceStatus' && e.status.state === 'disconnected')).toBe(true),
    );
  });
});

describe('createCardService without socat', () => {
  it('still starts in demo mode: the reader shows disconnected and the panel says the simulator is unavailable', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-idcard-'));
    const savedPath = process.env.PATH;
    process.env.PATH = dataDir; // no socat to be found
    const bus = new HostEventBus();
    const events: HostEvent[] = [];
    bus.subscribe((event) => events.push(event));
    const config = parseConfig({});
    let cards: CardService | null = null;
    try {
      cards = await createCardService({
        config: config.idcard,
        mode: 'demo',
        dataDir,
        bus,
        clock: new HallClock(),
        logger: pino({ level: 'silent' }),
      });
    } finally {
      process.env.PATH = savedPath;
    }
    try {
      await waitFor(() =>
        expect(events).toContainEqual({
          type: 'deviceStatus',
          status: { device: 'idcard', state: 'disconnected', detail: expect.stringContaining('socat') },
        }),
      );
      expect(cards.demo?.list().length).toBeGreaterThan(0);
      expect(await cards.demo?.place('resident')).toMatchObject({
        ok: false,
        error: { code: 'simulator_unavailable' },
      });
    } finally {
      await cards.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
