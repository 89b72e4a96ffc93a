import { describe, expect, it } from 'vitest';
import { attempt, attemptAsync, err, mapOk, ok, type Result, step } from '../../kernel/result';

const half = (n: number): Result<number, 'odd'> => (n % 2 === 0 ? ok(n / 2) : err('odd', `${n} is odd`));

describe('kernel Result', () => {
  it('attempt returns the first failure and skips the rest', () => {
    const seen: number[] = [];
    const result = attempt(function* () {
      const a = yield* step(half(12));
      seen.push(a);
      const b = yield* step(half(a));
      seen.push(b);
      const c = yield* step(half(b));
      seen.push(c);
      return ok(c);
    });
    expect(result).toEqual({ ok: false, error: { code: 'odd', message: '3 is odd' } });
    expect(seen).toEqual([6, 3]);
  });

  it('attempt gives the body’s own result when every step holds', () => {
    expect(
      attempt(function* () {
        const a = yield* step(half(8));
        return ok(a + 1);
      }),
    ).toEqual(ok(5));
  });

  it('attemptAsync waits for each step', async () => {
    const result = await attemptAsync(async function* () {
      const a = yield* step(await Promise.resolve(half(20)));
      const b = yield* step(await Promise.resolve(half(a)));
      return ok(b);
    });
    expect(result).toEqual(ok(5));
  });

  it('mapOk changes only successes', () => {
    expect(mapOk(half(4), (n) => `${n}`)).toEqual(ok('2'));
    expect(mapOk(half(5), (n) => `${n}`).ok).toBe(false);
  });
});
