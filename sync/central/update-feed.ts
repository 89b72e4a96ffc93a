/** electron-updater "generic" feed: latest.yml and the artefacts it names, served from one folder. */
import { createReadStream, lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Readable } from 'node:stream';

const safeFileName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function contentType(file: string): string {
  if (file.endsWith('.yml') || file.endsWith('.yaml')) return 'text/yaml; charset=utf-8';
  return 'application/octet-stream';
}

/** A regular file (never a symlink) whose real path is inside the folder: nothing else is served. */
function isPlainFileInside(folder: string, path: string): boolean {
  try {
    const info = lstatSync(path);
    if (!info.isFile() || info.isSymbolicLink()) return false;
    const root = realpathSync(folder);
    return realpathSync(path).startsWith(root + sep);
  } catch {
    return false;
  }
}

/** The named file of the feed folder as a stream, or null: only plain names of regular files inside the folder. */
export function updateFile(
  updatesDir: string,
  file: string,
): { body: Readable; type: string; headers: Record<string, number> } | null {
  const path = join(updatesDir, file);
  if (!safeFileName.test(file) || file.includes('..') || !isPlainFileInside(updatesDir, path)) return null;
  return {
    body: createReadStream(path),
    type: contentType(file),
    headers: { 'content-length': lstatSync(path).size },
  };
}
