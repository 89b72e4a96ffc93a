/**
 * The acceptance table of issue 14 as data plus a scorer, shared by the test and the input bench: each
 * hall phrase typed by full pinyin and by initials, and where the wanted phrase lands.
 */
import type { ImeEngine } from '../../renderer/src/ime/engine';
import { wordSyllables } from '../../scripts/build-ime-lexicon';
import { sampleCatalogue } from '../../sync/sample-hall';
import { hallPhrases } from './ime-phrases';

export interface TablePhrase {
  phrase: string;
  category: string;
  full: string;
  initials: string;
}

export function acceptanceTable(): TablePhrase[] {
  const rows = new Map<string, TablePhrase>();
  const add = (phrase: string, category: string) => {
    const syllables = wordSyllables(phrase);
    if (!syllables) throw new Error(`no reading for ${phrase}`);
    if (!rows.has(phrase)) {
      rows.set(phrase, {
        phrase,
        category,
        full: syllables.join(''),
        initials: syllables.map((syllable) => syllable[0]).join(''),
      });
    }
  };
  for (const [category, phrases] of Object.entries(hallPhrases))
    for (const phrase of phrases) add(phrase, category);
  for (const item of sampleCatalogue().items)
    add(item.name['zh-Hans'].replace(/[^\p{Script=Han}]/gu, ''), 'catalogue');
  return [...rows.values()];
}

export interface TableScore {
  rows: number;
  fullTop5: number;
  initialsTop5: number;
  fullMisses: string[];
  initialsMisses: string[];
}

export function scoreTable(engine: ImeEngine, rows: readonly TablePhrase[]): TableScore {
  const top5 = (input: string, phrase: string) =>
    engine
      .candidates(input, { limit: 5 })
      .map((candidate) => candidate.text)
      .includes(phrase);
  const fullMisses = rows
    .filter((row) => !top5(row.full, row.phrase))
    .map((row) => `${row.full} ${row.phrase}`);
  const initialsMisses = rows
    .filter((row) => !top5(row.initials, row.phrase))
    .map((row) => `${row.initials} ${row.phrase}`);
  return {
    rows: rows.length,
    fullTop5: (rows.length - fullMisses.length) / rows.length,
    initialsTop5: (rows.length - initialsMisses.length) / rows.length,
    fullMisses,
    initialsMisses,
  };
}
