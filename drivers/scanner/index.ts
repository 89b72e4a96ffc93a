/** hall-kiosk page capture: SANE flatbed scans and document-camera frames, normalised for storage. */

export type { Result } from '../../kernel/result';
export {
  type CaptureFailureCode,
  type CreateScannerOptions,
  createScanner,
  type DocumentScanner,
  type DocumentScannerStatus,
  type ScannerSettings,
} from './create-scanner';
export {
  DEFAULT_PAGE_LIMITS,
  type NormalisedPage,
  normalisePage,
  type PageFormat,
  type PageLimits,
  type QuarterTurn,
} from './normalise-page';
export { parseSaneDeviceList, SaneScanner, type ScannerStatus } from './sane-scanner';
