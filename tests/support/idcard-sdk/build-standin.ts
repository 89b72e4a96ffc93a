import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const source = join(import.meta.dirname, 'standin-sdk.c');

export interface StandinLibraries {
  dir: string;
  /** The stand-in under the termb name, and a second copy (its own state) under the sdtapi name. */
  termb: string;
  sdtapi: string;
  /** A real shared library that exports none of the SDK functions (a wrong library). */
  unrelated: string;
  remove(): Promise<void>;
}

/** Compiles the stand-in vendor SDK with gcc into a temp folder (Linux; gcc and libc6-dev needed). */
export async function buildStandinLibraries(): Promise<StandinLibraries> {
  const dir = await mkdtemp(join(tmpdir(), 'idcard-sdk-standin-'));
  const termb = join(dir, 'libtermb.so');
  const sdtapi = join(dir, 'libsdtapi.so');
  const unrelated = join(dir, 'libunrelated.so');
  await run('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', '-o', termb, source]);
  await run('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', '-o', sdtapi, source]);
  const unrelatedSource = join(dir, 'unrelated.c');
  await writeFile(unrelatedSource, 'int unrelated_function(void) { return 42; }\n');
  await run('gcc', ['-shared', '-fPIC', '-o', unrelated, unrelatedSource]);
  return { dir, termb, sdtapi, unrelated, remove: () => rm(dir, { recursive: true, force: true }) };
}
