/** socat PTY pairs for the device emulators (ID card reader, ESC/POS printer) and their temp folders. */
export { PtyPair } from './pty-pair';
export { createSimulatorFolder, ownerFileName, sweepStaleSimulatorFolders } from './simulator-folder';
