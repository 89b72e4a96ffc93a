/**
 * npm run sim:idcard -- [--dir DIR] [--port PATH] [--place CARD]
 * A simulated ID card reader, driven by commands typed on stdin. Run with --help.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ReaderEmulator } from './reader-emulator';
import { SerialReaderEmulator } from './serial-emulator';
import { SimulatedReader } from './simulated-reader';
import { buildTestCards } from './test-cards';

const usage = `Usage: npm run sim:idcard -- [options]

Emulates an ID card reader (SAM protocol) on a serial line. By default it starts
socat -d -d pty,raw,echo=0,link=DIR/reader pty,raw,echo=0,link=DIR/host
and serves the reader end; point the kiosk or "npm run idcard -- --port DIR/host" at the host end.

  --dir DIR      folder for the PTY links (default: a new temp folder)
  --port PATH    serve an existing serial port instead (no socat is started)
  --place CARD   lay this test card on the reader at start
  --card-serial  select answers a per-card serial (default: 8 zero bytes, as real readers do)
  --halt-after-read  find answers 80 for a card left on after a read until reset SAM (some models)
  --help         this text

Commands on stdin:
  list                 the test cards
  place CARD           lay a card on the reader (replaces the one there: a swap, no empty poll between)
  remove               take the card off
  garbage [N]          write N random bytes on the line (default 16)
  corrupt [N]          flip a bit in the next N replies (default 1)
  fail-reads [N]       answer the next N reads with 41 read failed (default 1)
  silent on|off        stop or resume answering
  unplug / replug      kill socat / start it again on the same paths (not with --port)
  quit                 stop and clean up
`;

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    place: { type: 'string' },
    'card-serial': { type: 'boolean', default: false },
    'halt-after-read': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

const say = (line: string) => process.stdout.write(`${line}\n`);

const behaviour = {
  selectData: values['card-serial'] ? 'card_serial' : 'zeros',
  haltAfterRead: values['halt-after-read'],
} as const;
let rig: SimulatedReader | null = null;
let endpoint: SerialReaderEmulator;
if (values.port !== undefined) {
  endpoint = new SerialReaderEmulator(
    new ReaderEmulator({ cards: buildTestCards(), ...behaviour }),
    values.port,
  );
  await endpoint.open();
  say(`emulator serving ${values.port}`);
} else {
  rig = await SimulatedReader.start(
    values.dir === undefined ? { behaviour } : { dir: values.dir, behaviour },
  );
  endpoint = rig.endpoint;
  say(`host path: ${rig.hostPath}`);
  say(`try: npm run idcard -- --port ${rig.hostPath}`);
}
const emulator = endpoint.emulator;
if (values.place !== undefined && !emulator.place(values.place)) say(`unknown card "${values.place}"`);

async function stop(): Promise<void> {
  if (rig) await rig.stop();
  else await endpoint.close();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

const count = (arg: string | undefined, fallback: number) => {
  const n = Number(arg ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, arg] = line.trim().split(/\s+/);
  switch (command) {
    case '':
    case undefined:
      break;
    case 'list':
      for (const card of emulator.cards)
        say(`${card.id === emulator.placed() ? '*' : ' '} ${card.id.padEnd(26)} ${card.label}`);
      break;
    case 'place':
      say(
        arg !== undefined && emulator.place(arg)
          ? `placed ${arg}`
          : `unknown card "${arg ?? ''}" (try: list)`,
      );
      break;
    case 'remove':
      emulator.remove();
      say('removed');
      break;
    case 'garbage': {
      const bytes = Buffer.alloc(count(arg, 16));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
      await endpoint.inject(bytes);
      say(`wrote ${bytes.length} garbage bytes`);
      break;
    }
    case 'corrupt':
      emulator.corruptNextReplies(count(arg, 1));
      say('next replies will be corrupted');
      break;
    case 'fail-reads':
      emulator.failNextReads(count(arg, 1));
      say('next reads will fail');
      break;
    case 'silent':
      emulator.setSilent(arg !== 'off');
      say(arg === 'off' ? 'answering again' : 'silent');
      break;
    case 'unplug':
      if (rig) await rig.unplug();
      say(rig ? 'unplugged' : 'not available with --port');
      break;
    case 'replug':
      if (rig) await rig.replug();
      say(rig ? `replugged at ${rig.hostPath}` : 'not available with --port');
      break;
    case 'quit':
    case 'exit':
      await stop();
      break;
    default:
      say(`unknown command "${command}" (see --help)`);
  }
}
await stop();
