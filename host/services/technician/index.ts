import { err } from '../../../kernel/result';
import type { HostContext } from '../../core/host-context';
import { createAccessMethods } from './access';
import { DeviceStatusTracker } from './device-status-tracker';
import { createDeviceMethods } from './devices';
import { createDiagnosticsMethods } from './diagnostics';
import { type TechnicianKit, type TechnicianOptions, technicianActor } from './kit';
import { type MaintenanceExitReason, MaintenanceSession } from './maintenance-session';
import { createReceiptMethods } from './receipts';
import { createSettingsMethods } from './settings';
import type { TechnicianMethods } from './technician-methods';
import { createUpdateMethods } from './updates';
import type { UpdatesPort } from './updates-port';

export { pendingPinPath } from './access';
export { DeviceStatusTracker } from './device-status-tracker';
export { maskIdentity } from './devices';
export type { TechnicianOptions } from './kit';
export type { TechnicianMethods } from './technician-methods';

/**
 * Technician mode's host side, one file per use case. Everything but provisioning, the PIN and its
 * lock needs the live maintenance token; every entry, exit and action goes into the store's audit log
 * (actor "technician", never applicant data).
 */
export function createTechnicianApi(
  context: HostContext & { updates?: UpdatesPort | undefined },
  options: TechnicianOptions = {},
): TechnicianMethods {
  const clock = options.clock ?? Date.now;
  const log = context.logger.child({ area: 'technician' });
  const audit = (action: string, detail: Record<string, unknown> = {}) => {
    try {
      context.runtime()?.store.auditLog.append(technicianActor, action, detail);
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
  const kit: TechnicianKit = {
    context,
    options,
    clock,
    log,
    session,
    tracker: options.statusTracker ?? new DeviceStatusTracker(context.bus),
    audit,
    guard: (token, work) => {
      if (!session.use(token))
        return Promise.resolve(err('not_in_maintenance', 'Maintenance mode has ended: enter the PIN again.'));
      return work();
    },
  };
  return {
    ...createAccessMethods(kit),
    ...createDiagnosticsMethods(kit),
    ...createDeviceMethods(kit),
    ...createReceiptMethods(kit),
    ...createSettingsMethods(kit),
    ...createUpdateMethods(kit),
  };
}
