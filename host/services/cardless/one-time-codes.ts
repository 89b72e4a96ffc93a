import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../../kernel/result';

/** How long a code may be used, how many tries it allows, and how often one person may ask for one. */
export interface OneTimeCodePolicy {
  ttlMs: number;
  maxAttempts: number;
  /** At most this many codes per person (ID number) within rateWindowMs. */
  perPersonLimit: number;
  /** At most this many codes from this kiosk within rateWindowMs (someone trying many ID numbers). */
  perKioskLimit: number;
  rateWindowMs: number;
  digits: number;
}

export const defaultOneTimeCodePolicy: OneTimeCodePolicy = {
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  perPersonLimit: 3,
  perKioskLimit: 30,
  rateWindowMs: 15 * 60_000,
  digits: 6,
};

export type IssueFailure = 'rate_limited';
export type CheckFailure = 'code_wrong' | 'code_expired' | 'too_many_attempts';

interface Challenge<T> {
  personKey: string;
  /** Keyed hash of the code: the plain code is never held after it is handed to the gateway. */
  codeMac: Buffer;
  expiresAtMs: number;
  attemptsLeft: number;
  subject: T;
}

/**
 * One-time codes for the card-less way in (ID number + name + a code to the phone the form-free store
 * holds). Codes live in memory only, keyed-hashed; a code is used once; wrong tries are counted and the
 * challenge is burnt at the limit; requests are rate limited per person and per kiosk; the comparison is
 * constant-time.
 */
export class OneTimeCodes<T> {
  readonly #challenges = new Map<string, Challenge<T>>();
  /** Request times per rate key (a person's keyed ID, or '*' for the kiosk). */
  readonly #requests = new Map<string, number[]>();
  readonly #macKey = randomBytes(32);

  constructor(
    private readonly now: () => number,
    private readonly policy: OneTimeCodePolicy = defaultOneTimeCodePolicy,
  ) {}

  #mac(code: string): Buffer {
    return createHmac('sha256', this.#macKey).update(code).digest();
  }

  #withinLimit(key: string, limit: number, nowMs: number): boolean {
    const recent = (this.#requests.get(key) ?? []).filter((at) => nowMs - at < this.policy.rateWindowMs);
    this.#requests.set(key, recent);
    return recent.length < limit;
  }

  #prune(nowMs: number): void {
    for (const [id, challenge] of this.#challenges)
      if (challenge.expiresAtMs <= nowMs) this.#challenges.delete(id);
  }

  /** A new code for a subject; `personKey` must not be the plain ID number (it is kept for the window). */
  issue(
    personKey: string,
    subject: T,
  ): Result<{ challengeId: string; code: string; expiresAtMs: number }, IssueFailure> {
    const nowMs = this.now();
    this.#prune(nowMs);
    if (
      !this.#withinLimit(personKey, this.policy.perPersonLimit, nowMs) ||
      !this.#withinLimit('*', this.policy.perKioskLimit, nowMs)
    )
      return err('rate_limited', 'Too many codes were asked for; please wait a few minutes.');
    for (const key of [personKey, '*']) this.#requests.get(key)?.push(nowMs);
    // A newer code replaces any open one for the same person.
    for (const [id, challenge] of this.#challenges)
      if (challenge.personKey === personKey) this.#challenges.delete(id);
    const code = String(randomInt(10 ** this.policy.digits)).padStart(this.policy.digits, '0');
    const challengeId = randomUUID();
    const expiresAtMs = nowMs + this.policy.ttlMs;
    this.#challenges.set(challengeId, {
      personKey,
      codeMac: this.#mac(code),
      expiresAtMs,
      attemptsLeft: this.policy.maxAttempts,
      subject,
    });
    return ok({ challengeId, code, expiresAtMs });
  }

  /** The subject when the code is right (the challenge is then used up). */
  check(challengeId: string, code: string): Result<T, CheckFailure> {
    const nowMs = this.now();
    const challenge = this.#challenges.get(challengeId);
    if (!challenge || challenge.expiresAtMs <= nowMs) {
      this.#challenges.delete(challengeId);
      return err('code_expired', 'The code has expired; please ask for a new one.');
    }
    // Both sides are MACs of the same length: timingSafeEqual compares them in constant time.
    const right = timingSafeEqual(this.#mac(code.trim()), challenge.codeMac);
    if (right) {
      this.#challenges.delete(challengeId);
      return ok(challenge.subject);
    }
    challenge.attemptsLeft -= 1;
    if (challenge.attemptsLeft <= 0) {
      this.#challenges.delete(challengeId);
      return err('too_many_attempts', 'Too many wrong codes; please ask for a new one.');
    }
    return err('code_wrong', `The code is not right; ${challenge.attemptsLeft} tries left.`);
  }

  /** Tries left on an open challenge (for the screen), or null. */
  attemptsLeft(challengeId: string): number | null {
    return this.#challenges.get(challengeId)?.attemptsLeft ?? null;
  }
}
