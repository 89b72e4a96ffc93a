import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AutoUpdaterLike, UpdateController } from '../../electron/update-controller';
import { UpdateFeedVerifier } from '../../electron/update-signature';
import { silentLogger } from '../../host/logging/logger';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';

function fakeUpdater() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const state = {
    feed: null as unknown,
    checks: 0,
    installs: [] as [boolean | undefined, boolean | undefined][],
  };
  const updater: AutoUpdaterLike = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    channel: null,
    setFeedURL: (options) => {
      state.feed = options;
    },
    checkForUpdates: async () => void state.checks++,
    quitAndInstall: (silent, runAfter) => void state.installs.push([silent, runAfter]),
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  return { updater, state, emit };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const artefact = 'hall-kiosk-setup-0.2.0.exe';
const latestYml = `version: 0.2.0
files:
  - url: ${artefact}
    sha512: c2hhNTEy
    size: 4096
path: ${artefact}
sha512: c2hhNTEy
releaseDate: '2026-11-30T00:00:00.000Z'
`;

/** A release folder the way `npm run sign-update` leaves it, served by the central's update route. */
let feedDir: string;
let downloads: string;
let server: RunningCentralServer;
let centralData: string;
let feedUrl: string;
let publicKeyPem: string;
let privateKey: KeyObject;

function signFile(path: string, bytes: Buffer | string) {
  writeFileSync(path, bytes);
  writeFileSync(`${path}.sig`, `${sign(null, Buffer.from(bytes), privateKey).toString('base64')}\n`);
}

beforeAll(async () => {
  const pair = generateKeyPairSync('ed25519');
  privateKey = pair.privateKey;
  publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  feedDir = mkdtempSync(join(tmpdir(), 'kiosk-feed-'));
  downloads = mkdtempSync(join(tmpdir(), 'kiosk-download-'));
  signFile(join(feedDir, 'latest.yml'), latestYml);
  signFile(join(feedDir, artefact), Buffer.alloc(4096, 7));
  // A tampered channel: the feed changed after it was signed.
  signFile(join(feedDir, 'beta.yml'), latestYml);
  writeFileSync(join(feedDir, 'beta.yml'), latestYml.replace('0.2.0', '6.6.6'));
  symlinkSync('/etc/passwd', join(feedDir, 'passwd-link'));
  centralData = mkdtempSync(join(tmpdir(), 'kiosk-feed-central-'));
  server = await startCentralServer({
    port: 0,
    dataDir: centralData,
    updatesDir: feedDir,
    logger: silentLogger(),
  });
  feedUrl = `${server.url}/v1/updates`;
});

afterAll(async () => {
  await server.close();
  rmSync(feedDir, { recursive: true, force: true });
  rmSync(centralData, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

function controllerFor(options: {
  channel?: 'latest' | 'beta';
  sessionActive?: () => boolean;
  feed?: string;
}) {
  const fake = fakeUpdater();
  const url = options.feed ?? feedUrl;
  const controller = new UpdateController({
    updater: fake.updater,
    feedUrl: url,
    channel: options.channel ?? 'latest',
    checkIntervalMinutes: 60,
    sessionActive: options.sessionActive ?? (() => false),
    logger: silentLogger(),
    idlePollMs: 10,
    verifier: new UpdateFeedVerifier({ publicKeyPem, feedUrl: url }),
  });
  return { controller, ...fake };
}

/** electron-updater downloads the artefact into its own cache folder before 'update-downloaded'. */
function downloaded(bytes: Buffer): string {
  const path = join(downloads, artefact);
  writeFileSync(path, bytes);
  return path;
}

describe('updates', () => {
  it('is disabled without a feed URL', () => {
    const { controller, state, updater } = controllerFor({ feed: '' });
    const disabled = new UpdateController({
      updater,
      feedUrl: '',
      channel: 'latest',
      checkIntervalMinutes: 60,
      sessionActive: () => false,
      logger: silentLogger(),
      verifier: {
        verifyFeed: async () => Promise.reject(new Error('unused')),
        verifyArtefact: async () => Promise.reject(new Error('unused')),
      },
    });
    disabled.start();
    expect(disabled.state).toEqual({ state: 'disabled' });
    expect(state.checks).toBe(0);
    controller.stop();
  });

  it('uses the generic provider, downloads in the background and checks at start once the feed’s signature holds', async () => {
    const { controller, state, updater } = controllerFor({});
    controller.start();
    expect(state.feed).toEqual({ provider: 'generic', url: feedUrl, channel: 'latest' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await until(() => state.checks === 1, 'the updater to check');
    controller.stop();
  });

  it('installs a signed artefact silently, and only once no applicant session is active', async () => {
    let active = true;
    const { controller, state, emit } = controllerFor({ sessionActive: () => active });
    controller.start();
    await until(() => state.checks === 1, 'the updater to check');
    emit('download-progress', { percent: 50 });
    expect(controller.state).toEqual({ state: 'downloading', percent: 50 });
    emit('update-downloaded', { version: '0.2.0', downloadedFile: downloaded(Buffer.alloc(4096, 7)) });
    await until(() => controller.state.state === 'waiting_for_idle', 'the artefact to be verified');
    expect(controller.state).toEqual({ state: 'waiting_for_idle', version: '0.2.0' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.installs).toEqual([]);
    active = false;
    await until(() => state.installs.length === 1, 'the install');
    expect(state.installs).toEqual([[true, true]]);
    expect(controller.state).toEqual({ state: 'installing', version: '0.2.0' });
    controller.stop();
  });

  it('refuses a tampered latest.yml: the updater never reads it', async () => {
    const { controller, state } = controllerFor({ channel: 'beta' });
    controller.start();
    await until(() => controller.state.state === 'error', 'the refusal');
    expect(controller.state).toMatchObject({
      state: 'error',
      message: expect.stringContaining('not signed'),
    });
    expect(state.checks).toBe(0);
    controller.stop();
  });

  it('refuses a tampered artefact: nothing is installed', async () => {
    const { controller, state, emit } = controllerFor({});
    controller.start();
    await until(() => state.checks === 1, 'the updater to check');
    const bytes = Buffer.alloc(4096, 7);
    bytes[100] = 8;
    emit('update-downloaded', { version: '0.2.0', downloadedFile: downloaded(bytes) });
    await until(() => controller.state.state === 'error', 'the refusal');
    expect(controller.state).toMatchObject({ state: 'error', message: expect.stringContaining('signature') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.installs).toEqual([]);
    controller.stop();
  });

  it('refuses a version the signed feed did not announce', async () => {
    const { controller, state, emit } = controllerFor({});
    controller.start();
    await until(() => state.checks === 1, 'the updater to check');
    const file = downloaded(Buffer.alloc(4096, 7));
    copyFileSync(file, join(downloads, 'other.exe'));
    emit('update-downloaded', { version: '0.3.0', downloadedFile: file });
    await until(() => controller.state.state === 'error', 'the refusal');
    expect(state.installs).toEqual([]);
    controller.stop();
  });

  it('the update route serves no symlink and nothing outside its folder', async () => {
    for (const name of ['passwd-link', '..%2F..%2Fetc%2Fpasswd', '.hidden', 'missing.yml']) {
      const response = await fetch(`${feedUrl}/${name}`);
      expect(response.status, name).toBe(404);
      expect(await response.text()).not.toContain('root:');
    }
    expect((await fetch(`${feedUrl}/latest.yml`)).status).toBe(200);
  });
});

describe('npm run sign-update', () => {
  it('signs a release folder so that the kiosk’s verifier accepts it', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-release-'));
    try {
      const keyPath = join(dir, 'key.pem');
      writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const release = join(dir, 'release');
      execFileSync('mkdir', [release]);
      writeFileSync(join(release, 'latest.yml'), latestYml);
      writeFileSync(join(release, artefact), Buffer.alloc(4096, 7));
      execFileSync(process.execPath, [
        '--import',
        'tsx',
        'scripts/sign-update.ts',
        '--key',
        keyPath,
        release,
      ]);
      const files = new Map<string, Buffer>();
      for (const name of ['latest.yml', 'latest.yml.sig', artefact, `${artefact}.sig`])
        files.set(name, (await import('node:fs')).readFileSync(join(release, name)));
      const verifier = new UpdateFeedVerifier({
        publicKeyPem,
        feedUrl: 'https://feed.invalid/v1/updates',
        fetchBytes: async (url) => {
          const bytes = files.get(decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)));
          if (!bytes) throw new Error(`404 ${url}`);
          return bytes;
        },
      });
      expect((await verifier.verifyFeed('latest')).ok).toBe(true);
      const result = await verifier.verifyArtefact(join(release, artefact), '0.2.0');
      expect(result).toEqual({ ok: true, value: { file: artefact } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
