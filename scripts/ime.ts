/**
 * npm run ime -- PINYIN: the first ten candidates for what an applicant types, one per line, so a hall
 * can check its local words. --no-fuzzy turns fuzzy syllables off.
 * npm run ime -- --handwriting FILE.json: the first ten characters for a stroke file (docs/ime.md):
 *   { "strokes": [ [[x, y], [x, y], ...], ... ] }  strokes in writing order, any unit, y pointing down.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createImeEngine } from '../renderer/src/ime/engine';
import { createHandwritingRecogniser, type HandwritingTemplates } from '../renderer/src/ime/handwriting';
import { formatLexicon, parseLexicon } from '../renderer/src/ime/lexicon';

const root = resolve(import.meta.dirname, '..');
const generated = join(root, 'renderer', 'generated');

/** A stroke file: what the writing pad records, and what `--handwriting` reads. */
export const strokeFileSchema = z.strictObject({
  strokes: z
    .array(
      z
        .array(z.tuple([z.number().finite(), z.number().finite()]))
        .min(1, 'a stroke needs at least one point')
        .max(5_000),
    )
    .min(1, 'no strokes')
    .max(64),
});

async function lexiconText(): Promise<string> {
  const path = join(generated, 'ime-lexicon.txt');
  if (existsSync(path)) return readFileSync(path, 'utf8');
  const { buildImeLexicon } = await import('./build-ime-lexicon');
  return formatLexicon(buildImeLexicon());
}

async function templates(): Promise<HandwritingTemplates> {
  const path = join(generated, 'handwriting-templates.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as HandwritingTemplates;
  const { buildHandwritingTemplates } = await import('./build-handwriting-templates');
  return buildHandwritingTemplates();
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

// Piped into head: stop quietly when the reader has had enough.
process.stdout.on('error', () => process.exit(0));

const args = process.argv.slice(2);
const handwritingAt = args.indexOf('--handwriting');
if (handwritingAt >= 0) {
  const file = args[handwritingAt + 1];
  if (!file) fail('usage: npm run ime -- --handwriting FILE.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${file}: not readable JSON (${(error as Error).message})`);
  }
  const parsed = strokeFileSchema.safeParse(raw);
  if (!parsed.success) {
    fail(
      `${file}: not a stroke file: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const recogniser = createHandwritingRecogniser(await templates());
  for (const character of recogniser.recognise(parsed.data.strokes, 10))
    process.stdout.write(`${character}\n`);
} else {
  const fuzzy = !args.includes('--no-fuzzy');
  const words = args.filter((arg) => !arg.startsWith('--'));
  if (words.length === 0) {
    fail('usage: npm run ime -- PINYIN [--no-fuzzy] | npm run ime -- --handwriting FILE.json');
  }
  const engine = createImeEngine(parseLexicon(await lexiconText()));
  for (const word of words) {
    for (const candidate of engine.candidates(word, { fuzzy, limit: 10 })) {
      process.stdout.write(`${candidate.text}\n`);
    }
  }
}
