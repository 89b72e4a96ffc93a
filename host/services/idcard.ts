import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  buildTestCards,
  type CardIdentity,
  HidFrameTransport,
  IdCardReader,
  type ReaderStatus,
  type ReaderTransport,
  SerialFrameTransport,
  SimulatedReader,
  type TestCard,
  TransportUnavailableError,
} from '../../drivers/idcard';
import { ageOn } from '../../kernel/age';
import { err, ok } from '../../kernel/result';
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

/** The rig under <dataDir>/idcard-sim, else in a temp folder; null where socat cannot run (Windows). */
async function startSimulator(
  dataDir: string,
  logger: Logger,
  extraCards: readonly TestCard[],
): Promise<SimulatedReader | null> {
  const cards = [...extraCards, ...buildTestCards()];
  try {
    return await SimulatedReader.start({ dir: join(dataDir, 'idcard-sim'), cards });
  } catch (error) {
    logger.warn({ err: error }, 'simulated reader: cannot start under the data folder, trying a temp folder');
  }
  try {
    return await SimulatedReader.start({ cards });
  } catch (error) {
    // The kiosk still starts: the reader shows as disconnected and the operator panel says why.
    logger.error({ err: error }, 'simulated reader unavailable');
    return null;
  }
}

function unavailableTransport(reason: string): ReaderTransport {
  return {
    label: 'simulator',
    connect: () => Promise.reject(new TransportUnavailableError(reason)),
  };
}

/**
 * The ID card reader behind the host: the driver from drivers/idcard, its events put on the bus.
 * kind 'simulator' starts a socat PTY pair and the emulator (links under <dataDir>/idcard-sim, else a
 * temp folder) and
 * exposes DemoCardControl; 'serial' and 'hid' open a real reader.
 */
export const createCardService: CardServiceFactory = async ({
  config,
  dataDir,
  bus,
  logger,
  demoCards = [],
  clock,
}) => {
  let rig: SimulatedReader | null = null;
  let transport: ReaderTransport;
  switch (config.kind) {
    case 'simulator':
      rig = await startSimulator(dataDir, logger, demoCards);
      transport = rig
        ? new SerialFrameTransport({ path: rig.hostPath, baudRate: 115200 })
        : unavailableTransport('simulated reader could not start (is socat installed?)');
      break;
    case 'serial':
      transport = new SerialFrameTransport({ path: config.serial.path, baudRate: config.serial.baudRate });
      break;
    case 'hid':
      transport = new HidFrameTransport({ ...config.hid });
      break;
  }

  const reader = new IdCardReader({
    transport,
    logger,
    pollIntervalMs: config.pollIntervalMs,
    readTimeoutMs: config.readTimeoutMs,
    timeZone: clock.timeZone,
  });
  let current: IdentityView | null = null;

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
      bus.emit({ type: 'cardError', code: 'malformed_card_data' });
      return;
    }
    current = parsed.data;
    bus.emit({ type: 'cardPlaced' });
  });
  reader.on('cardRemoved', () => {
    current = null;
    bus.emit({ type: 'cardRemoved' });
  });
  reader.on('cardError', (code) => {
    current = null;
    bus.emit({ type: 'cardError', code });
  });
  reader.start();

  const simulated = rig;
  const demo: DemoCardControl | null =
    config.kind !== 'simulator'
      ? null
      : {
          list: () =>
            (simulated?.emulator.cards ?? buildTestCards()).map((card) => ({
              id: card.id,
              label: card.label,
            })),
          placed: () => simulated?.emulator.placed() ?? null,
          async place(cardId) {
            if (!simulated?.plugged)
              return err('simulator_unavailable', 'the simulated reader is not running');
            if (!simulated.emulator.place(cardId)) return err('unknown_card', `no test card "${cardId}"`);
            return ok({});
          },
          onReadReplyWritten(listener) {
            if (!simulated) return () => {};
            return simulated.endpoint.onReplyWritten((reply) => {
              if (reply.command === 'readBaseInfo') listener(performance.timeOrigin + reply.lastByteAt);
            });
          },
          async remove() {
            if (!simulated?.plugged)
              return err('simulator_unavailable', 'the simulated reader is not running');
            simulated.emulator.remove();
            return ok({});
          },
        };

  return {
    currentIdentity: () => current,
    demo,
    async close() {
      await reader.stop();
      await rig?.stop();
    },
  } satisfies CardService;
};
