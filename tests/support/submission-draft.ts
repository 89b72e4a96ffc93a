/** A submission draft for tests that commit through the production path (SubmissionsTable.commit). */
import { createHash } from 'node:crypto';
import type { SubmissionDraft } from '../../sync/protocol/submission-record';

export function keyedHashOf(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

/** A valid draft; `caseNumber` must follow the contract (A-Z, 0-9, '-', 6 to 40 characters). */
export function testDraft(caseNumber: string, overrides: Partial<SubmissionDraft> = {}): SubmissionDraft {
  return {
    caseNumber,
    itemId: 'business-licence',
    departmentId: 'market',
    queueId: 'market-general',
    applicant: { keyedHash: keyedHashOf(caseNumber), priorityReasons: [] },
    formValues: { purpose: 'test' },
    consentToStore: false,
    reusedMaterials: [],
    ...overrides,
  };
}
