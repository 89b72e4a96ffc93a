/** electron-updater "generic" feed: latest.yml and the artefacts it names, served from one folder. */
import { createReadStream, lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

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

export function registerUpdateFeed(app: FastifyInstance, updatesDir: string): void {
  app.get<{ Params: { file: string } }>('/v1/updates/:file', async (request, reply) => {
    const file = request.params.file;
    // Only plain names inside the folder: no traversal, no hidden files.
    const path = join(updatesDir, file);
    if (!safeFileName.test(file) || file.includes('..') || !isPlainFileInside(updatesDir, path)) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'no such update file' } });
    }
    return reply
      .type(contentType(file))
      .header('content-length', lstatSync(path).size)
      .send(createReadStream(path));
  });
}
