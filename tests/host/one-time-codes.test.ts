/**
 * Issue 15 part 2: the one-time codes of the card-less way in. A code expires, allows a few tries and
 * is then burnt, is used once, and cannot be asked for over and over (per person and per kiosk).
 */
import { describe, expect, it } from 'vitest';
import { type OneTimeCodePolicy, OneTimeCodes } from '../../host/services/cardless/one-time-codes';
import { DemoSmsGateway, phoneHint } from '../../host/services/cardless/sms-gateway';

const policy: OneTimeCodePolicy = {
  ttlMs: 60_000,
  maxAttempts: 3,
  perPersonLimit: 2,
  perKioskLimit: 4,
  rateWindowMs: 600_000,
  digits: 6,
};

function codesAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, codes: new OneTimeCodes<string>(() => clock.now, policy) };
}

function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

describe('one-time codes', () => {
  it('opens with the right code once, and never again', () => {
    const { codes } = codesAt();
    const issued = codes.issue('person-a', 'subject-a');
    if (!issued.ok) throw new Error('not issued');
    expect(issued.value.code).toMatch(/^\d{6}$/);
    expect(codes.check(issued.value.challengeId, issued.value.code)).toEqual({
      ok: true,
      value: 'subject-a',
    });
    expect(codes.check(issued.value.challengeId, issued.value.code)).toMatchObject({
      ok: false,
      error: { code: 'code_expired' },
    });
  });

  it('refuses a code past its expiry, even the right one', () => {
    const { clock, codes } = codesAt();
    const issued = codes.issue('person-a', 'subject-a');
    if (!issued.ok) throw new Error('not issued');
    clock.now += policy.ttlMs;
    expect(codes.check(issued.value.challengeId, issued.value.code)).toMatchObject({
      ok: false,
      error: { code: 'code_expired' },
    });
  });

  it('counts wrong tries and burns the challenge at the limit (the right code is then refused)', () => {
    const { codes } = codesAt();
    const issued = codes.issue('person-a', 'subject-a');
    if (!issued.ok) throw new Error('not issued');
    const wrong = wrongCodeFor(issued.value.code);
    expect(codes.check(issued.value.challengeId, wrong)).toMatchObject({ error: { code: 'code_wrong' } });
    expect(codes.attemptsLeft(issued.value.challengeId)).toBe(2);
    expect(codes.check(issued.value.challengeId, '12')).toMatchObject({ error: { code: 'code_wrong' } });
    expect(codes.check(issued.value.challengeId, wrong)).toMatchObject({
      error: { code: 'too_many_attempts' },
    });
    expect(codes.check(issued.value.challengeId, issued.value.code)).toMatchObject({
      error: { code: 'code_expired' },
    });
  });

  it('rate limits per person, then per kiosk, and lets them ask again after the window', () => {
    const { clock, codes } = codesAt();
    expect(codes.issue('person-a', 'a').ok).toBe(true);
    expect(codes.issue('person-a', 'a').ok).toBe(true);
    expect(codes.issue('person-a', 'a')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(codes.issue('person-b', 'b').ok).toBe(true);
    expect(codes.issue('person-c', 'c').ok).toBe(true);
    // Four codes from this kiosk in the window: a fifth person is refused too.
    expect(codes.issue('person-d', 'd')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    clock.now += policy.rateWindowMs;
    expect(codes.issue('person-a', 'a').ok).toBe(true);
  });

  it('a newer code replaces the person’s open one', () => {
    const { codes } = codesAt();
    const first = codes.issue('person-a', 'a');
    const second = codes.issue('person-a', 'a');
    if (!first.ok || !second.ok) throw new Error('not issued');
    expect(codes.check(first.value.challengeId, first.value.code)).toMatchObject({
      error: { code: 'code_expired' },
    });
    expect(codes.check(second.value.challengeId, second.value.code).ok).toBe(true);
  });

  it('an unknown challenge is refused without a hint', () => {
    const { codes } = codesAt();
    expect(codes.check('no-such-challenge', '123456')).toMatchObject({ error: { code: 'code_expired' } });
  });
});

describe('the demo SMS gateway', () => {
  it('keeps the last message for the operator panel only, with the phone masked, and forgets it', async () => {
    const clock = { now: 0 };
    const gateway = new DemoSmsGateway(() => clock.now, 1000);
    await gateway.send('13812345678', 'code 123456');
    expect(gateway.last()).toEqual({ phoneHint: '138****5678', text: 'code 123456', sentAtMs: 0 });
    clock.now = 1001;
    expect(gateway.last()).toBeNull();
    expect(phoneHint('138-1234-5678')).toBe('138****5678');
  });
});
