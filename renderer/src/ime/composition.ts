/**
 * The letters being composed on the Chinese keyboard and what each action does to them, apart from
 * React so it can be tested under Node: choosing a candidate takes exactly the letters it spells;
 * committing (switching keyboard mode, 完成) takes the best reading of everything, never raw letters.
 */
import type { ImeCandidate, ImeEngine, ImeOptions } from './engine';

export interface CompositionStep {
  /** Text to add to the field. */
  insert: string;
  /** The letters still being composed. */
  pinyin: string;
}

export function chooseCandidate(pinyin: string, candidate: ImeCandidate): CompositionStep {
  return { insert: candidate.text, pinyin: pinyin.slice(candidate.consumed) };
}

/**
 * The whole composition as its best reading (the first candidate always reads all of it: the sentence).
 * Without an engine yet (the lexicon still loading) the letters are dropped rather than typed into a
 * Chinese field as Latin letters.
 */
export function commitComposition(
  engine: ImeEngine | null,
  pinyin: string,
  options: ImeOptions = {},
): CompositionStep {
  if (!pinyin) return { insert: '', pinyin: '' };
  const [best] = engine?.candidates(pinyin, { ...options, limit: 1 }) ?? [];
  return { insert: best && best.consumed === pinyin.length ? best.text : '', pinyin: '' };
}
