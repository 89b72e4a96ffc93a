import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CardIdentity,
  IdCardReader,
  type IdCardReaderOptions,
  primaryName,
  SerialFrameTransport,
  SimulatedReader,
  type SimulatedReaderOptions,
} from '../../../drivers/idcard';
import { type CommandName, encodeSimpleCommand } from '../../../drivers/idcard/codec/commands';
import { ReaderEmulator } from '../../../drivers/idcard/simulator/reader-emulator';
import { buildTestCards } from '../../../drivers/idcard/simulator/test-cards';

// Card swaps over a real socat PTY pair, with an emulator that answers select with 8 zero bytes as
// real readers do: only the card's content can tell two cards apart. Waits are upper bounds; how fast
// a swap is noticed is measured by `npm run bench -- idcard`.
const waitFor = <T>(check: () => T, timeout = 10_000) => vi.waitFor(check, { timeout, interval: 10 });

let rig: SimulatedReader | null = null;
let reader: IdCardReader | null = null;

afterEach(async () => {
  await reader?.stop();
  reader = null;
  await rig?.stop();
  rig = null;
});

async function start(
  behaviour: SimulatedReaderOptions['behaviour'],
  engine: Partial<IdCardReaderOptions> = {},
) {
  rig = await SimulatedReader.start({ behaviour });
  const events: string[] = [];
  const placed: CardIdentity[] = [];
  const replies: (CommandName | null)[] = [];
  rig.endpoint.onReplyWritten((reply) => replies.push(reply.command));
  reader = new IdCardReader({
    transport: new SerialFrameTransport({ path: rig.hostPath, baudRate: 115200 }),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 30,
    ...engine,
  });
  reader.on('cardPlaced', (identity) => {
    placed.push(identity);
    events.push(`placed ${primaryName(identity)}`);
  });
  reader.on('cardRemoved', () => events.push('removed'));
  reader.on('cardError', (code) => events.push(`error ${code}`));
  reader.start();
  await waitFor(() => expect(reader?.status.state).toBe('no_card'));
  const finds = () => replies.filter((c) => c === 'findCard').length;
  /** Wait until the engine has polled `count` more times. */
  const polls = async (count: number) => {
    const target = finds() + count;
    await waitFor(() => expect(finds()).toBeGreaterThanOrEqual(target));
  };
  return { rig, reader, events, placed, polls, replies };
}

describe('card swaps with a reader whose select returns 8 zero bytes', () => {
  it('the emulator answers select with the field frame: AA AA AA 96 69 00 0C 00 00 90 + 8 zeros + 9C', () => {
    const emulator = new ReaderEmulator({ cards: buildTestCards(), selectData: 'zeros' });
    emulator.place('resident');
    emulator.receive(encodeSimpleCommand('findCard'));
    const [select] = emulator.receive(encodeSimpleCommand('selectCard'));
    expect(select?.bytes.toString('hex')).toBe('aaaaaa9669000c00009000000000000000009c');
  });

  it('quick swap (no empty poll between): the first card is removed and the second placed', async () => {
    const t = await start({ selectData: 'zeros' });
    t.rig.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    await t.polls(3);
    t.rig.emulator.place('hk-macao-taiwan');
    await waitFor(() => expect(t.placed).toHaveLength(2));
    expect(t.events).toEqual(['placed 林测试', 'removed', `placed ${primaryName(t.placed[1]!)}`]);
    expect(t.placed[1]!.cardType).toBe('hk_macao_taiwan');
    await t.polls(3);
    expect(t.events).toHaveLength(3);
  });

  it('quick swap between two cards of the same type and layout is noticed too', async () => {
    const t = await start({ selectData: 'zeros' });
    t.rig.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    t.rig.emulator.place('resident-long-term');
    await waitFor(() => expect(t.placed).toHaveLength(2));
    expect(t.placed[0]!.idNumber).not.toBe(t.placed[1]!.idNumber);
    expect(t.events.filter((e) => e === 'removed')).toHaveLength(1);
  });

  it('slow swap (one empty poll, fewer than the removal confirmations): removed once, then placed', async () => {
    const t = await start({ selectData: 'zeros' }, { removalConfirmations: 3 });
    t.rig.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    t.rig.emulator.remove();
    await t.polls(1);
    t.rig.emulator.place('foreign-permanent-2017');
    await waitFor(() => expect(t.placed).toHaveLength(2));
    expect(t.events).toEqual(['placed 林测试', 'removed', `placed ${primaryName(t.placed[1]!)}`]);
  });

  it('a card that stays is announced once, however many polls confirm it', async () => {
    const t = await start({ selectData: 'zeros' });
    t.rig.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    await t.polls(10);
    expect(t.events).toEqual(['placed 林测试']);
    expect(t.reader.status).toEqual({ state: 'ready' });
  });
});

describe('a reader model that halts a card after reading it (find answers 80 while it stays)', () => {
  it('with the halts-after-read profile the card stays, swaps are noticed, and lifting it ends it', async () => {
    const t = await start({ selectData: 'zeros', haltAfterRead: true }, { cardLeftOn: 'halted' });
    t.rig.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    await t.polls(10);
    expect(t.events).toEqual(['placed 林测试']);
    t.rig.emulator.place('hk-macao-taiwan');
    await waitFor(() => expect(t.placed).toHaveLength(2));
    expect(t.events.slice(1, 2)).toEqual(['removed']);
    t.rig.emulator.remove();
    await waitFor(() => expect(t.events).toHaveLength(4));
    expect(t.events[3]).toBe('removed');
    expect(t.reader.status).toEqual({ state: 'no_card' });
  });

  it('without the profile the same reader would end the session while the card stays', async () => {
    const t = await start({ selectData: 'zeros', haltAfterRead: true }, { cardLeftOn: 'found' });
    t.rig.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    await waitFor(() => expect(t.events).toContain('removed'));
  });
});
