import type { Logger } from 'pino';
import type { HostApi } from '../api/contract';
import type { KioskConfig } from '../config/config';
import type { CardServiceFactory } from '../services/card-service';
import { createCoreApi } from '../services/kiosk-api';
import { SessionRegistry } from '../services/sessions';
import { HostEventBus } from './event-bus';
import { appVersion } from './version';

export interface Host {
  readonly api: HostApi;
  readonly bus: HostEventBus;
  readonly config: KioskConfig;
  readonly logger: Logger;
  /** True while an applicant is being served: updates wait for this to be false. */
  sessionActive(): boolean;
  close(): Promise<void>;
}

export interface HostDeps {
  config: KioskConfig;
  logger: Logger;
  cardServiceFactory: CardServiceFactory;
}

/** The Electron-free core: owns devices, the local store and sync, and implements the one API. */
export async function createHost({ config, logger, cardServiceFactory }: HostDeps): Promise<Host> {
  const bus = new HostEventBus();
  const guardMs = (config.ui.idleTimeoutSeconds + config.ui.idleWarningSeconds + 30) * 1000;
  const sessions = new SessionRegistry(bus, logger.child({ area: 'session' }), guardMs);
  const cards = await cardServiceFactory({
    config: config.idcard,
    mode: config.mode,
    dataDir: config.dataDir,
    bus,
    logger: logger.child({ area: 'idcard' }),
  });
  // A card taken off the reader ends the applicant's session at once.
  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'cardRemoved') sessions.endCurrent('card_removed');
  });

  const api: HostApi = {
    ...createCoreApi({ config, version: appVersion(), cards, sessions }),
  };

  return {
    api,
    bus,
    config,
    logger,
    sessionActive: () => sessions.isActive(),
    async close() {
      unsubscribe();
      sessions.endCurrent('home');
      await cards.close();
    },
  };
}
