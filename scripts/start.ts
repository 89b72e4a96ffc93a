/**
 * `npm start`: the kiosk in demo mode. Builds what is missing, then runs the Electron shell; where
 * Electron's binary cannot be had (an offline machine), says so in one line and serves browser mode.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const passThrough = process.argv.slice(2);

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The path of Electron's binary, or null when its package has none (never downloaded). */
export function electronBinary(): string | null {
  try {
    const electronDir = join(createRequire(import.meta.url).resolve('electron'), '..');
    const pathFile = join(electronDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) run('npm', ['run', 'build:renderer']);

const binary = electronBinary();
if (binary) {
  run('npm', ['run', 'build:electron']);
  const child = spawn(binary, [join(root, 'dist-electron', 'main.js'), ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(
    "Electron's binary is not installed on this machine (it cannot be downloaded offline): starting the kiosk in browser mode instead.\n",
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'host', 'cli', 'start-web.ts'), ...passThrough],
    { cwd: root, stdio: 'inherit' },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}
