import { requireTransaction, type StoreContext } from '../store-context';

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'missed';

export interface CachedAppointment {
  id: string;
  serviceDate: string;
  startsAtMs: number;
  itemId: string;
  queueId: string;
  status: AppointmentStatus;
  /** The appointment's personal part (name, phone ...), decrypted. */
  personal: unknown;
}

interface AppointmentRow {
  id: string;
  service_date: string;
  starts_at: number;
  item_id: string;
  queue_id: string;
  status: AppointmentStatus;
  personal: Buffer;
}

/** Appointments pulled from the central system for check-in; personal parts sealed, found by id_hash. */
export class AppointmentsTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  upsert(
    appointment: Omit<CachedAppointment, 'status'> & {
      idNumber: string;
      status?: AppointmentStatus;
      expiresAtMs: number;
    },
  ): void {
    const { idNumber, ...rest } = appointment;
    this.upsertByHash({ ...rest, idHash: this.#ctx.keys.hashIdNumber(idNumber) });
  }

  /** Appointments from the central system name the person by keyed hash only. */
  upsertByHash(
    appointment: Omit<CachedAppointment, 'status'> & {
      idHash: Buffer;
      status?: AppointmentStatus;
      expiresAtMs: number;
    },
  ): void {
    this.#ctx.db
      .prepare(
        `INSERT INTO appointments (id, id_hash, service_date, starts_at, item_id, queue_id, status, personal, updated_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET id_hash = excluded.id_hash, service_date = excluded.service_date,
           starts_at = excluded.starts_at, item_id = excluded.item_id, queue_id = excluded.queue_id, status = excluded.status,
           personal = excluded.personal, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
      )
      .run(
        appointment.id,
        appointment.idHash,
        appointment.serviceDate,
        appointment.startsAtMs,
        appointment.itemId,
        appointment.queueId,
        appointment.status ?? 'booked',
        this.#ctx.keys.box.sealJson(appointment.personal ?? null, personalContext(appointment.id)),
        this.#ctx.clock(),
        appointment.expiresAtMs,
      );
  }

  /** A cancelled or deleted appointment leaves the kiosk. */
  remove(id: string): boolean {
    return this.#ctx.db.prepare('DELETE FROM appointments WHERE id = ?').run(id).changes > 0;
  }

  listForPerson(idNumber: string, serviceDate: string): CachedAppointment[] {
    const rows = this.#ctx.db
      .prepare(
        `SELECT id, service_date, starts_at, item_id, queue_id, status, personal FROM appointments
         WHERE id_hash = ? AND service_date = ? ORDER BY starts_at`,
      )
      .all(this.#ctx.keys.hashIdNumber(idNumber), serviceDate) as AppointmentRow[];
    return rows.map((r) => ({
      id: r.id,
      serviceDate: r.service_date,
      startsAtMs: r.starts_at,
      itemId: r.item_id,
      queueId: r.queue_id,
      status: r.status,
      personal: this.#ctx.keys.box.openJson(r.personal, personalContext(r.id)),
    }));
  }

  /** Check-in writes the status change; pair it with an outbox 'checkin' item in one transaction. */
  setStatusInTransaction(id: string, status: AppointmentStatus): boolean {
    requireTransaction(this.#ctx.db, 'AppointmentsTable.setStatusInTransaction');
    return (
      this.#ctx.db
        .prepare('UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?')
        .run(status, this.#ctx.clock(), id).changes === 1
    );
  }

  deleteExpired(nowMs: number): number {
    return this.#ctx.db.prepare('DELETE FROM appointments WHERE expires_at <= ?').run(nowMs).changes;
  }

  purgePersonInTransaction(idHash: Buffer): number {
    requireTransaction(this.#ctx.db, 'AppointmentsTable.purgePersonInTransaction');
    return this.#ctx.db.prepare('DELETE FROM appointments WHERE id_hash = ?').run(idHash).changes;
  }
}

function personalContext(id: string): string {
  return `appointments.personal:${id}`;
}
