import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralTransport } from '../../host/core/central-transport';
import { silentLogger } from '../../host/logging/logger';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';

/**
 * Finding 5: the kiosk trusted any certificate its system trusts. With `central.caFile` only the hall's
 * CA is trusted: a central presenting a certificate from another CA is refused before a byte is sent.
 */
let dir: string;
let central: RunningCentralServer;

function openssl(...args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function makeCa(name: string) {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-ca-'));
  makeCa('hall-ca');
  makeCa('other-ca');
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'central.key',
    '-out',
    'central.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'central.csr',
    '-CA',
    'hall-ca.pem',
    '-CAkey',
    'hall-ca.key',
    '-CAcreateserial',
    '-out',
    'central.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  );
  central = await startCentralServer({
    port: 0,
    dataDir: join(dir, 'central'),
    tls: { cert: readFileSync(join(dir, 'central.pem')), key: readFileSync(join(dir, 'central.key')) },
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await central.close();
  rmSync(dir, { recursive: true, force: true });
});

async function reach(caFile: string | undefined): Promise<number | string> {
  const transport = centralTransport({ caFile });
  try {
    return (await transport.fetch(`${central.url}/v1/catalogue`)).status;
  } catch (error) {
    return String((error as Error).cause ?? error);
  } finally {
    await transport.close();
  }
}

describe('the hall CA pinned for the central system', () => {
  it('reaches a central whose certificate the hall CA signed (the route then asks for a credential)', async () => {
    expect(central.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await reach(join(dir, 'hall-ca.pem'))).toBe(401);
  });

  it('refuses a central whose certificate another CA signed, and one the system does not trust', async () => {
    expect(await reach(join(dir, 'other-ca.pem'))).toMatch(/certificate|self.signed|verify/i);
    expect(await reach(undefined)).toMatch(/certificate|self.signed|verify/i);
  });
});
