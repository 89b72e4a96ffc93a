import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSimulatorFolder, PtyPair } from '../../pty';
import { ReaderEmulator, type ReaderEmulatorOptions } from './reader-emulator';
import { SerialReaderEmulator } from './serial-emulator';
import { buildTestCards, type TestCard } from './test-cards';

export interface SimulatedReaderOptions {
  /**
   * Folder for the PTY links; when omitted, a fresh temp folder (removed on stop, swept at a later start
   * if this process dies first).
   */
  dir?: string;
  cards?: readonly TestCard[];
  /** How the emulated reader model behaves (select data, halting a card after a read). */
  behaviour?: Pick<ReaderEmulatorOptions, 'selectData' | 'haltAfterRead'>;
}

/**
 * The rig: socat PTY pair + emulator on the reader end. The host opens `hostPath` like any serial
 * reader. unplug()/replug() kill socat and start a new one on the same link paths.
 */
export class SimulatedReader {
  readonly hostPath: string;
  readonly readerPath: string;
  readonly endpoint: SerialReaderEmulator;
  readonly #dir: string;
  readonly #ownsDir: boolean;
  #pair: PtyPair | null;

  private constructor(dir: string, ownsDir: boolean, pair: PtyPair, endpoint: SerialReaderEmulator) {
    this.#dir = dir;
    this.#ownsDir = ownsDir;
    this.#pair = pair;
    this.hostPath = pair.hostPath;
    this.readerPath = pair.devicePath;
    this.endpoint = endpoint;
  }

  static async start(options: SimulatedReaderOptions = {}): Promise<SimulatedReader> {
    const ownsDir = options.dir === undefined;
    const dir = options.dir ?? (await createSimulatorFolder('idcard-rig-'));
    let pair: PtyPair | null = null;
    try {
      await mkdir(dir, { recursive: true });
      pair = await PtyPair.start(join(dir, 'reader'), join(dir, 'host'));
      const emulator = new ReaderEmulator({ cards: options.cards ?? buildTestCards(), ...options.behaviour });
      const endpoint = new SerialReaderEmulator(emulator, pair.devicePath);
      await endpoint.open();
      return new SimulatedReader(dir, ownsDir, pair, endpoint);
    } catch (error) {
      await pair?.stop();
      if (ownsDir) await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get emulator(): ReaderEmulator {
    return this.endpoint.emulator;
  }

  /** socat's PID while plugged in. */
  get socatPid(): number | undefined {
    return this.#pair?.pid;
  }

  get plugged(): boolean {
    return this.#pair?.running ?? false;
  }

  /** The reader disappears: socat is killed and both link paths vanish. */
  async unplug(): Promise<void> {
    const pair = this.#pair;
    this.#pair = null;
    await pair?.stop();
    await this.endpoint.close();
  }

  /** A reader appears again at the same path (a new socat, the same emulator and card). */
  async replug(): Promise<void> {
    if (this.#pair) return;
    this.#pair = await PtyPair.start(this.readerPath, this.hostPath);
    await this.endpoint.open();
  }

  async stop(): Promise<void> {
    await this.endpoint.close();
    await this.#pair?.stop();
    this.#pair = null;
    if (this.#ownsDir) await rm(this.#dir, { recursive: true, force: true });
  }
}
