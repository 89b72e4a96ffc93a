import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DeviceChoice, deviceChoiceSchema } from '../../api/technician';
import type { KioskConfig } from '../../config/config';

/**
 * The devices a technician chose on the screen, kept beside the config as <dataDir>/device-choice.json
 * (no personal data). The devices open before the store does, so this is a plain file; the host
 * applies it over the config at start with applyDeviceChoice().
 */
export function deviceChoicePath(dataDir: string): string {
  return join(dataDir, 'device-choice.json');
}

export const noDeviceChoice: DeviceChoice = {
  idcard: null,
  printer: null,
  scanner: null,
  cameraDeviceId: null,
};

export function readDeviceChoice(dataDir: string): DeviceChoice {
  const path = deviceChoicePath(dataDir);
  if (!existsSync(path)) return noDeviceChoice;
  try {
    const parsed = deviceChoiceSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : noDeviceChoice;
  } catch {
    return noDeviceChoice;
  }
}

export function saveDeviceChoice(dataDir: string, choice: DeviceChoice): void {
  const path = deviceChoicePath(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(deviceChoiceSchema.parse(choice), null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/** The config with the chosen devices in place of the config file's. */
export function applyDeviceChoice(
  config: KioskConfig,
  choice: DeviceChoice = readDeviceChoice(config.dataDir),
): KioskConfig {
  let { idcard, printer, scanner } = config;
  switch (choice.idcard?.kind) {
    case 'simulator':
      idcard = { ...idcard, kind: 'simulator' };
      break;
    case 'serial':
      idcard = {
        ...idcard,
        kind: 'serial',
        serial: { path: choice.idcard.path, baudRate: choice.idcard.baudRate },
      };
      break;
    case 'hid':
      idcard = {
        ...idcard,
        kind: 'hid',
        hid: { ...idcard.hid, vendorId: choice.idcard.vendorId, productId: choice.idcard.productId },
      };
      break;
  }
  switch (choice.printer?.kind) {
    case 'simulator':
      printer = { ...printer, kind: 'simulator' };
      break;
    case 'cups':
    case 'windows':
      printer = { ...printer, kind: choice.printer.kind, name: choice.printer.name };
      break;
    case 'escpos':
      printer = {
        ...printer,
        kind: 'escpos',
        serialPath: choice.printer.serialPath,
        baudRate: choice.printer.baudRate,
      };
      break;
  }
  switch (choice.scanner?.kind) {
    case 'none':
      scanner = { ...scanner, kind: 'none' };
      break;
    case 'sane':
      scanner = { ...scanner, kind: 'sane', device: choice.scanner.device };
      break;
  }
  return { ...config, idcard, printer, scanner };
}

/** True when the running devices are not the chosen ones (the kiosk must start again). */
export function restartNeededFor(running: KioskConfig, choice: DeviceChoice): boolean {
  const wanted = applyDeviceChoice(running, choice);
  return (
    JSON.stringify([running.idcard, running.printer, running.scanner]) !==
    JSON.stringify([wanted.idcard, wanted.printer, wanted.scanner])
  );
}
