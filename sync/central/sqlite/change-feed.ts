/**
 * The delta feeds (catalogue, store, appointments, purge orders) page by a monotonically growing
 * sequence; the cursor is that sequence as text, opaque to kiosks.
 */
import { BadCursorError } from '../storage';

/** A cursor this server issued (a decimal sequence), else BadCursorError: never a silent restart from 0. */
export function cursorToSeq(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const value = /^(0|[1-9][0-9]{0,15})$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new BadCursorError(cursor);
  return value;
}

/** One page of `rows` fetched with LIMIT limit + 1: the extra row only says there is more. */
export function deltaPage<R extends { seq: number }, E>(
  rows: readonly R[],
  limit: number,
  after: number,
  entry: (row: R) => E,
): { entries: E[]; cursor: string; hasMore: boolean } {
  const page = rows.slice(0, limit);
  return {
    entries: page.map(entry),
    cursor: String(page.at(-1)?.seq ?? after),
    hasMore: rows.length > limit,
  };
}
