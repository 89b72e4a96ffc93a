/**
 * Columns that hold a person's data are stored sealed (sync/central/at-rest-cipher.ts). The context
 * names the row a value belongs to, so a sealed value copied into another row does not open.
 */
import type { z } from 'zod';
import { type AtRestCipher, openJson } from '../at-rest-cipher';

export const sealContext = {
  storeRecord: (keyedHash: string) => `store_record:${keyedHash}`,
  storeRecordVersion: (keyedHash: string, version: number) => `store_record_version:${keyedHash}:${version}`,
  payoutReview: (reviewId: string) => `payout_review:${reviewId}`,
  material: (sha256: string) => `material:${sha256}`,
  casePayload: (caseNumber: string) => `case_payload:${caseNumber}`,
} as const;

/**
 * Opens a sealed JSON column and reads it through its schema: a value that does not open or parse is
 * a damaged or tampered database, so it throws, naming the column but never the value.
 */
export function openJsonColumn<S extends z.ZodType>(
  cipher: AtRestCipher,
  schema: S,
  sealed: Uint8Array,
  context: string,
  column: string,
): z.infer<S> {
  const parsed = schema.safeParse(openJson(cipher, sealed, context));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `central database: ${column} breaks its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
  );
}
