import { ok, type Result } from '../../../kernel/result';

/** Sends a text message. A hall plugs in its operator's gateway; demo mode uses DemoSmsGateway. */
export interface SmsGateway {
  send(phone: string, text: string): Promise<Result<void, 'sms_failed'>>;
}

/** A phone number with all but its first three and last four digits hidden (138****5678). */
export function phoneHint(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export interface DemoSms {
  phoneHint: string;
  text: string;
  sentAtMs: number;
}

/**
 * Demo mode's gateway: the message goes to the operator panel (demoLastSms), never to a phone and
 * never to a log. Only the last message is held, and only for a few minutes.
 */
export class DemoSmsGateway implements SmsGateway {
  #last: DemoSms | null = null;

  constructor(
    private readonly now: () => number,
    private readonly keepMs = 5 * 60_000,
  ) {}

  async send(phone: string, text: string): Promise<Result<void, 'sms_failed'>> {
    this.#last = { phoneHint: phoneHint(phone), text, sentAtMs: this.now() };
    return ok(undefined);
  }

  last(): DemoSms | null {
    if (this.#last && this.now() - this.#last.sentAtMs > this.keepMs) this.#last = null;
    return this.#last;
  }
}
