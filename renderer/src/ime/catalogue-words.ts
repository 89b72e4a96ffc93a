/**
 * The live catalogue's item names as lexicon words, so a hall's new or renamed items come first for
 * their pinyin without a rebuild: the catalogue already carries each name's pinyin, run together.
 */
import { hallWordFrequency, type LexiconWord } from './lexicon';
import { splitSyllables } from './syllables';

export interface NamedWithPinyin {
  name: { 'zh-Hans': string };
  pinyin: string;
}

export function catalogueWords(items: readonly NamedWithPinyin[]): LexiconWord[] {
  const out: LexiconWord[] = [];
  for (const item of items) {
    const runs = item.name['zh-Hans'].match(/\p{Script=Han}+/gu) ?? [];
    const whole = runs.join('');
    // A name with Latin letters or digits in it does not line up with its pinyin: left out.
    if (!whole || /[^a-z]/.test(item.pinyin)) continue;
    const syllables = splitSyllables(item.pinyin, [...whole].length);
    if (!syllables) continue;
    out.push({ text: whole, syllables, frequency: hallWordFrequency });
    let at = 0;
    for (const run of runs.length > 1 ? runs : []) {
      const length = [...run].length;
      out.push({ text: run, syllables: syllables.slice(at, at + length), frequency: hallWordFrequency });
      at += length;
    }
  }
  return out;
}
