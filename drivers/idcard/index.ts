/** ID card readers (GA/T 467 SAM protocol): codec, identity decoding, reader engine, transports, simulator. */
export * from './codec';
export {
  type CardReader,
  type CardReaderOptions,
  type CardReaderSettings,
  createCardReader,
  type ReaderSimulatorControl,
} from './create-reader';
export {
  type DiscoverySources,
  discoverReaders,
  type ReaderCandidate,
  systemDiscoverySources,
} from './discovery';
export * from './identity';
export { AsyncMutex } from './reader/async-mutex';
export {
  type CardLeftOnBehaviour,
  type CardReadDetails,
  IdCardReader,
  type IdCardReaderEvents,
  type IdCardReaderOptions,
} from './reader/id-card-reader';
export {
  type ReaderBehaviourName,
  type ReaderBehaviourProfile,
  readerBehaviourNames,
  readerBehaviourProfiles,
} from './reader/profiles';
export type { CardErrorCode, ReaderState, ReaderStatus } from './reader/status';
export {
  findUsbReaderModel,
  type HidProfileName,
  hidLayoutFor,
  hidProfileNames,
  hidProfiles,
  type ReaderLink,
  type UsbReaderModel,
  usbReaderModels,
} from './reader-models';
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
  ackReport,
  defaultHidReportLayout,
  frameToReports,
  type HidReportLayout,
  HidReportReassembler,
  type ReportIn,
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
export {
  type UsbBackend,
  type UsbBulkDevice,
  type UsbBulkEndpoints,
  UsbBulkFrameTransport,
  type UsbBulkTransportOptions,
  type UsbDeviceInfo,
  usbLibBackend,
} from './transports/usb-bulk';
export {
  photoFromImage,
  type VendorSdkOptions,
  type VendorSdkShape,
  VendorSdkTransport,
} from './transports/vendor-sdk';
