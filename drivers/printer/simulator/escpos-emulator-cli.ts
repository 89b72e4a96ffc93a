/**
 * npm run sim:escpos -- [--link PATH]: an emulated ESC/POS receipt printer on a PTY pair. Prints what
 * it receives; type commands on stdin to change its state.
 */
import { rmSync, symlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startEscPosSimulator } from '../create-printer';

const help = `Usage: npm run sim:escpos -- [--link PATH]

Starts socat with a PTY pair and an emulated 80 mm ESC/POS printer on one end. The other end is the
printer's "serial port": open it with npm run printer -- ... --kind escpos --port PATH.

Options:
  --link PATH   also make PATH a symlink to the printer's port (removed on exit)
  -h, --help    this text

Commands on stdin:
  paper out | paper low | paper ok     the paper sensor
  cover open | cover closed            the cover switch
  roll N                               load a roll that runs out after N lines
  state                                show the state
  quit                                 stop`;

const { values } = parseArgs({
  options: { link: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help) {
  process.stdout.write(`${help}\n`);
  process.exit(0);
}

const { simulator, hostPath } = await startEscPosSimulator();
const { emulator } = simulator;
if (values.link) {
  rmSync(values.link, { force: true });
  symlinkSync(hostPath, values.link);
}
process.stdout.write(`ESC/POS printer emulator ready on ${values.link ?? hostPath}\n`);
emulator.on('receipt', (receipt) => {
  process.stdout.write(`---- printed ----\n${receipt.lines.join('\n')}\n`);
  for (const qr of receipt.qrCodes) process.stdout.write(`[QR: ${qr}]\n`);
  process.stdout.write('---- cut ----\n');
});

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await simulator.stop();
  if (values.link) rmSync(values.link, { force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const [word, argument] = line.trim().split(/\s+/);
  if (word === 'paper' && argument === 'out') emulator.setPaper('out');
  else if (word === 'paper' && argument === 'low') emulator.setPaper('near_end');
  else if (word === 'paper' && argument === 'ok') emulator.loadPaper();
  else if (word === 'cover') emulator.setCoverOpen(argument === 'open');
  else if (word === 'roll') emulator.loadPaper(Number(argument) || 100);
  else if (word === 'quit') void stop();
  else if (word !== 'state') process.stdout.write(`unknown command: ${line}\n`);
  process.stdout.write(`${JSON.stringify(emulator.state)}\n`);
});
input.on('close', () => {
  // With no terminal (run in the background), keep serving until a signal.
});
