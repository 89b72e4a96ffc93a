/**
 * The delta feeds (catalogue, store, appointments, purge orders) page by a monotonically growing
 * sequence; the cursor is that sequence as text, opaque to kiosks.
 */
export function cursorToSeq(cursor: string | undefined): number {
  const value = Number(cursor ?? '0');
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
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
