import { randomBytes, timingSafeEqual } from 'node:crypto';

export type MaintenanceExitReason = 'exit' | 'inactivity' | 'replaced' | 'shutdown';

export interface MaintenanceSessionOptions {
  /** Maintenance leaves itself after this long without a call. */
  idleMs: number;
  clock?: () => number;
  /** Told when a session ends (for the audit log). */
  onEnd?: (reason: MaintenanceExitReason) => void;
  /** Timers are injectable so tests need not wait; defaults to setTimeout. */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

/**
 * The maintenance token: one at a time, random, kept only in memory (a restart ends maintenance),
 * renewed by every call that uses it, and dropped after `idleMs` without one.
 */
export class MaintenanceSession {
  #token: Buffer | null = null;
  #lastUseMs = 0;
  #timer: { cancel(): void } | null = null;
  readonly #clock: () => number;

  constructor(private readonly options: MaintenanceSessionOptions) {
    this.#clock = options.clock ?? Date.now;
  }

  get active(): boolean {
    return this.#token !== null && !this.#expired();
  }

  open(): string {
    if (this.#token) this.end('replaced');
    const token = randomBytes(24);
    this.#token = token;
    this.#lastUseMs = this.#clock();
    this.#arm();
    return token.toString('base64url');
  }

  /** True (and the idle time restarts) when `token` is the current, live token. */
  use(token: string): boolean {
    if (!this.#token) return false;
    if (this.#expired()) {
      this.end('inactivity');
      return false;
    }
    const given = Buffer.from(token, 'base64url');
    if (given.length !== this.#token.length || !timingSafeEqual(given, this.#token)) return false;
    this.#lastUseMs = this.#clock();
    this.#arm();
    return true;
  }

  /** Ends the session if `token` is the current one (or unconditionally when no token is given). */
  end(reason: MaintenanceExitReason, token?: string): boolean {
    if (!this.#token) return false;
    if (token !== undefined) {
      const given = Buffer.from(token, 'base64url');
      if (given.length !== this.#token.length || !timingSafeEqual(given, this.#token)) return false;
    }
    this.#token = null;
    this.#timer?.cancel();
    this.#timer = null;
    this.options.onEnd?.(reason);
    return true;
  }

  #expired(): boolean {
    return this.#clock() - this.#lastUseMs >= this.options.idleMs;
  }

  #arm(): void {
    this.#timer?.cancel();
    const set =
      this.options.setTimer ??
      ((fn: () => void, ms: number) => {
        const handle = setTimeout(fn, ms);
        handle.unref();
        return { cancel: () => clearTimeout(handle) };
      });
    this.#timer = set(() => {
      if (this.#token && this.#expired()) this.end('inactivity');
      else if (this.#token) this.#arm();
    }, this.options.idleMs + 50);
  }
}
