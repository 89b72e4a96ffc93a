import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { app, BrowserWindow, ipcMain, powerSaveBlocker, protocol, safeStorage, session } from 'electron';
import electronUpdater from 'electron-updater';
import { IPC_EVENT_CHANNEL } from '../host/api/wire';
import { launchHost } from '../host/core/launch';
import { contentSecurityPolicy } from '../host/transport/content-security-policy';
import { createDispatcher } from '../host/transport/dispatcher';
import { SafeStorageKeyProvider } from '../sync/store';
import { registerIpcBridge } from './ipc-bridge';
import { UpdateController } from './update-controller';
import { updatePublicKeyPem } from './update-public-key';
import { UpdateFeedVerifier } from './update-signature';
import {
  APP_ORIGIN,
  APP_SCHEME,
  isNavigationAllowed,
  isPermissionAllowed,
  kioskWindowOptions,
} from './window-policy';

const devMode = process.argv.includes('--dev');
const rendererDir = join(import.meta.dirname, '..', 'dist', 'renderer');
const mimeTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  // The store's data key is wrapped by the OS key store (DPAPI, Keychain, libsecret) in the shell.
  const keyProvider = safeStorage.isEncryptionAvailable()
    ? new SafeStorageKeyProvider(safeStorage)
    : undefined;
  const host = await launchHost({
    argv: process.argv.slice(1),
    shell: 'electron',
    version: app.getVersion(),
    // Demo mode's embedded reference server, loaded only when the config asks for it.
    startEmbeddedCentral: async (options) =>
      (await import('../sync/central/embedded')).startEmbeddedCentral(options),
    ...(keyProvider ? { keyProvider } : {}),
  });
  const dispatcher = createDispatcher(host.api, host.logger.child({ area: 'ipc' }));
  registerIpcBridge(ipcMain, dispatcher);
  powerSaveBlocker.start('prevent-display-sleep');

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const relative = normalize(
      decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname),
    ).replace(/^([/\\])+/, '');
    if (relative.startsWith('..')) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(join(rendererDir, relative));
      return new Response(body, {
        headers: {
          'content-type': mimeTypes[extname(relative)] ?? 'application/octet-stream',
          'content-security-policy': contentSecurityPolicy(),
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });

  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details && Array.isArray(details.mediaTypes) ? details.mediaTypes : [];
    callback(isPermissionAllowed(permission, webContents.getURL(), mediaTypes));
  });
  session.defaultSession.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, `${requestingOrigin}/`),
  );

  const window = new BrowserWindow(
    kioskWindowOptions({ preloadPath: join(import.meta.dirname, 'preload.cjs'), devMode }),
  );
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('did-finish-load', () => void contents.setVisualZoomLevelLimits(1, 1));
  // A crashed or hung renderer comes back by itself; the host keeps running and its session guard wipes data.
  contents.on('render-process-gone', (_event, details) => {
    host.logger.error({ reason: details.reason }, 'renderer gone; reloading');
    contents.reload();
  });
  window.on('unresponsive', () => {
    host.logger.error('renderer unresponsive; reloading');
    contents.forcefullyCrashRenderer();
    contents.reload();
  });
  if (!devMode) contents.on('devtools-opened', () => contents.closeDevTools());

  const unsubscribe = host.bus.subscribe((event) => {
    if (!window.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);

  const updates = new UpdateController({
    updater: electronUpdater.autoUpdater,
    feedUrl: host.config.updates.url,
    channel: host.config.updates.channel,
    checkIntervalMinutes: host.config.updates.checkIntervalMinutes,
    sessionActive: host.sessionActive,
    logger: host.logger.child({ area: 'updates' }),
    verifier: new UpdateFeedVerifier({ publicKeyPem: updatePublicKeyPem, feedUrl: host.config.updates.url }),
  });
  updates.start();
  // Technician mode shows the updater's state and can ask it to check now.
  host.context.updates = {
    get state() {
      return updates.state;
    },
    channel: host.config.updates.channel,
    checkNow: () => updates.checkNow(),
  };

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    unsubscribe();
    updates.stop();
    void host.close();
  });
}
