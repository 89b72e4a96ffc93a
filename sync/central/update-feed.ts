/** electron-updater "generic" feed: latest.yml and the artefacts it names, served from one folder. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const safeFileName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function contentType(file: string): string {
  if (file.endsWith('.yml') || file.endsWith('.yaml')) return 'text/yaml; charset=utf-8';
  return 'application/octet-stream';
}

export function registerUpdateFeed(app: FastifyInstance, updatesDir: string): void {
  app.get<{ Params: { file: string } }>('/v1/updates/:file', async (request, reply) => {
    const file = request.params.file;
    // Only plain names inside the folder: no traversal, no hidden files.
    const path = join(updatesDir, file);
    if (!safeFileName.test(file) || file.includes('..') || !existsSync(path) || !statSync(path).isFile()) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'no such update file' } });
    }
    return reply
      .type(contentType(file))
      .header('content-length', statSync(path).size)
      .send(createReadStream(path));
  });
}
