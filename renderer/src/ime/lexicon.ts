/**
 * The pinyin lexicon as it ships: a text file built at build time (scripts/build-ime-lexicon.ts), one
 * word a line, "word<TAB>syllable syllable ...<TAB>frequency", after a header line. Text, not JSON: it
 * is about half the size and parses in one pass.
 */
import { isSyllable } from './syllables';

export const lexiconHeader = 'hall-kiosk ime lexicon 1';

/**
 * What the hall's own words count for, about as common as 公司 in jieba's counts, so they lead for their
 * pinyin and initials (the build raises them to it; the live catalogue's names are added at it).
 */
export const hallWordFrequency = 40_000;

export interface LexiconWord {
  text: string;
  syllables: readonly string[];
  /** Occurrences per the corpus (jieba's counts; the hall's own words are raised, see the build). */
  frequency: number;
}

export function formatLexicon(words: readonly LexiconWord[]): string {
  const lines = [lexiconHeader];
  for (const word of words) lines.push(`${word.text}\t${word.syllables.join(' ')}\t${word.frequency}`);
  return `${lines.join('\n')}\n`;
}

/** Throws on a file that is not a lexicon: the build wrote it, so a bad one is a broken build. */
export function parseLexicon(source: string): LexiconWord[] {
  const lines = source.split('\n');
  if (lines[0] !== lexiconHeader) throw new Error('not a hall-kiosk pinyin lexicon (bad header)');
  const words: LexiconWord[] = [];
  for (let line = 1; line < lines.length; line++) {
    const text = lines[line];
    if (!text) continue;
    const [word, reading, frequency] = text.split('\t');
    const syllables = reading?.split(' ') ?? [];
    const count = Number(frequency);
    if (!word || syllables.length === 0 || !syllables.every(isSyllable) || !(count > 0)) {
      throw new Error(`pinyin lexicon line ${line + 1} is malformed`);
    }
    words.push({ text: word, syllables, frequency: count });
  }
  return words;
}
