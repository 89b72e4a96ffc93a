import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowPolicyOptions {
  preloadPath: string;
  /** Development only: DevTools and a normal window frame. Never on a hall kiosk. */
  devMode: boolean;
}

/**
 * The kiosk window's settings in one pure function, so that the lockdown is unit-tested under
 * Node (Electron's binary cannot run on the build machines).
 */
export function kioskWindowOptions({
  preloadPath,
  devMode,
}: WindowPolicyOptions): BrowserWindowConstructorOptions {
  return {
    kiosk: !devMode,
    fullscreen: !devMode,
    frame: devMode,
    autoHideMenuBar: true,
    backgroundColor: '#f2f4f8',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: devMode,
      disableDialogs: true,
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/** The renderer is served from this custom scheme; nothing else may load in the window. */
export const APP_SCHEME = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** True when a URL belongs to the app's own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Only the camera (document camera, QR codes) and the microphone the capture stack may ask for. */
const allowedPermissions = new Set(['media']);
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (!allowedPermissions.has(permission) || !isAppUrl(requestingUrl)) return false;
  return mediaTypes.every((type) => type === 'video' || type === 'audio');
}

/** Navigation inside the window is never allowed: the page is a single-page app. */
export function isNavigationAllowed(url: string, currentUrl: string): boolean {
  return isAppUrl(url) && url === currentUrl;
}
