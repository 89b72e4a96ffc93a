/**
 * The envelope both transports (Electron ipc and HTTP) carry for one call. `rejected` means the
 * call itself was malformed or the host failed (a bug): the client throws HostCallError.
 */
export type CallResponse =
  | { readonly status: 'ok'; readonly result: unknown }
  | {
      readonly status: 'rejected';
      readonly code: 'unknown_method' | 'invalid_arguments' | 'internal_error' | 'unauthorized';
      readonly message: string;
    };

export const IPC_CHANNEL_PREFIX = 'kiosk:';
export const IPC_CALL_CHANNEL = `${IPC_CHANNEL_PREFIX}call`;
export const IPC_EVENT_CHANNEL = `${IPC_CHANNEL_PREFIX}event`;

/** Browser mode's session cookie (HttpOnly, SameSite=Strict), set by the launcher's bootstrap link. */
export const SESSION_COOKIE = 'kiosk_session';
export const API_BASE_PATH = '/api';

/** The bridge the Electron preload exposes as `window.kiosk`. */
export interface KioskBridge {
  call(method: string, input: unknown): Promise<CallResponse>;
  onEvent(listener: (event: unknown) => void): () => void;
}
