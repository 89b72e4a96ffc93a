/**
 * Builds the keyboard's pinyin lexicon at BUILD time: `tsx scripts/build-ime-lexicon.ts` writes
 * renderer/generated/ime-lexicon.txt (fetched on first use of the Chinese keyboard, never on the first
 * screen), so the renderer ships no dictionary library.
 *
 * Words and frequencies: the word-frequency dictionary @node-rs/jieba ships (dict.txt: word freq tag),
 * readings from pinyin-pro (in context, so 银行 is yin hang), single characters with every reading.
 * Idioms and set phrases are kept but ranked down; offensive and vulgar ones are dropped
 * (renderer/src/ime/offensive-words.ts). The hall's own words (catalogue, places, roads, communities,
 * names, form vocabulary: scripts/ime/hall-words.ts) are raised so they come first for their pinyin.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pinyin } from 'pinyin-pro';
import { formatLexicon, hallWordFrequency, type LexiconWord } from '../renderer/src/ime/lexicon';
import { isOffensive } from '../renderer/src/ime/offensive-words';
import { isSyllable } from '../renderer/src/ime/syllables';
import { sampleCatalogue } from '../sync/sample-hall';
import {
  communityNames,
  companyWords,
  formWords,
  givenNames,
  placeNames,
  roadNames,
  surnames,
} from './ime/hall-words';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Words rarer than this in jieba's counts are left out (keeps the lexicon under 2 MB gzip). */
const minimumFrequency = 8;
/** Idioms (i) and set phrases (l) need to be this common, and count for a tenth. */
const minimumIdiomFrequency = 60;
const idiomDiscount = 10;
/** The hall's own words count at least this much; people's names for less (there are thousands). */
const hallFrequency = hallWordFrequency;
const nameFrequency = 3_000;
const surnameFrequency = 5_000;
const han = /^\p{Script=Han}+$/u;

/** Tone marks off, ü as v. */
function plainSyllable(syllable: string): string {
  return syllable
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'v')
    .toLowerCase()
    .trim();
}

export function wordSyllables(word: string): string[] | null {
  const syllables = (pinyin(word, { toneType: 'none', type: 'array', v: true }) as string[]).map(
    plainSyllable,
  );
  return syllables.length === [...word].length && syllables.every(isSyllable) ? syllables : null;
}

function characterReadings(character: string): string[] {
  const readings = pinyin(character, {
    toneType: 'none',
    type: 'array',
    multiple: true,
    v: true,
  }) as string[];
  return [...new Set(readings.map(plainSyllable))].filter(isSyllable);
}

/** Every character pinyin-pro knows (its dict1 map), so rare name characters can still be typed. */
function pinyinProCharacters(): string[] {
  const path = join(dirname(require.resolve('pinyin-pro')), 'esm', 'data', 'dict1.mjs');
  const source = readFileSync(path, 'utf8');
  const start = source.indexOf('{', source.indexOf('const map = {'));
  const body = source.slice(start, source.indexOf('\n};', start) + 2);
  // pinyin-pro's data file is a plain object literal: readings -> a string of characters.
  const map = new Function(`return ${body}`)() as Record<string, string>;
  return [...new Set(Object.values(map).flatMap((characters) => [...characters]))];
}

/** Surnames with the common given names, the most common surnames first. */
export function personNames(): string[] {
  const names: string[] = [];
  for (const surname of surnames) for (const given of givenNames) names.push(surname + given);
  return names;
}

/** The hall's words: catalogue names, county places, companies, form words. */
export function hallWords(): string[] {
  const catalogue = sampleCatalogue();
  return [
    ...catalogue.items.map((item) => item.name['zh-Hans']),
    ...catalogue.departments.map((department) => department.name['zh-Hans']),
    ...catalogue.lifeEvents.map((event) => event.name['zh-Hans']),
    ...placeNames,
    ...roadNames,
    ...communityNames,
    ...companyWords,
    ...formWords,
  ].flatMap(hanRuns);
}

/** 不动产转移登记（二手房买卖） -> 不动产转移登记, 二手房买卖 and the two run together. */
export function hanRuns(name: string): string[] {
  const runs = name.match(/\p{Script=Han}+/gu) ?? [];
  return runs.length > 1 ? [...runs, runs.join('')] : runs;
}

export function buildImeLexicon(): LexiconWord[] {
  const words = new Map<string, LexiconWord>();
  const add = (text: string, syllables: readonly string[], frequency: number) => {
    const key = `${text}|${syllables.join(' ')}`;
    const known = words.get(key);
    if (known) known.frequency = Math.max(known.frequency, frequency);
    else words.set(key, { text, syllables, frequency });
  };

  const dictionary = readFileSync(join(dirname(require.resolve('@node-rs/jieba')), 'dict.txt'), 'utf8');
  const jiebaFrequency = new Map<string, number>();
  for (const line of dictionary.split('\n')) {
    const [text, count, tag = ''] = line.trim().split(' ');
    const frequency = Number(count);
    if (!text || !han.test(text) || !(frequency > 0)) continue;
    jiebaFrequency.set(text, Math.max(jiebaFrequency.get(text) ?? 0, frequency));
    const characters = [...text];
    if (characters.length === 1) {
      // Every reading of a character; the first (most usual) one counts fully, the others less.
      characterReadings(text).forEach((syllable, index) => {
        add(text, [syllable], index === 0 ? frequency : Math.max(1, Math.round(frequency / 5)));
      });
      continue;
    }
    const idiom = tag === 'i' || tag === 'l';
    if (frequency < (idiom ? minimumIdiomFrequency : minimumFrequency)) continue;
    if (isOffensive(text, tag)) continue;
    const syllables = wordSyllables(text);
    if (!syllables) continue;
    add(text, syllables, idiom ? Math.max(1, Math.round(frequency / idiomDiscount)) : frequency);
  }
  for (const character of pinyinProCharacters()) {
    if (jiebaFrequency.has(character) || !han.test(character)) continue;
    for (const syllable of characterReadings(character)) add(character, [syllable], 1);
  }

  const raise = (text: string, level: number) => {
    const syllables = wordSyllables(text);
    if (!syllables) return;
    const frequency = Math.max(jiebaFrequency.get(text) ?? 0, level);
    add(text, syllables, frequency);
    // Place names keep old readings pinyin-pro may not know (英都 is Yingdu, not Yingdou): each other
    // reading of one character is a second spelling, counted half.
    [...text].forEach((character, at) => {
      for (const other of characterReadings(character)) {
        if (other === syllables[at]) continue;
        add(
          text,
          syllables.map((syllable, index) => (index === at ? other : syllable)),
          Math.round(frequency / 2),
        );
      }
    });
  };
  for (const text of hallWords()) raise(text, hallFrequency);
  // Surnames alone as common as an everyday character; full names by how common surname and name are.
  for (const text of surnames) raise(text, surnameFrequency);
  personNames().forEach((text, order) => {
    raise(text, Math.max(200, nameFrequency - order));
  });
  return [...words.values()];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const lexicon = formatLexicon(buildImeLexicon());
  const outDir = join(root, 'renderer', 'generated');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'ime-lexicon.txt'), lexicon);
  const lines = lexicon.split('\n').length - 2;
  const kb = (bytes: number) => Math.round(bytes / 1024);
  process.stdout.write(
    `ime lexicon: ${lines} words, ${kb(Buffer.byteLength(lexicon))} KB, ${kb(gzipSync(lexicon).length)} KB gzip\n`,
  );
}
