import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/**
 * Keys that may carry personal data anywhere in a log object. pino removes them before a line
 * is written; the ID-number pattern below catches what slips into free text.
 */
export const redactedKeys = [
  'name',
  'otherName',
  'englishName',
  'chineseName',
  'idNumber',
  'address',
  'phone',
  'birthDate',
  'identity',
  'profile',
  'photo',
  'signature',
  'values',
  'formValues',
] as const;

const redactPaths = redactedKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** 18-character resident ID numbers (and 15-digit old ones) inside any string of a log line. */
const idNumberPattern =
  /(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/g;

export function scrubIdNumbers(line: string): string {
  return line.replace(idNumberPattern, '[id-number]');
}

export interface LoggerOptions {
  level?: string;
  /** Folder for the rotating JSON log file; omit to log to stdout only. */
  logDir?: string;
  pretty?: boolean;
  /** Write to this stream instead (tests). */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    hooks: {
      streamWrite: scrubIdNumbers,
    },
    base: { app: 'hall-kiosk' },
  };
  if (options.destination) return pino(base, options.destination);
  const targets: pino.TransportTargetOptions[] = [];
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    targets.push({
      target: 'pino-roll',
      level: base.level,
      options: {
        file: join(options.logDir, 'kiosk'),
        extension: '.log',
        frequency: 'daily',
        size: '10m',
        limit: { count: 14 },
        mkdir: true,
      },
    });
  }
  if (options.pretty) {
    targets.push({ target: 'pino-pretty', level: base.level, options: { destination: 2 } });
  } else if (!options.logDir) {
    targets.push({ target: 'pino/file', level: base.level, options: { destination: 2 } });
  }
  return pino(base, pino.transport({ targets }));
}

/** A logger that writes nothing (unit tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
