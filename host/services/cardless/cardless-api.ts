import { ageOn } from '../../../kernel/age';
import { birthDateFromResidentId, residentIdProblem, sexFromResidentId } from '../../../kernel/id-checks';
import { err, ok } from '../../../kernel/result';
import { profileSchema } from '../../../sync/protocol/profile';
import type { HostApi } from '../../api/contract';
import type { IdentityView } from '../../api/identity';
import type { HostContext } from '../../core/host-context';
import { OneTimeCodes } from './one-time-codes';
import { DemoSmsGateway, phoneHint, type SmsGateway } from './sms-gateway';

type CardlessMethods = Pick<
  HostApi,
  'requestCardlessCode' | 'verifyCardlessCode' | 'startQrSession' | 'demoLastSms'
>;

/** Who a code was sent for: opened as the session's identity once the code is right. */
interface CodeSubject {
  idNumber: string;
  name: string;
}

/**
 * The card a GB 11643 number belongs to: 81/82/83 are Hong Kong, Macao and Taiwan residence permits, a
 * leading 9 the 2023 foreign permanent residence card, anything else a resident ID card. A Taiwan
 * resident who comes in by SMS is then the same kind of person the card would have made them.
 */
function cardTypeOfNumber(idNumber: string): IdentityView['cardType'] {
  if (/^8[123]/.test(idNumber)) return 'hk_macao_taiwan';
  if (idNumber.startsWith('9')) return 'foreign_permanent_2023';
  return 'resident';
}

/** An identity from an ID number and a name vouched for some other way than a card. */
export function identityWithoutCard(idNumber: string, name: string, today: string): IdentityView | null {
  const birthDate = birthDateFromResidentId(idNumber);
  if (residentIdProblem(idNumber, today) !== null || !birthDate) return null;
  return {
    cardType: cardTypeOfNumber(idNumber),
    name,
    otherName: null,
    sex: sexFromResidentId(idNumber) ?? 'unknown',
    nation: null,
    nationality: null,
    birthDate,
    address: null,
    idNumber,
    issuer: null,
    validFrom: birthDate,
    validTo: null,
    expired: false,
    checkDigitValid: true,
    age: ageOn(birthDate, today),
  };
}

export interface CardlessDeps {
  /** null: no gateway (a production hall without one configured): the SMS way is not offered. */
  sms: SmsGateway | null;
}

/** The gateway this host uses: demo mode's simulated one; production halls plug theirs in here. */
export function smsGatewayFor(context: Pick<HostContext, 'config' | 'clock'>): SmsGateway | null {
  return context.config.mode === 'demo' ? new DemoSmsGateway(() => context.clock.now()) : null;
}

/**
 * The card-less ways in (issue 15 part 2). Each opens the same host-owned session a card does, marked
 * with how the person was identified (cardless-policy.ts says what that session may reach). Nothing
 * personal is logged: not the ID number, the name, the phone or the code.
 */
export function createCardlessApi(context: HostContext, deps: CardlessDeps): CardlessMethods {
  const codes = new OneTimeCodes<CodeSubject>(() => context.clock.now());
  const settings = () => context.config.ui.cardless;
  return {
    async requestCardlessCode({ idNumber, name }) {
      if (!settings().smsCode || !deps.sms)
        return err('not_allowed', 'This hall does not offer the SMS way in.');
      const runtime = context.runtime();
      if (!runtime) return err('not_enrolled', 'This kiosk is not enrolled yet.');
      const normalised = idNumber.trim().toUpperCase();
      const today = context.clock.today();
      if (!identityWithoutCard(normalised, name.trim(), today))
        return err('invalid_id_number', 'That is not a valid resident ID number.');
      // The form-free store as this kiosk holds it (fetched once if it does not yet).
      await runtime.sync.prefetchProfile(normalised);
      const profile = profileSchema.safeParse(runtime.store.people.get(normalised));
      const phone = profile.success && profile.data.phone !== null ? String(profile.data.phone) : null;
      if (!phone || phone.replace(/\D/g, '').length < 8)
        return err('no_phone_on_record', 'No phone number is on record for that ID number.');
      const issued = codes.issue(runtime.store.hashIdNumber(normalised).toString('hex'), {
        idNumber: normalised,
        name: name.trim(),
      });
      if (!issued.ok) return issued;
      const sent = await deps.sms.send(
        phone,
        `【政务服务中心】您的验证码是 ${issued.value.code}，5 分钟内有效。请勿告诉他人。`,
      );
      if (!sent.ok) return sent;
      context.logger.info('card-less code sent');
      return ok({
        challengeId: issued.value.challengeId,
        phoneHint: phoneHint(phone),
        expiresInSeconds: Math.round((issued.value.expiresAtMs - context.clock.now()) / 1000),
      });
    },

    async verifyCardlessCode({ challengeId, code }) {
      if (!settings().smsCode || !deps.sms)
        return err('not_allowed', 'This hall does not offer the SMS way in.');
      const checked = codes.check(challengeId, code);
      if (!checked.ok) {
        context.logger.info({ outcome: checked.error.code }, 'card-less code refused');
        return checked;
      }
      const identity = identityWithoutCard(checked.value.idNumber, checked.value.name, context.clock.today());
      if (!identity) return err('code_expired', 'Please start again.');
      return ok({ sessionId: context.sessions.start(identity, 'sms') });
    },

    async startQrSession({ payload }) {
      if (!settings().provincialQr) return err('not_allowed', 'This hall does not offer the QR way in.');
      const runtime = context.runtime();
      if (!runtime) return err('not_enrolled', 'This kiosk is not enrolled yet.');
      const answer = await runtime.sync.verifyIdentityQr(payload);
      if (!answer.ok) return err('central_unreachable', 'The central system cannot verify the code now.');
      const verdict = answer.value;
      if (!verdict.verified) {
        context.logger.info({ refusal: verdict.refusal }, 'identity QR refused');
        if (verdict.refusal === 'expired')
          return err('qr_expired', 'That code has expired; refresh it in the app.');
        if (verdict.refusal === 'replayed')
          return err('qr_replayed', 'That code was used already; refresh it.');
        return err('qr_invalid', 'That code cannot be verified.');
      }
      const identity = identityWithoutCard(verdict.idNumber, verdict.name, context.clock.today());
      if (!identity) return err('qr_invalid', 'That code names no valid ID number.');
      context.logger.info({ issuer: verdict.issuer }, 'identity QR verified');
      return ok({ sessionId: context.sessions.start(identity, 'qr') });
    },

    async demoLastSms() {
      if (context.config.mode !== 'demo' || !(deps.sms instanceof DemoSmsGateway))
        return err('not_demo', 'The operator panel only works in demo mode.');
      const last = deps.sms.last();
      return ok({ message: last ? { phoneHint: last.phoneHint, text: last.text } : null });
    },
  };
}
