/** ID card readers (GA/T 467 SAM protocol): codec, identity decoding, reader engine, transports, simulator. */
export * from './codec';
export {
  type CardReader,
  type CardReaderOptions,
  type CardReaderSettings,
  createCardReader,
  type ReaderSimulatorControl,
} from './create-reader';
export * from './identity';
export { AsyncMutex } from './reader/async-mutex';
export {
  type CardReadDetails,
  IdCardReader,
  type IdCardReaderEvents,
  type IdCardReaderOptions,
} from './reader/id-card-reader';
export type { CardErrorCode, ReaderState, ReaderStatus } from './reader/status';
export { type EmulatorReply, ReaderEmulator, type ReaderEmulatorOptions } from './simulator/reader-emulator';
export { type ReplyWritten, SerialReaderEmulator } from './simulator/serial-emulator';
export { SimulatedReader, type SimulatedReaderOptions } from './simulator/simulated-reader';
export { buildTestCards, type TestCard, withCheckCharacter } from './simulator/test-cards';
export {
  type HidBackend,
  type HidDeviceHandle,
  HidFrameTransport,
  type HidTransportOptions,
  nodeHidBackend,
} from './transports/hid';
export {
  defaultHidReportLayout,
  frameToReports,
  type HidReportLayout,
  HidReportReassembler,
} from './transports/hid-reports';
export {
  detectSerialReader,
  listSerialPorts,
  probeSerialPort,
  SerialFrameTransport,
  type SerialTransportOptions,
} from './transports/serial';
export type { ConnectionHandlers, ReaderConnection, ReaderTransport } from './transports/transport';
export { TransportUnavailableError } from './transports/transport';
