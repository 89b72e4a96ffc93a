/** hall-kiosk printing: documents, backends (CUPS, Windows, ESC/POS), the app-facing ReceiptPrinter. */

export type { Result } from '../../kernel/result';
export type { PrinterBackend, RenderedDocument, SubmittedJob } from './backends/backend';
export { CupsBackend } from './backends/cups-backend';
export { EscPosBackend, type EscPosBackendOptions } from './backends/escpos-backend';
export { WindowsBackend } from './backends/windows-backend';
export { createPrinter, type PrinterSettings, startEscPosSimulator } from './create-printer';
export * from './documents/index';
export { DeviceFileEscPosTransport } from './escpos/device-file-transport';
export { ReplyMatchingTransport, SerialEscPosTransport } from './escpos/serial-transport';
export { WinspoolRawTransport } from './escpos/winspool-raw-transport';
export type { CompletedPrint } from './print-job';
export { type PrinterSimulator, ReceiptPrinter } from './receipt-printer';
export { EscPosPrinterEmulator } from './simulator/escpos-emulator';
export type { PrinterStatus, PrintFailureCode } from './status';
