import { existsSync } from 'node:fs';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CardIdentity,
  detectSerialReader,
  IdCardReader,
  type ReaderStatus,
  SerialFrameTransport,
  SimulatedReader,
} from '../../../drivers/idcard';

// Emulator <-> driver over a real socat PTY pair. Waits are generous upper bounds, not timings:
// the replug time is measured by the bench (tests/bench/idcard.bench.ts).
const waitFor = <T>(check: () => T, timeout = 10_000) => vi.waitFor(check, { timeout, interval: 20 });

let rig: SimulatedReader | null = null;
let reader: IdCardReader | null = null;

afterEach(async () => {
  await reader?.stop();
  reader = null;
  await rig?.stop();
  rig = null;
});

async function start(transportPath?: string) {
  rig = await SimulatedReader.start();
  const placed: CardIdentity[] = [];
  const statuses: ReaderStatus[] = [];
  let removed = 0;
  reader = new IdCardReader({
    transport: new SerialFrameTransport({ path: transportPath ?? rig.hostPath, baudRate: 115200 }),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 50,
  });
  reader.on('cardPlaced', (identity) => placed.push(identity));
  reader.on('cardRemoved', () => removed++);
  reader.on('status', (status) => statuses.push(status));
  reader.start();
  await waitFor(() => expect(reader?.status.state).toBe('no_card'));
  return { rig, reader, placed, statuses, removed: () => removed };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ID card reader over a socat PTY pair', () => {
  it('reads a placed card and notices its removal', async () => {
    const t = await start();
    t.rig.emulator.place('resident-long-term');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    expect(t.placed[0]).toMatchObject({ cardType: 'resident', validTo: null });
    t.rig.emulator.remove();
    await waitFor(() => expect(t.removed()).toBe(1));
  });

  it('reads every fixture card over the line', async () => {
    const t = await start();
    const cards = t.rig.emulator.cards;
    for (const [index, card] of cards.entries()) {
      t.rig.emulator.place(card.id);
      await waitFor(() => expect(t.placed).toHaveLength(index + 1));
      t.rig.emulator.remove();
      await waitFor(() => expect(t.removed()).toBe(index + 1));
    }
    expect(t.placed.map((p) => p.cardType)).toEqual([
      'resident',
      'resident',
      'resident',
      'resident',
      'resident',
      'hk_macao_taiwan',
      'foreign_permanent_2017',
      'foreign_permanent_2023',
    ]);
  });

  it('works again after the reader is unplugged (socat killed) and replugged on the same path', async () => {
    const t = await start();
    const pid = t.rig.socatPid!;
    await t.rig.unplug();
    expect(processAlive(pid)).toBe(false);
    expect(existsSync(t.rig.hostPath)).toBe(false);
    await waitFor(() => expect(t.reader.status.state).toBe('disconnected'));
    await t.rig.replug();
    t.rig.emulator.place('hk-macao-taiwan');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    expect(t.placed[0]!.cardType).toBe('hk_macao_taiwan');
    expect(t.statuses.map((s) => s.state)).toContain('disconnected');
  });

  it('survives garbage injected mid-stream and corrupted replies', async () => {
    const t = await start();
    const garbage = Buffer.from('aaaaaa9669ffff00aaaa13579bdf', 'hex');
    for (let i = 0; i < 5; i++) await t.rig.endpoint.inject(garbage);
    t.rig.emulator.corruptNextReplies(3);
    t.rig.emulator.place('resident');
    for (let i = 0; i < 3; i++) await t.rig.endpoint.inject(garbage);
    await waitFor(() => expect(t.placed).toHaveLength(1));
    t.rig.emulator.remove();
    await waitFor(() => expect(t.removed()).toBe(1));
    expect(t.reader.status.state).toBe('no_card');
  });

  it('finds the reader by probing candidate ports with SAM status', async () => {
    rig = await SimulatedReader.start();
    const hostPath = rig.hostPath;
    const found = await detectSerialReader({
      baudRate: 115200,
      candidates: async () => ['/dev/does-not-exist', hostPath],
    });
    expect(found).toBe(hostPath);
    rig.emulator.setSilent(true);
    expect(
      await detectSerialReader({ baudRate: 115200, candidates: async () => [hostPath], probeTimeoutMs: 200 }),
    ).toBeNull();
  });

  it('the rig removes its links and temp folder on stop', async () => {
    const r = await SimulatedReader.start();
    const { hostPath, readerPath } = r;
    const pid = r.socatPid!;
    expect(existsSync(hostPath) && existsSync(readerPath)).toBe(true);
    await r.stop();
    expect(existsSync(hostPath) || existsSync(readerPath)).toBe(false);
    expect(processAlive(pid)).toBe(false);
  });
});
