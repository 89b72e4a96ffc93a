import type { ServiceItem } from './catalogue';

/**
 * Finds service items by what an applicant types on the kiosk keyboard: Chinese text (营业执照), full
 * pinyin (yingyezhizhao), pinyin initials (yyzz), or English/Traditional words. Uses the pinyin the
 * catalogue build computed, so the renderer ships no pinyin dictionary. Pure.
 */

export interface ItemSearchHit {
  item: ServiceItem;
  /** Higher is better; equal scores keep catalogue order with common items first. */
  score: number;
}

export interface ItemSearchOptions {
  limit?: number;
}

/** Lower-case, no spaces, apostrophes or tone marks: what pinyin and English queries are compared as. */
function normaliseLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'v')
    .toLowerCase()
    .replace(/[\s'’-]+/g, '');
}

function textScore(
  haystack: string,
  needle: string,
  exact: number,
  prefix: number,
  contains: number,
): number {
  if (needle.length === 0) return 0;
  if (haystack === needle) return exact;
  if (haystack.startsWith(needle)) return prefix;
  return haystack.includes(needle) ? contains : 0;
}

export function scoreItem(item: ServiceItem, query: string): number {
  const trimmed = query.trim();
  if (trimmed.length === 0) return 0;
  const latin = normaliseLatin(trimmed);
  const hasHan = /\p{Script=Han}/u.test(trimmed);
  let score = 0;
  if (hasHan) {
    score = Math.max(
      textScore(item.name['zh-Hans'], trimmed, 100, 90, 80),
      textScore(item.name['zh-Hant'], trimmed, 100, 90, 80),
      ...item.keywords.map((keyword) => textScore(keyword, trimmed, 70, 65, 60)),
    );
  }
  if (/^[a-z0-9]+$/.test(latin)) {
    score = Math.max(
      score,
      textScore(item.pinyinInitials, latin, 85, 75, latin.length >= 2 ? 55 : 0),
      textScore(item.pinyin, latin, 85, 75, latin.length >= 3 ? 50 : 0),
      textScore(item.code.toLowerCase(), latin, 95, 40, 0),
    );
  }
  const english = trimmed.toLowerCase();
  if (english.length >= 3) {
    score = Math.max(score, textScore(item.name.en.toLowerCase(), english, 90, 70, 45));
  }
  return score;
}

export function searchItems(
  items: readonly ServiceItem[],
  query: string,
  options: ItemSearchOptions = {},
): ItemSearchHit[] {
  const hits: ItemSearchHit[] = [];
  items.forEach((item) => {
    const score = scoreItem(item, query);
    if (score > 0) hits.push({ item, score: score + (item.common ? 5 : 0) });
  });
  // Array.prototype.sort is stable: ties keep catalogue order.
  hits.sort((left, right) => right.score - left.score);
  return hits.slice(0, options.limit ?? 20);
}
