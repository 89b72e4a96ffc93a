import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Where browser mode keeps the key that unlocks the store: never inside the data folder, so a copy of
 * the data folder (a backup, a stolen disk image of that folder) decrypts nothing. The Electron shell
 * uses the OS key store (safeStorage) instead. Default: the user's protected config location, one key
 * per data folder; KIOSK_KEY_DIR moves it (tests); `store.keyFile` names it outright.
 */
export function defaultKeyDir(): string {
  if (process.env.KIOSK_KEY_DIR) return process.env.KIOSK_KEY_DIR;
  if (process.platform === 'win32')
    return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'hall-kiosk', 'keys');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'hall-kiosk', 'keys');
}

export function isInside(folder: string, path: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return (
    rel === '' ||
    (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))
  );
}

/** The key file for this config's data folder. */
export function storeKeyFile(config: { dataDir: string; store: { keyFile: string } }): string {
  if (config.store.keyFile) return resolve(config.store.keyFile);
  const folderId = createHash('sha256').update(resolve(config.dataDir)).digest('hex').slice(0, 16);
  return join(defaultKeyDir(), `${folderId}.key`);
}

/**
 * Kiosks from before this rule kept the key in <dataDir>/keys/data-key: move it out (written and
 * fsync'd at its new place before the old copy goes), so the data folder alone no longer opens.
 */
export function moveLegacyKeyFile(dataDir: string, keyFile: string): boolean {
  const legacy = join(dataDir, 'keys', 'data-key');
  if (!existsSync(legacy)) return false;
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, readFileSync(legacy), { mode: 0o600, flag: 'wx' });
    const fd = openSync(keyFile, 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
  rmSync(join(dataDir, 'keys'), { recursive: true, force: true });
  return true;
}
