/**
 * What both central backends keep of a case, in one place: the rows the workflow reads, a new case, and
 * how a step's sealed detail is shaped and bound to its case (sqlite/cases.ts and postgres/cases.ts).
 */
import type { CaseAgent, CaseFile, CaseStage, CaseStep } from '../protocol/case-workflow';
import { caseAgentSchema, caseStepSchema } from '../protocol/case-workflow';
import type { SubmissionPayload } from '../protocol/central-api';
import type { BundleLink, CaseKind, PartRow } from './bundle-cases';
import { currentMissingItems } from './case-steps';

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
  kind: CaseKind;
  /** A part case's bundle case, else null. */
  bundleCaseNumber: string | null;
  agent: CaseAgent | null;
}

export interface NewCase {
  payload: SubmissionPayload;
  idempotencyKey: string;
  kioskId: string;
  queueId: string;
  ticketId: string;
  nowMs: number;
  /** Absent: a single case. A part names its bundle case and its place (1..). */
  kind?: CaseKind;
  partOf?: { caseNumber: string; index: number };
}

/** The agent columns of a case row (both null when the applicant came in person). */
export function agentOfColumns(keyedHash: string | null, basis: string | null): CaseAgent | null {
  if (keyedHash === null || basis === null) return null;
  // The columns' CHECKs hold the same rule: a row breaking it is a damaged database.
  return caseAgentSchema.parse({ keyedHash, basis });
}

/** The case file the desk opens, from a case's row and its steps: the same on both backends. */
export type { BundleLink, PartRow };

export function caseFileOf(caseNumber: string, row: CaseRow, steps: CaseStep[]): CaseFileWithoutItem {
  return {
    caseNumber,
    itemId: row.itemId,
    departmentId: row.departmentId,
    applicantKeyedHash: row.payload.applicant.keyedHash,
    stage: row.stage,
    receivedAtMs: row.receivedAtMs,
    formValues: row.payload.formValues,
    materials: [
      ...row.payload.materials.map((m) => ({ ...pageOf(m), supplement: false })),
      ...steps.flatMap((s) => (s.materials ?? []).map((m) => ({ ...pageOf(m), supplement: true }))),
    ],
    missingItems: currentMissingItems(row.stage, steps),
    steps,
    ...(row.agent ? { agent: row.agent } : {}),
  };
}

function pageOf(m: { materialId: string; page: number; sha256: string; mediaType: string }) {
  return { materialId: m.materialId, page: m.page, sha256: m.sha256, mediaType: m.mediaType };
}
