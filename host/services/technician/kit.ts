import type { Logger } from 'pino';
import { type Err, err, type Result } from '../../../kernel/result';
import type { HostContext } from '../../core/host-context';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import type { DeviceStatusTracker } from './device-status-tracker';
import type { ScryptCost } from './maintenance-pin';
import type { MaintenanceSession } from './maintenance-session';
import type { UpdatesPort } from './updates-port';

export interface TechnicianOptions {
  clock?: () => number;
  /** Maintenance leaves itself after this long without a call (default 5 minutes). */
  idleMs?: number;
  scryptCost?: ScryptCost;
  statusTracker?: DeviceStatusTracker;
  /** Environment for scanimage -L (tests). */
  saneEnv?: NodeJS.ProcessEnv;
}

/** The audit log's actor for every technician action (never applicant data). */
export const technicianActor = 'technician';

/** What every technician use case gets: the host, the maintenance session and the audit trail. */
export interface TechnicianKit {
  readonly context: HostContext & { updates?: UpdatesPort | undefined };
  readonly options: TechnicianOptions;
  readonly clock: () => number;
  readonly log: Logger;
  readonly session: MaintenanceSession;
  readonly tracker: DeviceStatusTracker;
  audit(action: string, detail?: Record<string, unknown>): void;
  /** Runs `work` only with the live maintenance token. */
  guard<T>(token: string, work: () => Promise<T>): Promise<T | Err<'not_in_maintenance'>>;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function enrolledRuntime(kit: TechnicianKit): Result<KioskRuntime, 'not_provisioned'> {
  const runtime = kit.context.runtime();
  return runtime ? { ok: true, value: runtime } : err('not_provisioned', 'This kiosk is not enrolled.');
}
