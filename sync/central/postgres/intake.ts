/**
 * Deliveries from kiosks, with the SQLite side's rules (sqlite/intake.ts) re-stated for PostgreSQL. A
 * batch is one READ COMMITTED transaction with a savepoint per item. Idempotency is enforced by the
 * unique key (kiosk_id, idempotency_key): each item first claims its key with INSERT .. ON CONFLICT DO
 * NOTHING, so when the same delivery reaches two central processes at once the second waits for the
 * first to commit and then answers its stored response; nothing is applied twice. Case numbers,
 * ticket numbers and ratings are unique keys too; counters and a person's store record are taken under
 * row or advisory locks (tickets.ts, form-free-store.ts).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { caseNumberIsFromKiosk } from '../../../kernel/case-number';
import { hallDateOf } from '../../../kernel/hall-time';
import { formatTicketDisplay } from '../../../kernel/ticket-display';
import type { SupplementPayload } from '../../protocol/case-workflow';
import type { Queue } from '../../protocol/catalogue';
import type {
  CheckinPayload,
  purgeAckPayloadSchema,
  RatingPayload,
  SubmissionPayload,
  TicketRef,
  TicketReportPayload,
  TicketReportResponse,
} from '../../protocol/central-api';
import { bundlePartsOf } from '../bundle-cases';
import { currentMissingItems, planSupplement } from '../case-steps';
import { DeliveryRefusal, orRefuse, refuseSupplement } from '../delivery-refusal';
import type { AcceptedDelivery, DeliveryOutcome, ValidatedDelivery } from '../storage';
import { archivedHashes, proposedStoreRecord } from '../store-proposal';
import type { PgAppointments } from './appointments';
import type { PgCases } from './cases';
import type { PgCatalogue } from './catalogue';
import type { PgCentralDatabase, Sql } from './database';
import type { PgFormFreeStore } from './form-free-store';
import type { PgKiosks } from './kiosks';
import type { PgMaterials } from './materials';
import type { PgPurgeOrders } from './purge-orders';
import type { PgTickets } from './tickets';

export interface PgIntakeTables {
  kiosks: PgKiosks;
  catalogue: PgCatalogue;
  materials: PgMaterials;
  store: PgFormFreeStore;
  cases: PgCases;
  tickets: PgTickets;
  appointments: PgAppointments;
  purgeOrders: PgPurgeOrders;
}

type PurgeAckPayload = z.infer<typeof purgeAckPayloadSchema>;

interface PlacedTicket {
  ticketId: string;
  display: string;
}

export class PgIntake {
  constructor(
    private readonly db: PgCentralDatabase,
    private readonly t: PgIntakeTables,
    private readonly timeZone: string,
  ) {}

  deliver(kioskId: string, items: readonly ValidatedDelivery[], nowMs: number): Promise<DeliveryOutcome[]> {
    const answer = (item: ValidatedDelivery, refusal: DeliveryRefusal): DeliveryOutcome => ({
      idempotencyKey: item.idempotencyKey,
      status: refusal.status,
      responseJson: JSON.stringify(refusal.body()),
    });
    return this.db.transaction(async (sql) => {
      const outcomes: DeliveryOutcome[] = [];
      let blocked = false;
      for (const item of items) {
        if (blocked) {
          outcomes.push(
            answer(
              item,
              new DeliveryRefusal(
                424,
                'not_attempted',
                'an earlier item of this batch must be retried first',
              ),
            ),
          );
          continue;
        }
        await sql.query('SAVEPOINT delivery_item');
        // Keys are the kiosk's own: another kiosk's key names nothing here, so it cannot be replayed.
        const claimed = await sql.query<{ accept_order: number }>(
          `INSERT INTO deliveries (idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at)
           VALUES ($1, $2, $3, $4, $5, 200, '', $6) ON CONFLICT (kiosk_id, idempotency_key) DO NOTHING RETURNING accept_order`,
          [item.idempotencyKey, kioskId, item.kind, item.kioskSeq, item.requestHash, nowMs],
        );
        const acceptOrder = claimed.rows[0]?.accept_order;
        if (acceptOrder === undefined) {
          const existing = (
            await sql.query<{ request_hash: string; status: number; response: string }>(
              'SELECT request_hash, status, response FROM deliveries WHERE kiosk_id = $1 AND idempotency_key = $2',
              [kioskId, item.idempotencyKey],
            )
          ).rows[0]!;
          await sql.query('RELEASE SAVEPOINT delivery_item');
          outcomes.push(
            existing.request_hash === item.requestHash
              ? {
                  idempotencyKey: item.idempotencyKey,
                  status: existing.status,
                  responseJson: existing.response,
                }
              : answer(
                  item,
                  new DeliveryRefusal(
                    409,
                    'idempotency_conflict',
                    'this idempotency key was used with another body',
                  ),
                ),
          );
          continue;
        }
        try {
          const json = JSON.stringify(await this.#apply(sql, kioskId, item, nowMs));
          await sql.query('UPDATE deliveries SET response = $1 WHERE accept_order = $2', [json, acceptOrder]);
          await sql.query('RELEASE SAVEPOINT delivery_item');
          outcomes.push({ idempotencyKey: item.idempotencyKey, status: 200, responseJson: json });
        } catch (error) {
          if (!(error instanceof DeliveryRefusal)) throw error;
          await sql.query('ROLLBACK TO SAVEPOINT delivery_item');
          await sql.query('RELEASE SAVEPOINT delivery_item');
          // Kiosk order: nothing after an item that will be retried may be accepted before it.
          if (error.status === 412) blocked = true;
          outcomes.push(answer(item, error));
        }
      }
      return outcomes;
    });
  }

  async accepted(): Promise<AcceptedDelivery[]> {
    const rows = await this.db.query<{
      kiosk_id: string;
      kind: AcceptedDelivery['kind'];
      idempotency_key: string;
      kiosk_seq: number;
      accept_order: number;
    }>(
      'SELECT kiosk_id, kind, idempotency_key, kiosk_seq, accept_order FROM deliveries ORDER BY accept_order',
    );
    return rows.rows.map((r) => ({
      kioskId: r.kiosk_id,
      kind: r.kind,
      idempotencyKey: r.idempotency_key,
      kioskSeq: r.kiosk_seq,
      acceptOrder: r.accept_order,
    }));
  }

  #apply(sql: Sql, kioskId: string, item: ValidatedDelivery, nowMs: number): Promise<unknown> {
    switch (item.kind) {
      case 'submission':
        return this.#submission(sql, kioskId, item.idempotencyKey, item.payload as SubmissionPayload, nowMs);
      case 'checkin':
        return this.#checkin(sql, kioskId, item.payload as CheckinPayload, nowMs);
      case 'rating':
        return this.#rating(sql, kioskId, item.payload as RatingPayload);
      case 'ticket_report':
        return this.#ticketReport(sql, kioskId, item.payload as TicketReportPayload, nowMs);
      case 'purge_ack':
        return this.#purgeAck(sql, kioskId, item.payload as PurgeAckPayload);
      case 'supplement':
        return this.#supplement(sql, kioskId, item.payload as SupplementPayload, nowMs);
    }
  }

  /** The pages a 补正 asked for, from any kiosk where the case's applicant presented their card. */
  async #supplement(sql: Sql, kioskId: string, payload: SupplementPayload, nowMs: number): Promise<unknown> {
    // Locked: a window step and a supplement on the same case (two processes) take turns.
    const row = await this.t.cases.row(sql, payload.caseNumber, true);
    if (!row) throw new DeliveryRefusal(404, 'not_found', 'unknown case');
    const hashes = [...new Set(payload.materials.map((m) => m.sha256))];
    const present = await this.t.materials.present(hashes, sql);
    const missing = hashes.filter((h) => !present.has(h));
    if (missing.length > 0)
      throw new DeliveryRefusal(412, 'materials_missing', 'upload the named materials first', missing);
    const asked = currentMissingItems(row.stage, await this.t.cases.steps(sql, payload.caseNumber));
    const planned = planSupplement(row.stage, row.payload.applicant.keyedHash, asked, payload, nowMs);
    if (!planned.ok) refuseSupplement(planned.error);
    await this.t.cases.takeStep(sql, payload.caseNumber, planned.value, { kioskId });
    return { caseNumber: payload.caseNumber, stage: 'supplement_submitted', receivedAtMs: nowMs };
  }

  async #submission(
    sql: Sql,
    kioskId: string,
    idempotencyKey: string,
    payload: SubmissionPayload,
    nowMs: number,
  ): Promise<unknown> {
    // A case number names its kiosk (kernel/case-number.ts): a kiosk files cases under its own only.
    if (!caseNumberIsFromKiosk(payload.caseNumber, await this.t.kiosks.kioskCode(sql, kioskId)))
      throw new DeliveryRefusal(403, 'forbidden', 'the case number names another kiosk');
    const hall = await this.t.catalogue.hall(sql);
    const queue = hall.queues.get(payload.queueId);
    if (!queue) throw new DeliveryRefusal(422, 'invalid_payload', `unknown queue ${payload.queueId}`);
    // 帮办代办: someone applying for themselves as their own agent is a kiosk's mistake, never a case.
    if (payload.agent && payload.agent.keyedHash === payload.applicant.keyedHash)
      throw new DeliveryRefusal(
        422,
        'invalid_payload',
        'the agent is the applicant: an agent applies for someone else',
      );
    const parts = bundlePartsOf(payload, hall);
    const hashes = [...new Set(payload.materials.map((m) => m.sha256))];
    const present = await this.t.materials.present(hashes, sql);
    const missing = hashes.filter((h) => !present.has(h));
    if (missing.length > 0) {
      throw new DeliveryRefusal(412, 'materials_missing', 'upload the named materials first', missing);
    }
    for (const caseNumber of [payload.caseNumber, ...(parts ?? []).map((p) => p.payload.caseNumber)]) {
      if (await this.t.cases.exists(sql, caseNumber))
        throw new DeliveryRefusal(
          409,
          'idempotency_conflict',
          'case number already used by another delivery',
        );
    }
    const ticket = await this.#placeTicket(sql, kioskId, payload.ticket, queue, {
      caseNumber: payload.caseNumber,
      itemId: payload.itemId,
      priority: queue.priority,
      nowMs,
      serviceDate: payload.ticket?.serviceDate,
    });
    const filed = { idempotencyKey, kioskId, queueId: queue.id, ticketId: ticket.ticketId, nowMs };
    const opened = await this.t.cases.open(sql, { ...filed, payload, kind: parts ? 'bundle' : 'single' });
    if (!opened)
      throw new DeliveryRefusal(409, 'idempotency_conflict', 'case number already used by another delivery');
    // 一件事: one case per item at its department, in this savepoint with the bundle case.
    for (const part of parts ?? []) {
      const partOpened = await this.t.cases.open(sql, {
        ...filed,
        payload: part.payload,
        kind: 'part',
        partOf: { caseNumber: payload.caseNumber, index: part.index },
      });
      if (!partOpened)
        throw new DeliveryRefusal(
          409,
          'idempotency_conflict',
          'case number already used by another delivery',
        );
    }
    if (payload.consentToStore && payload.profile !== undefined) {
      const held = await this.t.materials.present(archivedHashes(payload.profile), sql);
      await this.t.store.proposeFromCase(
        sql,
        {
          record: proposedStoreRecord({ ...payload, profile: payload.profile }, held, nowMs),
          kioskId,
          caseNumber: payload.caseNumber,
          ...(payload.applicant.previousKeyedHash !== undefined
            ? { previousKeyedHash: payload.applicant.previousKeyedHash }
            : {}),
        },
        nowMs,
      );
    }
    return {
      caseNumber: payload.caseNumber,
      receivedAtMs: nowMs,
      queueId: queue.id,
      ticket,
      status: 'received',
    };
  }

  async #placeTicket(
    sql: Sql,
    kioskId: string,
    ref: TicketRef | null,
    queue: Queue,
    context: {
      caseNumber: string | null;
      itemId: string | null;
      priority: boolean;
      nowMs: number;
      serviceDate: string | undefined;
    },
  ): Promise<PlacedTicket> {
    const common = {
      queueId: queue.id,
      kioskId,
      caseNumber: context.caseNumber,
      itemId: context.itemId,
      priority: context.priority,
      issuedAtMs: context.nowMs,
    };
    if (ref) {
      const numberingQueue = (await this.t.catalogue.hall(sql)).queues.get(ref.queueId);
      const blockId = orRefuse(
        await this.t.tickets.blockHolding(sql, kioskId, ref, numberingQueue),
        422,
        'invalid_payload',
      );
      const existing = await this.t.tickets.row(sql, ref.ticketId, true);
      if (existing) {
        const same =
          existing.kiosk_id === kioskId &&
          existing.number === ref.number &&
          existing.service_date === ref.serviceDate &&
          existing.number_queue_id === ref.queueId;
        if (!same)
          throw new DeliveryRefusal(409, 'idempotency_conflict', 'ticket id already names another ticket');
        await this.t.tickets.attachCase(sql, ref.ticketId, context.caseNumber, context.itemId, queue.id);
        return { ticketId: existing.ticket_id, display: existing.display };
      }
      orRefuse(
        await this.t.tickets.insert(sql, {
          ...common,
          ticketId: ref.ticketId,
          numberQueueId: ref.queueId,
          serviceDate: ref.serviceDate,
          number: ref.number,
          display: ref.display,
          blockId,
        }),
        409,
        'idempotency_conflict',
      );
      return { ticketId: ref.ticketId, display: ref.display };
    }
    const serviceDate = context.serviceDate ?? hallDateOf(context.nowMs, this.timeZone);
    const number = await this.t.tickets.takeNumbers(sql, queue.id, serviceDate, 1);
    const ticket = { ticketId: randomUUID(), display: formatTicketDisplay(queue.prefix, number) };
    orRefuse(
      await this.t.tickets.insert(sql, {
        ...common,
        ...ticket,
        numberQueueId: queue.id,
        serviceDate,
        number,
        blockId: null,
      }),
      409,
      'idempotency_conflict',
    );
    return ticket;
  }

  async #checkin(sql: Sql, kioskId: string, payload: CheckinPayload, nowMs: number): Promise<unknown> {
    const found = await this.t.appointments.getForUpdate(sql, payload.appointmentId);
    if (!found) throw new DeliveryRefusal(404, 'not_found', 'unknown appointment');
    const { appointment, version } = found;
    if (appointment.keyedHash !== payload.keyedHash)
      throw new DeliveryRefusal(422, 'invalid_payload', 'appointment of another person');
    if (appointment.status === 'cancelled')
      throw new DeliveryRefusal(409, 'idempotency_conflict', 'appointment was cancelled');
    const hall = await this.t.catalogue.hall(sql);
    const queue =
      hall.queues.get(payload.ticket?.queueId ?? appointment.queueId) ?? hall.queues.get(appointment.queueId);
    if (!queue) throw new DeliveryRefusal(422, 'invalid_payload', 'appointment queue unknown');
    const ticket = await this.#placeTicket(sql, kioskId, payload.ticket, queue, {
      caseNumber: null,
      itemId: appointment.itemId,
      priority: true,
      nowMs,
      serviceDate: appointment.serviceDate,
    });
    await this.t.appointments.update(sql, { ...appointment, status: 'checked_in' }, version);
    return { appointmentId: payload.appointmentId, status: 'checked_in', ticket };
  }

  async #rating(sql: Sql, kioskId: string, payload: RatingPayload): Promise<unknown> {
    const filedBy = await this.t.cases.filedBy(sql, payload.caseNumber);
    if (filedBy === null) throw new DeliveryRefusal(404, 'not_found', 'unknown case');
    if (filedBy !== kioskId)
      throw new DeliveryRefusal(403, 'forbidden', 'the case was filed at another kiosk');
    if (!(await this.t.cases.rate(sql, payload)))
      throw new DeliveryRefusal(409, 'idempotency_conflict', 'the case has been rated already');
    return { caseNumber: payload.caseNumber, recorded: true };
  }

  async #ticketReport(
    sql: Sql,
    kioskId: string,
    payload: TicketReportPayload,
    nowMs: number,
  ): Promise<TicketReportResponse> {
    const answer: TicketReportResponse = { accepted: [], duplicates: [], rejected: [] };
    const hall = await this.t.catalogue.hall(sql);
    for (const ticket of payload.tickets) {
      if (await this.t.tickets.row(sql, ticket.ticketId)) {
        answer.duplicates.push(ticket.ticketId);
        continue;
      }
      const block = await this.t.tickets.blockHolding(sql, kioskId, ticket, hall.queues.get(ticket.queueId));
      const inserted = block.ok
        ? await this.t.tickets.insert(sql, {
            ticketId: ticket.ticketId,
            queueId: ticket.queueId,
            numberQueueId: ticket.queueId,
            serviceDate: ticket.serviceDate,
            number: ticket.number,
            display: ticket.display,
            blockId: block.value,
            kioskId,
            caseNumber: ticket.caseNumber ?? null,
            itemId: null,
            priority: hall.queues.get(ticket.queueId)?.priority ?? false,
            issuedAtMs: ticket.issuedAtMs || nowMs,
          })
        : block;
      if (inserted.ok) answer.accepted.push(ticket.ticketId);
      else answer.rejected.push({ ticketId: ticket.ticketId, reason: inserted.error.message });
    }
    return answer;
  }

  async #purgeAck(sql: Sql, kioskId: string, payload: PurgeAckPayload): Promise<unknown> {
    if (!(await this.t.purgeOrders.exists(sql, payload.orderId)))
      throw new DeliveryRefusal(404, 'not_found', 'unknown purge order');
    await this.t.purgeOrders.acknowledge(sql, payload.orderId, kioskId, payload.completedAtMs);
    return { orderId: payload.orderId, acknowledged: true };
  }
}
