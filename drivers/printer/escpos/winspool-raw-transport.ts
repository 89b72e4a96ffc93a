import type { EscPosTransport } from './serial-transport';

/** The winspool functions used, bound with koffi. */
interface Winspool {
  open(printer: string): unknown;
  startDoc(handle: unknown, title: string): number;
  startPage(handle: unknown): number;
  write(handle: unknown, bytes: Buffer): number;
  endPage(handle: unknown): number;
  endDoc(handle: unknown): number;
  close(handle: unknown): number;
}

type KoffiFn = (...args: unknown[]) => unknown;
interface KoffiModule {
  load(path: string): { func(signature: string): KoffiFn };
  struct(name: string, fields: Record<string, string>): unknown;
  opaque(name?: string): unknown;
  pointer(name: string, type: unknown): unknown;
}

const bound = new Map<string, Winspool>();

/** Loads winspool (or a stand-in with the same exports) once per process. */
async function bindWinspool(library: string): Promise<Winspool> {
  const cached = bound.get(library);
  if (cached) return cached;
  const koffi = ((await import('koffi')) as unknown as { default: KoffiModule }).default;
  let lib: ReturnType<KoffiModule['load']>;
  try {
    lib = koffi.load(library);
  } catch (error) {
    throw new Error(`cannot load ${library}: ${(error as Error).message}`);
  }
  // Types are registered once per process by name; a second library reuses them.
  if (bound.size === 0) {
    koffi.pointer('PRINTER_HANDLE', koffi.opaque());
    koffi.struct('RAW_DOC_INFO_1W', { pDocName: 'str16', pOutputFile: 'str16', pDatatype: 'str16' });
  }
  const OpenPrinterW = lib.func(
    'int __stdcall OpenPrinterW(str16 name, _Out_ PRINTER_HANDLE *handle, void *defaults)',
  );
  const StartDocPrinterW = lib.func(
    'uint32_t __stdcall StartDocPrinterW(PRINTER_HANDLE handle, uint32_t level, RAW_DOC_INFO_1W *info)',
  );
  const StartPagePrinter = lib.func('int __stdcall StartPagePrinter(PRINTER_HANDLE handle)');
  const WritePrinter = lib.func(
    'int __stdcall WritePrinter(PRINTER_HANDLE handle, const uint8_t *bytes, uint32_t count, _Out_ uint32_t *written)',
  );
  const EndPagePrinter = lib.func('int __stdcall EndPagePrinter(PRINTER_HANDLE handle)');
  const EndDocPrinter = lib.func('int __stdcall EndDocPrinter(PRINTER_HANDLE handle)');
  const ClosePrinter = lib.func('int __stdcall ClosePrinter(PRINTER_HANDLE handle)');
  const winspool: Winspool = {
    open(printer) {
      const out: unknown[] = [null];
      return OpenPrinterW(printer, out, null) ? out[0] : null;
    },
    startDoc: (handle, title) =>
      StartDocPrinterW(handle, 1, { pDocName: title, pOutputFile: null, pDatatype: 'RAW' }) as number,
    startPage: (handle) => StartPagePrinter(handle) as number,
    write(handle, bytes) {
      const written = [0];
      return WritePrinter(handle, bytes, bytes.length, written) ? (written[0] ?? 0) : -1;
    },
    endPage: (handle) => EndPagePrinter(handle) as number,
    endDoc: (handle) => EndDocPrinter(handle) as number,
    close: (handle) => ClosePrinter(handle) as number,
  };
  bound.set(library, winspool);
  return winspool;
}

/**
 * ESC/POS bytes to a Windows printer queue as a RAW spool job (OpenPrinter / StartDocPrinter with
 * datatype RAW / WritePrinter / EndDocPrinter): what receipt printers with only a Windows driver need.
 * A spooler carries no replies, so status requests are not sent (they would each become a job) and
 * resolve at once with nothing; the backend then takes the queue's status (Get-Printer) instead.
 * `library` is winspool.drv on Windows; tests load a stand-in with the same exports.
 */
export class WinspoolRawTransport implements EscPosTransport {
  constructor(
    private readonly printerName: string,
    private readonly library = 'winspool.drv',
    private readonly title = 'hall-kiosk receipt',
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    const winspool = await bindWinspool(this.library);
    const handle = winspool.open(this.printerName);
    if (!handle) throw new Error(`OpenPrinter failed for "${this.printerName}"`);
    try {
      if (!winspool.startDoc(handle, this.title)) throw new Error('StartDocPrinter (RAW) failed');
      try {
        winspool.startPage(handle);
        const written = winspool.write(handle, Buffer.from(bytes));
        if (written !== bytes.length)
          throw new Error(`WritePrinter wrote ${written} of ${bytes.length} bytes`);
        winspool.endPage(handle);
      } finally {
        winspool.endDoc(handle);
      }
    } finally {
      winspool.close(handle);
    }
  }

  async request(): Promise<number | undefined> {
    return undefined;
  }

  async awaitReply(): Promise<number | undefined> {
    return undefined;
  }

  async close(): Promise<void> {}
}
