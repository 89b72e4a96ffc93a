import { join } from 'node:path';
import { type CardIdentity, createCardReader, type ReaderStatus } from '../../drivers/idcard';
import type { DecodedPhoto } from '../../drivers/idcard/identity/photo';
import { ageOn } from '../../kernel/age';
import { type IdentityView, identityViewSchema } from '../api/identity';
import type { CardService, CardServiceFactory, DemoCardControl } from './card-service';

/** The renderer's view of a card: one name line plus the optional second one, age on the reading day. */
export function toIdentityView(identity: CardIdentity, today: string): IdentityView {
  const local = identity.cardType === 'resident' || identity.cardType === 'hk_macao_taiwan';
  const check = identity.idNumberCheck;
  return {
    cardType: identity.cardType,
    name: local ? identity.name : identity.englishName,
    otherName: local ? null : identity.chineseName,
    sex: identity.sex,
    nation: identity.cardType === 'resident' ? identity.nation.name : null,
    nationality: local ? null : identity.nationality,
    birthDate: identity.birthDate,
    address: local ? identity.address : null,
    idNumber: identity.idNumber,
    issuer: local ? identity.issuer : null,
    validFrom: identity.validFrom,
    validTo: identity.validTo,
    expired: identity.expired,
    // The view has one flag: the number's own check digit and its birth-date digits must both hold.
    checkDigitValid: check.scheme === 'none' || (check.checkDigitValid && check.birthDateMatches),
    age: Math.min(200, Math.max(0, ageOn(identity.birthDate, today))),
    previousIdNumber: identity.cardType === 'foreign_permanent_2023' ? identity.previousIdNumber : null,
    passNumber: identity.cardType === 'hk_macao_taiwan' ? identity.passNumber || null : null,
  };
}

function statusDetail(status: ReaderStatus): string | undefined {
  switch (status.state) {
    case 'disconnected':
    case 'error':
      return status.detail.slice(0, 500);
    case 'card_error':
      return `${status.code}: ${status.detail}`.slice(0, 500);
    default:
      return undefined;
  }
}

/**
 * The ID card reader behind the host: the reader from drivers/idcard (the simulator's links under
 * <dataDir>/idcard-sim), each card mapped to the renderer's view on the hall's reading day and put on
 * the bus with the reader's status changes. In demo mode the operator panel drives the simulator.
 */
export const createCardService: CardServiceFactory = async ({
  config,
  dataDir,
  bus,
  logger,
  demoCards = [],
  clock,
}) => {
  const reader = await createCardReader(config, {
    logger,
    timeZone: clock.timeZone,
    simulatorDir: join(dataDir, 'idcard-sim'),
    extraCards: demoCards,
  });
  let current: IdentityView | null = null;
  // The card's decoded photo, for 人证核验: in memory while the card is the current one, never stored.
  let currentPhoto: DecodedPhoto | null = null;

  reader.on('status', (status) => {
    const detail = statusDetail(status);
    bus.emit({
      type: 'deviceStatus',
      status:
        detail === undefined
          ? { device: 'idcard', state: status.state }
          : { device: 'idcard', state: status.state, detail },
    });
  });
  reader.on('cardPlaced', (identity) => {
    const parsed = identityViewSchema.safeParse(toIdentityView(identity, clock.today()));
    if (!parsed.success) {
      // Field lengths beyond the contract: report the card, never its contents.
      logger.warn({ cardType: identity.cardType }, 'card identity does not fit the renderer contract');
      current = null;
      currentPhoto = null;
      bus.emit({ type: 'cardError', code: 'malformed_card_data' });
      return;
    }
    current = parsed.data;
    currentPhoto = identity.decodedPhoto ?? null;
    bus.emit({ type: 'cardPlaced' });
  });
  reader.on('cardRemoved', () => {
    current = null;
    currentPhoto = null;
    bus.emit({ type: 'cardRemoved' });
  });
  reader.on('cardError', (code) => {
    current = null;
    currentPhoto = null;
    bus.emit({ type: 'cardError', code });
  });
  reader.start();

  const simulator = reader.simulator;
  const demo: DemoCardControl | null = simulator && {
    list: () => simulator.cards(),
    placed: () => simulator.placed(),
    place: async (cardId) => simulator.place(cardId),
    remove: async () => simulator.remove(),
    onReadReplyWritten: (listener) => simulator.onReadReplyWritten(listener),
  };

  return {
    currentIdentity: () => current,
    currentPhoto: () => currentPhoto,
    demo,
    close: () => reader.close(),
  } satisfies CardService;
};
