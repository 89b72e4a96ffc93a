/**
 * Pinyin -> candidates for the on-screen keyboard, from the index built at build time
 * (scripts/build-pinyin-index.ts). Pure: no DOM, no dictionary library at run time.
 *
 * Each typed syllable may be spelled in full ("nan") or by any prefix of it, down to its initial ("n"),
 * so "nananshi", "nas", "nasm" and "nanas" all find 南安市. Candidates come in three tiers:
 *   1. every syllable typed in full (nan an -> 南安),
 *   2. every syllable typed, some abbreviated (nas -> 南安市),
 *   3. the typed letters begin a longer entry (nana -> 南安市: prediction),
 * and within a tier in index order (place names, surnames, phrases by frequency, then characters).
 */

export interface PinyinIndex {
  version: 1;
  /** [word, "syllable syllable ..."] in rank order. */
  words: [string, string][];
  /** [syllable, characters ranked best first]. */
  chars: [string, string][];
}

interface Entry {
  text: string;
  syllables: string[];
  rank: number;
}

export interface PinyinMatcher {
  candidates(input: string, limit?: number): string[];
  /**
   * Candidates for the longest beginning of the input that has any, and how many letters they use:
   * choosing 南安市 for "nasm" uses "nas" and leaves "m" to type on (as desktop input methods do).
   */
  lookup(input: string, limit?: number): PinyinCandidate[];
}

export interface PinyinCandidate {
  text: string;
  /** How many of the typed letters this candidate uses. */
  consumed: number;
}

enum Tier {
  Full = 0,
  Abbreviated = 1,
  Prediction = 2,
}

/** Best tier for matching `input` from position `at` against syllables from `index`, or -1. */
function matchFrom(
  input: string,
  at: number,
  syllables: readonly string[],
  index: number,
  abbreviated: boolean,
): number {
  if (at === input.length) {
    if (index === syllables.length) return abbreviated ? Tier.Abbreviated : Tier.Full;
    return Tier.Prediction;
  }
  if (index === syllables.length) return -1;
  const syllable = syllables[index]!;
  let best = -1;
  // Longest spelling first: a full syllable gives the better tier.
  for (let length = Math.min(syllable.length, input.length - at); length >= 1; length--) {
    if (!input.startsWith(syllable.slice(0, length), at)) continue;
    const partial = length < syllable.length;
    // A partial syllable can only be followed by the next syllable, or end the input.
    const tier = matchFrom(input, at + length, syllables, index + 1, abbreviated || partial);
    if (tier >= 0) {
      // A prefix of the last syllable at the very end is still "typing it": count as full/abbreviated.
      const adjusted =
        partial && at + length === input.length && index + 1 === syllables.length
          ? Math.max(tier, Tier.Abbreviated)
          : tier;
      if (best < 0 || adjusted < best) best = adjusted;
      if (best === Tier.Full) break;
    }
  }
  return best;
}

export function createPinyinMatcher(index: PinyinIndex): PinyinMatcher {
  const buckets = new Map<string, Entry[]>();
  let rank = 0;
  const add = (text: string, syllables: string[]) => {
    const first = syllables[0]?.[0];
    if (!first) return;
    const bucket = buckets.get(first) ?? [];
    bucket.push({ text, syllables, rank: rank++ });
    buckets.set(first, bucket);
  };
  // Words (places, surnames, phrases) outrank single characters of the same tier only when they use
  // the whole input; a single character typed in full is tier 1 for one syllable, as it should be.
  for (const [word, reading] of index.words) add(word, reading.split(' '));
  // Characters of every syllable interleaved by their rank within the syllable.
  const bySyllable = index.chars.map(([syllable, characters]) => ({ syllable, characters: [...characters] }));
  const longest = Math.max(0, ...bySyllable.map((entry) => entry.characters.length));
  for (let position = 0; position < longest; position++) {
    for (const entry of bySyllable) {
      const character = entry.characters[position];
      if (character) add(character, [entry.syllable]);
    }
  }

  const matcher: PinyinMatcher = {
    lookup(rawInput, limit = 40) {
      const input = rawInput.toLowerCase().replace(/[^a-z]/g, '');
      const whole = search(input, limit, false);
      if (whole.length > 0 || input.length < 2) {
        return whole.map((text) => ({ text, consumed: input.length }));
      }
      // The whole input spells nothing: the longest beginning that spells something (nas|m -> 南安市),
      // then the longest beginning typed in full syllables (zhang|san -> 张), as desktop input methods do.
      const found: PinyinCandidate[] = [];
      const seen = new Set<string>();
      const take = (length: number, fullOnly: boolean): boolean => {
        const texts = search(input.slice(0, length), limit, fullOnly);
        for (const text of texts) {
          if (!seen.has(text)) {
            seen.add(text);
            found.push({ text, consumed: length });
          }
        }
        return texts.length > 0;
      };
      let any = input.length - 1;
      while (any > 0 && !take(any, false)) any--;
      for (let length = input.length - 1; length > 0; length--) {
        if (length !== any && take(length, true)) break;
      }
      return found.slice(0, limit * 2);
    },
    candidates(rawInput, limit = 40) {
      return search(
        rawInput
          .toLowerCase()
          .replace(/ü/g, 'v')
          .replace(/[^a-z]/g, ''),
        limit,
        false,
      );
    },
  };
  function search(input: string, limit: number, fullOnly: boolean): string[] {
    {
      if (input.length === 0) return [];
      const bucket = buckets.get(input[0]!) ?? [];
      const tiers: Entry[][] = [[], [], []];
      for (const entry of bucket) {
        const tier = matchFrom(input, 0, entry.syllables, 0, false);
        if (tier >= 0) tiers[tier]!.push(entry);
      }
      const seen = new Set<string>();
      const out: string[] = [];
      for (const tier of fullOnly ? tiers.slice(0, 1) : tiers) {
        // Within a tier: more syllables consumed first for full/abbreviated (phrases before characters),
        // then rank.
        tier.sort((a, b) => b.syllables.length - a.syllables.length || a.rank - b.rank);
        for (const entry of tier) {
          if (seen.has(entry.text)) continue;
          seen.add(entry.text);
          out.push(entry.text);
          if (out.length >= limit) return out;
        }
      }
      return out;
    }
  }
  return matcher;
}
