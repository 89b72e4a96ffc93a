import type { DecodedPhoto } from '../identity/photo';

/** What a reader link delivers to the engine. Called from the transport's I/O callbacks. */
export interface ConnectionHandlers {
  onData(chunk: Buffer): void;
  /** The link is gone (unplugged, I/O error, closed). Called at most once per connection. */
  onClose(reason: string): void;
}

/** One open link to a reader. I/O lives here and nowhere else in the driver. */
export interface ReaderConnection {
  /** Resolves once the bytes have left the process (drained), rejects on an I/O error. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /**
   * The photo of the card just read, decoded by the link itself (a vendor SDK that decodes WLT), once;
   * absent or null for links that carry raw frames only.
   */
  takeDecodedPhoto?(): DecodedPhoto | null;
}

/** A way to reach a reader; connect() may be called again after a connection closes (replug). */
export interface ReaderTransport {
  /** For logs and the technician: the port or device, never personal data. */
  readonly label: string;
  connect(handlers: ConnectionHandlers): Promise<ReaderConnection>;
}

/** A reader could not be reached (no such port, no device, nothing answered a probe). */
export class TransportUnavailableError extends Error {
  override readonly name = 'TransportUnavailableError';
}
