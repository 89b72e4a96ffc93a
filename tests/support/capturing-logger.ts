/** A pino logger at debug level whose lines (JSON text) the test can read. */
import { Writable } from 'node:stream';
import pino from 'pino';

export function capturingLogger(level: pino.Level = 'debug') {
  const lines: string[] = [];
  const logger = pino(
    { level },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}
