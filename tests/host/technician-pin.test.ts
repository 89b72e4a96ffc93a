import { describe, expect, it } from 'vitest';
import {
  hashPin,
  MaintenancePin,
  maxPinTries,
  type PinStorage,
  pinHashKey,
  pinLockMs,
  verifyPin,
} from '../../host/services/technician/maintenance-pin';
import { MaintenanceSession } from '../../host/services/technician/maintenance-session';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

function memoryStorage() {
  const values = new Map<string, string>();
  const audit: { action: string; detail: Record<string, unknown> }[] = [];
  const storage: PinStorage = {
    get: (key) => (values.has(key) ? JSON.parse(values.get(key)!) : undefined),
    set: (key, value) => values.set(key, JSON.stringify(value)),
    audit: (action, detail) => audit.push({ action, detail }),
  };
  return { storage, values, audit };
}

describe('maintenance PIN hashing', () => {
  it('stores a salted scrypt hash, never the PIN', async () => {
    const { storage, values } = memoryStorage();
    const pin = new MaintenancePin(storage, () => 1_000);
    await pin.set('482913');
    const raw = values.get(pinHashKey)!;
    expect(raw).not.toContain('482913');
    const stored = JSON.parse(raw);
    expect(stored.algorithm).toBe('scrypt');
    expect(stored.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
  });

  it('uses a fresh salt each time', async () => {
    const a = await hashPin('123456', 0, cheap);
    const b = await hashPin('123456', 0, cheap);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });
});

describe('maintenance PIN lockout', () => {
  it('locks for 5 minutes after 5 wrong tries, persisted, and audited', async () => {
    let now = Date.UTC(2026, 0, 5, 9);
    const { storage, audit } = memoryStorage();
    const pin = new MaintenancePin(storage, () => now, cheap);
    await pin.set('246810');
    for (let i = 1; i < maxPinTries; i++) {
      expect(await pin.check('000000')).toEqual({
        ok: false,
        reason: 'wrong_pin',
        triesLeft: maxPinTries - i,
      });
    }
    expect(await pin.check('000000')).toEqual({ ok: false, reason: 'locked', lockedSeconds: 300 });
    // The right PIN does not open a locked kiosk.
    expect(await pin.check('246810')).toMatchObject({ ok: false, reason: 'locked' });

    // A restart (a new instance over the same storage) keeps the lock.
    const restarted = new MaintenancePin(storage, () => now, cheap);
    now += pinLockMs - 1000;
    expect(await restarted.check('246810')).toEqual({ ok: false, reason: 'locked', lockedSeconds: 1 });
    expect(restarted.lockState()).toEqual({ triesLeft: 0, lockedSeconds: 1 });

    now += 1000;
    expect(restarted.lockState()).toEqual({ triesLeft: maxPinTries, lockedSeconds: 0 });
    expect(await restarted.check('246810')).toEqual({ ok: true });

    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'maintenance.login_failed')).toHaveLength(maxPinTries);
    expect(actions).toContain('maintenance.locked');
    expect(actions).toContain('maintenance.login_refused_locked');
    expect(JSON.stringify(audit)).not.toContain('246810');
  });

  it('a right PIN resets the count', async () => {
    const { storage } = memoryStorage();
    const pin = new MaintenancePin(storage, () => 0, cheap);
    await pin.set('135790');
    await pin.check('111111');
    await pin.check('111111');
    expect(await pin.check('135790')).toEqual({ ok: true });
    expect(pin.lockState()).toEqual({ triesLeft: maxPinTries, lockedSeconds: 0 });
  });

  it('parallel guesses are counted one by one', async () => {
    const { storage } = memoryStorage();
    const pin = new MaintenancePin(storage, () => 0, cheap);
    await pin.set('135790');
    const results = await Promise.all(Array.from({ length: 8 }, () => pin.check('999999')));
    expect(results.filter((r) => !r.ok && r.reason === 'wrong_pin')).toHaveLength(maxPinTries - 1);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(8 - (maxPinTries - 1));
  });
});

describe('maintenance session token', () => {
  it('works until unused for the idle time, then ends itself', () => {
    let now = 0;
    const ends: string[] = [];
    const timers: (() => void)[] = [];
    const session = new MaintenanceSession({
      idleMs: 60_000,
      clock: () => now,
      onEnd: (reason) => ends.push(reason),
      setTimer: (fn) => {
        timers.push(fn);
        return { cancel: () => undefined };
      },
    });
    const token = session.open();
    expect(session.use('not-the-token-at-all')).toBe(false);
    now = 59_000;
    expect(session.use(token)).toBe(true);
    now = 118_000;
    expect(session.use(token)).toBe(true);
    now = 178_000;
    timers.at(-1)?.();
    expect(ends).toEqual(['inactivity']);
    expect(session.use(token)).toBe(false);
  });

  it('exit ends it only with the right token', () => {
    const session = new MaintenanceSession({ idleMs: 60_000 });
    const token = session.open();
    expect(session.end('exit', 'wrong')).toBe(false);
    expect(session.active).toBe(true);
    expect(session.end('exit', token)).toBe(true);
    expect(session.use(token)).toBe(false);
  });
});
