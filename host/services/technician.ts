import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { err, ok, type Result } from '../../kernel/result';
import type { DeviceStatusEvent } from '../api/events';
import { type IdentityView, maskIdNumber } from '../api/identity';
import {
  hallSettingsSchema,
  type MaskedIdentity,
  type technicianMethods,
  type UpdateStateView,
} from '../api/technician';
import type { HostEventBus } from '../core/event-bus';
import type { HostContext } from '../core/host-context';
import type { KioskRuntime } from '../core/kiosk-runtime';
import { MaintenancePin, type PinStorage, type ScryptCost } from './maintenance-pin';
import { type MaintenanceExitReason, MaintenanceSession } from './maintenance-session';
import { readDeviceChoice, restartNeededFor, saveDeviceChoice } from './technician-device-choice';
import { listAttachedDevices } from './technician-devices';
import { exportLogsAndAudit, recentLogLines } from './technician-logs';
import { effectiveHallSettings, hallSettingsKey, maxHallIdleTimeoutSeconds } from './technician-settings';
import type { UpdatesPort } from './technician-updates';

type Contract = typeof technicianMethods;
/** The technician area of the host API (the same shape HostApi has for these methods). */
export type TechnicianMethods = {
  [M in keyof Contract]: (
    args: z.output<Contract[M]['input']>,
  ) => Promise<Result<z.output<Contract[M]['output']>, Contract[M]['errors'][number]>>;
};

/** A PIN hash written by `npm run provision -- --pin`, taken into the store at the next start. */
export function pendingPinPath(dataDir: string): string {
  return join(dataDir, 'maintenance-pin.pending.json');
}

/**
 * The latest status each device reported on the bus. Create it as soon as the bus exists, so that
 * the reader's first report (sent once, on change) is not missed.
 */
export class DeviceStatusTracker {
  readonly #latest = new Map<string, DeviceStatusEvent>();
  readonly unsubscribe: () => void;

  constructor(bus: HostEventBus) {
    this.unsubscribe = bus.subscribe((event) => {
      if (event.type === 'deviceStatus') this.#latest.set(event.status.device, event.status);
      else if (event.type === 'cardPlaced')
        this.#latest.set('idcard', { device: 'idcard', state: 'card_present' });
      else if (event.type === 'cardRemoved')
        this.#latest.set('idcard', { device: 'idcard', state: 'no_card' });
    });
  }

  get(device: DeviceStatusEvent['device']): DeviceStatusEvent | undefined {
    return this.#latest.get(device);
  }
}

export interface TechnicianOptions {
  clock?: () => number;
  /** Maintenance leaves itself after this long without a call (default 5 minutes). */
  idleMs?: number;
  scryptCost?: ScryptCost;
  statusTracker?: DeviceStatusTracker;
  /** Environment for scanimage -L (tests). */
  saneEnv?: NodeJS.ProcessEnv;
}

const actor = 'technician';
const setupTokenMs = 30 * 60_000;

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

/**
 * Technician mode's host side. Everything but provisioning, the PIN and its lock needs the live
 * maintenance token; every entry, exit and action goes into the store's audit log (actor
 * "technician", never applicant data).
 */
export function createTechnicianApi(
  context: HostContext & { updates?: UpdatesPort | undefined },
  options: TechnicianOptions = {},
): TechnicianMethods {
  const clock = options.clock ?? Date.now;
  const tracker = options.statusTracker ?? new DeviceStatusTracker(context.bus);
  const log = context.logger.child({ area: 'technician' });
  let setupToken: { value: string; expiresAtMs: number } | null = null;

  const audit = (action: string, detail: Record<string, unknown> = {}) => {
    const runtime = context.runtime();
    try {
      runtime?.store.auditLog.append(actor, action, detail);
    } catch (error) {
      log.error({ err: error, action }, 'audit entry could not be written');
    }
    log.info({ action, ...detail }, 'technician action');
  };

  const session = new MaintenanceSession({
    idleMs: options.idleMs ?? 5 * 60_000,
    clock,
    onEnd: (reason: MaintenanceExitReason) => audit('maintenance.exit', { reason }),
  });

  let pinState: { runtime: KioskRuntime; pin: MaintenancePin } | null = null;
  const pinOf = (): MaintenancePin | null => {
    const runtime = context.runtime();
    if (!runtime) return null;
    if (pinState?.runtime !== runtime) {
      const storage: PinStorage = {
        get: (key) => runtime.store.settings.get(key),
        set: (key, value) => runtime.store.settings.set(key, value),
        audit: (action, detail) => audit(action, detail),
      };
      pinState = { runtime, pin: new MaintenancePin(storage, clock, options.scryptCost) };
    }
    // A hash from the command line (provisioning, or a forgotten PIN) replaces the stored one.
    const pending = pendingPinPath(context.config.dataDir);
    if (existsSync(pending)) {
      try {
        if (pinState.pin.importHash(JSON.parse(readFileSync(pending, 'utf8'))))
          log.info('maintenance PIN taken from the command line');
      } catch (error) {
        log.error({ err: error }, 'pending maintenance PIN unreadable');
      }
      rmSync(pending, { force: true });
    }
    return pinState.pin;
  };
  // Take a pending PIN in at start, so its file does not wait on disk for the first technician.
  pinOf();

  /** Runs `work` only with the live maintenance token. */
  const guard = <T>(token: string, work: () => Promise<T>) => {
    if (!session.use(token))
      return Promise.resolve(err('not_in_maintenance', 'Maintenance mode has ended: enter the PIN again.'));
    return work();
  };

  const iso = (ms: number) => new Date(ms).toISOString();

  const updateView = (): UpdateStateView => {
    const base = { currentVersion: context.version, channel: context.config.updates.channel };
    const port = context.updates;
    if (!port)
      return {
        ...base,
        state: 'disabled',
        reason: 'Updates are installed by the Electron shell; this kiosk runs in browser mode.',
      };
    const state = port.state;
    const view: UpdateStateView = { ...base, channel: port.channel.slice(0, 20), state: state.state };
    if (state.state === 'disabled') view.reason = 'No update feed is set in the config (updates.url).';
    if (state.state === 'downloading') view.percent = Math.max(0, Math.min(100, state.percent));
    if (state.state === 'waiting_for_idle' || state.state === 'installing')
      view.version = state.version.slice(0, 40);
    if (state.state === 'error') view.message = state.message.slice(0, 500);
    return view;
  };

  const parkedItem = (runtime: KioskRuntime, seq: number) => {
    const item = runtime.store.outbox.get(seq);
    return item && item.state === 'parked' ? item : null;
  };

  return {
    async getProvisioningState() {
      const runtime = context.runtime();
      const url = context.config.central.url;
      return ok({
        provisioned: runtime !== null,
        configuredCentralUrl: url === 'embedded' ? null : url,
        kioskCode: runtime?.enrolment.kioskCode ?? null,
        pinSet: pinOf()?.isSet() ?? false,
        mode: context.config.mode,
      });
    },

    async provisionKiosk({ centralUrl, enrolmentCode }) {
      if (context.runtime()) return err('already_provisioned', 'This kiosk is already enrolled.');
      const result = await context.provision(centralUrl, enrolmentCode.toUpperCase());
      if (!result.ok) {
        log.warn({ code: result.error.code }, 'provisioning failed');
        return result;
      }
      audit('kiosk.provisioned', {
        kioskId: result.value.kioskId,
        kioskCode: result.value.kioskCode,
        source: 'screen',
      });
      setupToken = { value: randomBytes(24).toString('base64url'), expiresAtMs: clock() + setupTokenMs };
      return ok({ ...result.value, setupToken: setupToken.value });
    },

    async setMaintenancePin({ pin, setupToken: given, token }) {
      const current = pinOf();
      if (!current) return err('not_provisioned', 'Enrol this kiosk first.');
      if (token !== undefined) {
        if (!session.use(token))
          return err('not_allowed', 'Maintenance mode has ended: enter the PIN again.');
        await current.set(pin, current.isSet() ? 'maintenance.pin_changed' : 'maintenance.pin_set');
        return ok({});
      }
      const valid =
        (setupToken !== null &&
          given !== undefined &&
          given === setupToken.value &&
          clock() < setupToken.expiresAtMs) ||
        // Demo mode (simulated devices, sample data): whoever first opens maintenance chooses the PIN.
        (context.config.mode === 'demo' && given === undefined);
      if (!valid || current.isSet())
        return err(
          'not_allowed',
          'The first PIN is set right after provisioning; change it from maintenance mode.',
        );
      setupToken = null;
      await current.set(pin, 'maintenance.pin_set');
      return ok({});
    },

    async enterMaintenance({ pin }) {
      const current = pinOf();
      if (!current) return err('not_provisioned', 'Enrol this kiosk first.');
      const checked = await current.check(pin);
      if (checked.ok) {
        const token = session.open();
        audit('maintenance.enter', {});
        return ok({ token, idleSeconds: Math.round((options.idleMs ?? 5 * 60_000) / 1000) });
      }
      switch (checked.reason) {
        case 'no_pin':
          return err('no_pin', 'No maintenance PIN is set on this kiosk.');
        case 'wrong_pin':
          return err('wrong_pin', `Wrong PIN: ${checked.triesLeft} tries left.`);
        case 'locked':
          return err('locked', `Too many wrong PINs: try again in ${checked.lockedSeconds} s.`);
      }
    },

    async getMaintenanceLock() {
      return ok(pinOf()?.lockState() ?? { triesLeft: 5, lockedSeconds: 0 });
    },

    async exitMaintenance({ token, reason }) {
      session.end(reason, token);
      return ok({});
    },

    getDiagnostics: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        const store = runtime?.store ?? null;
        let disk: { freeBytes: number; totalBytes: number } | null = null;
        try {
          const fs = await statfs(context.config.dataDir);
          disk = { freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
        } catch {
          disk = null;
        }
        let databaseBytes: number | null = null;
        if (store) {
          databaseBytes = 0;
          for (const path of [store.path, `${store.path}-wal`])
            databaseBytes += await stat(path).then(
              (s) => s.size,
              () => 0,
            );
        }
        const oldest = store?.outbox.stats(clock()).oldestPendingCreatedAtMs ?? null;
        return ok({
          version: context.version,
          mode: context.config.mode,
          kioskCode: runtime?.enrolment.kioskCode ?? null,
          centralUrl: runtime?.enrolment.centralUrl.slice(0, 200) ?? null,
          uptimeSeconds: Math.max(0, Math.round((clock() - context.startedAtMs) / 1000)),
          sync: runtime?.syncStatus() ?? null,
          oldestItemAt: oldest === null ? null : iso(oldest),
          disk,
          databaseBytes,
          quarantine: store?.quarantined
            ? {
                at: iso(store.quarantined.atMs),
                reason: store.quarantined.reason.slice(0, 500),
                movedTo: store.quarantined.movedTo.slice(0, 500),
              }
            : null,
          startupSweep: store ? { ...store.startupSweep } : null,
        });
      }),

    syncNow: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        if (!runtime) return err('not_provisioned', 'This kiosk is not enrolled.');
        runtime.kick();
        audit('sync.now', {});
        return ok({});
      }),

    listParked: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        if (!runtime) return err('not_provisioned', 'This kiosk is not enrolled.');
        const items = runtime.store.outbox.listParked().map((item) => ({
          seq: item.seq,
          kind: item.kind,
          attempts: item.attempts,
          reason: item.lastError?.slice(0, 500) ?? null,
          createdAt: iso(item.createdAtMs),
        }));
        return ok({ items: items.slice(0, 500) });
      }),

    retryParked: ({ token, seq }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        if (!runtime) return err('not_provisioned', 'This kiosk is not enrolled.');
        const item = parkedItem(runtime, seq);
        if (!item) return err('not_found', `No parked item ${seq}.`);
        runtime.store.transaction(() => {
          runtime.store.outbox.unpark(seq);
          runtime.store.auditLog.append(actor, 'outbox.retry', { seq, kind: item.kind });
        });
        runtime.kick();
        return ok({});
      }),

    discardParked: ({ token, seq }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        if (!runtime) return err('not_provisioned', 'This kiosk is not enrolled.');
        const item = parkedItem(runtime, seq);
        if (!item) return err('not_found', `No parked item ${seq}.`);
        runtime.store.transaction(() => {
          runtime.store.outbox.discard(seq);
          runtime.store.auditLog.append(actor, 'outbox.discard', {
            seq,
            kind: item.kind,
            reason: item.lastError?.slice(0, 200) ?? null,
          });
        });
        return ok({});
      }),

    getRecentLogLines: ({ token, limit }) =>
      guard(token, async () =>
        ok({ lines: await recentLogLines(join(context.config.dataDir, 'logs'), limit) }),
      ),

    exportLogs: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        try {
          const written = await exportLogsAndAudit({
            dataDir: context.config.dataDir,
            header: { version: context.version, kioskCode: runtime?.enrolment.kioskCode ?? null },
            audit: runtime?.store.auditLog.recent(100_000) ?? [],
            nowMs: clock(),
          });
          audit('logs.export', { file: written.path, bytes: written.bytes });
          return ok(written);
        } catch (error) {
          log.error({ err: error }, 'log export failed');
          return err(
            'export_failed',
            `The export could not be written: ${(error as Error).message.slice(0, 200)}`,
          );
        }
      }),

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
        audit('devices.choose', {
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
        const outcome: { identity: IdentityView } | { error: string } | null = current
          ? { identity: current }
          : await new Promise((resolve) => {
              const timer = setTimeout(() => finish(null), timeoutSeconds * 1000);
              const unsubscribe = context.bus.subscribe((event) => {
                if (event.type === 'cardPlaced') {
                  const identity = context.cards.currentIdentity();
                  finish(identity ? { identity } : { error: 'unreadable' });
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
          audit('device.test_read', { outcome: 'no_card' });
          return err('no_card', 'No card was laid on the reader in time.');
        }
        if ('error' in outcome) {
          audit('device.test_read', { outcome: 'card_error', code: outcome.error });
          return err('card_error', `The card could not be read: ${outcome.error}`);
        }
        audit('device.test_read', { outcome: 'read', cardType: outcome.identity.cardType });
        return ok(maskIdentity(outcome.identity));
      }),

    printTestReceipt: ({ token, language }) =>
      guard(token, async () => {
        const printed = await context.printer.printTestPage(language);
        audit(
          'printer.test_page',
          printed.ok ? { outcome: 'printed' } : { outcome: 'failed', code: printed.error.code },
        );
        if (!printed.ok) return err('print_failed', printed.error.message.slice(0, 300));
        return ok({ jobId: printed.value.jobId.slice(0, 200) });
      }),

    listRecentReceipts: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        if (!runtime) return err('not_provisioned', 'This kiosk is not enrolled.');
        return ok({
          receipts: runtime.store.printedReceipts.recent(20).map((r) => ({
            id: r.id,
            printedAt: iso(r.printedAtMs),
            status: r.status,
            reprintable: r.reprintable,
          })),
        });
      }),

    reprintReceipt: ({ token, receiptId }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        if (!runtime) return err('not_provisioned', 'This kiosk is not enrolled.');
        const stored = runtime.store.printedReceipts.get(receiptId) as
          | (Record<string, unknown> & { issuedAt?: string })
          | null;
        if (!stored) return err('not_found', 'That receipt is no longer kept on this kiosk.');
        const data = { ...stored, issuedAt: new Date(String(stored.issuedAt)) } as unknown as Parameters<
          typeof context.printer.reprint
        >[0];
        const printed = await context.printer.reprint(data);
        if (printed.ok) runtime.store.printedReceipts.setStatus(receiptId, 'reprinted');
        audit(
          'receipt.reprint',
          printed.ok
            ? { receiptId, outcome: 'printed' }
            : { receiptId, outcome: 'failed', code: printed.error.code },
        );
        if (!printed.ok) return err('print_failed', printed.error.message.slice(0, 300));
        return ok({});
      }),

    testScan: ({ token }) =>
      guard(token, async () => {
        const status = await context.scanner.status();
        if (status.state === 'none') return err('no_scanner', 'No flatbed scanner is set in the config.');
        const scanned = await context.scanner.scanPage();
        audit(
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

    getSettings: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        const settings = effectiveHallSettings(context.config, runtime?.store.settings ?? null);
        const items = (runtime?.store.catalogue.list('item') ?? [])
          .map((entry) => {
            const body = entry.body as { name?: unknown } | null;
            const name = body?.name as { 'zh-Hans'?: unknown; 'zh-Hant'?: unknown; en?: unknown } | undefined;
            const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 500) : entry.id);
            return {
              id: entry.id.slice(0, 64),
              name: {
                'zh-Hans': text(name?.['zh-Hans']),
                'zh-Hant': text(name?.['zh-Hant']),
                en: text(name?.en),
              },
            };
          })
          .slice(0, 2000);
        return ok({ settings, items, maxIdleTimeoutSeconds: maxHallIdleTimeoutSeconds(context.config) });
      }),

    updateSettings: ({ token, settings }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        if (!runtime) return err('not_provisioned', 'This kiosk is not enrolled.');
        const requested = hallSettingsSchema.parse(settings);
        const parsed = {
          ...requested,
          idleTimeoutSeconds: Math.min(
            requested.idleTimeoutSeconds,
            maxHallIdleTimeoutSeconds(context.config),
          ),
        };
        const before = effectiveHallSettings(context.config, runtime.store.settings);
        const changed = (Object.keys(parsed) as (keyof typeof parsed)[]).filter(
          (key) => JSON.stringify(parsed[key]) !== JSON.stringify(before[key]),
        );
        runtime.store.transaction(() => {
          runtime.store.settings.set(hallSettingsKey, parsed);
          runtime.store.auditLog.append(actor, 'settings.update', { changed });
        });
        return ok({ settings: parsed });
      }),

    getUpdateState: ({ token }) => guard(token, async () => ok(updateView())),

    checkForUpdate: ({ token }) =>
      guard(token, async () => {
        if (context.updates) {
          audit('updates.check', {});
          await context.updates.checkNow();
        }
        return ok(updateView());
      }),
  };
}
