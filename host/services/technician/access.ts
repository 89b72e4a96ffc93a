import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok } from '../../../kernel/result';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import type { TechnicianKit } from './kit';
import { MaintenancePin, type PinStorage } from './maintenance-pin';
import type { TechnicianMethods } from './technician-methods';

const setupTokenMs = 30 * 60_000;

/** A PIN hash written by `npm run provision -- --pin`, taken into the store at the next start. */
export function pendingPinPath(dataDir: string): string {
  return join(dataDir, 'maintenance-pin.pending.json');
}

type AccessMethods = Pick<
  TechnicianMethods,
  | 'getProvisioningState'
  | 'provisionKiosk'
  | 'setMaintenancePin'
  | 'enterMaintenance'
  | 'getMaintenanceLock'
  | 'exitMaintenance'
>;

/** Getting into technician mode: first-boot provisioning, the PIN (with its lockout) and the session. */
export function createAccessMethods(kit: TechnicianKit): AccessMethods {
  const { context, clock, log, session, options } = kit;
  let setupToken: { value: string; expiresAtMs: number } | null = null;

  let pinState: { runtime: KioskRuntime; pin: MaintenancePin } | null = null;
  const pinOf = (): MaintenancePin | null => {
    const runtime = context.runtime();
    if (!runtime) return null;
    if (pinState?.runtime !== runtime) {
      const storage: PinStorage = {
        get: (key) => runtime.store.settings.get(key),
        set: (key, value) => runtime.store.settings.set(key, value),
        audit: (action, detail) => kit.audit(action, detail),
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
      kit.audit('kiosk.provisioned', {
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
        kit.audit('maintenance.enter', {});
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
  };
}
