/**
 * Reading columns back: JSONB values through their zod schema, and sealed (BYTEA) values through the
 * at-rest cipher. A row that does not parse or open is a damaged database (a bug, a hand edit, a value
 * moved to another row): it throws, naming the column but never the value (it may hold personal data).
 */
import type { z } from 'zod';
import { type AtRestCipher, openJson, sealJson } from '../at-rest-cipher';

export function parseColumn<S extends z.ZodType>(schema: S, value: unknown, column: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `central database: ${column} breaks its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
  );
}

/** A sealed JSON column, opened for its row's context and parsed through its schema. */
export function openSealedColumn<S extends z.ZodType>(
  cipher: AtRestCipher,
  schema: S,
  sealed: Uint8Array,
  context: string,
  column: string,
): z.infer<S> {
  return parseColumn(schema, openJson(cipher, sealed, context), column);
}

export { sealJson };

/** The contexts that bind each sealed value to its row (see at-rest-cipher.ts). */
export const sealContext = {
  profile: (keyedHash: string, version: number) => `profile:${keyedHash}:${version}`,
  payoutReview: (reviewId: string) => `payout-review:${reviewId}`,
  delivery: (kioskId: string, idempotencyKey: string) => `delivery:${kioskId}:${idempotencyKey}`,
  /** A 一件事 part case's own payload (its delivery's context is its bundle case's). */
  casePart: (caseNumber: string) => `case-part:${caseNumber}`,
  ratingComment: (caseNumber: string) => `rating:${caseNumber}`,
  material: (sha256: string) => `material:${sha256}`,
};
