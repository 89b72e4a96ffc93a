/**
 * npm run bench [-- name-filter]: runs every tests/bench/*.bench.ts (default export returns a
 * BenchReport), prints the figures and writes bench-results/<name>.json with the machine it ran on.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchReport } from '../tests/bench/report';

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, 'tests', 'bench');
const outDir = join(root, 'bench-results');
const filter = process.argv[2];

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();
mkdirSync(outDir, { recursive: true });
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  try {
    const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as {
      default: () => Promise<BenchReport>;
    };
    const report = await mod.default();
    for (const f of report.figures) {
      const stats = ['median', 'p95', 'p99', 'mean', 'value']
        .filter((k) => f[k as keyof typeof f] !== undefined)
        .map((k) => `${k} ${Number(f[k as keyof typeof f]).toFixed(3)}`)
        .join(', ');
      const verdict = f.met === undefined ? '' : f.met ? '  [target met]' : '  [TARGET MISSED]';
      process.stdout.write(
        `  ${f.what}: ${stats} ${f.unit}${f.samples ? ` (n=${f.samples})` : ''}${f.target ? ` — target: ${f.target}` : ''}${verdict}\n`,
      );
    }
    for (const n of report.notes ?? []) process.stdout.write(`  note: ${n}\n`);
    writeFileSync(
      join(outDir, `${report.name}.json`),
      `${JSON.stringify({ ...report, machine, ranAt: new Date().toISOString(), command: `npm run bench -- ${file.replace('.bench.ts', '')}` }, null, 2)}\n`,
    );
  } catch (error) {
    failed++;
    process.stdout.write(`  FAILED: ${(error as Error).stack ?? String(error)}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
