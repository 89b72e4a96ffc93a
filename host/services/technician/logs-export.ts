import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLine } from '../../api/technician';
import { scrubIdNumbers } from '../../logging/logger';

const levelNames: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** The log files under <dataDir>/logs, oldest first (pino-roll names them kiosk.<n>.log). */
export async function logFiles(logDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(logDir);
  } catch {
    return [];
  }
  const files = await Promise.all(
    names
      .filter((name) => name.endsWith('.log'))
      .map(async (name) => {
        const path = join(logDir, name);
        const info = await stat(path);
        const n = Number(/\.(\d+)\.log$/.exec(name)?.[1] ?? 0);
        return { path, mtimeMs: info.mtimeMs, n };
      }),
  );
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.n - b.n).map((f) => f.path);
}

/** The last bytes of a file as whole lines. */
async function tailLines(path: string, maxBytes: number): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    if (start > 0) lines.shift();
    return lines.filter((line) => line.trim() !== '');
  } finally {
    await handle.close();
  }
}

/** One JSON log line as the technician screen shows it (scrubbed again, in case). */
/** A log line's extra fields as key/value pairs a technician can read: nested objects by dotted key. */
function readableFields(rest: Record<string, unknown>): { key: string; value: string }[] {
  const pairs: { key: string; value: string }[] = [];
  const walk = (value: unknown, key: string, depth: number) => {
    if (pairs.length >= 30) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 3) {
      for (const [inner, innerValue] of Object.entries(value)) walk(innerValue, `${key}.${inner}`, depth + 1);
      return;
    }
    const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    pairs.push({ key: key.slice(0, 80), value: scrubIdNumbers(text).slice(0, 200) });
  };
  for (const [key, value] of Object.entries(rest)) walk(value, key, 0);
  return pairs;
}

export function toLogLine(raw: string): LogLine {
  try {
    const parsed = JSON.parse(raw) as {
      time?: number;
      level?: number;
      area?: string;
      msg?: string;
      event?: string;
    };
    const rest = { ...parsed } as Record<string, unknown>;
    for (const key of ['time', 'level', 'area', 'msg', 'pid', 'hostname', 'app']) delete rest[key];
    return {
      time: typeof parsed.time === 'number' ? new Date(parsed.time).toISOString() : null,
      level: levelNames[parsed.level ?? 30] ?? String(parsed.level).slice(0, 10),
      area: typeof parsed.area === 'string' ? parsed.area.slice(0, 40) : null,
      message: scrubIdNumbers(String(parsed.msg ?? parsed.event ?? '')).slice(0, 500),
      fields: readableFields(rest),
    };
  } catch {
    return { time: null, level: 'info', area: null, message: scrubIdNumbers(raw).slice(0, 500) };
  }
}

/** The newest `limit` lines across the log files, oldest first. */
export async function recentLogLines(logDir: string, limit: number): Promise<LogLine[]> {
  const files = await logFiles(logDir);
  const lines: string[] = [];
  for (const file of files.reverse()) {
    const got = await tailLines(file, 256 * 1024);
    lines.unshift(...got);
    if (lines.length >= limit) break;
  }
  return lines.slice(-limit).map(toLogLine);
}

/**
 * One file under <dataDir>/exports: a header line, the audit log (newest first), then every log
 * line as written. Everything in it is already free of personal data.
 */
export async function exportLogsAndAudit(options: {
  dataDir: string;
  header: Record<string, unknown>;
  audit: readonly unknown[];
  nowMs: number;
}): Promise<{ path: string; bytes: number }> {
  const dir = join(options.dataDir, 'exports');
  await mkdir(dir, { recursive: true });
  const stamp = new Date(options.nowMs).toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `kiosk-logs-${stamp}.jsonl`);
  const out = createWriteStream(path, { mode: 0o600 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    `${JSON.stringify({ type: 'export', ...options.header, exportedAt: new Date(options.nowMs).toISOString() })}\n`,
  );
  for (const entry of options.audit)
    await write(`${JSON.stringify({ type: 'audit', ...(entry as object) })}\n`);
  for (const file of await logFiles(join(options.dataDir, 'logs'))) {
    for await (const chunk of createReadStream(file)) await write(scrubIdNumbers(String(chunk)));
  }
  out.end();
  await once(out, 'finish');
  return { path, bytes: (await stat(path)).size };
}
