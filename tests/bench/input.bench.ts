/**
 * Input figures (npm run bench -- input): pinyin candidates for 20-letter strings (target p95 < 15 ms),
 * the lexicon's size and load time, and the issue-14 hall phrase table (top-5 by full pinyin and by
 * initials). Handwriting figures join when the recogniser is built.
 */
import { gzipSync } from 'node:zlib';
import { createImeEngine } from '../../renderer/src/ime/engine';
import { formatLexicon, parseLexicon } from '../../renderer/src/ime/lexicon';
import { buildImeLexicon } from '../../scripts/build-ime-lexicon';
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
  return {
    name: 'input',
    figures,
    notes: [
      `lexicon: ${engine.size} words`,
      `initials misses: ${table.initialsMisses.slice(0, 20).join(', ')}`,
      `full-pinyin misses: ${table.fullMisses.join(', ') || 'none'}`,
    ],
  };
}
