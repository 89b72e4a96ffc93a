import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandName, encodeResponse } from '../codec/commands';
import { createCommandParser, toCommandFrame } from '../codec/frame-parser';
import { PHOTO_LENGTH, TEXT_LENGTH } from '../codec/read-reply';
import { sw3Byte } from '../codec/status';
import type { DecodedPhoto } from '../identity/photo';
import {
  type ConnectionHandlers,
  type ReaderConnection,
  type ReaderTransport,
  TransportUnavailableError,
} from './transport';

/**
 * The exported-function shapes of common reader SDKs:
 * - termb (termb.dll / libtermb.so): InitComm(port) / Authenticate() / Read_Content(active) (or
 *   Read_Content_Path(dir, active)) / CloseComm(), 1 = success; Read_Content writes wz.txt (the 256-byte
 *   text), xp.wlt and the decoded photo zp.bmp (or zp.jpg).
 * - sdtapi (sdtapi.dll): SDT_OpenPort / SDT_StartFindIDCard / SDT_SelectIDCard / SDT_ReadBaseMsg /
 *   SDT_ClosePort, 0x90 = success, 0x9F = card found; raw text and WLT, no decoded photo.
 */
export type VendorSdkShape = 'termb' | 'sdtapi';

export interface VendorSdkOptions {
  /** Path of the vendor's library file. */
  library: string;
  shape: VendorSdkShape;
  /** The port number the library takes (1-16 COM ports, 1001-1016 USB in most SDKs). */
  port: number;
}

/** What one read gives: the raw blocks, and the photo where the library decodes it. */
interface SdkRead {
  text: Buffer;
  wlt: Buffer;
  photo: DecodedPhoto | null;
}

/** One SDK shape's calls, bound to a loaded library. All run off the event loop (koffi async). */
interface SdkSession {
  open(): Promise<boolean>;
  close(): Promise<void>;
  /** find (+ select for termb, whose Authenticate does both). */
  find(): Promise<boolean>;
  select(): Promise<Buffer | null>;
  read(): Promise<SdkRead | null>;
}

type AsyncFn = ((...args: unknown[]) => unknown) & {
  async: (...args: unknown[]) => void;
};

function call(fn: AsyncFn, ...args: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => {
    fn.async(...args, (error: Error | null, result: number) => (error ? reject(error) : resolve(result)));
  });
}

interface KoffiLike {
  load(path: string): { func(signature: string): AsyncFn };
}

const requiredExports: Record<VendorSdkShape, string[]> = {
  termb: ['InitComm', 'CloseComm', 'Authenticate', 'Read_Content'],
  sdtapi: ['SDT_OpenPort', 'SDT_ClosePort', 'SDT_StartFindIDCard', 'SDT_SelectIDCard', 'SDT_ReadBaseMsg'],
};

type Bound = Record<string, AsyncFn>;
/** A library stays loaded for the life of the process (unloading native code is not safe). */
const loadedLibraries = new Map<string, Bound>();

async function bindLibrary(options: VendorSdkOptions): Promise<Bound> {
  const key = `${options.shape}\0${options.library}`;
  const cached = loadedLibraries.get(key);
  if (cached) return cached;
  if (options.library === '')
    throw new TransportUnavailableError('vendor SDK: no library configured (idcard.sdk.library)');
  const koffi = ((await import('koffi')) as unknown as { default: KoffiLike }).default;
  let library: ReturnType<KoffiLike['load']>;
  try {
    library = koffi.load(options.library);
  } catch (error) {
    throw new TransportUnavailableError(
      `vendor SDK: cannot load ${options.library}: ${(error as Error).message}`,
    );
  }
  const signatures: Record<VendorSdkShape, Record<string, string>> = {
    termb: {
      InitComm: 'int __stdcall InitComm(int port)',
      CloseComm: 'int __stdcall CloseComm()',
      Authenticate: 'int __stdcall Authenticate()',
      Read_Content: 'int __stdcall Read_Content(int active)',
      Read_Content_Path: 'int __stdcall Read_Content_Path(const char *dir, int active)',
    },
    sdtapi: {
      SDT_OpenPort: 'int __stdcall SDT_OpenPort(int port)',
      SDT_ClosePort: 'int __stdcall SDT_ClosePort(int port)',
      SDT_StartFindIDCard: 'int __stdcall SDT_StartFindIDCard(int port, _Out_ uint8_t *manaInfo, int ifOpen)',
      SDT_SelectIDCard: 'int __stdcall SDT_SelectIDCard(int port, _Out_ uint8_t *manaMsg, int ifOpen)',
      SDT_ReadBaseMsg:
        'int __stdcall SDT_ReadBaseMsg(int port, _Out_ uint8_t *text, _Out_ uint32_t *textLen, _Out_ uint8_t *wlt, _Out_ uint32_t *wltLen, int ifOpen)',
    },
  };
  const bound: Bound = {};
  const missing: string[] = [];
  for (const [name, signature] of Object.entries(signatures[options.shape])) {
    try {
      bound[name] = library.func(signature);
    } catch {
      if (requiredExports[options.shape].includes(name)) missing.push(name);
    }
  }
  if (missing.length > 0) {
    throw new TransportUnavailableError(
      `vendor SDK: ${options.library} does not export ${missing.join(', ')}; shape "${options.shape}" needs ${requiredExports[options.shape].join(', ')} (is idcard.sdk.shape right?)`,
    );
  }
  loadedLibraries.set(key, bound);
  return bound;
}

/** Width and height of a BMP or JPEG, or null when the bytes are neither. */
export function photoFromImage(bytes: Buffer): DecodedPhoto | null {
  if (bytes.length > 26 && bytes[0] === 0x42 && bytes[1] === 0x4d) {
    return {
      width: bytes.readInt32LE(18),
      height: Math.abs(bytes.readInt32LE(22)),
      mediaType: 'image/bmp',
      bytes: new Uint8Array(bytes),
    };
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk the segments to the first start-of-frame marker (SOF0..SOF15 except DHT/JPG/DAC).
    let offset = 2;
    while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
      const marker = bytes[offset + 1]!;
      const length = bytes.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return {
          width: bytes.readUInt16BE(offset + 7),
          height: bytes.readUInt16BE(offset + 5),
          mediaType: 'image/jpeg',
          bytes: new Uint8Array(bytes),
        };
      }
      offset += 2 + length;
    }
  }
  return null;
}

async function readIfThere(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

function termbSession(fns: Bound, port: number, workDir: string | null): SdkSession {
  let authenticated = false;
  const fileDir = workDir ?? process.cwd();
  const files = ['wz.txt', 'xp.wlt', 'zp.bmp', 'zp.jpg'];
  // The files hold the holder's data: gone as soon as they are read (and before each read).
  const removeFiles = () => Promise.all(files.map((f) => rm(join(fileDir, f), { force: true })));
  return {
    open: async () => (await call(fns.InitComm!, port)) === 1,
    close: async () => {
      await call(fns.CloseComm!).catch(() => undefined);
      await removeFiles();
    },
    async find() {
      authenticated = (await call(fns.Authenticate!)) === 1;
      return authenticated;
    },
    // Authenticate selected the card already; termb does not give select's bytes (zeros, as readers).
    select: async () => (authenticated ? Buffer.alloc(8) : null),
    async read() {
      if (!authenticated) return null;
      authenticated = false;
      await removeFiles();
      try {
        const result =
          workDir !== null && fns.Read_Content_Path
            ? await call(fns.Read_Content_Path, workDir, 1)
            : await call(fns.Read_Content!, 1);
        if (result !== 1) return null;
        const text = await readIfThere(join(fileDir, 'wz.txt'));
        const wlt = (await readIfThere(join(fileDir, 'xp.wlt'))) ?? Buffer.alloc(PHOTO_LENGTH);
        if (!text || text.length < TEXT_LENGTH) return null;
        const image =
          (await readIfThere(join(fileDir, 'zp.bmp'))) ?? (await readIfThere(join(fileDir, 'zp.jpg')));
        return {
          text: text.subarray(0, TEXT_LENGTH),
          wlt: Buffer.concat([wlt, Buffer.alloc(PHOTO_LENGTH)]).subarray(0, PHOTO_LENGTH),
          photo: image ? photoFromImage(image) : null,
        };
      } finally {
        await removeFiles();
      }
    },
  };
}

function sdtapiSession(fns: Bound, port: number): SdkSession {
  return {
    open: async () => (await call(fns.SDT_OpenPort!, port)) === 0x90,
    close: async () => {
      await call(fns.SDT_ClosePort!, port).catch(() => undefined);
    },
    find: async () => (await call(fns.SDT_StartFindIDCard!, port, Buffer.alloc(8), 0)) === 0x9f,
    async select() {
      const mana = Buffer.alloc(8);
      return (await call(fns.SDT_SelectIDCard!, port, mana, 0)) === 0x90 ? mana : null;
    },
    async read() {
      const text = Buffer.alloc(TEXT_LENGTH);
      const wlt = Buffer.alloc(PHOTO_LENGTH);
      const textLength = [0];
      const wltLength = [0];
      const result = await call(fns.SDT_ReadBaseMsg!, port, text, textLength, wlt, wltLength, 0);
      if (result !== 0x90 || (textLength[0] ?? 0) < TEXT_LENGTH) return null;
      return { text, wlt, photo: null };
    },
  };
}

function readReplyData(read: SdkRead, withFingerprint: boolean): Buffer {
  const header = Buffer.alloc(withFingerprint ? 6 : 4);
  header.writeUInt16BE(TEXT_LENGTH, 0);
  header.writeUInt16BE(PHOTO_LENGTH, 2);
  return Buffer.concat([header, read.text, read.wlt]);
}

/**
 * A reader behind its vendor's SDK library, loaded with koffi. The library does the talking to the
 * reader; this transport turns the engine's SAM commands into SDK calls and the results back into
 * reply frames, so polling, swaps and removal work as for any reader. A decoded photo the library
 * writes is handed to the engine (takeDecodedPhoto). A library that is missing, is not a library, or
 * lacks the shape's functions makes connect() fail with a message that names the problem.
 */
export class VendorSdkTransport implements ReaderTransport {
  readonly #options: VendorSdkOptions;

  constructor(options: VendorSdkOptions) {
    this.#options = options;
  }

  get label(): string {
    return `sdk ${this.#options.shape} port ${this.#options.port}`;
  }

  async connect(handlers: ConnectionHandlers): Promise<ReaderConnection> {
    const fns = await bindLibrary(this.#options);
    const workDir =
      this.#options.shape === 'termb' && fns.Read_Content_Path
        ? await mkdtemp(join(tmpdir(), 'idcard-sdk-'))
        : null;
    const session =
      this.#options.shape === 'termb'
        ? termbSession(fns, this.#options.port, workDir)
        : sdtapiSession(fns, this.#options.port);
    const cleanUp = async () => {
      await session.close();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    };
    let opened: boolean;
    try {
      opened = await session.open();
    } catch (error) {
      await cleanUp();
      throw new TransportUnavailableError(`vendor SDK: opening port failed: ${(error as Error).message}`);
    }
    if (!opened) {
      await cleanUp();
      throw new TransportUnavailableError(
        `vendor SDK: ${this.#options.shape === 'termb' ? 'InitComm' : 'SDT_OpenPort'}(${this.#options.port}) failed: no reader on that port?`,
      );
    }
    const parser = createCommandParser();
    let closed = false;
    let photo: DecodedPhoto | null = null;
    const answer = async (name: CommandName | null): Promise<Buffer> => {
      switch (name) {
        case 'samStatus':
        case 'resetSam':
          return encodeResponse(sw3Byte('success'));
        case 'findCard':
          return (await session.find())
            ? encodeResponse(sw3Byte('card_found'), Buffer.alloc(4))
            : encodeResponse(sw3Byte('no_card'));
        case 'selectCard': {
          const selected = await session.select();
          return selected
            ? encodeResponse(sw3Byte('success'), selected)
            : encodeResponse(sw3Byte('select_failed'));
        }
        case 'readBaseInfo':
        case 'readFullInfo': {
          const read = await session.read();
          photo = null;
          if (!read) return encodeResponse(sw3Byte('read_failed'));
          photo = read.photo;
          return encodeResponse(sw3Byte('success'), readReplyData(read, name === 'readFullInfo'));
        }
        case 'readAddedAddress':
          return encodeResponse(sw3Byte('no_data'));
        default:
          return encodeResponse(sw3Byte('unknown_command'));
      }
    };
    // SDK libraries are not reentrant: one call at a time, in order, even after an engine timeout.
    let calls: Promise<void> = Promise.resolve();
    return {
      write: async (bytes) => {
        if (closed) throw new Error('vendor SDK port closed');
        for (const item of parser.push(Buffer.from(bytes))) {
          if (item.kind !== 'frame') continue;
          const name = toCommandFrame(item.frame).name;
          calls = calls.then(async () => {
            if (closed) return;
            // A call that threw is a reader that did not answer: the engine's timeout handles it.
            const reply = await answer(name).catch(() => null);
            if (reply && !closed) handlers.onData(reply);
          });
        }
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await calls;
        await cleanUp();
        handlers.onClose('closed by the driver');
      },
      takeDecodedPhoto: () => {
        const taken = photo;
        photo = null;
        return taken;
      },
    };
  }
}
