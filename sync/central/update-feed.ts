/** electron-updater "generic" feed: latest.yml and the artefacts it names, served from one folder. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const safeFileName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function contentType(file: string): string {
  if (file.endsWith('.yml') || file.endsWith('.yaml')) return 'text/yaml; charset=utf-8';
  return 'application/octet-stream';
}

/** The named file of the feed folder as a stream, or null: only plain names inside the folder. */
export function updateFile(
  updatesDir: string,
  file: string,
): { body: Readable; type: string; headers: Record<string, number> } | null {
  const path = join(updatesDir, file);
  if (!safeFileName.test(file) || file.includes('..') || !existsSync(path) || !statSync(path).isFile())
    return null;
  return {
    body: createReadStream(path),
    type: contentType(file),
    headers: { 'content-length': statSync(path).size },
  };
}
