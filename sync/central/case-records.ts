/**
 * What both central backends keep of a case, in one place: the rows the workflow reads, a new case, and
 * how a step's sealed detail is shaped and bound to its case (sqlite/cases.ts and postgres/cases.ts).
 */
import type { CaseFile, CaseStage } from '../protocol/case-workflow';
import { caseStepSchema } from '../protocol/case-workflow';
import type { SubmissionPayload } from '../protocol/central-api';

/** What the backend reads; the storage adds the catalogue's item (case-steps.ts withItem). */
export type CaseFileWithoutItem = Omit<CaseFile, 'itemName' | 'requiredMaterials'>;

/** The sealed detail of a step: what it named, bound to its case, time and action. */
export const stepContext = (caseNumber: string, atMs: number, action: string) =>
  `case_step:${caseNumber}:${atMs}:${action}`;
export const stepDetailSchema = caseStepSchema.pick({
  missingItems: true,
  result: true,
  reason: true,
  materials: true,
});

/** A case as the workflow reads it: its stage, its item and its opened payload. */
export interface CaseRow {
  caseNumber: string;
  itemId: string;
  departmentId: string;
  kioskId: string;
  stage: CaseStage;
  receivedAtMs: number;
  payload: SubmissionPayload;
}

export interface NewCase {
  payload: SubmissionPayload;
  idempotencyKey: string;
  kioskId: string;
  queueId: string;
  ticketId: string;
  nowMs: number;
}
