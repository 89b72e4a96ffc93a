/**
 * npm run bench -- idcard-fuzz
 * The frame parser's properties (tests/drivers/idcard/frame-properties.ts) at 100,000 cases each:
 * random bytes; merged valid frames split anywhere; garbage, truncated, bit-flipped and bad-checksum
 * frames before valid ones (every valid frame still found); streams with flipped bits.
 */
import fc from 'fast-check';
import { frameProperties } from '../drivers/idcard/frame-properties';
import type { BenchFigure, BenchReport } from './report';

const casesPerProperty = 100_000;

interface RunSummary {
  numRuns: number;
  failed: boolean;
  report: string;
}

function summary<Ts>(details: fc.RunDetails<Ts>): RunSummary {
  return {
    numRuns: details.numRuns,
    failed: details.failed,
    report: fc.defaultReportMessage(details) ?? 'no report',
  };
}

export default async function (): Promise<BenchReport> {
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  let total = 0;
  let failures = 0;
  // One entry per property, each keeping its own type (fc.check needs a synchronous property).
  const runs: [string, () => RunSummary][] = [
    ['randomBytes', () => summary(fc.check(frameProperties.randomBytes, { numRuns: casesPerProperty }))],
    [
      'mergedAndSplit',
      () => summary(fc.check(frameProperties.mergedAndSplit, { numRuns: casesPerProperty })),
    ],
    ['damagedStream', () => summary(fc.check(frameProperties.damagedStream, { numRuns: casesPerProperty }))],
    ['flippedBits', () => summary(fc.check(frameProperties.flippedBits, { numRuns: casesPerProperty }))],
  ];
  for (const [name, run] of runs) {
    const started = performance.now();
    const details = run();
    const seconds = (performance.now() - started) / 1000;
    total += details.numRuns;
    if (details.failed) {
      failures++;
      notes.push(`${name} FAILED: ${details.report}`);
    }
    figures.push({
      what: `${name}: cases run (${seconds.toFixed(1)} s)`,
      unit: 'count',
      value: details.numRuns,
      target: 'no failure, no uncaught throw',
      met: !details.failed,
    });
  }
  figures.push({
    what: 'frame parser fuzz cases in total',
    unit: 'count',
    value: total,
    target: 'at least 100,000 cases',
    met: total >= 100_000 && failures === 0,
  });
  notes.push(`seed: fast-check default (random per run); ${casesPerProperty} cases per property.`);
  return { name: 'idcard-fuzz', figures, notes };
}
