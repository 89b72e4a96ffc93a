/**
 * npm run printer -- <command> [options]: a technician's look at a printer without the kiosk.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createPrinter, type PrinterSettings } from './create-printer';
import { sampleApplicationForm, sampleReceipt } from './documents/sample-data';
import type { DocumentLanguage } from './documents/types';

const help = `Usage: npm run printer -- <command> [options]

Commands:
  status          show the printer's status
  test-page       print a test page
  sample-receipt  print a made-up acceptance receipt
  sample-form     print a made-up application form (A4 printers only)

Options:
  --kind cups|escpos|windows|simulator   backend (default cups)
  --queue NAME       CUPS queue or Windows printer (default: the system default)
  --port PATH        serial device of an ESC/POS printer, e.g. /dev/ttyUSB0 or a PTY from sim:escpos
  --baud N           serial speed (default 115200)
  --paper 80mm|a4    page size of PDFs (default 80mm)
  --lang zh-Hans|zh-Hant|en   document language (default zh-Hans)
  -h, --help         this text

Examples:
  npm run printer -- status --kind cups --queue PDF
  npm run printer -- sample-receipt --kind cups --queue PDF --paper a4 --lang en
  npm run sim:escpos -- --link /tmp/escpos   # then, in another shell:
  npm run printer -- sample-receipt --kind escpos --port /tmp/escpos`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kind: { type: 'string', default: 'cups' },
    queue: { type: 'string', default: '' },
    port: { type: 'string', default: '' },
    baud: { type: 'string', default: '115200' },
    paper: { type: 'string', default: '80mm' },
    lang: { type: 'string', default: 'zh-Hans' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const command = positionals[0];
if (values.help || !command) {
  process.stdout.write(`${help}\n`);
  process.exit(values.help ? 0 : 2);
}

const kinds = ['cups', 'escpos', 'windows', 'simulator'] as const;
const languages = ['zh-Hans', 'zh-Hant', 'en'] as const;
const kind = kinds.find((k) => k === values.kind);
const language = languages.find((l) => l === values.lang) as DocumentLanguage | undefined;
if (!kind || !language || (values.paper !== '80mm' && values.paper !== 'a4')) {
  process.stderr.write(`Bad option.\n\n${help}\n`);
  process.exit(2);
}

const settings: PrinterSettings = {
  kind,
  name: values.queue,
  serialPath: values.port,
  paper: values.paper,
  baudRate: Number(values.baud),
  jobTimeoutSeconds: 60,
};
const printer = await createPrinter(settings, pino({ level: 'warn' }));
try {
  process.stdout.write(`${printer.description}\n`);
  let outcome: Awaited<ReturnType<typeof printer.printReceipt>> | undefined;
  switch (command) {
    case 'status':
      process.stdout.write(`${JSON.stringify(await printer.status())}\n`);
      break;
    case 'test-page':
      outcome = await printer.printTestPage(language);
      break;
    case 'sample-receipt':
      outcome = await printer.printReceipt({ ...sampleReceipt(language), issuedAt: new Date() });
      break;
    case 'sample-form':
      outcome = await printer.printApplicationForm({
        ...(await sampleApplicationForm(language)),
        submittedAt: new Date(),
      });
      break;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${help}\n`);
      process.exitCode = 2;
  }
  if (outcome) {
    process.stdout.write(
      outcome.ok
        ? `printed: job ${outcome.value.jobId}, ${outcome.value.bytes} bytes\n`
        : `not printed: ${outcome.error.code}: ${outcome.error.message}\n`,
    );
    if (!outcome.ok) process.exitCode = 1;
  }
} finally {
  await printer.close();
}
