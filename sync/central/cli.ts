/**
 * npm run central -- --port 8443 --data ./central-data --public-url https://hall.example.gov.cn
 *   [--host 0.0.0.0] [--seed sample] [--tls-cert cert.pem --tls-key key.pem] [--updates DIR]
 *   [--key-file PATH]  (the master key sealing personal data at rest; default ./central-data-keys/master-key)
 *   [--supervision FILE]  (JSON: the hall's holiday calendar and yellow-card threshold; default the sample 2026)
 * npm run central -- --data ./central-data --add-staff NAME --role hall_admin|supervisor|window_staff
 *   (reads the password from the first line of stdin, then exits)
 * npm run central -- --demo [--seed sample]   (loopback only: creates a one-time admin and prints its secret)
 * Any of these with --db postgres://user@host/db [--key-file FILE] [--pool-size N]: PostgreSQL instead of
 *   the SQLite file in --data (several processes may share one database; give them the same --data secrets
 *   and master key file).
 *
 * Fails closed: without a staff account it refuses to start, except as the loopback demo.
 * Runs the reference central server and prints a one-time enrolment code for a kiosk.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { staffPasswordSchema, staffRoleSchema, staffUsernameSchema } from '../protocol/central-admin';
import { openCentralStorage } from './open-storage';
import { startCentralServer } from './server';
import { hashStaffPassword } from './staff-auth';
import { type SupervisionSettings, supervisionSettingsSchema } from './supervision';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './central-data' },
    seed: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    updates: { type: 'string' },
    'public-url': { type: 'string' },
    demo: { type: 'boolean', default: false },
    'add-staff': { type: 'string' },
    role: { type: 'string' },
    db: { type: 'string' },
    'key-file': { type: 'string' },
    'pool-size': { type: 'string' },
    supervision: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`central: ${message}\n`);
  process.exit(2);
}

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

function openStorage() {
  const poolSize = values['pool-size'] === undefined ? undefined : Number(values['pool-size']);
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize >= 1 && poolSize <= 500))
    fail('--pool-size: a whole number of connections, 1-500');
  return openCentralStorage({
    dataDir: values.data,
    ...(values.db ? { db: values.db } : {}),
    ...(values['key-file'] ? { keyFile: values['key-file'] } : {}),
    ...(poolSize ? { poolSize } : {}),
  });
}

if (values['add-staff'] !== undefined) {
  const username = staffUsernameSchema.safeParse(values['add-staff']);
  const role = staffRoleSchema.safeParse(values.role);
  if (!username.success) fail('--add-staff: 2-40 of a-z 0-9 _ . -');
  if (!role.success) fail(`--role: one of ${staffRoleSchema.options.join(', ')}`);
  const password = staffPasswordSchema.safeParse(await firstLineOfStdin());
  if (!password.success) fail('the password (first line of stdin) needs at least 12 characters');
  const storage = await openStorage().catch((error: Error) => fail(error.message));
  const created = await storage.createStaffAccount({
    accountId: randomUUID(),
    username: username.data,
    role: role.data,
    createdAtMs: Date.now(),
    passwordHash: await hashStaffPassword(password.data),
  });
  await storage.close();
  if (!created.ok) fail(created.error.message);
  process.stdout.write(`staff account ${username.data} (${role.data}) created\n`);
  process.exit(0);
}

if (!values.demo && !values['public-url'])
  fail('--public-url is the address printed on receipts for the public progress page (or run --demo)');

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const tls =
  values['tls-cert'] && values['tls-key']
    ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) }
    : undefined;
/** A bad calendar is refused at start, named, rather than giving every case a wrong deadline. */
function supervisionFrom(file: string): SupervisionSettings {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`--supervision ${file}: ${(error as Error).message}`);
  }
  const parsed = supervisionSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`--supervision ${file}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`);
  }
  return parsed.data;
}
const supervision = values.supervision ? supervisionFrom(values.supervision) : undefined;
const storage = values.db ? await openStorage().catch((error: Error) => fail(error.message)) : undefined;
const server = await startCentralServer({
  ...(storage ? { storage } : {}),
  port: Number(values.port),
  host: values.host,
  dataDir: values.data,
  logger,
  demoAdmin: values.demo,
  ...(values['public-url'] ? { hall: { publicBaseUrl: values['public-url'] } } : {}),
  ...(values.seed === 'sample' ? { seed: 'sample' as const } : {}),
  ...(tls ? { tls } : {}),
  ...(values.updates ? { updatesDir: values.updates } : {}),
  ...(supervision ? { supervision } : {}),
  // The intake's sealing key lives beside the master key (the same folder for every process).
  ...(values['key-file'] ? { masterKeyFile: values['key-file'] } : {}),
}).catch((error: Error) => fail(error.message));
const code = await server.createEnrolmentCode();
logger.info({
  event: 'central.started',
  url: server.url,
  staffPage: `${server.url}/staff`,
  display: `${server.url}/display`,
});
process.stdout.write(`central server on ${server.url}\nenrolment code (24 h, one kiosk): ${code}\n`);
if (server.adminSecret)
  process.stdout.write(`one-time demo admin: user "admin", secret ${server.adminSecret}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
