import { constants, type FileHandle, open } from 'node:fs/promises';
import { ReplyMatchingTransport } from './serial-transport';

/** How often an idle two-way device file is read for status replies. */
const READ_POLL_MS = 10;

/**
 * A USB printer class device (/dev/usb/lp0, the Linux usblp driver): ESC/POS bytes are written to the
 * device file, and a bidirectional printer's DLE EOT / GS r replies are read back from it. Opened
 * non-blocking, lazily, and again after the device vanished (unplugged: ENODEV / EIO), so a printer that
 * comes back is used again. `twoWay: false` opens it write-only, for printers (or a FIFO) that never
 * answer: requests then time out, and the backend's statusReplies setting decides what that means.
 */
export class DeviceFileEscPosTransport extends ReplyMatchingTransport {
  private handle: FileHandle | undefined;
  private opening: Promise<FileHandle> | undefined;
  private reading = false;

  constructor(
    private readonly path: string,
    private readonly twoWay = true,
  ) {
    super();
  }

  private open(): Promise<FileHandle> {
    if (this.handle) return Promise.resolve(this.handle);
    const flags =
      (this.twoWay ? constants.O_RDWR : constants.O_WRONLY) | constants.O_NONBLOCK | constants.O_NOCTTY;
    this.opening ??= open(this.path, flags).then(
      (handle) => {
        this.opening = undefined;
        this.handle = handle;
        if (this.twoWay) void this.readLoop(handle);
        return handle;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  private async readLoop(handle: FileHandle): Promise<void> {
    this.reading = true;
    const buffer = Buffer.alloc(64);
    while (this.handle === handle) {
      try {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead > 0) this.onData(buffer.subarray(0, bytesRead));
        else await sleep(READ_POLL_MS);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          await sleep(READ_POLL_MS);
          continue;
        }
        // The device is gone; the next write opens it again.
        if (this.handle === handle) this.drop(handle);
      }
    }
    this.reading = false;
  }

  private drop(handle: FileHandle): void {
    if (this.handle === handle) this.handle = undefined;
    void handle.close().catch(() => undefined);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = await this.open();
    let offset = 0;
    try {
      while (offset < bytes.length) {
        try {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
          offset += bytesWritten;
        } catch (error) {
          // The printer's buffer is full (non-blocking): wait for it to take more.
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          await sleep(READ_POLL_MS);
        }
      }
    } catch (error) {
      this.drop(handle);
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
    while (this.reading) await sleep(READ_POLL_MS);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
