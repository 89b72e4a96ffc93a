import { err, ok } from '../../../kernel/result';
import type { DeviceStatusEvent } from '../../api/events';
import { type IdentityView, maskIdNumber } from '../../api/identity';
import type { MaskedIdentity } from '../../api/technician';
import { listAttachedDevices } from './attached-devices';
import { readDeviceChoice, restartNeededFor, saveDeviceChoice } from './device-choice';
import type { TechnicianKit } from './kit';
import type { TechnicianMethods } from './technician-methods';

type DeviceMethods = Pick<
  TechnicianMethods,
  | 'listDevices'
  | 'getDeviceChoice'
  | 'setDeviceChoice'
  | 'getDeviceStatus'
  | 'testCardRead'
  | 'printTestReceipt'
  | 'testScan'
>;

/** A test read shows the technician that the reader works, never whose card it was. */
export function maskIdentity(identity: IdentityView): MaskedIdentity {
  const chars = [...identity.name];
  return {
    cardType: identity.cardType,
    maskedName: `${chars[0] ?? ''}${'*'.repeat(Math.min(8, Math.max(1, chars.length - 1)))}`,
    maskedIdNumber: maskIdNumber(identity.idNumber),
    expired: identity.expired,
    checkDigitValid: identity.checkDigitValid,
  };
}

/** The kiosk's devices: what is attached, which are chosen, their status and a test of each. */
export function createDeviceMethods(kit: TechnicianKit): DeviceMethods {
  const { context, log, guard, session, options, tracker } = kit;
  return {
    listDevices: ({ token }) =>
      guard(token, async () =>
        ok(await listAttachedDevices(context.config, options.saneEnv ? { saneEnv: options.saneEnv } : {})),
      ),

    getDeviceChoice: ({ token }) =>
      guard(token, async () => {
        const choice = readDeviceChoice(context.config.dataDir);
        return ok({ choice, restartNeeded: restartNeededFor(context.config, choice) });
      }),

    setDeviceChoice: ({ token, choice }) =>
      guard(token, async () => {
        try {
          saveDeviceChoice(context.config.dataDir, choice);
        } catch (error) {
          log.error({ err: error }, 'device choice could not be saved');
          return err(
            'save_failed',
            `The choice could not be saved: ${(error as Error).message.slice(0, 200)}`,
          );
        }
        kit.audit('devices.choose', {
          idcard: choice.idcard?.kind ?? null,
          printer: choice.printer?.kind ?? null,
          scanner: choice.scanner?.kind ?? null,
          camera: choice.cameraDeviceId !== null,
        });
        return ok({ choice, restartNeeded: restartNeededFor(context.config, choice) });
      }),

    getDeviceStatus: ({ token }) =>
      guard(token, async () => {
        const idcard = tracker.get('idcard') ?? {
          device: 'idcard' as const,
          state: context.cards.currentIdentity() ? 'card_present' : 'unknown',
        };
        const printerStatus = await context.printer
          .status()
          .catch((error: unknown) => ({ state: 'error' as const, message: String(error) }));
        const printer: DeviceStatusEvent = { device: 'printer', state: printerStatus.state };
        if (printerStatus.state === 'offline') printer.detail = printerStatus.reason.slice(0, 500);
        if (printerStatus.state === 'error') printer.detail = printerStatus.message.slice(0, 500);
        if ((printerStatus.state === 'ready' || printerStatus.state === 'printing') && printerStatus.paperLow)
          printer.detail = 'paper low';
        const scannerStatus = await context.scanner
          .status()
          .catch((error: unknown) => ({ state: 'error' as const, message: String(error) }));
        const scanner: DeviceStatusEvent = { device: 'scanner', state: scannerStatus.state };
        if (scannerStatus.state === 'error') scanner.detail = scannerStatus.message.slice(0, 500);
        else if ('device' in scannerStatus) scanner.detail = scannerStatus.device.slice(0, 500);
        return ok({ devices: [idcard, printer, scanner] });
      }),

    testCardRead: ({ token, timeoutSeconds }) =>
      guard(token, async () => {
        const current = context.cards.currentIdentity();
        // The card event names no one: the identity is read from the card service once it reports one.
        const outcome: { identity: IdentityView } | { error: string } | null = current
          ? { identity: current }
          : await new Promise((resolve) => {
              const timer = setTimeout(() => finish(null), timeoutSeconds * 1000);
              const unsubscribe = context.bus.subscribe((event) => {
                if (event.type === 'cardPlaced') {
                  const identity = context.cards.currentIdentity();
                  if (identity) finish({ identity });
                } else if (event.type === 'cardError') finish({ error: event.code });
              });
              function finish(value: { identity: IdentityView } | { error: string } | null) {
                clearTimeout(timer);
                unsubscribe();
                resolve(value);
              }
            });
        session.use(token);
        if (outcome === null) {
          kit.audit('device.test_read', { outcome: 'no_card' });
          return err('no_card', 'No card was laid on the reader in time.');
        }
        if ('error' in outcome) {
          kit.audit('device.test_read', { outcome: 'card_error', code: outcome.error });
          return err('card_error', `The card could not be read: ${outcome.error}`);
        }
        kit.audit('device.test_read', { outcome: 'read', cardType: outcome.identity.cardType });
        return ok(maskIdentity(outcome.identity));
      }),

    printTestReceipt: ({ token, language }) =>
      guard(token, async () => {
        const printed = await context.printer.printTestPage(language);
        kit.audit(
          'printer.test_page',
          printed.ok ? { outcome: 'printed' } : { outcome: 'failed', code: printed.error.code },
        );
        if (!printed.ok) return err('print_failed', printed.error.message.slice(0, 300));
        return ok({ jobId: printed.value.jobId.slice(0, 200) });
      }),

    testScan: ({ token }) =>
      guard(token, async () => {
        const status = await context.scanner.status();
        if (status.state === 'none') return err('no_scanner', 'No flatbed scanner is set in the config.');
        const scanned = await context.scanner.scanPage();
        kit.audit(
          'scanner.test_scan',
          scanned.ok ? { outcome: 'scanned' } : { outcome: 'failed', code: scanned.error.code },
        );
        if (!scanned.ok) return err('scan_failed', scanned.error.message.slice(0, 300));
        return ok({
          width: scanned.value.width,
          height: scanned.value.height,
          bytes: scanned.value.bytes.length,
        });
      }),
  };
}
