/**
 * Fleet roll-out without the screen:
 *   npm run provision -- --central URL --code CODE [--pin PIN] [--config PATH] [--name NAME]
 *   npm run provision -- --pin PIN [--config PATH]        (set or reset the maintenance PIN only)
 * Enrols the kiosk with its central system (writes <dataDir>/enrolment.json, as the provisioning
 * screen does) and, with --pin (or KIOSK_MAINTENANCE_PIN), leaves the PIN's scrypt hash for the kiosk
 * to take into its store at the next start. Run it while the kiosk is stopped.
 */

import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { pinSchema } from '../host/api/technician';
import { ConfigError, loadConfig } from '../host/config/config';
import { insecureUrlProblem } from '../host/config/transport-policy';
import { centralTransport } from '../host/core/central-transport';
import { EnrolmentFile, enrolmentRecordOf } from '../host/core/enrolment-file';
import { appVersion } from '../host/core/version';
import { pendingPinPath } from '../host/services/technician';
import { hashPin } from '../host/services/technician/maintenance-pin';
import { CentralClient, isCentralCallError } from '../sync/client/central-client';
import { newKioskIdentity } from '../sync/client/kiosk-identity';

function fail(message: string, code = 1): never {
  process.stderr.write(`provision: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      central: { type: 'string' },
      code: { type: 'string' },
      pin: { type: 'string' },
      config: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run provision -- --central URL --code CODE [--pin PIN] [--config PATH] [--name NAME]\n' +
        'npm run provision -- --pin PIN [--config PATH]\n',
    );
    return;
  }
  const { config } = loadConfig(values.config ? ['--config', values.config] : []);
  const pin = values.pin ?? process.env.KIOSK_MAINTENANCE_PIN;
  if (pin !== undefined && !pinSchema.safeParse(pin).success) fail('the PIN must be 6 to 12 digits');
  if (!values.central && !values.code && pin === undefined)
    fail('give --central URL --code CODE, and/or --pin PIN (see --help)');

  const enrolments = new EnrolmentFile(config.dataDir);
  if (values.central || values.code) {
    if (!values.central || !values.code) fail('--central and --code go together');
    let url: URL;
    try {
      url = new URL(values.central);
    } catch {
      fail(`not a URL: ${values.central}`);
    }
    const insecure = insecureUrlProblem(url.href, config.central.allowInsecureHttp);
    if (insecure) fail(insecure);
    if (existsSync(enrolments.path)) fail(`this kiosk is already enrolled (${enrolments.path})`);
    if (config.central.url === 'embedded') {
      fail(
        'this config runs the embedded central server (demo mode enrols by itself): set central.url to the central system',
      );
    }
    const centralUrl = values.central.replace(/\/+$/, '');
    const version = appVersion();
    const transport = centralTransport({ caFile: config.central.caFile || undefined });
    const client = new CentralClient({ baseUrl: centralUrl, timeoutMs: 15_000, fetch: transport.fetch });
    try {
      const identity = newKioskIdentity();
      const code = values.code.trim().toUpperCase();
      const answer = await client.enrol(code, values.name ?? hostname(), version, identity);
      const record = { ...enrolmentRecordOf(centralUrl, answer), kioskPrivateKey: identity.privateKeyPem };
      enrolments.save(record);
      process.stdout.write(`enrolled as ${answer.kioskCode} (${answer.kioskId}) with ${centralUrl}\n`);
    } catch (error) {
      if (isCentralCallError(error) && error.failure.kind === 'client')
        fail('the central system refused this enrolment code', 2);
      fail(`the central system could not be reached: ${(error as Error).message}`, 3);
    }
    await transport.close();
  }

  if (pin !== undefined) {
    const path = pendingPinPath(config.dataDir);
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.tmp`;
    writeFileSync(temp, JSON.stringify(await hashPin(pin, Date.now())), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
    process.stdout.write('maintenance PIN set (the kiosk takes it in at its next start)\n');
  } else if (!existsSync(pendingPinPath(config.dataDir))) {
    process.stdout.write('no maintenance PIN given: set one with --pin before the kiosk is left alone\n');
  }
}

main().catch((error: unknown) => {
  fail(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
});
