import type { KioskClient, MethodName } from '../../../host/api/contract';
import { type HostEvent, hostEventSchema } from '../../../host/api/events';
import { API_BASE_PATH, type CallResponse, type KioskBridge } from '../../../host/api/wire';

/** A call the host refused as malformed, or a host bug: not an expected failure, so it throws. */
export class HostCallError extends Error {
  override readonly name = 'HostCallError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface KioskTransport {
  call(method: string, input: unknown): Promise<CallResponse>;
  onEvent(listener: (event: unknown) => void): () => void;
  /**
   * Called whenever the event channel (re)connects: events sent while it was down (a card laid on the
   * reader before the page was ready) are missed, so the renderer looks again. Optional: Electron's
   * bridge is connected from the start.
   */
  onConnect?(listener: () => void): () => void;
}

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

/**
 * Browser mode: HTTP for calls, a WebSocket for events. Both carry the session cookie the launcher's
 * link set (HttpOnly: the page never sees it) and this page's origin.
 */
export function webTransport(origin = window.location.origin): KioskTransport {
  const listeners = new Set<(event: unknown) => void>();
  const connectListeners = new Set<() => void>();
  let socket: WebSocket | null = null;
  let retryMs = 250;
  const connect = () => {
    const url = new URL(`${API_BASE_PATH}/events`, origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 250;
      for (const listener of connectListeners) listener();
    };
    socket.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      for (const listener of listeners) listener(data);
    };
    socket.onclose = (closed) => {
      socket = null;
      if (closed.code === 4401) return;
      // The host restarted or the link blinked: reconnect, backing off to at most 2 s.
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 2000);
    };
  };
  return {
    async call(method, input) {
      const response = await fetch(new URL(`${API_BASE_PATH}/call/${encodeURIComponent(method)}`, origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as CallResponse;
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
    onConnect(listener) {
      connectListeners.add(listener);
      return () => connectListeners.delete(listener);
    },
  };
}

/** Pick the transport: the Electron preload's bridge when present, the loopback server otherwise. */
export function defaultTransport(): KioskTransport {
  if (window.kiosk) return window.kiosk;
  return webTransport();
}

/** The renderer's typed client: one async function per host method, typed from the contract. */
export function createKioskClient(transport: KioskTransport): KioskClient {
  return new Proxy({} as KioskClient, {
    get(_target, property) {
      if (typeof property !== 'string') return undefined;
      return async (input: unknown) => {
        const response = await transport.call(property as MethodName, input ?? {});
        if (response.status === 'ok') return response.result;
        throw new HostCallError(response.code, response.message);
      };
    },
  });
}

/** Events from the host, checked against the contract before the UI sees them. */
export function subscribeHostEvents(
  transport: KioskTransport,
  listener: (event: HostEvent) => void,
): () => void {
  return transport.onEvent((raw) => {
    const parsed = hostEventSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  });
}
