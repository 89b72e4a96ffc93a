/**
 * `npm run central -- --db ...`: a URL that is not PostgreSQL is refused with a clear message; with a
 * PostgreSQL URL, --add-staff creates the account in that database (not in a SQLite file).
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelopeCipher, loadOrCreateMasterKey } from '../../sync/central/at-rest-cipher';
import { PostgresCentralStorage } from '../../sync/central/postgres/postgres-central-storage';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres';
import { tempDir } from './support/kiosk-harness';

const root = resolve(import.meta.dirname, '..', '..');

function runCli(args: string[], stdin = ''): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'sync', 'central', 'cli.ts'), ...args],
      {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    child.once('exit', (code) => done({ code, output }));
    child.stdin.end(stdin);
  });
}

const unavailable = postgresUnavailable();

describe.skipIf(unavailable !== null)('npm run central -- --db', () => {
  let cluster: TestPostgres;
  let dataDir: string;

  beforeAll(async () => {
    cluster = await startTestPostgres();
    dataDir = tempDir('central-cli-db');
  });
  afterAll(async () => {
    await cluster?.stop();
    rmSync(`${dataDir}-keys`, { recursive: true, force: true });
  });

  it('refuses a URL that is not PostgreSQL, saying what it takes', async () => {
    const run = await runCli(['--demo', '--port', '0', '--data', dataDir, '--db', 'mysql://hall@db/central']);
    expect(run.code).toBe(2);
    expect(run.output).toContain('--db takes a postgres:// or postgresql:// URL');
  });

  it('adds a staff account to the PostgreSQL database, sealing with the key beside the data folder', async () => {
    const url = await cluster.newDatabase();
    const run = await runCli(
      ['--data', dataDir, '--db', url, '--add-staff', 'supervisor1', '--role', 'supervisor'],
      'a-password-long-enough\n',
    );
    expect(run.output).toContain('staff account supervisor1 (supervisor) created');
    expect(run.code).toBe(0);
    expect(existsSync(join(dataDir, 'central.sqlite'))).toBe(false);
    const storage = await PostgresCentralStorage.open(url, {
      cipher: createEnvelopeCipher(loadOrCreateMasterKey(join(`${dataDir}-keys`, 'master-key'), dataDir)),
    });
    expect(await storage.staffCredentials('supervisor1')).toMatchObject({ role: 'supervisor' });
    await storage.close();
  });
});
