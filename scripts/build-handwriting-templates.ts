/**
 * Builds the writing pad's templates at BUILD time: `tsx scripts/build-handwriting-templates.ts` writes
 * renderer/generated/handwriting-templates.json (fetched on first use of the pad) from the stroke
 * medians of hanzi-writer-data (47 MB installed; only the common characters, resampled to a few byte
 * points per stroke, ship).
 *
 * Which characters: the 3,500 most common by jieba's dictionary (each character counted by the
 * frequency of every word it appears in), plus every character of the hall's words and people's names.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  encodeTemplate,
  type HandwritingTemplates,
  pointsPerStroke,
  type Stroke,
} from '../renderer/src/ime/handwriting';
import { hallWords, personNames } from './build-ime-lexicon';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
export const commonCharacterCount = 3_500;
const han = /^\p{Script=Han}$/u;

function hanziWriterDir(): string {
  return dirname(require.resolve('hanzi-writer-data/package.json'));
}

/** hanzi-writer-data's medians for a character, y down, in its 1024-unit em box scaled to 0..1. */
export function characterMedians(character: string): Stroke[] | null {
  const path = join(hanziWriterDir(), `${character}.json`);
  if (!existsSync(path)) return null;
  const data = JSON.parse(readFileSync(path, 'utf8')) as { medians: [number, number][][] };
  // The data's y axis points up with the baseline at 900 - 1024 .. 900.
  return data.medians.map((median) => median.map(([x, y]) => [x / 1024, (900 - y) / 1024] as const));
}

/** The common characters, most common first. */
export function commonCharacters(): string[] {
  const dictionary = readFileSync(join(dirname(require.resolve('@node-rs/jieba')), 'dict.txt'), 'utf8');
  const counts = new Map<string, number>();
  for (const line of dictionary.split('\n')) {
    const [word, count] = line.split(' ');
    const frequency = Number(count);
    if (!word || !(frequency > 0)) continue;
    for (const character of word) {
      if (han.test(character)) counts.set(character, (counts.get(character) ?? 0) + frequency);
    }
  }
  const available = (character: string) => existsSync(join(hanziWriterDir(), `${character}.json`));
  const ranked = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([character]) => character)
    .filter(available)
    .slice(0, commonCharacterCount);
  const chosen = new Set(ranked);
  for (const word of [...hallWords(), ...personNames()]) {
    for (const character of word) if (han.test(character) && available(character)) chosen.add(character);
  }
  return [...chosen];
}

export function buildHandwritingTemplates(): HandwritingTemplates {
  const characters: [string, string][] = [];
  for (const character of commonCharacters()) {
    const medians = characterMedians(character);
    if (!medians || medians.length === 0 || medians.length > 255) continue;
    characters.push([character, Buffer.from(encodeTemplate(medians)).toString('base64')]);
  }
  return { version: 1, pointsPerStroke, characters };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const templates = buildHandwritingTemplates();
  const json = JSON.stringify(templates);
  const outDir = join(root, 'renderer', 'generated');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'handwriting-templates.json'), json);
  const kb = (bytes: number) => Math.round(bytes / 1024);
  process.stdout.write(
    `handwriting templates: ${templates.characters.length} characters, ${kb(json.length)} KB, ${kb(gzipSync(json).length)} KB gzip\n`,
  );
}
