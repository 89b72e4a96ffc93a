/**
 * The one Result shape of the project: expected failures travel as values, bugs throw. Drivers, sync,
 * the host and the renderer (through host/api) all speak it, so a failure passes through unchanged.
 */
export interface Failure<C extends string = string> {
  readonly code: C;
  /** Plain words for a technician or a log; the renderer maps codes to translated text. */
  readonly message: string;
}

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string = string> = { readonly ok: false; readonly error: Failure<C> };
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<C extends string>(code: C, message: string): Err<C> {
  return { ok: false, error: { code, message } };
}

/** The codes a Result type can fail with. */
export type FailureCode<R> = R extends Err<infer C> ? C : never;

/**
 * Early return for Result-returning steps, without a ladder of `if (!r.ok) return r`:
 *
 *     return attempt(function* () {
 *       const item = yield* step(findItem(id));      // an Err here is returned from attempt at once
 *       const form = yield* step(formOf(item));
 *       return ok({ item, form });
 *     });
 */
export function* step<T, C extends string>(result: Result<T, C>): Generator<Err<C>, T, unknown> {
  if (!result.ok) {
    yield result;
    // attempt() stops at the first yield; this line is never reached.
    throw new Error('step: resumed after a failure');
  }
  return result.value;
}

export function attempt<T, C extends string>(
  body: () => Generator<Err<C>, Result<T, C>, unknown>,
): Result<T, C> {
  const generator = body();
  const first = generator.next();
  if (first.done) return first.value;
  generator.return(undefined as never);
  return first.value;
}

/** The async form of attempt(): each `yield* step(await ...)` may wait. */
export async function attemptAsync<T, C extends string>(
  body: () => AsyncGenerator<Err<C>, Result<T, C>, unknown>,
): Promise<Result<T, C>> {
  const generator = body();
  const first = await generator.next();
  if (first.done) return first.value;
  await generator.return(undefined as never);
  return first.value;
}

/** Change the value of a success; a failure passes unchanged. */
export function mapOk<T, U, C extends string>(result: Result<T, C>, map: (value: T) => U): Result<U, C> {
  return result.ok ? ok(map(result.value)) : result;
}
