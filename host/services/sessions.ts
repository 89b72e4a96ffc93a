import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { IdentityView } from '../api/identity';
import type { SessionEndReason } from '../api/session';
import type { HostEventBus } from '../core/event-bus';

interface ActiveSession {
  id: string;
  identity: IdentityView;
  startedAt: number;
  guard: NodeJS.Timeout;
}

/**
 * The host's view of applicant sessions. The renderer runs the visible flow (and its countdown);
 * this registry holds what the host keeps for the session and wipes it. Its own guard ends a session
 * the renderer stopped touching (a hung or crashed renderer must not leave a person's data behind).
 */
export class SessionRegistry {
  #current: ActiveSession | null = null;
  readonly #endListeners = new Set<(sessionId: string, reason: SessionEndReason) => void>();
  readonly #startListeners = new Set<(sessionId: string, identity: IdentityView) => void>();

  constructor(
    private readonly bus: HostEventBus,
    private readonly logger: Logger,
    /** Idle timeout plus the warning countdown plus a grace period. */
    private readonly guardMs: number,
  ) {}

  start(identity: IdentityView): string {
    if (this.#current) this.end(this.#current.id, 'home');
    const id = randomUUID();
    this.#current = { id, identity, startedAt: Date.now(), guard: this.#armGuard(id) };
    this.logger.info({ sessionId: id }, 'session started');
    for (const listener of this.#startListeners) listener(id, identity);
    return id;
  }

  touch(id: string): boolean {
    const session = this.#current;
    if (!session || session.id !== id) return false;
    clearTimeout(session.guard);
    session.guard = this.#armGuard(id);
    return true;
  }

  end(id: string, reason: SessionEndReason): boolean {
    const session = this.#current;
    if (!session || session.id !== id) return false;
    clearTimeout(session.guard);
    this.#current = null;
    this.logger.info(
      { sessionId: id, reason, seconds: Math.round((Date.now() - session.startedAt) / 1000) },
      'session ended',
    );
    for (const listener of this.#endListeners) listener(id, reason);
    return true;
  }

  /** End whatever session is open (card removed, shutdown). */
  endCurrent(reason: SessionEndReason): void {
    if (this.#current) this.end(this.#current.id, reason);
  }

  current(): { id: string; identity: IdentityView } | null {
    return this.#current ? { id: this.#current.id, identity: this.#current.identity } : null;
  }

  isActive(): boolean {
    return this.#current !== null;
  }

  onStart(listener: (sessionId: string, identity: IdentityView) => void): () => void {
    this.#startListeners.add(listener);
    return () => this.#startListeners.delete(listener);
  }

  onEnd(listener: (sessionId: string, reason: SessionEndReason) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  #armGuard(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      if (this.end(id, 'timeout')) this.bus.emit({ type: 'sessionTimeout', sessionId: id });
    }, this.guardMs);
    timer.unref();
    return timer;
  }
}
