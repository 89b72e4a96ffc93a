import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyUnavailableError, WrongKeyError } from '../errors';

/**
 * Wraps the store's random data key with a key the store never sees in the clear on disk:
 * the OS key store in Electron, a 0600 key file elsewhere. The wrapped key lives in the
 * database's settings table, so a database and its materials travel (and are quarantined)
 * together while the wrapping secret stays outside them.
 */
export interface KeyProvider {
  /** Short name recorded next to the wrapped key, e.g. 'file' or 'safe-storage'. */
  readonly kind: string;
  wrap(dataKey: Buffer): Buffer;
  /** Throws WrongKeyError when `wrapped` was not produced by this provider's secret. */
  unwrap(wrapped: Buffer): Buffer;
}

const wrapContext = Buffer.from('hall-kiosk/data-key/v1', 'utf8');

/** Key-encryption key in a file of 32 random bytes, created 0600 on first wrap. */
export class FileKeyProvider implements KeyProvider {
  readonly kind = 'file';
  readonly path: string;

  constructor(options: { path: string }) {
    this.path = options.path;
  }

  wrap(dataKey: Buffer): Buffer {
    const kek = this.#readKeyFile() ?? this.#createKeyFile();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(wrapContext);
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  unwrap(wrapped: Buffer): Buffer {
    const kek = this.#readKeyFile();
    if (!kek)
      throw new KeyUnavailableError(
        `key file ${this.path} is missing; the database cannot be opened without it`,
      );
    if (wrapped.length < 28 + 32) throw new WrongKeyError('wrapped data key is malformed');
    const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
    decipher.setAAD(wrapContext);
    decipher.setAuthTag(wrapped.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    } catch (error) {
      throw new WrongKeyError(`key file ${this.path} does not unlock this database`, { cause: error });
    }
  }

  #readKeyFile(): Buffer | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new KeyUnavailableError(`key file ${this.path} cannot be read`, { cause: error });
    }
    if (bytes.length !== 32) throw new KeyUnavailableError(`key file ${this.path} is not a 32-byte key`);
    // Group/other access would defeat the point of a key file; refuse rather than warn.
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) {
      throw new KeyUnavailableError(`key file ${this.path} must be readable by its owner only (chmod 600)`);
    }
    return bytes;
  }

  #createKeyFile(): Buffer {
    const kek = randomBytes(32);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a key someone else just created.
    const fd = openSync(this.path, 'wx', 0o600);
    try {
      writeSync(fd, kek);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return kek;
  }
}

/**
 * Electron's safeStorage, injected by the electron layer (sync/ never imports 'electron'):
 * `new SafeStorageKeyProvider({ isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
 *   encryptString: (s) => safeStorage.encryptString(s), decryptString: (b) => safeStorage.decryptString(b) })`.
 */
export interface SafeStorageFunctions {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SafeStorageKeyProvider implements KeyProvider {
  readonly kind = 'safe-storage';
  readonly #safeStorage: SafeStorageFunctions;

  constructor(safeStorage: SafeStorageFunctions) {
    this.#safeStorage = safeStorage;
  }

  wrap(dataKey: Buffer): Buffer {
    this.#requireAvailable();
    return this.#safeStorage.encryptString(dataKey.toString('base64'));
  }

  unwrap(wrapped: Buffer): Buffer {
    this.#requireAvailable();
    let text: string;
    try {
      text = this.#safeStorage.decryptString(wrapped);
    } catch (error) {
      throw new WrongKeyError('the OS key store does not unlock this database', { cause: error });
    }
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new WrongKeyError('the OS key store returned a malformed data key');
    return key;
  }

  #requireAvailable(): void {
    if (!this.#safeStorage.isEncryptionAvailable()) {
      throw new KeyUnavailableError('the OS key store (safeStorage) is not available on this machine');
    }
  }
}
