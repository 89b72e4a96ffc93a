import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CardIdentity,
  type CardReader,
  createCardReader,
  type ReaderStatus,
} from '../../../drivers/idcard';
import { capturingLogger } from '../../support/capturing-logger';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

const settings = {
  kind: 'simulator',
  serial: { path: 'auto', baudRate: 115200 },
  hid: { vendorId: 0x0400, productId: 0xc35a, reportSize: 64, reportId: 0, lengthPrefixed: false },
  pollIntervalMs: 50,
} as const;

describe('createCardReader', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function simulatorReader(): Promise<{ reader: CardReader; lines: string[]; dir: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'create-reader-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { logger, lines } = capturingLogger();
    const reader = await createCardReader(settings, { logger, simulatorDir: join(dir, 'sim') });
    cleanups.push(() => reader.close());
    return { reader, lines, dir };
  }

  it('simulator: status as a discriminated union, cards placed and removed through the control', async () => {
    const { reader } = await simulatorReader();
    const statuses: ReaderStatus[] = [];
    const placed: CardIdentity[] = [];
    let removed = 0;
    reader.on('status', (status) => statuses.push(status));
    reader.on('cardPlaced', (identity) => placed.push(identity));
    reader.on('cardRemoved', () => removed++);
    expect(reader.status).toMatchObject({ state: 'disconnected' });
    reader.start();
    await waitFor(() => expect(reader.status).toEqual({ state: 'no_card' }));
    expect(reader.label).toContain('/sim/host');

    const simulator = reader.simulator!;
    expect(simulator.running).toBe(true);
    expect(simulator.cards().map((c) => c.id)).toContain('resident');
    expect(simulator.place('no-such-card')).toMatchObject({ ok: false, error: { code: 'unknown_card' } });
    expect(simulator.place('resident')).toEqual({ ok: true, value: {} });
    await waitFor(() => expect(placed).toHaveLength(1));
    expect(placed[0]?.cardType).toBe('resident');
    expect(simulator.placed()).toBe('resident');
    expect(reader.status).toEqual({ state: 'ready' });
    expect(simulator.remove()).toEqual({ ok: true, value: {} });
    await waitFor(() => expect(removed).toBe(1));
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['no_card', 'reading', 'ready']));
  });

  it('a reader listener that throws is logged without the card, and polling goes on', async () => {
    const { reader, lines } = await simulatorReader();
    const placed: CardIdentity[] = [];
    reader.on('cardPlaced', (identity) => {
      throw new Error(`listener bug on ${identity.idNumber}`);
    });
    reader.on('cardPlaced', (identity) => placed.push(identity));
    reader.start();
    await waitFor(() => expect(reader.status).toEqual({ state: 'no_card' }));
    const simulator = reader.simulator!;
    simulator.place('resident');
    await waitFor(() => expect(placed).toHaveLength(1));
    simulator.remove();
    await waitFor(() => expect(reader.status).toEqual({ state: 'no_card' }));
    simulator.place('foreign-permanent-2017');
    await waitFor(() => expect(placed).toHaveLength(2));
    const text = lines.join('\n');
    expect(text).toContain('id card reader listener threw');
    expect(text).not.toContain('loop failed');
    for (const identity of placed) expect(text).not.toContain(identity.idNumber);
  });

  it('serial and hid readers have no simulator; a reader nobody answers for shows as disconnected', async () => {
    const { logger } = capturingLogger();
    const serial = await createCardReader(
      { ...settings, kind: 'serial', serial: { path: '/dev/no-such-reader', baudRate: 115200 } },
      { logger },
    );
    cleanups.push(() => serial.close());
    const hid = await createCardReader({ ...settings, kind: 'hid' }, { logger });
    cleanups.push(() => hid.close());
    expect(serial.simulator).toBeNull();
    expect(hid.simulator).toBeNull();
    expect(serial.label).toBe('serial /dev/no-such-reader @115200');
    expect(hid.label).toBe('hid 0400:c35a');
    const seen: ReaderStatus[] = [];
    serial.on('status', (status) => seen.push(status));
    serial.start();
    hid.start();
    await waitFor(() =>
      expect(seen.some((s) => s.state === 'disconnected' && s.detail !== 'not started')).toBe(true),
    );
    await waitFor(() => expect(hid.status).toMatchObject({ state: 'disconnected' }));
  });

  it('simulator without socat: the reader shows disconnected and the control says unavailable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'create-reader-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const savedPath = process.env.PATH;
    process.env.PATH = dir; // neither socat nor setpriv to be found
    let reader: CardReader;
    try {
      reader = await createCardReader(settings, { logger: pino({ level: 'silent' }), simulatorDir: dir });
    } finally {
      process.env.PATH = savedPath;
    }
    cleanups.push(() => reader.close());
    reader.start();
    await waitFor(() =>
      expect(reader.status).toMatchObject({
        state: 'disconnected',
        detail: expect.stringContaining('socat'),
      }),
    );
    expect(reader.simulator?.running).toBe(false);
    expect(reader.simulator?.cards().length).toBeGreaterThan(0);
    expect(reader.simulator?.place('resident')).toMatchObject({
      ok: false,
      error: { code: 'simulator_unavailable' },
    });
    expect(reader.simulator?.remove()).toMatchObject({ ok: false, error: { code: 'simulator_unavailable' } });
  });
});
