/** What one benchmark file returns; scripts/run-benches.ts writes it to bench-results/<name>.json. */
export interface BenchFigure {
  /** What was measured, e.g. "decode 1295-byte read-base-info frame". */
  what: string;
  unit: 'us' | 'ms' | 's' | 'bytes' | 'KB' | 'MB' | 'ratio' | 'count' | 'per_s';
  median?: number;
  p95?: number;
  p99?: number;
  mean?: number;
  value?: number;
  samples?: number;
  /** The target from shared/spec/TARGETS.md, in words, and whether it was met. */
  target?: string;
  met?: boolean;
}

export interface BenchReport {
  name: string;
  figures: BenchFigure[];
  notes?: string[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Median, p95, p99 of raw samples (any unit). */
export function summarise(samples: readonly number[]): {
  median: number;
  p95: number;
  p99: number;
  mean: number;
  samples: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return {
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
    samples: sorted.length,
  };
}
