/**
 * The central server as a real child process (`sync/central/cli.ts`, as `npm run central` runs it), on
 * a free loopback port, optionally on PostgreSQL (--db). Several may share one data folder (its
 * secrets) and one database: start the first alone, so it creates the folder's secrets, then the rest.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

export interface CentralProcess {
  url: string;
  child: ChildProcess;
  /** Stops it by its PID (SIGTERM: it closes the server and its pool) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface CentralProcessOptions {
  dataDir: string;
  /** postgres:// URL; absent: SQLite in dataDir. */
  db?: string;
  keyFile?: string;
  poolSize?: number;
  env?: NodeJS.ProcessEnv;
}

export async function startCentralProcess(options: CentralProcessOptions): Promise<CentralProcess> {
  const args = [
    '--import',
    'tsx',
    resolve(root, 'sync', 'central', 'cli.ts'),
    '--demo',
    '--port',
    '0',
    '--data',
    options.dataDir,
    ...(options.db ? ['--db', options.db] : []),
    ...(options.keyFile ? ['--key-file', options.keyFile] : []),
    ...(options.poolSize ? ['--pool-size', String(options.poolSize)] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
  });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output = (output + String(chunk)).slice(-8000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`central did not start in 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const found = /central server on (\S+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolveUrl(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`central exited (${code}) at start:\n${output}`));
    });
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
    },
  };
}
