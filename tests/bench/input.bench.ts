/**
 * Input figures (npm run bench -- input): pinyin candidates for 20-letter strings (target p95 < 15 ms),
 * the lexicon's size and load time, and the issue-14 hall phrase table (top-5 by full pinyin and by
 * initials); handwriting: a result after the last stroke (target p95 < 80 ms) and after every stroke,
 * top-1/top-5 on perturbed writing of 500 common characters, and the templates' size.
 */
import { gzipSync } from 'node:zlib';
import { createImeEngine } from '../../renderer/src/ime/engine';
import { createHandwritingRecogniser } from '../../renderer/src/ime/handwriting';
import { formatLexicon, parseLexicon } from '../../renderer/src/ime/lexicon';
import { buildHandwritingTemplates, characterMedians } from '../../scripts/build-handwriting-templates';
import { buildImeLexicon } from '../../scripts/build-ime-lexicon';
import { scoreHandwriting } from '../renderer/handwriting-accuracy';
import { perturbStrokes, randomPerturbation, seededRandom } from '../renderer/handwriting-perturb';
import { acceptanceTable, scoreTable } from '../renderer/ime-acceptance';
import { type BenchFigure, type BenchReport, summarise } from './report';

/** What an applicant types in one go, 20 letters each: addresses, firms, names, initials, fuzzy. */
const twentyLetterInputs = [
  'nananshiximeijiedaoc',
  'zhongshanlubahaoxiao',
  'youxianzerengongsiyi',
  'gongjijintiqushenqin',
  'zhangweiwangfanglixi',
  'shuitouzhenrenminlus',
  'lananshiximeijiedaoc', // fuzzy n/l
  'gjjtqsqyxzrgsyyzzsld', // initials
  'gongjjtiqusqgetigong',
  'xinhuashequguangming',
];

export default async function inputBench(): Promise<BenchReport> {
  const lexiconText = formatLexicon(buildImeLexicon());
  const loadTimes: number[] = [];
  let engine = createImeEngine(parseLexicon(lexiconText));
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    engine = createImeEngine(parseLexicon(lexiconText));
    loadTimes.push(performance.now() - started);
  }
  for (const input of twentyLetterInputs) {
    if (input.length !== 20) throw new Error(`${input} is not 20 letters`);
    engine.candidates(input); // warm
  }
  const samples: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const input of twentyLetterInputs) {
      const started = performance.now();
      engine.candidates(input, { limit: 60 });
      samples.push(performance.now() - started);
    }
  }
  const candidates = summarise(samples);
  const gzipKb = gzipSync(lexiconText, { level: 9 }).length / 1024;
  const table = scoreTable(engine, acceptanceTable());
  const figures: BenchFigure[] = [
    {
      what: 'pinyin candidates for a 20-letter string (10 strings x 30)',
      unit: 'ms',
      ...candidates,
      target: 'p95 < 15 ms',
      met: candidates.p95 < 15,
    },
    {
      what: 'pinyin lexicon, gzip (loaded on first use of the Chinese keyboard)',
      unit: 'KB',
      value: gzipKb,
      target: '<= 2 MB gzip',
      met: gzipKb <= 2048,
    },
    { what: 'pinyin lexicon parse + index (Node)', unit: 'ms', ...summarise(loadTimes) },
    { what: `hall phrase table: rows`, unit: 'count', value: table.rows },
    {
      what: 'hall phrase table: wanted phrase in top 5 by full pinyin',
      unit: 'ratio',
      value: table.fullTop5,
      target: '>= 0.95',
      met: table.fullTop5 >= 0.95,
    },
    {
      what: 'hall phrase table: wanted phrase in top 5 by initials',
      unit: 'ratio',
      value: table.initialsTop5,
      target: '>= 0.85',
      met: table.initialsTop5 >= 0.85,
    },
  ];
  const templates = buildHandwritingTemplates();
  const templatesJson = JSON.stringify(templates);
  const recogniser = createHandwritingRecogniser(templates);
  scoreHandwriting(recogniser, templates, 1, 50); // warm
  const handwriting = scoreHandwriting(recogniser, templates);
  const whole = summarise(handwriting.times);
  // After every stroke of 100 characters, as the pad asks.
  const random = seededRandom(7);
  const perStroke: number[] = [];
  for (const [character] of templates.characters.filter((_, index) => index % 35 === 3).slice(0, 100)) {
    const strokes = perturbStrokes(characterMedians(character)!, randomPerturbation(random), random);
    for (let drawn = 1; drawn <= strokes.length; drawn++) {
      const started = performance.now();
      recogniser.recognise(strokes.slice(0, drawn), 20);
      perStroke.push(performance.now() - started);
    }
  }
  const afterStroke = summarise(perStroke);
  // A known limit, measured rather than hidden: two neighbouring strokes written the other way round.
  let swappedTop5 = 0;
  const swappedCharacters = templates.characters.filter((_, index) => index % 7 === 0).slice(0, 200);
  const swapRandom = seededRandom(21);
  for (const [character] of swappedCharacters) {
    const strokes = perturbStrokes(characterMedians(character)!, randomPerturbation(swapRandom), swapRandom);
    if (strokes.length >= 2) {
      const at = Math.floor(swapRandom() * (strokes.length - 1));
      [strokes[at], strokes[at + 1]] = [strokes[at + 1]!, strokes[at]!];
    }
    if (recogniser.recognise(strokes, 5).includes(character)) swappedTop5++;
  }
  const templatesKb = gzipSync(templatesJson, { level: 9 }).length / 1024;
  figures.push(
    {
      what: 'handwriting result, whole character (500 perturbed characters)',
      unit: 'ms',
      ...whole,
      target: 'p95 < 80 ms',
      met: whole.p95 < 80,
    },
    { what: 'handwriting candidates after each stroke (100 characters)', unit: 'ms', ...afterStroke },
    {
      what: 'handwriting top-1 on perturbed writing (500 common characters)',
      unit: 'ratio',
      value: handwriting.top1,
    },
    {
      what: 'handwriting top-5 on perturbed writing (500 common characters)',
      unit: 'ratio',
      value: handwriting.top5,
    },
    {
      what: 'handwriting top-5 with two neighbouring strokes swapped (200 characters)',
      unit: 'ratio',
      value: swappedTop5 / swappedCharacters.length,
    },
    { what: `handwriting templates, gzip (${recogniser.size} characters)`, unit: 'KB', value: templatesKb },
  );
  return {
    name: 'input',
    figures,
    notes: [
      `lexicon: ${engine.size} words`,
      `initials misses: ${table.initialsMisses.slice(0, 20).join(', ')}`,
      `full-pinyin misses: ${table.fullMisses.join(', ') || 'none'}`,
      `handwriting misses (not in top 5): ${handwriting.misses.join(' ') || 'none'}`,
    ],
  };
}
