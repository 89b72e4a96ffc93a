/**
 * npm run bench -- store
 * 1. Form-free store look-up with 1,000,000 cached (encrypted) people, decrypted profile returned,
 *    against a bare indexed SQLite point look-up of the same rows in the same run.
 * 2. Durable commit of a submission with two 300 KB materials, against writing and fsyncing the
 *    same bytes raw in the same run.
 * 3. Database size per cached person.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { FileKeyProvider } from '../../sync/store/crypto/key-provider';
import { type KioskDatabase, openKioskDatabase } from '../../sync/store/kiosk-database';
import { testDraft } from '../support/submission-draft';
import { type BenchFigure, type BenchReport, summarise } from './report';

const peopleCount = Number(process.env.STORE_BENCH_PEOPLE ?? 1_000_000);
const lookupSamples = 50_000;
const commitSamples = 300;
const logger = pino({ level: 'silent' });

function openStore(root: string): KioskDatabase {
  return openKioskDatabase({
    dir: join(root, 'data'),
    keyProvider: new FileKeyProvider({ path: join(root, 'kiosk.key') }),
    logger,
  });
}

/** A synthetic 18-character ID number per index (the store only ever sees its HMAC). */
function idNumberOf(i: number): string {
  return `3505031958${String(i).padStart(7, '0')}X`;
}

/** A profile of realistic size: what the form-free store keeps for a returning applicant. */
function profileOf(i: number): unknown {
  return {
    name: `测试人${i}`,
    gender: i % 2 === 0 ? '女' : '男',
    nation: '汉',
    birthDate: '1958-07-15',
    address: `福建省泉州市丰泽区东湖街道刺桐路${i % 500}号${i % 30}栋${i % 12}0${i % 4}室`,
    phone: `139${String(i).padStart(8, '0')}`,
    email: `user${i}@example.cn`,
    company: {
      name: `泉州市第${i % 997}贸易有限公司`,
      creditCode: `91350500MA${String(i).padStart(8, '0')}`,
    },
    householdRegister: { address: `福建省泉州市鲤城区开元街道${i % 300}号`, relation: '户主' },
    lastSubmissions: { 'business-licence': { registeredCapital: '100', businessScope: '日用百货销售' } },
  };
}

function timeNs(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start);
}

async function timeNsAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start);
}

async function lookupBench(figures: BenchFigure[], notes: string[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-bench-lookup-'));
  try {
    const db = openStore(root);
    const loadStart = process.hrtime.bigint();
    const chunk = 100_000;
    // One transaction per 100k rows keeps the WAL bounded; each is one prepared-statement loop.
    for (let from = 0; from < peopleCount; from += chunk) {
      const to = Math.min(peopleCount, from + chunk);
      db.people.putMany(
        (function* () {
          for (let i = from; i < to; i++) yield { idNumber: idNumberOf(i), profile: profileOf(i) };
        })(),
        365 * 24 * 3600_000,
      );
    }
    db.connection.pragma('wal_checkpoint(TRUNCATE)');
    const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
    const pageCount = db.connection.pragma('page_count', { simple: true }) as number;
    const pageSize = db.connection.pragma('page_size', { simple: true }) as number;
    figures.push({ what: `bulk load ${peopleCount} encrypted profiles`, unit: 's', value: loadSeconds });
    figures.push({
      what: 'database size per cached person (encrypted profile + index)',
      unit: 'bytes',
      value: (pageCount * pageSize) / peopleCount,
    });
    figures.push({ what: 'database file size', unit: 'MB', value: (pageCount * pageSize) / 2 ** 20 });

    const bare = db.connection.prepare('SELECT profile, expires_at FROM people WHERE id_hash = ?');
    const picks = Array.from({ length: lookupSamples }, () => Math.floor(Math.random() * peopleCount));
    const hashes = picks.map((i) => db.hashIdNumber(idNumberOf(i)));
    // Warm-up: same number of random reads through both paths so neither gets a colder cache.
    for (let i = 0; i < 5_000; i++) {
      const k = Math.floor(Math.random() * peopleCount);
      bare.get(db.hashIdNumber(idNumberOf(k)));
      db.people.get(idNumberOf(k));
    }
    const bareNs: number[] = [];
    const storeNs: number[] = [];
    for (let s = 0; s < lookupSamples; s++) {
      const id = idNumberOf(picks[s]!);
      const hash = hashes[s]!;
      // Interleaved so machine noise hits both series alike.
      bareNs.push(
        timeNs(() => {
          if (!bare.get(hash)) throw new Error('bare look-up missed');
        }),
      );
      storeNs.push(
        timeNs(() => {
          if (!db.people.get(id)) throw new Error('store look-up missed');
        }),
      );
    }
    const toUs = (ns: number[]) => ns.map((n) => n / 1000);
    const bareStats = summarise(toUs(bareNs));
    const storeStats = summarise(toUs(storeNs));
    figures.push({
      what: `bare indexed SQLite point look-up (sealed blob, ${peopleCount} rows)`,
      unit: 'us',
      ...bareStats,
    });
    const medianRatio = storeStats.median / bareStats.median;
    const p99Ratio = storeStats.p99 / bareStats.p99;
    figures.push({
      what: `form-free look-up: HMAC + point query + AES-GCM open + JSON.parse (${peopleCount} people)`,
      unit: 'us',
      ...storeStats,
      target: 'p99 under 2 ms',
      met: storeStats.p99 < 2000,
    });
    figures.push({
      what: 'form-free look-up / bare look-up, median',
      unit: 'ratio',
      value: medianRatio,
      target: 'within 10x of a bare indexed look-up',
      met: medianRatio <= 10,
    });
    figures.push({
      what: 'form-free look-up / bare look-up, p99',
      unit: 'ratio',
      value: p99Ratio,
      target: 'within 10x of a bare indexed look-up',
      met: p99Ratio <= 10,
    });
    notes.push(
      `look-up: ${lookupSamples} random people of ${peopleCount}, interleaved with the bare query; cache_size 32 MiB`,
    );
    db.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The raw baseline: the same two material buffers written to two new files, each fsync'd. */
function writeRaw(dir: string, n: number, a: Buffer, b: Buffer): void {
  for (const [name, bytes] of [
    [`${n}-a`, a],
    [`${n}-b`, b],
  ] as const) {
    const fd = openSync(join(dir, name), 'wx');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

async function commitBench(figures: BenchFigure[], notes: string[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-bench-commit-'));
  try {
    const db = openStore(root);
    const rawDir = join(root, 'raw');
    mkdirSync(rawDir);
    db.ticketBlocks.addBlock({
      blockId: 'b',
      queueId: 'q',
      prefix: 'A',
      serviceDate: '2026-03-02',
      first: 1,
      last: 100_000,
    });
    const storeNs: number[] = [];
    const rawNs: number[] = [];
    for (let n = -20; n < commitSamples; n++) {
      const a = randomBytes(300 * 1024);
      const b = randomBytes(300 * 1024);
      const raw = timeNs(() => writeRaw(rawDir, n, a, b));
      const stored = await timeNsAsync(() =>
        db.submissions.commit({
          submission: {
            id: `s${n}`,
            idNumber: idNumberOf(n + 100),
            draft: testDraft(`CASE-${String(n + 100).padStart(6, '0')}`, {
              queueId: 'q',
              formValues: profileOf(n) as Record<string, unknown>,
            }),
            retentionUntilMs: Date.now() + 30 * 24 * 3600_000,
          },
          materials: [
            { code: 'id-card', page: 1, bytes: a, mime: 'image/jpeg' },
            { code: 'lease', page: 1, bytes: b, mime: 'image/jpeg' },
          ],
          outbox: { idempotencyKey: `k${n}` },
          ticket: { queueId: 'q', serviceDate: '2026-03-02' },
        }),
      );
      if (n >= 0) {
        rawNs.push(raw);
        storeNs.push(stored);
      }
    }
    const rawStats = summarise(rawNs.map((ns) => ns / 1e6));
    const storeStats = summarise(storeNs.map((ns) => ns / 1e6));
    figures.push({
      what: 'raw: write + fsync the same two 300 KB buffers to two new files',
      unit: 'ms',
      ...rawStats,
    });
    figures.push({
      what: 'durable submission commit, two 300 KB materials (seal, fsync files + dirs, one FULL-sync transaction)',
      unit: 'ms',
      ...storeStats,
      target: 'p99 under 25 ms',
      met: storeStats.p99 < 25,
    });
    const medianRatio = storeStats.median / rawStats.median;
    const p99Ratio = storeStats.p99 / rawStats.p99;
    figures.push({
      what: 'durable commit / raw write+fsync, median',
      unit: 'ratio',
      value: medianRatio,
      target: 'within 3x of the raw write+fsync',
      met: medianRatio <= 3,
    });
    figures.push({
      what: 'durable commit / raw write+fsync, p99',
      unit: 'ratio',
      value: p99Ratio,
      target: 'within 3x of the raw write+fsync',
      met: p99Ratio <= 3,
    });
    notes.push(
      `commit: ${commitSamples} submissions after 20 warm-up, fresh random materials each, interleaved with the raw baseline`,
    );
    db.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export default async function (): Promise<BenchReport> {
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  await commitBench(figures, notes);
  await lookupBench(figures, notes);
  return { name: 'store', figures, notes };
}
