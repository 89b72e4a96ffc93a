import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The maintenance PIN: hashed with scrypt (random salt, N = 2^15, r = 8, p = 1), never kept in the
 * clear. Five wrong tries lock entry for five minutes; the count and the lock are persisted in the
 * store's settings, so a restart does not reset them. Every outcome is audited (never the PIN).
 */

export interface PinHash {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  keyLength: number;
  salt: string;
  hash: string;
  setAtMs: number;
}

export interface PinLockState {
  failures: number;
  lockedUntilMs: number;
}

/** Where the hash and the lock live (the store's settings table) and where the audit goes. */
export interface PinStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  audit(action: string, detail: Record<string, unknown>): void;
}

export const pinHashKey = 'maintenance.pin';
export const pinLockKey = 'maintenance.pin_lock';
export const maxPinTries = 5;
export const pinLockMs = 5 * 60_000;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
export const defaultScryptCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

function scryptAsync(pin: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, length, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPin(
  pin: string,
  nowMs: number,
  cost: ScryptCost = defaultScryptCost,
): Promise<PinHash> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(pin, salt, cost, keyLength);
  return {
    algorithm: 'scrypt',
    ...cost,
    keyLength,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
    setAtMs: nowMs,
  };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scryptAsync(
    pin,
    Buffer.from(stored.salt, 'base64'),
    { N: stored.N, r: stored.r, p: stored.p },
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function isPinHash(value: unknown): value is PinHash {
  const v = value as Partial<PinHash> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.algorithm === 'scrypt' &&
    typeof v.salt === 'string' &&
    typeof v.hash === 'string' &&
    typeof v.N === 'number' &&
    typeof v.r === 'number' &&
    typeof v.p === 'number'
  );
}

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'no_pin' }
  | { ok: false; reason: 'wrong_pin'; triesLeft: number }
  | { ok: false; reason: 'locked'; lockedSeconds: number };

export class MaintenancePin {
  /** One check at a time: parallel guesses must not slip past the count. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: PinStorage,
    private readonly clock: () => number = Date.now,
    private readonly cost: ScryptCost = defaultScryptCost,
  ) {}

  isSet(): boolean {
    return isPinHash(this.storage.get(pinHashKey));
  }

  /** Sets or replaces the PIN (the caller checks who may). */
  async set(
    pin: string,
    action: 'maintenance.pin_set' | 'maintenance.pin_changed' = 'maintenance.pin_set',
  ): Promise<void> {
    const hashed = await hashPin(pin, this.clock(), this.cost);
    this.storage.set(pinHashKey, hashed);
    this.storage.set(pinLockKey, { failures: 0, lockedUntilMs: 0 } satisfies PinLockState);
    this.storage.audit(action, {});
  }

  /** A hash made elsewhere (`npm run provision -- --pin`): stored as given. */
  importHash(hash: unknown): boolean {
    if (!isPinHash(hash)) return false;
    this.storage.set(pinHashKey, hash);
    this.storage.audit('maintenance.pin_set', { source: 'command line' });
    return true;
  }

  lockState(): { triesLeft: number; lockedSeconds: number } {
    const lock = this.#lock();
    const now = this.clock();
    if (lock.lockedUntilMs > now)
      return { triesLeft: 0, lockedSeconds: Math.ceil((lock.lockedUntilMs - now) / 1000) };
    return { triesLeft: maxPinTries - (lock.lockedUntilMs > 0 ? 0 : lock.failures), lockedSeconds: 0 };
  }

  check(pin: string): Promise<PinCheck> {
    const run = this.#queue.then(() => this.#check(pin));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #check(pin: string): Promise<PinCheck> {
    const stored = this.storage.get(pinHashKey);
    if (!isPinHash(stored)) return { ok: false, reason: 'no_pin' };
    let lock = this.#lock();
    const now = this.clock();
    if (lock.lockedUntilMs > now) {
      const lockedSeconds = Math.ceil((lock.lockedUntilMs - now) / 1000);
      this.storage.audit('maintenance.login_refused_locked', { lockedSeconds });
      return { ok: false, reason: 'locked', lockedSeconds };
    }
    // A lock that has run out starts a fresh count.
    if (lock.lockedUntilMs > 0) lock = { failures: 0, lockedUntilMs: 0 };
    const matches = /^[0-9]{1,32}$/.test(pin) && (await verifyPin(pin, stored));
    if (matches) {
      this.storage.set(pinLockKey, { failures: 0, lockedUntilMs: 0 } satisfies PinLockState);
      return { ok: true };
    }
    const failures = lock.failures + 1;
    if (failures >= maxPinTries) {
      const lockedUntilMs = this.clock() + pinLockMs;
      this.storage.set(pinLockKey, { failures, lockedUntilMs } satisfies PinLockState);
      this.storage.audit('maintenance.login_failed', { triesLeft: 0 });
      this.storage.audit('maintenance.locked', { lockedSeconds: pinLockMs / 1000 });
      return { ok: false, reason: 'locked', lockedSeconds: pinLockMs / 1000 };
    }
    this.storage.set(pinLockKey, { failures, lockedUntilMs: 0 } satisfies PinLockState);
    const triesLeft = maxPinTries - failures;
    this.storage.audit('maintenance.login_failed', { triesLeft });
    return { ok: false, reason: 'wrong_pin', triesLeft };
  }

  #lock(): PinLockState {
    const value = this.storage.get(pinLockKey) as Partial<PinLockState> | undefined;
    return {
      failures: typeof value?.failures === 'number' ? value.failures : 0,
      lockedUntilMs: typeof value?.lockedUntilMs === 'number' ? value.lockedUntilMs : 0,
    };
  }
}
