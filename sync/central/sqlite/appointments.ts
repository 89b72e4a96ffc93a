/** The appointments table: bookings, their slots, check-in, and the change feed kiosks pull. */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../../kernel/result';
import {
  type Appointment,
  type AppointmentBookingRequest,
  type AppointmentDeltaResponse,
  appointmentSchema,
} from '../../protocol/central-api';
import type { AppointmentSlot, StorageFailureCode } from '../storage';
import type { HallModel } from './catalogue';
import type { CentralDatabase } from './central-database';
import { cursorToSeq, deltaPage } from './change-feed';
import type { Counters } from './counters';
import { parseJsonColumn } from './json-column';

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

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const bodyColumn = 'appointments.body';

export class AppointmentTable {
  constructor(
    private readonly db: CentralDatabase,
    private readonly counters: Counters,
  ) {}

  delta(cursor: string | undefined, limit: number): AppointmentDeltaResponse {
    const after = cursorToSeq(cursor);
    const rows = this.db
      .statement(
        'SELECT appointment_id, version, body, change_seq AS seq FROM appointments WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
      )
      .all(after, limit + 1) as { appointment_id: string; version: number; body: string; seq: number }[];
    return deltaPage(rows, limit, after, (r) => ({
      appointmentId: r.appointment_id,
      version: r.version,
      appointment: parseJsonColumn(appointmentSchema, r.body, bodyColumn),
    }));
  }

  slots(hall: HallModel, itemId: string, serviceDate: string): Result<AppointmentSlot[], 'not_found'> {
    if (!hall.items.has(itemId)) return err('not_found', 'unknown item');
    const booked = this.#bookedPerSlot(itemId, serviceDate);
    return ok(
      slotTimes.map((slotStart) => ({
        slotStart,
        slotEnd: addMinutes(slotStart, slotMinutes),
        available: Math.max(0, slotCapacity - (booked.get(slotStart) ?? 0)),
      })),
    );
  }

  #bookedPerSlot(itemId: string, serviceDate: string): Map<string, number> {
    const counts = new Map<string, number>();
    const rows = this.db.statement('SELECT body FROM appointments').pluck().all() as string[];
    for (const body of rows) {
      const a = parseJsonColumn(appointmentSchema, body, bodyColumn);
      if (a.itemId === itemId && a.serviceDate === serviceDate && a.status !== 'cancelled') {
        counts.set(a.slotStart, (counts.get(a.slotStart) ?? 0) + 1);
      }
    }
    return counts;
  }

  /** Idempotent by the request's key: a repeat answers the appointment booked the first time. */
  book(hall: HallModel, request: AppointmentBookingRequest): Result<Appointment, StorageFailureCode> {
    const item = hall.items.get(request.itemId);
    if (!item) return err('not_found', 'unknown item');
    return this.db.transaction((): Result<Appointment, StorageFailureCode> => {
      const existing = this.db
        .statement('SELECT body FROM appointments WHERE booking_key = ?')
        .pluck()
        .get(request.idempotencyKey) as string | undefined;
      if (existing) return ok(parseJsonColumn(appointmentSchema, existing, bodyColumn));
      if (!slotTimes.includes(request.slotStart)) return err('invalid', 'no such slot');
      if (
        (this.#bookedPerSlot(request.itemId, request.serviceDate).get(request.slotStart) ?? 0) >= slotCapacity
      ) {
        return err('conflict', 'slot is full');
      }
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
      this.db
        .statement(
          'INSERT INTO appointments (appointment_id, booking_key, body, version, change_seq) VALUES (?, ?, ?, 1, ?)',
        )
        .run(
          appointment.appointmentId,
          request.idempotencyKey,
          JSON.stringify(appointment),
          this.counters.next('appointments'),
        );
      return ok(appointment);
    });
  }

  get(appointmentId: string): { appointment: Appointment; version: number } | null {
    const row = this.db
      .statement('SELECT body, version FROM appointments WHERE appointment_id = ?')
      .get(appointmentId) as { body: string; version: number } | undefined;
    return row
      ? { appointment: parseJsonColumn(appointmentSchema, row.body, bodyColumn), version: row.version }
      : null;
  }

  /** Stores the changed appointment under the next version and puts it on the feed. */
  update(appointment: Appointment, previousVersion: number): void {
    this.db
      .statement('UPDATE appointments SET body = ?, version = ?, change_seq = ? WHERE appointment_id = ?')
      .run(
        JSON.stringify(appointment),
        previousVersion + 1,
        this.counters.next('appointments'),
        appointment.appointmentId,
      );
  }
}
