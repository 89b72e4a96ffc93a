import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  kioskWindowOptions,
} from '../../electron/window-policy';

describe('the kiosk window lockdown', () => {
  const options = kioskWindowOptions({ preloadPath: '/app/preload.cjs', devMode: false });

  it('is a frameless fullscreen kiosk window', () => {
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
  });

  it('isolates the renderer from Node', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/preload.cjs',
    });
  });

  it('allows DevTools and a frame only with the explicit dev flag', () => {
    const dev = kioskWindowOptions({ preloadPath: 'p', devMode: true });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect(dev.kiosk).toBe(false);
    expect(dev.webPreferences?.sandbox).toBe(true);
    expect(dev.webPreferences?.contextIsolation).toBe(true);
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('kiosk://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('denies every navigation away from the page', () => {
    const current = `${APP_ORIGIN}/index.html`;
    expect(isNavigationAllowed('https://example.com/', current)).toBe(false);
    expect(isNavigationAllowed(`${APP_ORIGIN}/other.html`, current)).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)', current)).toBe(false);
  });

  it('grants the camera and microphone to the app only, nothing else', () => {
    const page = `${APP_ORIGIN}/index.html`;
    expect(isPermissionAllowed('media', page, ['video'])).toBe(true);
    expect(isPermissionAllowed('media', page, ['video', 'audio'])).toBe(true);
    expect(isPermissionAllowed('media', 'https://evil.example/', ['video'])).toBe(false);
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'midi',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(isPermissionAllowed(permission, page)).toBe(false);
    }
  });
});
