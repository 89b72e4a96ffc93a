/**
 * A phrase-level pinyin engine: typed letters -> ranked candidates, each saying how many typed characters
 * it uses. Pure TypeScript (no DOM) so the keyboard, the tests, `npm run ime` and the bench share it.
 *
 * The input is read as a lattice: from each position, every lexicon word whose syllables the letters
 * spell (in full, by a beginning of each syllable as in gjj or gongjj, or by a fuzzy spelling) is an
 * edge to where its letters end; digits stand for themselves and an apostrophe only separates syllables.
 * A word costs -log(its share of the corpus), plus a little per abbreviated or fuzzy syllable, and the
 * cheapest path through the whole input is the sentence (zhongshanlu8hao -> 中山路8号). Candidates are that
 * sentence, then the words starting at the beginning, those using more of the input first, cheapest first.
 */
import type { LexiconWord } from './lexicon';
import { isSyllable, type PieceReading, pieceTable } from './syllables';

export interface ImeCandidate {
  text: string;
  /** How many typed characters (letters, digits, apostrophes) choosing it uses, from the start. */
  consumed: number;
}

export interface ImeOptions {
  /** Fuzzy syllables (n/l, h/f, zh/z, ch/c, sh/s, an/ang, en/eng, in/ing); a hall setting. */
  fuzzy?: boolean;
  limit?: number;
  /** The field's text just before the composition: after "8", hao reads as 号. */
  before?: string;
}

export interface ImeEngine {
  candidates(input: string, options?: ImeOptions): ImeCandidate[];
  /** How many words the lexicon holds (for the CLI and the bench). */
  readonly size: number;
  /** Words learnt at run time (the hall's live catalogue), counted against the lexicon's corpus. */
  addWords(words: readonly LexiconWord[]): void;
}

interface Word {
  text: string;
  cost: number;
}

interface TrieNode {
  children: Map<string, TrieNode> | null;
  /** Cheapest first. */
  words: Word[];
}

/** A syllable typed by its beginning only, or by a fuzzy spelling, costs this much more (in nats). */
const partialPenalty = 1.2;
/** More when the piece is a syllable itself: "li" typed is li far more often than the start of lian. */
const syllablePartialPenalty = 3;
const fuzzyPenalty = 3;
/** Digits and other characters that stand for themselves. */
const literalCost = 1;
/** A letter that begins no syllable (an i, u or v out of place): kept as typed, as a last resort. */
const strayLetterCost = 30;
/**
 * Right after a number, the units of an address or a count are what people mean (8hao -> 8号, not 8好).
 */
const unitsAfterNumber = new Set([...'号楼栋幢层室组巷弄户元岁年月日个间套', '单元', '号楼', '号院']);
const unitBonus = 8;
/** The longest piece of letters one syllable can take (zhuang, shuang). */
const longestPiece = 6;

function isLetter(character: string | undefined): boolean {
  return character !== undefined && character >= 'a' && character <= 'z';
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

/** Lower case, ü as v: one character for one, so positions in the normalised input are the typed ones. */
export function normalisePinyinInput(input: string): string {
  return input.toLowerCase().replace(/ü/g, 'v');
}

export function createImeEngine(words: readonly LexiconWord[]): ImeEngine {
  const root: TrieNode = { children: new Map(), words: [] };
  let total = 0;
  for (const word of words) total += word.frequency;
  let deepest = 0;
  const insert = (word: LexiconWord): TrieNode => {
    let node = root;
    for (const syllable of word.syllables) {
      node.children ??= new Map();
      let child = node.children.get(syllable);
      if (!child) {
        child = { children: null, words: [] };
        node.children.set(syllable, child);
      }
      node = child;
    }
    deepest = Math.max(deepest, word.syllables.length);
    const cost = Math.log(total / word.frequency);
    const known = node.words.find((entry) => entry.text === word.text);
    if (known) known.cost = Math.min(known.cost, cost);
    else node.words.push({ text: word.text, cost });
    return node;
  };
  for (const word of words) insert(word);
  const sortNode = (node: TrieNode) => {
    node.words.sort((a, b) => a.cost - b.cost);
    if (node.children) for (const child of node.children.values()) sortNode(child);
  };
  sortNode(root);
  const tables = new Map<boolean, ReadonlyMap<string, ReadonlyMap<string, PieceReading>>>();
  const table = (fuzzy: boolean) => {
    let found = tables.get(fuzzy);
    if (!found) {
      found = pieceTable(fuzzy);
      tables.set(fuzzy, found);
    }
    return found;
  };

  function candidates(rawInput: string, options: ImeOptions = {}): ImeCandidate[] {
    const input = normalisePinyinInput(rawInput);
    const limit = options.limit ?? 50;
    const pieces = table(options.fuzzy ?? true);
    const length = input.length;
    if (length === 0) return [];

    // After a word, apostrophes that follow it go with it (xi'an: choosing 西 leaves "an", not "'an").
    const skipApostrophes = (at: number) => {
      let end = at;
      while (input[end] === "'") end++;
      return end;
    };

    /** Cheapest edge from each position to each end: what the sentence is made of. */
    const cheapest: Map<number, Word>[] = Array.from({ length }, () => new Map());
    /** Every word found from the start, with the furthest end it reaches and its cost there. */
    const fromStart = new Map<string, { end: number; cost: number }>();

    const record = (start: number, end: number, word: Word, cost: number) => {
      const best = cheapest[start]!.get(end);
      if (!best || cost < best.cost) cheapest[start]!.set(end, { text: word.text, cost });
      if (start !== 0) return;
      const known = fromStart.get(word.text);
      if (!known || end > known.end || (end === known.end && cost < known.cost)) {
        fromStart.set(word.text, { end, cost });
      }
    };

    /** The pieces of letters that begin at each position and what they can stand for (read once). */
    const piecesAt: { end: number; readings: ReadonlyMap<string, PieceReading>; partialCost: number }[][] =
      Array.from({ length }, (_, from) => {
        const found = [];
        for (let size = 1; size <= longestPiece && isLetter(input[from + size - 1]); size++) {
          const piece = input.slice(from, from + size);
          const readings = pieces.get(piece);
          if (readings) {
            const partialCost = isSyllable(piece) ? syllablePartialPenalty : partialPenalty;
            found.push({ end: from + size, readings, partialCost });
          }
        }
        return found;
      });

    /** Whether a number comes just before each position (in the input, or in the field for the first). */
    const afterNumber = Array.from({ length }, (_, start) =>
      start === 0 ? isDigit(options.before?.slice(-1)) : isDigit(input[start - 1]),
    );

    /** One syllable further down the trie: record the words there, then go on reading. */
    const visit = (
      start: number,
      child: TrieNode,
      reading: PieceReading,
      penalty: number,
      partialCost: number,
      pieceEnd: number,
      depth: number,
    ) => {
      const cost = penalty + (reading.partial ? partialCost : 0) + (reading.fuzzy ? fuzzyPenalty : 0);
      const end = skipApostrophes(pieceEnd);
      const shown = Math.min(start === 0 ? limit : 1, child.words.length);
      for (let index = 0; index < shown; index++) {
        const word = child.words[index]!;
        record(start, end, word, word.cost + cost);
      }
      if (afterNumber[start]) {
        for (const word of child.words) {
          if (unitsAfterNumber.has(word.text)) record(start, end, word, word.cost + cost - unitBonus);
        }
      }
      if (child.children && depth + 1 < deepest) walk(start, child, pieceEnd, cost, depth + 1);
    };

    function walk(start: number, node: TrieNode, at: number, penalty: number, depth: number): void {
      const children = node.children;
      const from = depth > 0 ? skipApostrophes(at) : at;
      if (!children || from >= length) return;
      for (const { end: pieceEnd, readings, partialCost } of piecesAt[from]!) {
        // Whichever is fewer: the node's children, or the syllables the piece can stand for.
        if (children.size < readings.size) {
          for (const [syllable, child] of children) {
            const reading = readings.get(syllable);
            if (reading) visit(start, child, reading, penalty, partialCost, pieceEnd, depth);
          }
        } else {
          for (const reading of readings.values()) {
            const child = children.get(reading.syllable);
            if (child) visit(start, child, reading, penalty, partialCost, pieceEnd, depth);
          }
        }
      }
    }

    for (let start = 0; start < length; start++) {
      const character = input[start]!;
      if (character === "'") {
        cheapest[start]!.set(start + 1, { text: '', cost: 0 });
      } else if (isDigit(character)) {
        let end = start;
        while (isDigit(input[end])) end++;
        const digits = rawInput.slice(start, end);
        record(start, end, { text: digits, cost: literalCost }, literalCost);
      } else if (isLetter(character)) {
        walk(start, root, start, 0, 0);
        if (cheapest[start]!.size === 0) {
          record(start, start + 1, { text: rawInput[start]!, cost: 0 }, strayLetterCost);
        }
      } else {
        record(start, start + 1, { text: character, cost: 0 }, literalCost);
      }
    }

    // Cheapest path from each position to the end.
    const pathCost = new Array<number>(length + 1).fill(Number.POSITIVE_INFINITY);
    const pathStep = new Array<number>(length + 1).fill(-1);
    pathCost[length] = 0;
    for (let start = length - 1; start >= 0; start--) {
      for (const [end, word] of cheapest[start]!) {
        const cost = word.cost + pathCost[end]!;
        if (cost < pathCost[start]!) {
          pathCost[start] = cost;
          pathStep[start] = end;
        }
      }
    }

    const out: ImeCandidate[] = [];
    const seen = new Set<string>();
    const push = (text: string, consumed: number) => {
      if (text.length === 0 || seen.has(text)) return;
      seen.add(text);
      out.push({ text, consumed });
    };
    if (Number.isFinite(pathCost[0])) {
      let sentence = '';
      let steps = 0;
      for (let at = 0; at < length; at = pathStep[at]!) {
        const word = cheapest[at]!.get(pathStep[at]!)!;
        sentence += word.text;
        if (word.text) steps++;
      }
      if (steps > 1) push(sentence, length);
    }
    const ranked = [...fromStart.entries()].sort(([, a], [, b]) => b.end - a.end || a.cost - b.cost);
    for (const [text, { end }] of ranked) {
      push(text, end);
      if (out.length >= limit) break;
    }
    return out;
  }

  let size = words.length;
  const addWords = (added: readonly LexiconWord[]) => {
    const touched = new Set<TrieNode>();
    for (const word of added) {
      if (word.syllables.length === 0 || !(word.frequency > 0)) continue;
      touched.add(insert(word));
      size++;
    }
    for (const node of touched) node.words.sort((a, b) => a.cost - b.cost);
  };
  return {
    candidates,
    addWords,
    get size() {
      return size;
    },
  };
}
