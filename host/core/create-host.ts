import type { Logger } from 'pino';
import { createPrinter } from '../../drivers/printer';
import { createScanner } from '../../drivers/scanner';
import { HallClock } from '../../kernel/hall-time';
import { err, ok } from '../../kernel/result';
import { CentralClient, isCentralCallError } from '../../sync/client/central-client';
import { newKioskIdentity } from '../../sync/client/kiosk-identity';
import type { KeyProvider } from '../../sync/store';
import type { HostApi } from '../api/contract';
import type { KioskConfig } from '../config/config';
import { storeKeyFile } from '../config/key-location';
import { insecureUrlProblem } from '../config/transport-policy';
import { createAgentApi } from '../services/agent/acting-for';
import { CapturedPages } from '../services/captured-pages';
import type { CardServiceFactory } from '../services/card-service';
import { createCardlessApi, smsGatewayFor } from '../services/cardless/cardless-api';
import { sampleHallDemoCards } from '../services/demo-cards';
import { hallIdentityOf } from '../services/hall-identity';
import { createHelpApi, StaffCalls } from '../services/help/staff-call';
import { createJourneyApi } from '../services/journey';
import { createCoreApi } from '../services/kiosk-api';
import { createQueueBoardApi } from '../services/queue-board';
import { SessionRegistry } from '../services/sessions';
import { createTechnicianApi, DeviceStatusTracker } from '../services/technician';
import { centralTransport } from './central-transport';
import { EnrolmentFile, type EnrolmentRecord, enrolmentRecordOf } from './enrolment-file';
import { HostEventBus } from './event-bus';
import type { EmbeddedCentral, EmbeddedCentralFactory, HostContext, ProvisionFailure } from './host-context';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { type KioskRuntime, startKioskRuntime } from './kiosk-runtime';
import { appVersion } from './version';

export interface Host {
  readonly api: HostApi;
  readonly bus: HostEventBus;
  readonly config: KioskConfig;
  readonly logger: Logger;
  readonly context: HostContext;
  /** True while an applicant is being served: updates wait for this to be false. */
  sessionActive(): boolean;
  close(): Promise<void>;
}

export interface HostDeps {
  config: KioskConfig;
  logger: Logger;
  cardServiceFactory: CardServiceFactory;
  /** The Electron shell passes safeStorage; browser mode and tests use a key file. */
  keyProvider?: KeyProvider;
  /** The Electron shell passes app.getVersion(). */
  version?: string;
  /** Demo mode's in-process reference server, wired in by the launcher (kiosk code never imports it). */
  startEmbeddedCentral?: EmbeddedCentralFactory;
}

/** The Electron-free core: owns devices, the local store and sync, and implements the one API. */
export async function createHost(deps: HostDeps): Promise<Host> {
  const instanceLock = acquireInstanceLock(deps.config.dataDir);
  try {
    return await buildHost(deps, instanceLock);
  } catch (error) {
    instanceLock.release();
    throw error;
  }
}

async function buildHost(
  { config, logger, cardServiceFactory, keyProvider, version = appVersion(), startEmbeddedCentral }: HostDeps,
  instanceLock: InstanceLock,
): Promise<Host> {
  const bus = new HostEventBus(logger.child({ area: 'events' }));
  const clock = new HallClock(config.hall.timeZone);
  // Technician mode's device status: listening from the start, so the reader's first report is kept.
  const deviceStatus = new DeviceStatusTracker(bus);
  const guardMs = (config.ui.idleTimeoutSeconds + config.ui.idleWarningSeconds + 30) * 1000;
  const sessions = new SessionRegistry(
    bus,
    logger.child({ area: 'session' }),
    guardMs,
    config.ui.cardPolicy,
    config.faceCheck.enabled,
    (config.faceCheck.livenessSeconds + 60) * 1000,
  );
  const demoCards = config.mode === 'demo' && config.idcard.kind === 'simulator' ? sampleHallDemoCards() : [];
  const cards = await cardServiceFactory({
    config: config.idcard,
    mode: config.mode,
    dataDir: config.dataDir,
    bus,
    clock,
    logger: logger.child({ area: 'idcard' }),
    ...(demoCards.length > 0 ? { demoCards } : {}),
  });
  // The host owns the applicant session: a card read is judged and opens (or is refused) here; a card
  // taken off the reader ends the session at once under the hall's "hold" policy (sessions.ts).
  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'cardPlaced') {
      const identity = cards.currentIdentity();
      if (identity) sessions.cardRead(identity, cards.currentPhoto?.() ?? null);
    } else if (event.type === 'cardError') sessions.cardUnusable('unreadable');
    else if (event.type === 'cardRemoved') sessions.cardRemoved();
  });
  const printer = await createPrinter(config.printer, logger.child({ area: 'printer' }));
  printer.onStatusChange((status) =>
    bus.emit({ type: 'deviceStatus', status: { device: 'printer', state: status.state } }),
  );
  const scanner = createScanner(config.scanner, logger.child({ area: 'scanner' }));
  const pages = new CapturedPages(scanner);
  // Timers the host arms itself; close() clears them so nothing runs against a closed store.
  const hostTimers = new Set<NodeJS.Timeout>();
  sessions.onEnd((sessionId) => {
    pages.dropSession(sessionId);
    // Deleted rows leave free pages; give them back while nobody is at the kiosk (cheap, incremental).
    const vacuum = setTimeout(() => {
      hostTimers.delete(vacuum);
      if (!sessions.isActive()) (runtime as KioskRuntime | null)?.retention.vacuum({ idle: false });
    }, 30_000);
    vacuum.unref();
    hostTimers.add(vacuum);
  });

  // A card accepted: fetch the person's form-free record in the background, if this kiosk lacks it.
  sessions.onStart((_sessionId, identity) => {
    // A renewed card also looks under the number it replaced (the record moves to the new number).
    void (runtime as KioskRuntime | null)?.sync.prefetchProfile(identity.idNumber, identity.previousIdNumber);
  });

  let embeddedCentral: EmbeddedCentral | null = null;
  if (config.central.url === 'embedded') {
    if (!startEmbeddedCentral)
      throw new Error('central.url is "embedded" but this launcher has no embedded central server');
    embeddedCentral = await startEmbeddedCentral({
      dataDir: config.dataDir,
      hallName: config.hall.name,
      logger,
      demoCards,
    });
  }
  const enrolments = new EnrolmentFile(config.dataDir);
  let runtime: KioskRuntime | null = null;

  const startRuntime = async (enrolment: EnrolmentRecord) => {
    runtime = await startKioskRuntime({
      enrolment,
      dataDir: config.dataDir,
      logger,
      bus,
      appVersion: version,
      keyFile: storeKeyFile(config),
      centralCaFile: config.central.caFile || undefined,
      formFreeStore: {
        replication:
          config.store.formFreeStore.replication ?? (config.mode === 'demo' ? 'full' : 'on_demand'),
        onDemandCacheHours: config.store.formFreeStore.onDemandCacheHours,
      },
      clock,
      ...(keyProvider ? { keyProvider } : {}),
    });
  };

  const provision: HostContext['provision'] = async (centralUrl, enrolmentCode) => {
    if (runtime) return err<ProvisionFailure>('already_provisioned', 'This kiosk is already enrolled.');
    const insecure = insecureUrlProblem(centralUrl, config.central.allowInsecureHttp);
    if (insecure)
      return err<ProvisionFailure>('insecure_url', `The central address is refused: ${insecure}.`);
    const transport = centralTransport({ caFile: config.central.caFile || undefined });
    const client = new CentralClient({ baseUrl: centralUrl, timeoutMs: 10_000, fetch: transport.fetch });
    const identity = newKioskIdentity();
    let answer: Awaited<ReturnType<CentralClient['enrol']>>;
    try {
      answer = await client.enrol(enrolmentCode, `kiosk-${process.pid}`, version, identity);
    } catch (error) {
      if (isCentralCallError(error) && error.failure.kind === 'client') {
        return err<ProvisionFailure>('enrolment_refused', 'The central system refused this enrolment code.');
      }
      logger.warn({ err: error }, 'enrolment failed');
      return err<ProvisionFailure>('central_unreachable', 'The central system could not be reached.');
    } finally {
      await transport.close();
    }
    const record = { ...enrolmentRecordOf(centralUrl, answer), kioskPrivateKey: identity.privateKeyPem };
    enrolments.save(record);
    await startRuntime(record);
    logger.info({ kioskId: answer.kioskId }, 'kiosk enrolled');
    return ok({ kioskId: answer.kioskId, kioskCode: answer.kioskCode });
  };

  const saved = enrolments.load();
  try {
    if (saved) {
      // The embedded server listens on a new port each start; its data (and this kiosk's credential) persist.
      await startRuntime(embeddedCentral ? { ...saved, centralUrl: embeddedCentral.url } : saved);
    } else if (embeddedCentral) {
      const provisioned = await provision(embeddedCentral.url, await embeddedCentral.createEnrolmentCode());
      if (!provisioned.ok) throw new Error(`demo enrolment failed: ${provisioned.error.message}`);
    }
  } catch (error) {
    // A host that cannot start (no key for its store, say) leaves no reader, printer or server running.
    unsubscribe();
    await Promise.allSettled([cards.close(), printer.close(), embeddedCentral?.close()]);
    throw error;
  }

  const context: HostContext = {
    config,
    logger,
    bus,
    version,
    startedAtMs: Date.now(),
    clock,
    sessions,
    cards,
    printer,
    scanner,
    pages,
    embeddedCentral,
    runtime: () => runtime,
    provision,
  };

  const smsGateway = smsGatewayFor(context);
  const staffCalls = new StaffCalls(context);
  const emblemProblem = hallIdentityOf(config).problem;
  if (emblemProblem)
    logger.warn({ problem: emblemProblem }, 'the hall emblem is not used; the built-in one is shown');

  const api: HostApi = {
    ...createCoreApi({
      config,
      version,
      cards,
      sessions,
      clock,
      smsAvailable: smsGateway !== null,
      settings: () => (runtime as KioskRuntime | null)?.store.settings ?? null,
    }),
    ...createJourneyApi(context),
    ...createQueueBoardApi(context),
    ...createTechnicianApi(context, { statusTracker: deviceStatus }),
    ...createCardlessApi(context, { sms: smsGateway }),
    ...createHelpApi(staffCalls),
    ...createAgentApi(context),
  };

  return {
    api,
    bus,
    config,
    logger,
    context,
    sessionActive: () => sessions.isActive(),
    async close() {
      unsubscribe();
      staffCalls.close();
      sessions.endCurrent('home');
      for (const timer of hostTimers) clearTimeout(timer);
      hostTimers.clear();
      await Promise.allSettled([cards.close(), printer.close()]);
      await (runtime as KioskRuntime | null)?.close();
      await embeddedCentral?.close();
      instanceLock.release();
    },
  };
}
