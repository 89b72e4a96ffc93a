/**
 * npm run idcard -- --port /dev/ttyUSB0      print the SAM id, then the identity of the next card
 * Run with --help for every option. ID numbers are masked unless --show.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { discoverReaders, systemDiscoverySources } from './discovery';
import { type CardIdentity, maskIdNumber } from './identity';
import { IdCardReader } from './reader/id-card-reader';
import { readerBehaviourNames, readerBehaviourProfiles } from './reader/profiles';
import type { ReaderStatus } from './reader/status';
import { type HidProfileName, hidLayoutFor, hidProfileNames } from './reader-models';
import { SimulatedReader } from './simulator/simulated-reader';
import { HidFrameTransport } from './transports/hid';
import { SerialFrameTransport } from './transports/serial';
import type { ReaderTransport } from './transports/transport';
import { UsbBulkFrameTransport } from './transports/usb-bulk';
import { VendorSdkTransport } from './transports/vendor-sdk';

const usage = `Usage: npm run idcard -- [options]

Reads the SAM id of an ID card reader, then prints the identity of each card placed.

  --port PATH          serial port of the reader, or "auto" to probe every port (default auto)
  --baud N             115200 (default), 57600, 38400, 19200 or 9600
  --list               list every reader found (serial, HID, USB) with the profile it would use
  --hid                use a USB HID reader instead of a serial one
  --hid-profile NAME   auto (by VID/PID, else the options below), padded, count-byte-ack,
                       no-preamble-length-prefixed
  --usb                use a vendor-class USB bulk reader (endpoints 0x02 out, 0x81 in)
  --sdk LIBRARY        read through the reader vendor's SDK library (termb.dll / libtermb.so ...)
  --sdk-shape NAME     termb (default) or sdtapi
  --sdk-port N         the port number the library takes (default 1001, USB in most SDKs)
  --vid N --pid N      HID / USB vendor and product id (default 0x0400 0xc35a)
  --report-size N      HID report size (default 64)
  --report-id N        HID report id, 0 for none (default 0)
  --length-prefixed    HID reports start with the count of frame bytes they carry
  --simulate CARD      start the built-in emulator on a socat PTY pair with CARD placed
                       (resident, resident-long-term, resident-expired, hk-macao-taiwan, ...)
  --behaviour NAME     reader model behaviour for a card left on: standard (find keeps answering 9F)
                       or halts-after-read (find answers 80; a SAM reset confirms the card stays)
  --full               read the fingerprint too (30 10)
  --watch              keep reading cards until Ctrl-C (default: exit after one card)
  --timeout SECONDS    give up waiting for a card after this long (default 60; 0 = never)
  --show               print ID and pass numbers unmasked
  --verbose            log reader status changes to stderr
  --help               this text
`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: 'auto' },
    baud: { type: 'string', default: '115200' },
    list: { type: 'boolean', default: false },
    hid: { type: 'boolean', default: false },
    'hid-profile': { type: 'string', default: 'auto' },
    usb: { type: 'boolean', default: false },
    sdk: { type: 'string' },
    'sdk-shape': { type: 'string', default: 'termb' },
    'sdk-port': { type: 'string', default: '1001' },
    vid: { type: 'string', default: '0x0400' },
    pid: { type: 'string', default: '0xc35a' },
    'report-size': { type: 'string', default: '64' },
    'report-id': { type: 'string', default: '0' },
    'length-prefixed': { type: 'boolean', default: false },
    simulate: { type: 'string' },
    behaviour: { type: 'string', default: 'standard' },
    full: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '60' },
    show: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

const toNumber = (text: string, what: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n)) {
    process.stderr.write(`${what} must be a whole number, got "${text}"\n`);
    process.exit(2);
  }
  return n;
};

function describeIdentity(identity: CardIdentity, show: boolean): string[] {
  const id = show ? identity.idNumber : maskIdNumber(identity.idNumber);
  const check =
    identity.idNumberCheck.scheme === 'gb11643'
      ? `check digit ${identity.idNumberCheck.checkDigitValid ? 'valid' : 'INVALID'}, birth date ${identity.idNumberCheck.birthDateMatches ? 'matches' : 'DOES NOT MATCH'}`
      : 'no check digit scheme';
  const lines = [`card type:   ${identity.cardType}`];
  switch (identity.cardType) {
    case 'resident':
      lines.push(
        `name:        ${identity.name}`,
        `nation:      ${identity.nation.name}${identity.nation.known ? '' : ' (unknown code)'}`,
      );
      lines.push(`address:     ${identity.address}`, `issuer:      ${identity.issuer}`);
      break;
    case 'hk_macao_taiwan':
      lines.push(
        `name:        ${identity.name}`,
        `address:     ${identity.address}`,
        `issuer:      ${identity.issuer}`,
      );
      lines.push(
        `pass number: ${show ? identity.passNumber : maskIdNumber(identity.passNumber)}`,
        `issue count: ${identity.issueCount}`,
      );
      break;
    case 'foreign_permanent_2017':
      lines.push(`name:        ${identity.englishName}`, `name (zh):   ${identity.chineseName ?? '-'}`);
      lines.push(`nationality: ${identity.nationality}`, `version:     ${identity.cardVersion}`);
      break;
    case 'foreign_permanent_2023':
      lines.push(`name:        ${identity.englishName}`, `name (zh):   ${identity.chineseName ?? '-'}`);
      lines.push(`nationality: ${identity.nationality}`, `renewals:    ${identity.renewalCount}`);
      if (identity.previousIdNumber !== null) {
        const previous = show ? identity.previousIdNumber : maskIdNumber(identity.previousIdNumber);
        lines.push(`previous no: ${previous}`);
      }
      break;
  }
  lines.push(
    `sex:         ${identity.sex} (${identity.sexCode})`,
    `birth date:  ${identity.birthDate}`,
    `ID number:   ${id} (${check})`,
    `valid:       ${identity.validFrom} to ${identity.validTo ?? 'long-term'}${identity.expired ? ' (EXPIRED)' : ''}`,
    identity.decodedPhoto
      ? `photo:       ${identity.decodedPhoto.width} x ${identity.decodedPhoto.height} ${identity.decodedPhoto.mediaType} (decoded by the vendor SDK)`
      : `photo:       ${identity.photo.length} bytes WLT (not decoded)`,
  );
  return lines;
}

function behaviourOption(name: string) {
  const known = readerBehaviourNames.find((n) => n === name);
  if (known === undefined) {
    process.stderr.write(`--behaviour must be one of ${readerBehaviourNames.join(', ')}, got "${name}"\n`);
    process.exit(2);
  }
  return known;
}

function hidProfileOption(name: string): HidProfileName | 'auto' {
  if (name === 'auto') return 'auto';
  const known = hidProfileNames.find((n) => n === name);
  if (known === undefined) {
    process.stderr.write(
      `--hid-profile must be auto or one of ${hidProfileNames.join(', ')}, got "${name}"\n`,
    );
    process.exit(2);
  }
  return known;
}

async function listReaders(): Promise<void> {
  const { candidates, problems } = await discoverReaders(systemDiscoverySources);
  if (candidates.length === 0) process.stdout.write('no reader found\n');
  for (const c of candidates) {
    process.stdout.write(`${c.transport.padEnd(6)} ${c.device}  ${c.label}\n`);
    process.stdout.write(`       profile: ${c.profile}\n       config:  idcard: ${c.config}\n`);
  }
  for (const problem of problems) process.stdout.write(`(could not list ${problem})\n`);
}

async function main(): Promise<void> {
  if (values.list) return listReaders();
  const behaviour = behaviourOption(values.behaviour);
  const logger = pino({ level: values.verbose ? 'info' : 'warn' }, pino.destination(2));
  let rig: SimulatedReader | null = null;
  let transport: ReaderTransport;
  if (values.simulate !== undefined) {
    rig = await SimulatedReader.start({
      behaviour: { selectData: 'zeros', haltAfterRead: behaviour === 'halts-after-read' },
    });
    if (!rig.emulator.place(values.simulate)) {
      await rig.stop();
      process.stderr.write(
        `unknown test card "${values.simulate}"; cards: ${rig.emulator.cards.map((c) => c.id).join(', ')}\n`,
      );
      process.exit(2);
    }
    process.stdout.write(`simulator on ${rig.hostPath}\n`);
    transport = new SerialFrameTransport({ path: rig.hostPath, baudRate: 115200 });
  } else if (values.hid) {
    const vendorId = toNumber(values.vid, '--vid');
    const productId = toNumber(values.pid, '--pid');
    const { layout, profile } = hidLayoutFor(hidProfileOption(values['hid-profile']), vendorId, productId, {
      reportSize: toNumber(values['report-size'], '--report-size'),
      reportId: toNumber(values['report-id'], '--report-id'),
      lengthPrefixed: values['length-prefixed'],
    });
    process.stdout.write(`HID profile: ${profile}\n`);
    transport = new HidFrameTransport({ vendorId, productId, ...layout });
  } else if (values.sdk !== undefined) {
    const shape = values['sdk-shape'];
    if (shape !== 'termb' && shape !== 'sdtapi') {
      process.stderr.write(`--sdk-shape must be termb or sdtapi, got "${shape}"\n`);
      process.exit(2);
    }
    transport = new VendorSdkTransport({
      library: values.sdk,
      shape,
      port: toNumber(values['sdk-port'], '--sdk-port'),
    });
  } else if (values.usb) {
    transport = new UsbBulkFrameTransport({
      vendorId: toNumber(values.vid, '--vid'),
      productId: toNumber(values.pid, '--pid'),
      endpoints: { out: 0x02, in: 0x81 },
    });
  } else {
    transport = new SerialFrameTransport({ path: values.port, baudRate: toNumber(values.baud, '--baud') });
  }

  const reader = new IdCardReader({
    transport,
    logger,
    readCommand: values.full ? 'full' : 'base',
    cardLeftOn: readerBehaviourProfiles[behaviour].cardLeftOn,
  });
  let samShown = false;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  reader.on('status', (status: ReaderStatus) => {
    if (status.state === 'no_card' && !samShown) {
      samShown = true;
      void reader.readSamId().then((samId) => {
        process.stdout.write(
          `reader:      ${transport.label}\nSAM id:      ${samId ?? '(not answered)'}\nplace a card on the reader...\n`,
        );
      });
    }
    if (status.state === 'disconnected' || status.state === 'error')
      process.stderr.write(`reader ${status.state}: ${status.detail}\n`);
  });
  reader.on('cardPlaced', (identity) => {
    process.stdout.write(`\n${describeIdentity(identity, values.show).join('\n')}\n`);
    if (!values.watch) finished();
  });
  reader.on('cardRemoved', () => process.stdout.write('card removed\n'));
  reader.on('cardError', (code) => {
    process.stdout.write(`card could not be read: ${code}\n`);
    if (!values.watch) {
      process.exitCode = 1;
      finished();
    }
  });
  process.once('SIGINT', finished);
  const timeoutSeconds = toNumber(values.timeout, '--timeout');
  const timer =
    timeoutSeconds > 0 && !values.watch
      ? setTimeout(() => {
          process.stderr.write(`no card within ${timeoutSeconds} s\n`);
          process.exitCode = 1;
          finished();
        }, timeoutSeconds * 1000)
      : null;
  reader.start();
  await done;
  if (timer) clearTimeout(timer);
  await reader.stop();
  await rig?.stop();
}

await main();
