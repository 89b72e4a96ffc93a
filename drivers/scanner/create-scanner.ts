import type { Logger } from 'pino';
import type { Result } from '../../kernel/result';
import { type NormalisedPage, normalisePage, type PageFormat, type QuarterTurn } from './normalise-page';
import { SaneScanner, type ScannerStatus } from './sane-scanner';

/** The scanner section of the kiosk config (host/config/config.ts), as this driver reads it. */
export interface ScannerSettings {
  readonly kind: 'none' | 'sane';
  readonly device: string;
  readonly resolutionDpi?: number;
  readonly mode?: 'Color' | 'Gray';
  readonly pageFormat?: PageFormat;
  readonly maxLongEdgePx?: number;
  readonly maxPageBytes?: number;
}

export type CaptureFailureCode = 'no_scanner' | 'scanner_not_found' | 'scan_failed' | 'bad_image';

export type DocumentScannerStatus = ScannerStatus | { readonly state: 'none' };

/** Page capture for the materials step: flatbed scans and document-camera frames, both normalised. */
export interface DocumentScanner {
  status(): Promise<DocumentScannerStatus>;
  /** Scans one page on the flatbed. */
  scanPage(rotation?: QuarterTurn): Promise<Result<NormalisedPage, CaptureFailureCode>>;
  /** A frame the renderer took with the document camera (JPEG or PNG bytes). */
  normaliseCameraPage(
    image: Uint8Array,
    rotation?: QuarterTurn,
  ): Promise<Result<NormalisedPage, CaptureFailureCode>>;
}

export interface CreateScannerOptions {
  /** Environment for scanimage (SANE_CONFIG_DIR in tests and the demo). */
  readonly env?: NodeJS.ProcessEnv;
}

export function createScanner(
  settings: ScannerSettings,
  logger: Logger,
  options: CreateScannerOptions = {},
): DocumentScanner {
  const log = logger.child({ device: 'scanner' });
  const limits = {
    format: settings.pageFormat ?? 'jpeg',
    maxLongEdgePx: settings.maxLongEdgePx ?? 2480,
    maxBytes: settings.maxPageBytes ?? 600_000,
  } as const;
  // SANE's test backend scans solid black by default; the colour pattern shows the demo works.
  const testBackend = settings.device === 'test' || settings.device.startsWith('test:');
  const sane =
    settings.kind === 'sane'
      ? new SaneScanner({
          device: settings.device,
          ...(testBackend ? { extraArgs: ['--test-picture', 'Color pattern'] } : {}),
          ...(options.env ? { env: options.env } : {}),
        })
      : undefined;
  let lastState: string | undefined;

  const normalise = async (
    image: Uint8Array,
    rotation: QuarterTurn,
  ): Promise<Result<NormalisedPage, CaptureFailureCode>> => {
    try {
      return { ok: true, value: await normalisePage(image, rotation, limits) };
    } catch (error) {
      return {
        ok: false,
        error: { code: 'bad_image', message: `Not a readable image: ${(error as Error).message}` },
      };
    }
  };

  return {
    async status() {
      if (!sane) return { state: 'none' };
      const status = await sane.status();
      if (status.state !== lastState) {
        lastState = status.state;
        log.info({ status }, 'scanner status changed');
      }
      return status;
    },
    async scanPage(rotation = 0) {
      if (!sane) return { ok: false, error: { code: 'no_scanner', message: 'No scanner is configured.' } };
      let png: Buffer;
      try {
        png = await sane.scanPng({
          resolutionDpi: settings.resolutionDpi ?? 200,
          mode: settings.mode ?? 'Color',
        });
      } catch (error) {
        const status = await sane.status();
        log.warn({ status: status.state }, 'scan failed');
        return status.state === 'not_found'
          ? {
              ok: false,
              error: { code: 'scanner_not_found', message: `Scanner ${settings.device} is not connected.` },
            }
          : { ok: false, error: { code: 'scan_failed', message: (error as Error).message } };
      }
      return normalise(png, rotation);
    },
    normaliseCameraPage(image, rotation = 0) {
      return normalise(image, rotation);
    },
  };
}
