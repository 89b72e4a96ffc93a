import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AsyncMutex,
  type CardErrorCode,
  type CardIdentity,
  IdCardReader,
  type IdCardReaderOptions,
  ReaderEmulator,
  type ReaderStatus,
} from '../../../drivers/idcard';
import { CardTextBuilder } from '../../../drivers/idcard/simulator/card-text';
import { buildTestCards, type TestCard } from '../../../drivers/idcard/simulator/test-cards';
import { EmulatorTransport } from './emulator-transport';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 10 });

const unknownTypeCard: TestCard = {
  ...buildTestCards()[0]!,
  id: 'unknown-type',
  label: 'card with an unknown type mark',
  text: new CardTextBuilder().put(248, 2, 'Z').build(),
};

interface Harness {
  reader: IdCardReader;
  transport: EmulatorTransport;
  emulator: ReaderEmulator;
  placed: CardIdentity[];
  removed: number;
  errors: CardErrorCode[];
  statuses: ReaderStatus[];
  logs: string[];
}

const started: IdCardReader[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((r) => r.stop()));
});

function harness(options: Partial<IdCardReaderOptions> = {}): Harness {
  const emulator = new ReaderEmulator({ cards: [...buildTestCards(), unknownTypeCard] });
  const transport = new EmulatorTransport(emulator);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const reader = new IdCardReader({
    transport,
    logger: pino({ level: 'debug' }, sink),
    pollIntervalMs: 20,
    commandTimeoutMs: 200,
    readTimeoutMs: 400,
    reopenBackoff: { initialMs: 10, maxMs: 100 },
    clock: () => new Date(2026, 10, 26),
    ...options,
  });
  const h: Harness = { reader, transport, emulator, placed: [], removed: 0, errors: [], statuses: [], logs };
  reader.on('cardPlaced', (identity) => h.placed.push(identity));
  reader.on('cardRemoved', () => h.removed++);
  reader.on('cardError', (code) => h.errors.push(code));
  reader.on('status', (status) => h.statuses.push(status));
  started.push(reader);
  reader.start();
  return h;
}

/** Let the engine poll a few more times. */
async function polls(h: Harness, count: number): Promise<void> {
  const target = h.transport.count('findCard') + count;
  await waitFor(() => expect(h.transport.count('findCard')).toBeGreaterThanOrEqual(target));
}

describe('IdCardReader', () => {
  it('reports a placed card once while it stays (each poll re-reads it to compare its content)', async () => {
    const h = harness();
    await waitFor(() => expect(h.reader.status.state).toBe('no_card'));
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(1));
    expect(h.placed[0]).toMatchObject({ cardType: 'resident', birthDate: '1988-03-15' });
    await polls(h, 10);
    expect(h.placed).toHaveLength(1);
    expect(h.removed).toBe(0);
    expect(h.transport.count('readBaseInfo')).toBeGreaterThanOrEqual(10);
    expect(h.reader.status).toEqual({ state: 'ready' });
  });

  it('reports removal, and a new placement after it', async () => {
    const h = harness();
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(1));
    h.emulator.remove();
    await waitFor(() => expect(h.removed).toBe(1));
    expect(h.reader.status).toEqual({ state: 'no_card' });
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(2));
  });

  it('notices a card swapped between two polls', async () => {
    const h = harness();
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(1));
    h.emulator.place('hk-macao-taiwan');
    await waitFor(() => expect(h.placed).toHaveLength(2));
    expect(h.removed).toBe(1);
    expect(h.placed[1]!.cardType).toBe('hk_macao_taiwan');
  });

  it('retries a failed read and delivers the card', async () => {
    const h = harness();
    h.emulator.failNextReads(2);
    h.emulator.place('foreign-permanent-2017');
    await waitFor(() => expect(h.placed).toHaveLength(1));
    expect(h.errors).toEqual([]);
    expect(h.transport.count('readBaseInfo')).toBe(3);
  });

  it('survives corrupted replies', async () => {
    const h = harness();
    await waitFor(() => expect(h.reader.status.state).toBe('no_card'));
    h.emulator.corruptNextReplies(2);
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(1));
  });

  it('survives garbage on the line', async () => {
    const h = harness();
    await waitFor(() => expect(h.reader.status.state).toBe('no_card'));
    h.transport.inject(Buffer.from('00ffaaaaaa9669aa13', 'hex'));
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(1));
  });

  it('gives up after maxReadAttempts, reports one cardError, and a removal after it', async () => {
    const h = harness({ maxReadAttempts: 3 });
    h.emulator.failNextReads(100);
    h.emulator.place('resident');
    await waitFor(() => expect(h.errors).toEqual(['unreadable']));
    expect(h.transport.count('readBaseInfo')).toBe(3);
    expect(h.reader.status).toMatchObject({ state: 'card_error', code: 'unreadable' });
    await polls(h, 5);
    expect(h.errors).toHaveLength(1);
    expect(h.placed).toHaveLength(0);
    h.emulator.remove();
    await waitFor(() => expect(h.removed).toBe(1));
  });

  it('does not retry a card whose data cannot be decoded', async () => {
    const h = harness();
    h.emulator.place('unknown-type');
    await waitFor(() => expect(h.errors).toEqual(['unknown_card_type']));
    expect(h.transport.count('readBaseInfo')).toBe(1);
    // Later polls re-read it to compare its content; the same content is not reported again.
    await polls(h, 5);
    expect(h.errors).toEqual(['unknown_card_type']);
    expect(h.removed).toBe(0);
  });

  it('reads the fingerprint and the added address when asked', async () => {
    const h = harness({ readCommand: 'full', readAddedAddress: true });
    const details: { fingerprint: number; address: string | null }[] = [];
    h.reader.on('cardPlaced', (_identity, d) =>
      details.push({ fingerprint: d.fingerprint.length, address: d.addedAddress }),
    );
    h.emulator.place('resident');
    await waitFor(() => expect(details).toHaveLength(1));
    expect(details[0]).toEqual({ fingerprint: 1024, address: '福建省南安市柳城街道样例巷2号' });
    h.emulator.place('resident-long-term');
    await waitFor(() => expect(details).toHaveLength(2));
    expect(details[1]).toEqual({ fingerprint: 0, address: null });
  });

  it('reopens an unplugged reader with backoff and keeps a card that stayed', async () => {
    const h = harness();
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(1));
    h.transport.unplug();
    await waitFor(() => expect(h.reader.status.state).toBe('disconnected'));
    const connectsBefore = h.transport.connects;
    h.transport.replug();
    await waitFor(() => expect(h.transport.connects).toBe(connectsBefore + 1));
    await waitFor(() => expect(h.reader.status).toEqual({ state: 'ready' }));
    await polls(h, 3);
    expect(h.placed).toHaveLength(1);
    expect(h.removed).toBe(0);
    h.emulator.remove();
    await waitFor(() => expect(h.removed).toBe(1));
  });

  it('reopens the link when the reader stops answering', async () => {
    const h = harness({ reopenAfterSilentCommands: 2 });
    await waitFor(() => expect(h.reader.status.state).toBe('no_card'));
    h.emulator.setSilent(true);
    await waitFor(() => expect(h.reader.status.state).toBe('error'));
    h.emulator.setSilent(false);
    await waitFor(() => expect(h.reader.status.state).toBe('no_card'));
    expect(h.transport.connects).toBeGreaterThan(1);
  });

  it('reads the SAM id', async () => {
    const h = harness();
    await waitFor(() => expect(h.reader.status.state).toBe('no_card'));
    expect(await h.reader.readSamId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('logs status changes only, and never personal data', async () => {
    const h = harness();
    h.emulator.place('resident');
    await waitFor(() => expect(h.placed).toHaveLength(1));
    await polls(h, 20);
    h.emulator.remove();
    await waitFor(() => expect(h.removed).toBe(1));
    await h.reader.stop();
    const statusLines = h.logs.filter((l) => l.includes('id card reader status'));
    expect(statusLines.length).toBe(h.statuses.length);
    expect(h.statuses.map((s) => s.state)).toEqual(['no_card', 'reading', 'ready', 'no_card']);
    const all = h.logs.join('\n');
    const identity = h.placed[0]!;
    for (const secret of [
      identity.idNumber,
      identity.cardType === 'resident' ? identity.name : '',
      '1988',
      '福建',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('AsyncMutex', () => {
  it('runs tasks one at a time in arrival order, and survives a failing task', async () => {
    const mutex = new AsyncMutex();
    const trace: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      mutex.runExclusive(async () => {
        trace.push(`${name}+`);
        await new Promise((r) => setTimeout(r, ms));
        trace.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 20), task('b', 1, true), task('c', 5)]);
    expect(trace).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
