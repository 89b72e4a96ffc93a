import type { Logger } from 'pino';
import type { UpdaterState } from '../host/services/technician/updates-port';
import type { UpdateFeedVerifier } from './update-signature';

/** The slice of electron-updater's autoUpdater that the kiosk drives (a seam for Node tests). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  channel: string | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(
    event: 'update-downloaded' | 'error' | 'download-progress' | 'update-available' | 'update-not-available',
    listener: (...args: unknown[]) => void,
  ): unknown;
}

export interface UpdateControllerOptions {
  updater: AutoUpdaterLike;
  feedUrl: string;
  channel: 'latest' | 'beta';
  checkIntervalMinutes: number;
  /** True while an applicant is being served: installing waits. */
  sessionActive: () => boolean;
  logger: Logger;
  /** How often to look again whether the kiosk is idle once an update is waiting. */
  idlePollMs?: number;
  /** Checks the feed's and the artefact's detached signatures against the shipped public key. */
  verifier: Pick<UpdateFeedVerifier, 'verifyFeed' | 'verifyArtefact'>;
}

/** The updater's state as technician mode reads it (one definition, on the host side). */
export type UpdateState = UpdaterState;

/**
 * Checks at start and periodically, downloads in the background, and installs only when no
 * applicant session is active: quitAndInstall(true, true) restarts the kiosk silently.
 */
export class UpdateController {
  #state: UpdateState = { state: 'idle' };
  #timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: UpdateControllerOptions) {
    if (!options.feedUrl) this.#state = { state: 'disabled' };
  }

  get state(): UpdateState {
    return this.#state;
  }

  start(): void {
    if (this.#state.state === 'disabled') return;
    const { updater } = this.options;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = false;
    updater.setFeedURL({ provider: 'generic', url: this.options.feedUrl, channel: this.options.channel });
    updater.on('download-progress', (progress) => {
      const percent =
        typeof progress === 'object' && progress !== null && 'percent' in progress
          ? Number(progress.percent)
          : 0;
      this.#set({ state: 'downloading', percent });
    });
    updater.on('update-not-available', () => this.#set({ state: 'idle' }));
    updater.on('error', (error) =>
      this.#set({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    updater.on('update-downloaded', (info) => void this.#downloaded(info));
    void this.checkNow();
    const interval = setInterval(() => void this.checkNow(), this.options.checkIntervalMinutes * 60_000);
    interval.unref();
    this.#timers.push(interval);
  }

  async checkNow(): Promise<void> {
    if (
      this.#state.state === 'disabled' ||
      this.#state.state === 'waiting_for_idle' ||
      this.#state.state === 'installing'
    )
      return;
    this.#set({ state: 'checking' });
    // The updater reads only a feed whose signature holds: a tampered latest.yml stops here.
    const feed = await this.options.verifier.verifyFeed(this.options.channel);
    if (!feed.ok) {
      this.options.logger.warn({ code: feed.error.code }, 'update feed refused');
      this.#set({ state: 'error', message: feed.error.message });
      return;
    }
    try {
      await this.options.updater.checkForUpdates();
    } catch (error) {
      this.#set({ state: 'error', message: (error as Error).message });
    }
  }

  /** Installs now if no applicant is being served, else looks again shortly. */
  installWhenIdle(): void {
    const current = this.#state;
    if (current.state !== 'waiting_for_idle') return;
    if (this.options.sessionActive()) {
      const timer = setTimeout(() => this.installWhenIdle(), this.options.idlePollMs ?? 5000);
      timer.unref();
      this.#timers.push(timer);
      return;
    }
    this.#set({ state: 'installing', version: current.version });
    this.options.updater.quitAndInstall(true, true);
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }

  /** A downloaded artefact is installed only when its own signature holds (all platforms, not only NSIS). */
  async #downloaded(info: unknown): Promise<void> {
    const event = (typeof info === 'object' && info !== null ? info : {}) as {
      version?: unknown;
      downloadedFile?: unknown;
    };
    const version = typeof event.version === 'string' ? event.version : 'unknown';
    const file = typeof event.downloadedFile === 'string' ? event.downloadedFile : '';
    const checked = await this.options.verifier.verifyArtefact(file, version);
    if (!checked.ok) {
      this.options.logger.error({ code: checked.error.code, version }, 'downloaded update refused');
      this.#set({ state: 'error', message: checked.error.message });
      return;
    }
    this.#set({ state: 'waiting_for_idle', version });
    this.installWhenIdle();
  }

  #set(state: UpdateState): void {
    if (state.state !== this.#state.state)
      this.options.logger.info({ update: state.state }, 'update state changed');
    this.#state = state;
  }
}
