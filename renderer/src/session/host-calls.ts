import type { Result } from '../../../kernel/result';

/**
 * An expected failure (a Result with ok false) from a host call, carried as its code. XState's promise
 * actors report failure only by throwing, so unwrap() turns the Result into a throw at this one seam.
 */
export class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The value of a host call, or a Refused with its code: the machines' promise actors throw on failure. */
export async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Refused(result.error.code);
  return result.value;
}

/** A failed host call -> the translation key shown to the applicant. */
export function problemOf(error: unknown): string {
  return error instanceof Refused ? `problems.${error.code}` : 'errors.hostUnavailable';
}

/** How a service's own machine hands the applicant back to the session once it is done. */
export type ServiceExit =
  | { to: 'menu' }
  | { to: 'end'; reason: 'finished' | 'home' }
  /** Rating without a card, or "by case number" from the list: the progress lookup takes over. */
  | { to: 'progress' };
