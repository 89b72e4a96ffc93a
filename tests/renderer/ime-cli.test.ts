import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { characterMedians } from '../../scripts/build-handwriting-templates';
import { perturbStrokes, randomPerturbation, seededRandom } from './handwriting-perturb';

const root = resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const ime = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'ime.ts'), ...args], { cwd: root });

describe('npm run ime', () => {
  it('prints the first ten candidates for a pinyin, one per line', async () => {
    const { stdout } = await ime('gongjijin');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('公积金');
  });

  it('prints the first ten characters for a stroke file, and refuses a bad one clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ime-cli-'));
    const random = seededRandom(9);
    const strokes = perturbStrokes(characterMedians('林')!, randomPerturbation(random), random);
    writeFileSync(join(dir, 'lin.json'), JSON.stringify({ strokes }));
    const { stdout } = await ime('--handwriting', join(dir, 'lin.json'));
    expect(stdout.trim().split('\n')).toHaveLength(10);
    expect(stdout.split('\n')[0]).toBe('林');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ strokes: [[[1, 'x']]] }));
    const failed = await ime('--handwriting', join(dir, 'bad.json')).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/not a stroke file: strokes\.0\.0\.1/),
    });
  });
});
