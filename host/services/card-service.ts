import type { Logger } from 'pino';
import type { DecodedPhoto } from '../../drivers/idcard/identity/photo';
import type { TestCard } from '../../drivers/idcard/simulator/test-cards';
import type { HallClock } from '../../kernel/hall-time';
import type { Result } from '../../kernel/result';
import type { IdentityView } from '../api/identity';
import type { KioskConfig } from '../config/config';
import type { HostEventBus } from '../core/event-bus';

/** The operator panel's control over the simulated reader (demo mode only). */
export interface DemoCardControl {
  list(): { id: string; label: string }[];
  placed(): string | null;
  place(cardId: string): Promise<Result<Record<string, never>, 'unknown_card' | 'simulator_unavailable'>>;
  remove(): Promise<Result<Record<string, never>, 'simulator_unavailable'>>;
  /**
   * Epoch milliseconds at which the emulator wrote the last byte of each read-card reply: the start
   * of the "card on the wire -> identity on screen" measurement (npm run bench -- card-to-screen).
   */
  onReadReplyWritten(listener: (lastByteAtEpochMs: number) => void): () => void;
}

/**
 * What the host needs from the ID card reader: the identity of the card now on it, events on the
 * bus (cardPlaced, cardRemoved, cardError, deviceStatus), and in demo mode control of the simulator.
 */
export interface CardService {
  currentIdentity(): IdentityView | null;
  /** The decoded photo of the card now on it (memory only), where the reader decodes one; for 人证核验. */
  currentPhoto?(): DecodedPhoto | null;
  readonly demo: DemoCardControl | null;
  close(): Promise<void>;
}

export interface CardServiceDeps {
  config: KioskConfig['idcard'];
  mode: KioskConfig['mode'];
  dataDir: string;
  bus: HostEventBus;
  logger: Logger;
  /** The hall's clock: the reading day for ages and expiry. */
  clock: HallClock;
  /** Extra cards for the simulated reader (demo mode: people of the sample hall). */
  demoCards?: readonly TestCard[];
}

export type CardServiceFactory = (deps: CardServiceDeps) => Promise<CardService>;
