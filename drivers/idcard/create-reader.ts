import type { Logger } from 'pino';
import { err, ok, type Result } from '../../kernel/result';
import type { PhotoDecoder } from './identity/photo';
import { IdCardReader, type IdCardReaderEvents } from './reader/id-card-reader';
import { type ReaderBehaviourName, readerBehaviourProfiles } from './reader/profiles';
import type { ReaderStatus } from './reader/status';
import { type HidProfileName, hidLayoutFor } from './reader-models';
import { SimulatedReader } from './simulator/simulated-reader';
import { buildTestCards, type TestCard } from './simulator/test-cards';
import { simulatorPhotoDecoder } from './simulator/test-photos';
import { HidFrameTransport } from './transports/hid';
import type { HidReportLayout } from './transports/hid-reports';
import { SerialFrameTransport } from './transports/serial';
import { type ReaderTransport, TransportUnavailableError } from './transports/transport';
import { UsbBulkFrameTransport } from './transports/usb-bulk';
import { type VendorSdkShape, VendorSdkTransport } from './transports/vendor-sdk';

/** The idcard section of the kiosk config (host/config/config.ts), as this driver reads it. */
export interface CardReaderSettings {
  /** simulator: the built-in emulator on a socat PTY pair; serial, hid, usb or sdk: a real reader. */
  readonly kind: 'simulator' | 'serial' | 'hid' | 'usb' | 'sdk';
  /** A device path or 'auto' (probe the ports with a SAM status command). */
  readonly serial: { readonly path: string; readonly baudRate: number };
  readonly hid: HidReportLayout & {
    readonly vendorId: number;
    readonly productId: number;
    /** 'auto' (or absent): by VID/PID from reader-models.ts, else the layout fields. */
    readonly profile?: HidProfileName | 'auto';
  };
  readonly sdk?: { readonly library: string; readonly shape: VendorSdkShape; readonly port: number };
  readonly usb?: {
    readonly vendorId: number;
    readonly productId: number;
    readonly outEndpoint: number;
    readonly inEndpoint: number;
  };
  readonly pollIntervalMs?: number;
  readonly readTimeoutMs?: number;
  /** The reader model's behaviour (default 'standard'); the simulator emulates it. */
  readonly behaviour?: ReaderBehaviourName;
  /** Simulator test mode: decoded photos of its cards, `<card id>.jpg` in this folder (test-photos.ts). */
  readonly simulatorPhotoDir?: string;
}

export interface CardReaderOptions {
  readonly logger: Logger;
  /** The hall's time zone: on which day a card expires. */
  readonly timeZone?: string;
  /** Simulator: the folder for its PTY links; a temp folder when omitted or unusable. */
  readonly simulatorDir?: string;
  /** Simulator: cards beside the built-in test cards (demo mode: the sample hall's people). */
  readonly extraCards?: readonly TestCard[];
}

/** Demo mode's hand on the emulated reader: lay a test card on it or take it off. */
export interface ReaderSimulatorControl {
  /** False where the emulator could not start (no socat): the reader then shows as disconnected. */
  readonly running: boolean;
  cards(): { id: string; label: string }[];
  placed(): string | null;
  place(cardId: string): Result<Record<string, never>, 'unknown_card' | 'simulator_unavailable'>;
  remove(): Result<Record<string, never>, 'simulator_unavailable'>;
  /**
   * Epoch milliseconds at which the emulator wrote the last byte of each read-card reply (a card that
   * stays is re-read on every poll, so take the one before the placement event): the start
   * of the "card on the wire -> identity on screen" measurement.
   */
  onReadReplyWritten(listener: (lastByteAtEpochMs: number) => void): () => void;
}

/**
 * The app-facing ID card reader: the polling engine over the configured transport. Its status is a
 * discriminated union (ReaderStatus) and every change arrives as a 'status' event; placements,
 * removals and unreadable cards as 'cardPlaced', 'cardRemoved', 'cardError'. A listener that throws is
 * logged and does not stop the reader.
 */
export interface CardReader {
  /** The port or device, for logs and the technician; never personal data. */
  readonly label: string;
  readonly status: ReaderStatus;
  on<K extends keyof IdCardReaderEvents>(event: K, listener: IdCardReaderEvents[K]): () => void;
  /** Begin polling (subscribe first: the first status change follows soon after). */
  start(): void;
  /** The SAM's id as hex, or null when the reader is unreachable. */
  readSamId(): Promise<string | null>;
  /** The emulator behind a 'simulator' reader; null for a real one. */
  readonly simulator: ReaderSimulatorControl | null;
  /** Stops polling, closes the link, and stops the emulator and socat it started. */
  close(): Promise<void>;
}

/** The emulator under `dir`, else in a temp folder; null where socat cannot run (Windows, not installed). */
async function startSimulatedReader(
  options: CardReaderOptions,
  behaviour: ReaderBehaviourName,
): Promise<SimulatedReader | null> {
  const cards = [...(options.extraCards ?? []), ...buildTestCards()];
  // As real readers: select answers 8 zero bytes, and the chosen model's find behaviour.
  const emulated = { selectData: 'zeros', haltAfterRead: behaviour === 'halts-after-read' } as const;
  if (options.simulatorDir !== undefined) {
    try {
      return await SimulatedReader.start({ dir: options.simulatorDir, cards, behaviour: emulated });
    } catch (error) {
      options.logger.warn(
        { err: error },
        'simulated reader: cannot start in its folder, trying a temp folder',
      );
    }
  }
  try {
    return await SimulatedReader.start({ cards, behaviour: emulated });
  } catch (error) {
    // The kiosk still starts: the reader shows as disconnected and the operator panel says why.
    options.logger.error({ err: error }, 'simulated reader unavailable');
    return null;
  }
}

function unavailableTransport(reason: string): ReaderTransport {
  return {
    label: 'simulator',
    connect: () => Promise.reject(new TransportUnavailableError(reason)),
  };
}

function simulatorControl(rig: SimulatedReader | null): ReaderSimulatorControl {
  const unavailable = () => err('simulator_unavailable', 'the simulated reader is not running');
  return {
    get running() {
      return rig?.plugged ?? false;
    },
    cards: () =>
      (rig?.emulator.cards ?? buildTestCards()).map((card) => ({ id: card.id, label: card.label })),
    placed: () => rig?.emulator.placed() ?? null,
    place(cardId) {
      if (!rig?.plugged) return unavailable();
      if (!rig.emulator.place(cardId)) return err('unknown_card', `no test card "${cardId}"`);
      return ok({});
    },
    remove() {
      if (!rig?.plugged) return unavailable();
      rig.emulator.remove();
      return ok({});
    },
    onReadReplyWritten(listener) {
      if (!rig) return () => {};
      return rig.endpoint.onReplyWritten((reply) => {
        if (reply.command === 'readBaseInfo') listener(performance.timeOrigin + reply.lastByteAt);
      });
    },
  };
}

/**
 * The reader the settings ask for: 'serial' and 'hid' open a real reader; 'simulator' starts socat and
 * the emulator first. Call start() after subscribing, and close() on shutdown.
 */
export async function createCardReader(
  settings: CardReaderSettings,
  options: CardReaderOptions,
): Promise<CardReader> {
  let rig: SimulatedReader | null = null;
  let transport: ReaderTransport;
  let photoDecoder: PhotoDecoder | undefined;
  const behaviour = settings.behaviour ?? 'standard';
  switch (settings.kind) {
    case 'simulator':
      rig = await startSimulatedReader(options, behaviour);
      transport = rig
        ? new SerialFrameTransport({ path: rig.hostPath, baudRate: 115200 })
        : unavailableTransport('simulated reader could not start (is socat installed?)');
      if (rig && settings.simulatorPhotoDir)
        photoDecoder = await simulatorPhotoDecoder(rig.emulator.cards, settings.simulatorPhotoDir);
      break;
    case 'serial':
      transport = new SerialFrameTransport({
        path: settings.serial.path,
        baudRate: settings.serial.baudRate,
      });
      break;
    case 'hid': {
      const { vendorId, productId, profile, ...byHand } = settings.hid;
      const { layout } = hidLayoutFor(profile ?? 'auto', vendorId, productId, byHand);
      transport = new HidFrameTransport({ vendorId, productId, ...layout });
      break;
    }
    case 'usb': {
      const usb = settings.usb ?? {
        vendorId: 0x0400,
        productId: 0xc35a,
        outEndpoint: 0x02,
        inEndpoint: 0x81,
      };
      transport = new UsbBulkFrameTransport({
        vendorId: usb.vendorId,
        productId: usb.productId,
        endpoints: { out: usb.outEndpoint, in: usb.inEndpoint },
      });
      break;
    }
    case 'sdk':
      transport = new VendorSdkTransport(settings.sdk ?? { library: '', shape: 'termb', port: 1001 });
      break;
  }
  const engine = new IdCardReader({
    transport,
    logger: options.logger,
    cardLeftOn: readerBehaviourProfiles[behaviour].cardLeftOn,
    ...(settings.pollIntervalMs !== undefined ? { pollIntervalMs: settings.pollIntervalMs } : {}),
    ...(settings.readTimeoutMs !== undefined ? { readTimeoutMs: settings.readTimeoutMs } : {}),
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
    ...(photoDecoder ? { photoDecoder } : {}),
  });
  const simulator = settings.kind === 'simulator' ? simulatorControl(rig) : null;
  return {
    label: transport.label,
    get status() {
      return engine.status;
    },
    on: (event, listener) => engine.on(event, listener),
    start: () => engine.start(),
    readSamId: () => engine.readSamId(),
    simulator,
    async close() {
      await engine.stop();
      await rig?.stop();
    },
  };
}
