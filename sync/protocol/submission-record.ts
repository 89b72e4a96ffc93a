/**
 * The one submission record. The kiosk builds it once, inside the transaction that stores the
 * submission (when the material hashes and the ticket are known), stores it once (sealed), and the
 * outbox sends it as it is: the record IS the central API's SubmissionPayload.
 */
import { sealFor } from '../../kernel/sealed-envelope';
import {
  type PriorityReason,
  type SealedSubmissionContent,
  type SealedSubmissionPayload,
  type SubmissionPayload,
  submissionPayloadSchema,
  type TicketRef,
} from './central-api';
import type { Profile } from './profile';

export const submissionRecordSchema = submissionPayloadSchema;
export type SubmissionRecord = SubmissionPayload;

/** A page of a material: a content-addressed file. */
export interface SubmissionPage {
  code: string;
  page: number;
  sha256: string;
  mime: string;
}

/** Everything known about a submission before it is stored. */
export interface SubmissionDraft {
  caseNumber: string;
  itemId: string;
  departmentId: string;
  queueId: string;
  applicant: { keyedHash: string; priorityReasons: PriorityReason[]; previousKeyedHash?: string };
  /** 帮办代办: who applied on the applicant's behalf, and on what basis. */
  agent?: SubmissionPayload['agent'];
  formValues: Record<string, unknown>;
  consentToStore: boolean;
  /** With consent: the profile the form-free store keeps (the central checks it against profileSchema). */
  profile?: Profile;
  /** Archived copies re-used by reference: the central system holds their bytes, the kiosk may not. */
  reusedMaterials: SubmissionPage[];
}

/** What the commit adds: the pages just written, the ticket just issued, the moment of storing. */
export interface SubmissionPlacement {
  captured: readonly SubmissionPage[];
  ticket: TicketRef | null;
  submittedAtMs: number;
}

/** The wire's reference to an issued ticket, block id included (submissions and check-ins alike). */
export function ticketRefOf(ticket: TicketRef): TicketRef {
  return {
    ticketId: ticket.ticketId,
    blockId: ticket.blockId,
    queueId: ticket.queueId,
    serviceDate: ticket.serviceDate,
    number: ticket.number,
    display: ticket.display,
  };
}

/** Pure: the same draft and placement always give the same record (its idempotency key never conflicts). */
export function buildSubmissionRecord(draft: SubmissionDraft, placed: SubmissionPlacement): SubmissionRecord {
  const page = (m: SubmissionPage, reusedFromStore: boolean) => ({
    materialId: m.code,
    page: m.page,
    sha256: m.sha256,
    mediaType: m.mime,
    reusedFromStore,
  });
  const ticket = placed.ticket;
  return {
    caseNumber: draft.caseNumber,
    itemId: draft.itemId,
    departmentId: draft.departmentId,
    queueId: draft.queueId,
    ticket: ticket ? ticketRefOf(ticket) : null,
    applicant: draft.applicant,
    ...(draft.agent !== undefined ? { agent: draft.agent } : {}),
    formValues: draft.formValues,
    materials: [
      ...placed.captured.map((m) => page(m, false)),
      ...draft.reusedMaterials.map((m) => page(m, true)),
    ],
    consentToStore: draft.consentToStore,
    ...(draft.profile !== undefined ? { profile: draft.profile } : {}),
    submittedAtMs: placed.submittedAtMs,
  };
}

/** What binds a sealed payload to its record: moved into another submission, it does not open. */
export function submissionSealBinding(record: {
  caseNumber: string;
  applicant: { keyedHash: string };
}): string {
  return `submission\n${record.caseNumber}\n${record.applicant.keyedHash}`;
}

/** The record as a kiosk sends it: form values and profile sealed for the central's intake key. */
export function sealSubmissionRecord(
  record: SubmissionRecord,
  intakeSealingKey: string,
): SealedSubmissionPayload {
  const { formValues, profile, ...rest } = record;
  const content: SealedSubmissionContent = profile !== undefined ? { formValues, profile } : { formValues };
  return {
    ...rest,
    sealed: sealFor(
      intakeSealingKey,
      Buffer.from(JSON.stringify(content), 'utf8'),
      submissionSealBinding(record),
    ),
  };
}
