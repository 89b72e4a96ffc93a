/**
 * The appointments table: bookings, their slots, check-in, and the change feed kiosks pull. A slot's
 * bookings are counted and added under an advisory lock on (item, day), so two processes cannot both
 * take a slot's last place.
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../../kernel/result';
import {
  type Appointment,
  type AppointmentBookingRequest,
  type AppointmentDeltaResponse,
  appointmentSchema,
} from '../../protocol/central-api';
import type { HallModel } from '../sqlite/catalogue';
import { cursorToSeq, deltaPage } from '../sqlite/change-feed';
import type { AppointmentSlot, StorageFailureCode } from '../storage';
import { parseColumn } from './columns';
import { nextCounter } from './counters';
import type { PgCentralDatabase, Sql } from './database';

const slotTimes = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
];
const slotMinutes = 30;
const slotCapacity = 4;
const bodyColumn = 'appointments.body';

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export class PgAppointments {
  constructor(private readonly db: PgCentralDatabase) {}

  async delta(cursor: string | undefined, limit: number): Promise<AppointmentDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = (
      await this.db.query<{ appointment_id: string; version: number; body: unknown; seq: number }>(
        'SELECT appointment_id, version, body, change_seq AS seq FROM appointments WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
        [after, limit + 1],
      )
    ).rows;
    return deltaPage(rows, limit, after, (r) => ({
      appointmentId: r.appointment_id,
      version: r.version,
      appointment: parseColumn(appointmentSchema, r.body, bodyColumn),
    }));
  }

  async #bookedPerSlot(sql: Sql, itemId: string, serviceDate: string): Promise<Map<string, number>> {
    const rows = await sql.query<{ slot_start: string; n: number }>(
      `SELECT slot_start, count(*)::int AS n FROM appointments
       WHERE item_id = $1 AND service_date = $2 AND status <> 'cancelled' GROUP BY slot_start`,
      [itemId, serviceDate],
    );
    return new Map(rows.rows.map((r) => [r.slot_start, r.n]));
  }

  async slots(
    hall: HallModel,
    itemId: string,
    serviceDate: string,
  ): Promise<Result<AppointmentSlot[], 'not_found'>> {
    if (!hall.items.has(itemId)) return err('not_found', 'unknown item');
    const booked = await this.#bookedPerSlot(this.db, itemId, serviceDate);
    return ok(
      slotTimes.map((slotStart) => ({
        slotStart,
        slotEnd: addMinutes(slotStart, slotMinutes),
        available: Math.max(0, slotCapacity - (booked.get(slotStart) ?? 0)),
      })),
    );
  }

  /** Idempotent by the request's key: a repeat answers the appointment booked the first time. */
  book(
    hall: HallModel,
    request: AppointmentBookingRequest,
  ): Promise<Result<Appointment, StorageFailureCode>> {
    const item = hall.items.get(request.itemId);
    if (!item) return Promise.resolve(err('not_found', 'unknown item'));
    return this.db.transaction(
      async (sql): Promise<Result<Appointment, StorageFailureCode>> => {
        await sql.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `slot:${request.itemId}:${request.serviceDate}`,
        ]);
        const existing = (
          await sql.query<{ body: unknown }>('SELECT body FROM appointments WHERE booking_key = $1', [
            request.idempotencyKey,
          ])
        ).rows[0];
        if (existing) return ok(parseColumn(appointmentSchema, existing.body, bodyColumn));
        if (!slotTimes.includes(request.slotStart)) return err('invalid', 'no such slot');
        const booked = await this.#bookedPerSlot(sql, request.itemId, request.serviceDate);
        if ((booked.get(request.slotStart) ?? 0) >= slotCapacity) return err('conflict', 'slot is full');
        const queues = [...hall.queues.values()].filter((q) => q.departmentId === item.departmentId);
        const queue = queues.find((q) => q.priority) ?? queues[0];
        if (!queue) return err('invalid', 'the department has no queue');
        const appointment: Appointment = {
          appointmentId: randomUUID(),
          keyedHash: request.keyedHash,
          itemId: item.id,
          departmentId: item.departmentId,
          queueId: queue.id,
          serviceDate: request.serviceDate,
          slotStart: request.slotStart,
          slotEnd: addMinutes(request.slotStart, slotMinutes),
          status: 'booked',
        };
        await sql.query(
          `INSERT INTO appointments (appointment_id, booking_key, item_id, service_date, slot_start, status, body, version, change_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)`,
          [
            appointment.appointmentId,
            request.idempotencyKey,
            appointment.itemId,
            appointment.serviceDate,
            appointment.slotStart,
            appointment.status,
            JSON.stringify(appointment),
            await nextCounter(sql, 'appointments'),
          ],
        );
        return ok(appointment);
      },
      // The same key booked for another item or day: not under the same lock, so the key decides.
      { retryOnUniqueViolation: true },
    );
  }

  /** Locked for the caller's transaction: a check-in and a cancellation do not both win. */
  async getForUpdate(
    sql: Sql,
    appointmentId: string,
  ): Promise<{ appointment: Appointment; version: number } | null> {
    const row = (
      await sql.query<{ body: unknown; version: number }>(
        'SELECT body, version FROM appointments WHERE appointment_id = $1 FOR UPDATE',
        [appointmentId],
      )
    ).rows[0];
    return row
      ? { appointment: parseColumn(appointmentSchema, row.body, bodyColumn), version: row.version }
      : null;
  }

  async update(sql: Sql, appointment: Appointment, previousVersion: number): Promise<void> {
    await sql.query(
      'UPDATE appointments SET body = $1, status = $2, version = $3, change_seq = $4 WHERE appointment_id = $5',
      [
        JSON.stringify(appointment),
        appointment.status,
        previousVersion + 1,
        await nextCounter(sql, 'appointments'),
        appointment.appointmentId,
      ],
    );
  }
}
