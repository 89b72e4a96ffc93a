import type { ImeCandidate } from '../ime/engine';

/**
 * Candidate pages by what fits: at most `count` candidates and `characters` characters, so a
 * four-character phrase is always shown whole, on one line.
 */
export function candidatePages(
  candidates: readonly ImeCandidate[],
  count: number,
  characters: number,
): ImeCandidate[][] {
  const pages: ImeCandidate[][] = [];
  let page: ImeCandidate[] = [];
  let used = 0;
  for (const candidate of candidates) {
    const length = [...candidate.text].length;
    if (page.length > 0 && (page.length >= count || used + length > characters)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(candidate);
    used += length;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
