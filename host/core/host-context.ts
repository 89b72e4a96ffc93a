import type { Logger } from 'pino';
import type { TestCard } from '../../drivers/idcard/simulator/test-cards';
import type { ReceiptPrinter } from '../../drivers/printer';
import type { DocumentScanner } from '../../drivers/scanner';
import type { HallClock } from '../../kernel/hall-time';
import type { Result } from '../../kernel/result';
import type { LocalizedText } from '../../sync/protocol/localized-text';
import type { KioskConfig } from '../config/config';
import type { CapturedPages } from '../services/captured-pages';
import type { CardService } from '../services/card-service';
import type { SessionRegistry } from '../services/sessions';
import type { UpdatesPort } from '../services/technician/updates-port';
import type { HostEventBus } from './event-bus';
import type { KioskRuntime } from './kiosk-runtime';

/** What the host needs of demo mode's in-process central server. */
export interface EmbeddedCentral {
  readonly url: string;
  createEnrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

export type EmbeddedCentralFactory = (options: {
  dataDir: string;
  hallName: LocalizedText;
  logger: Logger;
  demoCards: readonly TestCard[];
}) => Promise<EmbeddedCentral>;

export type ProvisionFailure =
  | 'already_provisioned'
  | 'central_unreachable'
  | 'enrolment_refused'
  | 'insecure_url';

/**
 * What every area's host services get: the devices, the session registry and, once the kiosk is
 * enrolled with its central system, the runtime (encrypted store + sync). Services read `runtime()`
 * at call time, since provisioning starts it after the host is up.
 */
export interface HostContext {
  readonly config: KioskConfig;
  readonly logger: Logger;
  readonly bus: HostEventBus;
  readonly version: string;
  readonly startedAtMs: number;
  /** The hall's one "today" (config hall.timeZone). */
  readonly clock: HallClock;
  readonly sessions: SessionRegistry;
  readonly cards: CardService;
  readonly printer: ReceiptPrinter;
  readonly scanner: DocumentScanner;
  readonly pages: CapturedPages;
  /** The reference central server run in-process (demo mode, `central.url: "embedded"`). */
  readonly embeddedCentral: EmbeddedCentral | null;
  /** null until the kiosk is enrolled (first boot shows provisioning instead of the attract screen). */
  runtime(): KioskRuntime | null;
  /** Enrol with a central system and start the runtime (technician mode, `npm run provision`). */
  provision(
    centralUrl: string,
    enrolmentCode: string,
  ): Promise<Result<{ kioskId: string; kioskCode: string }, ProvisionFailure>>;
  /** The updater, filled in by the Electron shell once it runs one; absent in browser mode. */
  updates?: UpdatesPort;
}
