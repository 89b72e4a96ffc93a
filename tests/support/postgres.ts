/**
 * A throwaway PostgreSQL cluster for tests and benches: Debian's binaries (/usr/lib/postgresql/<v>/bin,
 * or $PG_BIN), a fresh data folder in a temp dir owned by the `postgres` user (PostgreSQL refuses to run
 * as root), a free port on loopback and its unix socket in that temp dir. Stopped by its PID.
 *
 * Where PostgreSQL is not installed, `postgresUnavailable()` says why and the pg tests skip with that
 * message; under CI (CI=true) a missing PostgreSQL is a failure, never a skip.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const serviceUser = 'postgres';

function binDir(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'postgres'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Null when a cluster can be started here, else the reason. Throws under CI: there it must work. */
export function postgresUnavailable(): string | null {
  const reason = binDir()
    ? null
    : 'PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN): the PostgreSQL storage tests are skipped';
  if (reason && process.env.CI === 'true') throw new Error(`CI: ${reason.split(':')[0]}`);
  if (reason) process.stderr.write(`\n[skip] ${reason}\n`);
  return reason;
}

function ids(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** As root, the command runs as the postgres user (setpriv execs, so the PID is PostgreSQL's own). */
function asServiceUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return [
    'setpriv',
    [`--reuid=${serviceUser}`, `--regid=${serviceUser}`, '--init-groups', '--', command, ...args],
  ];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  connectionString: string;
  /** A new empty database on the cluster; its connection string. */
  newDatabase(): Promise<string>;
  /** Stops the server by its PID and removes its folder. */
  stop(): Promise<void>;
}

export interface TestPostgresOptions {
  /**
   * fsync on, synchronous_commit on (for benches: an acknowledged commit is on disk, like the SQLite
   * side's synchronous=FULL). Off by default: tests do not need crash safety and run faster without it.
   */
  durable?: boolean;
  maxConnections?: number;
}

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const bin = binDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'hall-kiosk-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = ids(serviceUser);
    chownSync(dir, uid, gid);
  }
  const [initdb, initArgs] = asServiceUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const durable = options.durable ?? false;
  const [postgres, args] = asServiceUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `max_connections=${options.maxConnections ?? 100}`,
    '-c',
    `fsync=${durable ? 'on' : 'off'}`,
    '-c',
    `synchronous_commit=${durable ? 'on' : 'off'}`,
    '-c',
    `full_page_writes=${durable ? 'on' : 'off'}`,
    '-c',
    'shared_buffers=64MB',
  ]);
  const child: ChildProcess = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test process that dies without stop() must not leave its cluster running.
  const stopOnExit = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    process.removeListener('exit', stopOnExit);
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      // SIGINT: PostgreSQL's fast shutdown (aborts open sessions, exits cleanly).
      process.kill(child.pid, 'SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`PostgreSQL exited at start: ${log}`);
    }
    const client = new pg.Client({ connectionString });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`PostgreSQL did not accept connections within 30 s: ${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  let databases = 0;
  return {
    connectionString,
    async newDatabase() {
      const name = `test_${++databases}`;
      const admin = new pg.Client({ connectionString });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}
