/**
 * What technician mode needs from the updater. The Electron shell fills HostContext.updates with
 * its UpdateController; browser mode has none and reports the updater as disabled.
 */
export type UpdaterState =
  | { state: 'disabled' }
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'downloading'; percent: number }
  | { state: 'waiting_for_idle'; version: string }
  | { state: 'installing'; version: string }
  | { state: 'error'; message: string };

export interface UpdatesPort {
  readonly state: UpdaterState;
  readonly channel: string;
  checkNow(): Promise<void>;
}
