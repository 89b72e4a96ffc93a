import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

export interface KioskProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs the kiosk in browser mode as a real child process (`host/cli/start-web.ts --no-open`), the way
 * `npm run start:web` does, with its data in a fresh temp folder; resolves once it prints its URL.
 */
export async function startKioskProcess(
  config: Record<string, unknown> = {},
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<KioskProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const configPath = join(dataDir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ dataDir, ...config }));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'host', 'cli', 'start-web.ts'),
      '--no-open',
      '--port',
      '0',
      '--config',
      configPath,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISPLAY: '', ...options.env },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start in time:\n${output}`)), 60_000);
    const check = () => {
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+\/\?bootstrap=[A-Za-z0-9_-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
