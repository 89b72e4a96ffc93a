/**
 * Browser mode: `npm run start:web -- [--port N] [--no-open] [--config PATH]`.
 * Serves the built renderer and the host API on 127.0.0.1, guarded by a per-launch token, and
 * opens the system Chromium in kiosk mode unless --no-open (or no display is available).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import { ConfigError } from '../config/config';
import { launchHost } from '../core/launch';
import { createDispatcher } from '../transport/dispatcher';
import { startWebServer } from '../transport/web-server';

const root = resolve(import.meta.dirname, '..', '..');
const argv = process.argv.slice(2);

function flagValue(name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function hasDisplay(): boolean {
  return (
    process.platform === 'win32' ||
    process.platform === 'darwin' ||
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
  );
}

async function main(): Promise<void> {
  const portFlag = flagValue('--port');
  const port = portFlag === undefined ? undefined : Number(portFlag);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new ConfigError(`--port must be a whole number from 0 to 65535, not "${portFlag}"`);
  }
  const host = await launchHost({
    argv,
    shell: 'web',
    startEmbeddedCentral,
    override: (config) => (port === undefined ? config : { ...config, web: { port } }),
  });
  const server = await startWebServer({
    dispatcher: createDispatcher(host.api, host.logger.child({ area: 'api' })),
    bus: host.bus,
    logger: host.logger,
    rendererDir: join(root, 'dist', 'renderer'),
    port: host.config.web.port,
  });
  // The bootstrap code is in this line only (never in a served page), for the operator who opens it by hand.
  process.stdout.write(`hall-kiosk is serving on ${server.url} (mode: ${host.config.mode})\n`);

  const shutdown = async () => {
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  if (argv.includes('--no-open')) return;
  const chromium = chromiumCandidates.find((path) => existsSync(path));
  if (!chromium || !hasDisplay()) {
    process.stdout.write(
      `No display or Chromium to open it in: open ${server.url} in a browser on this machine.\n`,
    );
    return;
  }
  const browser = spawn(
    chromium,
    [
      `--app=${server.url}`,
      '--kiosk',
      '--no-first-run',
      '--disable-pinch',
      '--overscroll-history-navigation=0',
      `--user-data-dir=${join(host.config.dataDir, 'chromium-profile')}`,
    ],
    {
      stdio: 'ignore',
      detached: false,
    },
  );
  browser.on('error', () => process.stdout.write(`Could not open Chromium: open ${server.url} by hand.\n`));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`hall-kiosk could not start: ${message}\n`);
  process.exit(1);
});
