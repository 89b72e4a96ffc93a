/**
 * The deliveries table and the intake use cases (submission, check-in, rating, ticket report, purge
 * acknowledgement). A delivery is idempotent by its key: the first answer is stored with it and a
 * repeat gets that text byte for byte; the same key with another body is a 409. Each item runs in a
 * savepoint of the batch's transaction, so a refused item leaves nothing behind.
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
import type { AppointmentTable } from './appointments';
import type { CaseTable } from './cases';
import type { CatalogueTable } from './catalogue';
import type { CentralDatabase } from './central-database';
import type { FormFreeStoreTable } from './form-free-store';
import type { KioskTable } from './kiosks';
import type { MaterialTable } from './materials';
import type { PurgeOrderTable } from './purge-orders';
import type { TicketBlockTable } from './ticket-blocks';
import type { TicketTable } from './tickets';

export interface IntakeTables {
  kiosks: KioskTable;
  catalogue: CatalogueTable;
  materials: MaterialTable;
  store: FormFreeStoreTable;
  cases: CaseTable;
  tickets: TicketTable;
  blocks: TicketBlockTable;
  appointments: AppointmentTable;
  purgeOrders: PurgeOrderTable;
}

type PurgeAckPayload = z.infer<typeof purgeAckPayloadSchema>;

interface PlacedTicket {
  ticketId: string;
  display: string;
}

export class Intake {
  constructor(
    private readonly db: CentralDatabase,
    private readonly t: IntakeTables,
    /** The hall's time zone: a ticket issued here without a date gets today's. */
    private readonly timeZone: string,
  ) {}

  deliver(kioskId: string, items: readonly ValidatedDelivery[], nowMs: number): DeliveryOutcome[] {
    const findDelivery = this.db.statement(
      'SELECT request_hash, status, response FROM deliveries WHERE kiosk_id = ? AND idempotency_key = ?',
    );
    const insertDelivery = this.db.statement(
      'INSERT INTO deliveries (idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const answer = (item: ValidatedDelivery, refusal: DeliveryRefusal): DeliveryOutcome => ({
      idempotencyKey: item.idempotencyKey,
      status: refusal.status,
      responseJson: JSON.stringify(refusal.body()),
    });
    let blocked = false;
    return this.db.transaction(() =>
      items.map((item): DeliveryOutcome => {
        if (blocked) {
          return answer(
            item,
            new DeliveryRefusal(424, 'not_attempted', 'an earlier item of this batch must be retried first'),
          );
        }
        // Keys are the kiosk's own: another kiosk's key names nothing here, so it cannot be replayed.
        const existing = findDelivery.get(kioskId, item.idempotencyKey) as
          | { request_hash: string; status: number; response: string }
          | undefined;
        if (existing) {
          if (existing.request_hash === item.requestHash) {
            return {
              idempotencyKey: item.idempotencyKey,
              status: existing.status,
              responseJson: existing.response,
            };
          }
          return answer(
            item,
            new DeliveryRefusal(
              409,
              'idempotency_conflict',
              'this idempotency key was used with another body',
            ),
          );
        }
        try {
          const json = this.db.transaction(() => {
            const json = JSON.stringify(this.#apply(kioskId, item, nowMs));
            insertDelivery.run(
              item.idempotencyKey,
              kioskId,
              item.kind,
              item.kioskSeq,
              item.requestHash,
              200,
              json,
              nowMs,
            );
            return json;
          });
          return { idempotencyKey: item.idempotencyKey, status: 200, responseJson: json };
        } catch (error) {
          if (!(error instanceof DeliveryRefusal)) throw error;
          // Kiosk order: nothing after an item that will be retried may be accepted before it.
          if (error.status === 412) blocked = true;
          return answer(item, error);
        }
      }),
    );
  }

  accepted(): AcceptedDelivery[] {
    const rows = this.db
      .statement(
        'SELECT kiosk_id, kind, idempotency_key, kiosk_seq, accept_order FROM deliveries ORDER BY accept_order',
      )
      .all() as {
      kiosk_id: string;
      kind: AcceptedDelivery['kind'];
      idempotency_key: string;
      kiosk_seq: number;
      accept_order: number;
    }[];
    return rows.map((r) => ({
      kioskId: r.kiosk_id,
      kind: r.kind,
      idempotencyKey: r.idempotency_key,
      kioskSeq: r.kiosk_seq,
      acceptOrder: r.accept_order,
    }));
  }

  /** The payload was validated against its kind's schema by the route. */
  #apply(kioskId: string, item: ValidatedDelivery, nowMs: number): unknown {
    switch (item.kind) {
      case 'submission':
        return this.#submission(kioskId, item.idempotencyKey, item.payload as SubmissionPayload, nowMs);
      case 'checkin':
        return this.#checkin(kioskId, item.payload as CheckinPayload, nowMs);
      case 'rating':
        return this.#rating(kioskId, item.payload as RatingPayload);
      case 'ticket_report':
        return this.#ticketReport(kioskId, item.payload as TicketReportPayload, nowMs);
      case 'purge_ack':
        return this.#purgeAck(kioskId, item.payload as PurgeAckPayload);
      case 'supplement':
        return this.#supplement(kioskId, item.payload as SupplementPayload, nowMs);
    }
  }

  /** The pages a 补正 asked for, from any kiosk where the case's applicant presented their card. */
  #supplement(kioskId: string, payload: SupplementPayload, nowMs: number): unknown {
    const row = this.t.cases.row(payload.caseNumber);
    if (!row) throw new DeliveryRefusal(404, 'not_found', 'unknown case');
    const hashes = [...new Set(payload.materials.map((m) => m.sha256))];
    const present = this.t.materials.present(hashes);
    const missing = hashes.filter((h) => !present.has(h));
    if (missing.length > 0)
      throw new DeliveryRefusal(412, 'materials_missing', 'upload the named materials first', missing);
    const asked = currentMissingItems(row.stage, this.t.cases.steps(payload.caseNumber));
    const planned = planSupplement(row.stage, row.payload.applicant.keyedHash, asked, payload, nowMs);
    if (!planned.ok) refuseSupplement(planned.error);
    this.t.cases.takeStep(payload.caseNumber, planned.value, { kioskId });
    return { caseNumber: payload.caseNumber, stage: 'supplement_submitted', receivedAtMs: nowMs };
  }

  #submission(kioskId: string, idempotencyKey: string, payload: SubmissionPayload, nowMs: number): unknown {
    // A case number names its kiosk (kernel/case-number.ts): a kiosk files cases under its own only.
    if (!caseNumberIsFromKiosk(payload.caseNumber, this.t.kiosks.kioskCode(kioskId)))
      throw new DeliveryRefusal(403, 'forbidden', 'the case number names another kiosk');
    const hall = this.t.catalogue.hall();
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
    const present = this.t.materials.present(hashes);
    const missing = hashes.filter((h) => !present.has(h));
    if (missing.length > 0) {
      throw new DeliveryRefusal(412, 'materials_missing', 'upload the named materials first', missing);
    }
    for (const caseNumber of [payload.caseNumber, ...(parts ?? []).map((p) => p.payload.caseNumber)]) {
      if (this.t.cases.exists(caseNumber))
        throw new DeliveryRefusal(
          409,
          'idempotency_conflict',
          'case number already used by another delivery',
        );
    }
    const ticket = this.#placeTicket(kioskId, payload.ticket, queue, {
      caseNumber: payload.caseNumber,
      itemId: payload.itemId,
      priority: queue.priority,
      nowMs,
      serviceDate: payload.ticket?.serviceDate,
    });
    const filed = { idempotencyKey, kioskId, queueId: queue.id, ticketId: ticket.ticketId, nowMs };
    this.t.cases.open({ ...filed, payload, kind: parts ? 'bundle' : 'single' });
    // 一件事: one case per item at its department, in this savepoint with the bundle case.
    for (const part of parts ?? []) {
      this.t.cases.open({
        ...filed,
        payload: part.payload,
        kind: 'part',
        partOf: { caseNumber: payload.caseNumber, index: part.index },
      });
    }
    // The profile arrives with this case for the same person: the evidence they were at this kiosk.
    if (payload.consentToStore && payload.profile !== undefined) {
      const held = this.t.materials.present(archivedHashes(payload.profile));
      this.t.store.proposeFromCase(
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

  /**
   * Records the kiosk's ticket (verifying it lies in a block this kiosk leased) or, when the kiosk had
   * none, issues one from the central counter. The ticket waits in `queue`; the queue whose block
   * numbered it is kept apart because numbers are unique per numbering queue.
   */
  #placeTicket(
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
  ): PlacedTicket {
    const common = {
      queueId: queue.id,
      kioskId,
      caseNumber: context.caseNumber,
      itemId: context.itemId,
      priority: context.priority,
      issuedAtMs: context.nowMs,
    };
    if (ref) {
      const numberingQueue = this.t.catalogue.hall().queues.get(ref.queueId);
      const blockId = orRefuse(
        this.t.blocks.blockHolding(kioskId, ref, numberingQueue),
        422,
        'invalid_payload',
      );
      const existing = this.t.tickets.row(ref.ticketId);
      if (existing) {
        // Only the very ticket this kiosk reported: another kiosk's ticket id is not its to move.
        const same =
          existing.kiosk_id === kioskId &&
          existing.number === ref.number &&
          existing.service_date === ref.serviceDate &&
          existing.number_queue_id === ref.queueId;
        if (!same)
          throw new DeliveryRefusal(409, 'idempotency_conflict', 'ticket id already names another ticket');
        // Reported earlier by a ticket report: attach the case now.
        this.t.tickets.attachCase(ref.ticketId, context.caseNumber, context.itemId, queue.id);
        return { ticketId: existing.ticket_id, display: existing.display };
      }
      orRefuse(
        this.t.tickets.insert({
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
    const number = this.t.blocks.takeNumbers(queue.id, serviceDate, 1);
    const ticket = { ticketId: randomUUID(), display: formatTicketDisplay(queue.prefix, number) };
    orRefuse(
      this.t.tickets.insert({
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

  #checkin(kioskId: string, payload: CheckinPayload, nowMs: number): unknown {
    const found = this.t.appointments.get(payload.appointmentId);
    if (!found) throw new DeliveryRefusal(404, 'not_found', 'unknown appointment');
    const { appointment, version } = found;
    if (appointment.keyedHash !== payload.keyedHash)
      throw new DeliveryRefusal(422, 'invalid_payload', 'appointment of another person');
    if (appointment.status === 'cancelled')
      throw new DeliveryRefusal(409, 'idempotency_conflict', 'appointment was cancelled');
    const hall = this.t.catalogue.hall();
    const queue =
      hall.queues.get(payload.ticket?.queueId ?? appointment.queueId) ?? hall.queues.get(appointment.queueId);
    if (!queue) throw new DeliveryRefusal(422, 'invalid_payload', 'appointment queue unknown');
    const ticket = this.#placeTicket(kioskId, payload.ticket, queue, {
      caseNumber: null,
      itemId: appointment.itemId,
      priority: true,
      nowMs,
      serviceDate: appointment.serviceDate,
    });
    this.t.appointments.update({ ...appointment, status: 'checked_in' }, version);
    return { appointmentId: payload.appointmentId, status: 'checked_in', ticket };
  }

  /** From the kiosk that filed the case, once. */
  #rating(kioskId: string, payload: RatingPayload): unknown {
    const filedBy = this.t.cases.filedBy(payload.caseNumber);
    if (filedBy === null) throw new DeliveryRefusal(404, 'not_found', 'unknown case');
    if (filedBy !== kioskId)
      throw new DeliveryRefusal(403, 'forbidden', 'the case was filed at another kiosk');
    if (this.t.cases.rated(payload.caseNumber))
      throw new DeliveryRefusal(409, 'idempotency_conflict', 'the case has been rated already');
    this.t.cases.rate(payload);
    return { caseNumber: payload.caseNumber, recorded: true };
  }

  /** Each ticket on its own: one outside the kiosk's blocks is rejected, the others are kept. */
  #ticketReport(kioskId: string, payload: TicketReportPayload, nowMs: number): TicketReportResponse {
    const answer: TicketReportResponse = { accepted: [], duplicates: [], rejected: [] };
    const hall = this.t.catalogue.hall();
    for (const ticket of payload.tickets) {
      if (this.t.tickets.row(ticket.ticketId)) {
        answer.duplicates.push(ticket.ticketId);
        continue;
      }
      const block = this.t.blocks.blockHolding(kioskId, ticket, hall.queues.get(ticket.queueId));
      const inserted = block.ok
        ? this.t.tickets.insert({
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

  #purgeAck(kioskId: string, payload: PurgeAckPayload): unknown {
    if (!this.t.purgeOrders.exists(payload.orderId))
      throw new DeliveryRefusal(404, 'not_found', 'unknown purge order');
    this.t.purgeOrders.acknowledge(payload.orderId, kioskId, payload.completedAtMs);
    return { orderId: payload.orderId, acknowledged: true };
  }
}
