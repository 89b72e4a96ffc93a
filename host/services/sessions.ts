import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DecodedPhoto } from '../../drivers/idcard/identity/photo';
import type { AgentBasis, AgentRelation } from '../api/agent';
import type { IdentifiedBy } from '../api/cardless';
import type { FaceCheckOutcome } from '../api/face-check';
import type { IdentityView } from '../api/identity';
import type { CardRejection, SessionEndReason, SessionState } from '../api/session';
import type { HostEventBus } from '../core/event-bus';

interface ActiveSession {
  id: string;
  identity: IdentityView;
  /** A card read, or a card-less way in (what the session may reach depends on it: cardless-policy.ts). */
  identifiedBy: IdentifiedBy;
  startedAt: number;
  guard: NodeJS.Timeout;
  /** 帮办代办: whom the session applies for (`identity` is then the agent's); null: for themselves. */
  actingFor: ActingFor | null;
  /** The agent lifts their card to lay the principal's: the next other card read is the principal. */
  awaitingPrincipalCard: { problem: PrincipalCardProblem | null } | null;
}

/** The principal of a session where someone applies on another's behalf (host/api/agent.ts). */
export interface ActingFor {
  identity: IdentityView;
  basis: AgentBasis;
  relation: AgentRelation | null;
}

/** Why a card laid while waiting for the principal's was not taken. */
export type PrincipalCardProblem = 'own_card' | 'card_refused';

/** The hall's acceptance policy for a card that was read: null when it may open a session. */
export function cardRejectionOf(identity: IdentityView): CardRejection | null {
  if (identity.expired) return 'expired';
  if (!identity.checkDigitValid) return 'bad_check_digit';
  return null;
}

/**
 * The applicant session, owned by the host: a card that was read is judged here, and the session it
 * opens, ends and times out is announced on the bus (sessionStarted, cardRejected, sessionEnded). The
 * renderer only shows this state. The guard ends a session nobody touched (a hung or crashed renderer
 * must not leave a person's data behind).
 */
export type CardPolicy = 'read_once' | 'hold';

/** 人证核验 waiting for the renderer's on-device check: the card's holder and decoded photo, in memory. */
interface PendingFaceCheck {
  attemptId: string;
  identity: IdentityView;
  photo: DecodedPhoto;
  /** A check nobody finishes (Home pressed, renderer gone) is dropped with its photo. */
  expiry: NodeJS.Timeout;
}

export class SessionRegistry {
  #current: ActiveSession | null = null;
  /** Why the card on the reader opened no session; cleared when it is taken away. */
  #rejection: CardRejection | null = null;
  /** The accepted card lying on the reader now (read once; the reader does not read it again). */
  #cardOnReader: IdentityView | null = null;
  /** Its decoded photo, where the reader gives one (人证核验). */
  #photoOnReader: DecodedPhoto | null = null;
  #faceCheck: PendingFaceCheck | null = null;
  /** A session ended while its card lay on the reader: "please take your ID card" until it goes. */
  #cardLeft = false;
  readonly #endListeners = new Set<(sessionId: string, reason: SessionEndReason) => void>();
  readonly #startListeners = new Set<(sessionId: string, identity: IdentityView) => void>();

  constructor(
    private readonly bus: HostEventBus,
    private readonly logger: Logger,
    /** Idle timeout plus the warning countdown plus a grace period. */
    private readonly guardMs: number,
    private readonly cardPolicy: CardPolicy = 'read_once',
    /** 人证核验 on (config faceCheck.enabled): a card with a decoded photo opens a session only after a match. */
    private readonly faceCheckEnabled = false,
    /** How long a face check may stay unfinished before the host drops it (and the photo). */
    private readonly faceCheckExpiryMs = 120_000,
  ) {}

  /**
   * A card was read: open its holder's session, or turn it away without saying who it is. With 人证核验
   * on and a decoded photo, the session waits for the face check instead.
   */
  cardRead(identity: IdentityView, photo: DecodedPhoto | null = null): void {
    this.#cardLeft = false;
    if (this.#takePrincipalCard(identity)) return;
    const rejection = cardRejectionOf(identity);
    if (rejection) {
      this.#cardOnReader = null;
      this.#photoOnReader = null;
      this.cardUnusable(rejection);
      return;
    }
    this.#cardOnReader = identity;
    this.#photoOnReader = photo;
    if (this.#needsFaceCheck()) {
      this.#beginFaceCheck();
      return;
    }
    this.start(identity);
  }

  #needsFaceCheck(): boolean {
    if (!this.faceCheckEnabled) return false;
    if (this.#photoOnReader) return true;
    // The hall asked for 人证核验 but this reader decodes no photo: the card is taken as before, and the
    // technician's log says why no check ran.
    this.logger.warn('face check skipped: the reader gives no decoded card photo');
    return false;
  }

  #beginFaceCheck(): void {
    const identity = this.#cardOnReader;
    const photo = this.#photoOnReader;
    if (!identity || !photo) return;
    this.endCurrent('card_removed');
    this.#rejection = null;
    this.#dropFaceCheck();
    const attemptId = randomUUID();
    const expiry = setTimeout(() => {
      if (this.#faceCheck?.attemptId !== attemptId) return;
      this.#dropFaceCheck();
      this.logger.info({ attemptId }, 'face check expired unfinished');
    }, this.faceCheckExpiryMs);
    expiry.unref();
    this.#faceCheck = { attemptId, identity, photo, expiry };
    this.logger.info({ attemptId }, 'face check started');
    this.bus.emit({ type: 'faceCheckRequired', attemptId });
  }

  #dropFaceCheck(): void {
    if (this.#faceCheck) clearTimeout(this.#faceCheck.expiry);
    this.#faceCheck = null;
  }

  /** The pending face check, for the renderer: its id and the card photo (never logged). */
  pendingFaceCheck(): { attemptId: string; photo: DecodedPhoto } | null {
    return this.#faceCheck ? { attemptId: this.#faceCheck.attemptId, photo: this.#faceCheck.photo } : null;
  }

  /**
   * The renderer's verdict: a match opens the session; any other outcome (fail closed) turns the card
   * away with face_check_failed, which sends the applicant to the hall's window. Only the outcome is
   * logged. False when no such check is pending.
   */
  finishFaceCheck(attemptId: string, outcome: FaceCheckOutcome): boolean {
    const pending = this.#faceCheck;
    if (!pending || pending.attemptId !== attemptId) return false;
    this.#dropFaceCheck();
    this.logger.info({ attemptId, outcome }, 'face check finished');
    if (outcome === 'match') {
      this.start(pending.identity);
      return true;
    }
    // The card on the reader must not open a session by another way (a service chosen while it lies there).
    this.#cardOnReader = null;
    this.#photoOnReader = null;
    this.cardUnusable('face_check_failed');
    return true;
  }

  /** The card on the reader opens no session (unreadable, or refused by the policy). */
  cardUnusable(reason: CardRejection): void {
    // Waiting for the principal's card: an unreadable one is told to the agent, their session goes on.
    const waiting = this.#current?.awaitingPrincipalCard;
    if (waiting) {
      waiting.problem = 'card_refused';
      return;
    }
    this.endCurrent('card_removed');
    this.#dropFaceCheck();
    this.#rejection = reason;
    this.logger.info({ reason }, 'card rejected');
    this.bus.emit({ type: 'cardRejected', reason });
  }

  /**
   * The card was taken away: its rejection goes, and under the "hold" policy its session ends at once.
   * Under "read_once" the session goes on: the applicant may keep the card once it was read.
   */
  cardRemoved(): void {
    this.#rejection = null;
    this.#cardOnReader = null;
    this.#photoOnReader = null;
    // Under "hold" a face check ends with the card; under "read_once" the applicant may take it back.
    if (this.cardPolicy === 'hold') this.#dropFaceCheck();
    this.#cardLeft = false;
    // The agent lifting their card to lay the principal's does not end their session.
    if (this.cardPolicy === 'hold' && !this.#current?.awaitingPrincipalCard) this.endCurrent('card_removed');
  }

  /** A service was chosen while an accepted card lies on the reader: it counts as laid. */
  useCardOnReader(): string | null {
    const identity = this.#cardOnReader;
    if (!identity || this.#current) return this.#current?.id ?? null;
    this.#cardLeft = false;
    if (this.#needsFaceCheck()) {
      if (!this.#faceCheck) this.#beginFaceCheck();
      return null;
    }
    return this.start(identity);
  }

  /** Open a session for an accepted card or a manual identification; any earlier one ends. */
  start(identity: IdentityView, identifiedBy: IdentifiedBy = 'card'): string {
    // The one replaced ends without "take your card": the card on the reader is the new one's.
    if (this.#current) this.#finish(this.#current.id, 'home', false);
    this.#rejection = null;
    this.#dropFaceCheck();
    const id = randomUUID();
    this.#current = {
      id,
      identity,
      identifiedBy,
      startedAt: Date.now(),
      guard: this.#armGuard(id),
      actingFor: null,
      awaitingPrincipalCard: null,
    };
    this.logger.info({ sessionId: id, identifiedBy }, 'session started');
    this.bus.emit({ type: 'sessionStarted', sessionId: id, identity });
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
    return this.#finish(id, reason, true);
  }

  #finish(id: string, reason: SessionEndReason, askForCardLeft: boolean): boolean {
    const session = this.#current;
    if (!session || session.id !== id) return false;
    clearTimeout(session.guard);
    this.#current = null;
    this.logger.info(
      { sessionId: id, reason, seconds: Math.round((Date.now() - session.startedAt) / 1000) },
      'session ended',
    );
    for (const listener of this.#endListeners) listener(id, reason);
    this.bus.emit({ type: 'sessionEnded', sessionId: id, reason });
    if (askForCardLeft && this.#cardOnReader && reason !== 'card_removed') {
      this.#cardLeft = true;
      this.bus.emit({ type: 'cardLeftOnReader' });
    }
    return true;
  }

  /** End whatever session is open (card removed, shutdown). */
  endCurrent(reason: SessionEndReason): void {
    if (this.#current) this.end(this.#current.id, reason);
  }

  current(): {
    id: string;
    identity: IdentityView;
    identifiedBy: IdentifiedBy;
    actingFor: ActingFor | null;
  } | null {
    return this.#current
      ? {
          id: this.#current.id,
          identity: this.#current.identity,
          identifiedBy: this.#current.identifiedBy,
          actingFor: this.#current.actingFor,
        }
      : null;
  }

  // ---- 帮办代办: the session's principal (host/services/agent/acting-for.ts decides who may be one)

  /** The agent will lay the principal's card: until it comes, lifting theirs ends nothing. */
  awaitPrincipalCard(id: string): boolean {
    const session = this.#current;
    if (!session || session.id !== id) return false;
    session.actingFor = null;
    session.awaitingPrincipalCard = { problem: null };
    return true;
  }

  /** From now on the session applies for this principal (null: for the agent themselves again). */
  actFor(id: string, actingFor: ActingFor | null): boolean {
    const session = this.#current;
    if (!session || session.id !== id) return false;
    session.actingFor = actingFor;
    session.awaitingPrincipalCard = null;
    return true;
  }

  /** Whom the session applies for, and whether (and why) it still waits for the principal's card. */
  actingFor(id: string): {
    actingFor: ActingFor | null;
    waitingForCard: boolean;
    cardProblem: PrincipalCardProblem | null;
  } | null {
    const session = this.#current;
    if (!session || session.id !== id) return null;
    return {
      actingFor: session.actingFor,
      waitingForCard: session.awaitingPrincipalCard !== null,
      cardProblem: session.awaitingPrincipalCard?.problem ?? null,
    };
  }

  /** A card read while the session waits for the principal's: taken as the principal, never a new session. */
  #takePrincipalCard(identity: IdentityView): boolean {
    const session = this.#current;
    const waiting = session?.awaitingPrincipalCard;
    if (!session || !waiting) return false;
    this.#photoOnReader = null;
    if (identity.idNumber === session.identity.idNumber) {
      this.#cardOnReader = identity;
      waiting.problem = 'own_card';
      return true;
    }
    if (cardRejectionOf(identity)) {
      this.#cardOnReader = null;
      waiting.problem = 'card_refused';
      return true;
    }
    this.#cardOnReader = identity;
    session.awaitingPrincipalCard = null;
    session.actingFor = { identity, basis: 'principal_card', relation: null };
    this.logger.info({ sessionId: session.id }, 'principal card taken');
    return true;
  }

  /** What a renderer that (re)connects must show. */
  state(): SessionState {
    if (this.#current)
      return {
        state: 'active',
        sessionId: this.#current.id,
        identity: this.#current.identity,
        identifiedBy: this.#current.identifiedBy,
      };
    if (this.#faceCheck) return { state: 'face_check', attemptId: this.#faceCheck.attemptId };
    if (this.#rejection) return { state: 'rejected', reason: this.#rejection };
    if (this.#cardLeft) return { state: 'card_left' };
    return { state: 'none' };
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
    const timer = setTimeout(() => this.end(id, 'timeout'), this.guardMs);
    timer.unref();
    return timer;
  }
}
