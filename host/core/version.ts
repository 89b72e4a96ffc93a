import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | null = null;

/** The app's version from package.json (the single source electron-builder also reads). */
export function appVersion(): string {
  if (cached === null) {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    cached = pkg.version;
  }
  return cached;
}
