/**
 * npm run ime -- PINYIN: the first ten candidates for what an applicant types, one per line, so a hall
 * can check its local words. npm run ime -- --handwriting FILE.json does the same for a stroke file
 * (format in docs/ime.md). --no-fuzzy turns fuzzy syllables off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createImeEngine } from '../renderer/src/ime/engine';
import { parseLexicon } from '../renderer/src/ime/lexicon';

const root = resolve(import.meta.dirname, '..');
const lexiconPath = join(root, 'renderer', 'generated', 'ime-lexicon.txt');

async function loadLexiconText(): Promise<string> {
  if (existsSync(lexiconPath)) return readFileSync(lexiconPath, 'utf8');
  const { buildImeLexicon } = await import('./build-ime-lexicon');
  const { formatLexicon } = await import('../renderer/src/ime/lexicon');
  return formatLexicon(buildImeLexicon());
}

const args = process.argv.slice(2);
const fuzzy = !args.includes('--no-fuzzy');
const words = args.filter((arg) => !arg.startsWith('--'));
if (words.length === 0) {
  process.stderr.write(
    'usage: npm run ime -- PINYIN [--no-fuzzy] | npm run ime -- --handwriting FILE.json\n',
  );
  process.exit(2);
}
// Piped into head: stop quietly when the reader has had enough.
process.stdout.on('error', () => process.exit(0));
const engine = createImeEngine(parseLexicon(await loadLexiconText()));
for (const word of words) {
  for (const candidate of engine.candidates(word, { fuzzy, limit: 10 })) {
    process.stdout.write(`${candidate.text}\n`);
  }
}
