/** An in-memory link to a ReaderEmulator, for engine tests that need no PTY. */
import type { CommandName } from '../../../drivers/idcard/codec';
import type { ReaderEmulator } from '../../../drivers/idcard/simulator/reader-emulator';
import {
  type ConnectionHandlers,
  type ReaderConnection,
  type ReaderTransport,
  TransportUnavailableError,
} from '../../../drivers/idcard/transports/transport';

export class EmulatorTransport implements ReaderTransport {
  readonly label = 'memory';
  readonly emulator: ReaderEmulator;
  /** Commands the emulator has answered, by name, in order. */
  readonly commands: (CommandName | null)[] = [];
  available = true;
  connects = 0;
  #handlers: ConnectionHandlers | null = null;

  constructor(emulator: ReaderEmulator) {
    this.emulator = emulator;
  }

  count(name: CommandName): number {
    return this.commands.filter((c) => c === name).length;
  }

  async connect(handlers: ConnectionHandlers): Promise<ReaderConnection> {
    if (!this.available) throw new TransportUnavailableError('memory reader unplugged');
    this.connects++;
    this.#handlers = handlers;
    let open = true;
    return {
      write: async (bytes) => {
        if (!open || this.#handlers !== handlers) throw new Error('closed');
        for (const reply of this.emulator.receive(bytes)) {
          this.commands.push(reply.command);
          setImmediate(() => {
            if (open) handlers.onData(reply.bytes);
          });
        }
      },
      close: async () => {
        open = false;
      },
    };
  }

  /** The reader vanishes: the open link closes and reconnects fail until replug(). */
  unplug(): void {
    this.available = false;
    const handlers = this.#handlers;
    this.#handlers = null;
    handlers?.onClose('unplugged');
  }

  replug(): void {
    this.available = true;
  }

  /** Bytes on the line outside any reply. */
  inject(bytes: Uint8Array): void {
    this.#handlers?.onData(Buffer.from(bytes));
  }
}
