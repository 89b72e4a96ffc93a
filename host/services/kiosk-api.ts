import { ageOn } from '../../kernel/age';
import type { HallClock } from '../../kernel/hall-time';
import { birthDateFromResidentId, residentIdProblem, sexFromResidentId } from '../../kernel/id-checks';
import { err, ok } from '../../kernel/result';
import type { HostApi } from '../api/contract';
import type { IdentityView } from '../api/identity';
import type { KioskConfig } from '../config/config';
import type { CardService } from './card-service';
import { hallIdentityOf } from './hall-identity';
import type { SessionRegistry } from './sessions';
import { kioskUiSettings, type SettingsReader } from './technician/hall-settings';

export interface CoreApiDeps {
  config: KioskConfig;
  version: string;
  cards: CardService;
  sessions: SessionRegistry;
  clock: HallClock;
  /** The store's settings once enrolled: the hall's changes from technician mode override the config. */
  settings?: () => SettingsReader | null;
  /** A text-message gateway is wired (demo's simulated one, or a hall's): the SMS way can be offered. */
  smsAvailable?: boolean;
}

type CoreMethods = Pick<
  HostApi,
  | 'getKioskInfo'
  | 'getSessionState'
  | 'startManualSession'
  | 'useCardOnReader'
  | 'touchSession'
  | 'endSession'
  | 'demoListCards'
  | 'demoPlaceCard'
  | 'demoRemoveCard'
  | 'getFaceCheck'
  | 'finishFaceCheck'
>;

/** Kiosk information, the session lifecycle and demo mode's operator panel. */
export function createCoreApi({
  config,
  version,
  cards,
  sessions,
  clock,
  settings,
  smsAvailable = false,
}: CoreApiDeps): CoreMethods {
  const demo = () => (config.mode === 'demo' ? cards.demo : null);
  const hall = hallIdentityOf(config);
  return {
    async getKioskInfo() {
      const ui = kioskUiSettings(config, settings?.() ?? null);
      return ok({
        version,
        mode: config.mode,
        hallName: config.hall.name,
        languages: ui.languages,
        defaultLanguage: ui.defaultLanguage,
        idleTimeoutSeconds: ui.idleTimeoutSeconds,
        idleWarningSeconds: config.ui.idleWarningSeconds,
        elderlyModeDefault: ui.elderlyModeDefault,
        manualIdentifyAllowed: ui.manualIdentifyAllowed,
        timeZone: config.hall.timeZone,
        cardPolicy: config.ui.cardPolicy,
        pinyinFuzzy: config.ui.pinyinFuzzy,
        faceCheckWindow: config.faceCheck.window,
        cardless: {
          smsCode: config.ui.cardless.smsCode && smsAvailable,
          provincialQr: config.ui.cardless.provincialQr,
          directions: config.ui.cardless.directions,
        },
        scannerConfigured: config.scanner.kind !== 'none',
        hallIdentity: hall.identity,
      });
    },
    async getSessionState() {
      // A renderer that (re)connects shows the card holder's menu: a principal it no longer knows of is
      // dropped, so nothing is filled for them without the banner saying so (帮办代办).
      const current = sessions.current();
      if (current?.actingFor) sessions.actFor(current.id, null);
      return ok(sessions.state());
    },
    async useCardOnReader() {
      const sessionId = sessions.useCardOnReader();
      return sessionId ? ok({ sessionId }) : err('no_card', 'No accepted ID card lies on the reader.');
    },
    async startManualSession({ idNumber, name }) {
      const ui = kioskUiSettings(config, settings?.() ?? null);
      if (!ui.manualIdentifyAllowed)
        return err('not_allowed', 'This hall does not offer applying without an ID card.');
      const normalised = idNumber.trim().toUpperCase();
      const today = clock.today();
      const birthDate = birthDateFromResidentId(normalised);
      if (residentIdProblem(normalised, today) !== null || !birthDate) {
        return err('invalid_id_number', 'That is not a valid resident ID number.');
      }
      const identity: IdentityView = {
        cardType: 'resident',
        name: name.trim(),
        otherName: null,
        sex: sexFromResidentId(normalised) ?? 'unknown',
        nation: null,
        nationality: null,
        birthDate,
        address: null,
        idNumber: normalised,
        issuer: null,
        validFrom: birthDate,
        validTo: null,
        expired: false,
        checkDigitValid: true,
        age: ageOn(birthDate, today),
      };
      // Nothing was checked: the session is marked "typed" and reaches nothing of the form-free store.
      return ok({ sessionId: sessions.start(identity, 'typed'), identity });
    },
    async touchSession({ sessionId }) {
      return sessions.touch(sessionId) ? ok({}) : err('no_session', 'That session has already ended.');
    },
    async endSession({ sessionId, reason }) {
      return sessions.end(sessionId, reason) ? ok({}) : err('no_session', 'That session has already ended.');
    },
    async getFaceCheck() {
      const pending = sessions.pendingFaceCheck();
      if (!pending) return err('no_face_check', 'No face check is pending.');
      const { photo } = pending;
      return ok({
        attemptId: pending.attemptId,
        photo: `data:${photo.mediaType};base64,${Buffer.from(photo.bytes).toString('base64')}`,
        threshold: config.faceCheck.threshold,
        livenessSeconds: config.faceCheck.livenessSeconds,
      });
    },
    async finishFaceCheck({ attemptId, outcome }) {
      return sessions.finishFaceCheck(attemptId, outcome)
        ? ok({})
        : err('no_face_check', 'That face check is no longer pending.');
    },
    async demoListCards() {
      const control = demo();
      if (!control) return err('not_demo', 'The operator panel only works in demo mode.');
      return ok({ cards: control.list(), placed: control.placed() });
    },
    async demoPlaceCard({ cardId }) {
      const control = demo();
      if (!control) return err('not_demo', 'The operator panel only works in demo mode.');
      return control.place(cardId);
    },
    async demoRemoveCard() {
      const control = demo();
      if (!control) return err('not_demo', 'The operator panel only works in demo mode.');
      return control.remove();
    },
  };
}
