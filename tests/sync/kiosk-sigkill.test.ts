import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { seededRandom } from '../support/fault-proxy';
import { enrolledClient, openTestStore, tempDir } from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const target = 300;
const childScript = join(import.meta.dirname, 'support', 'kiosk-host-child.ts');

function runChild(
  args: string[],
  onLine: (line: string, child: ChildProcess) => void,
): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) onLine(line, child);
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') process.stderr.write(stderr);
      resolve(code);
    }),
  );
  return { child, exited };
}

describe('the kiosk host killed with SIGKILL at random moments', () => {
  let server: RunningCentralServer;
  beforeAll(async () => {
    server = await startCentralServer({ port: 0, dataDir: tempDir('central-kill') });
    await seedCatalogue(server.storage, testCatalogue);
  });
  afterAll(async () => server.close());

  it(`every acknowledged submission of ${target} reaches the central server exactly once`, async () => {
    const storeDir = tempDir('kiosk-kill');
    const { enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
    const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
    const args = (mode: string) => [
      storeDir,
      server.url,
      enrolment.credential,
      enrolment.kioskCode,
      serviceDate,
      String(target),
      mode,
    ];
    const acknowledged = new Set<string>();
    const random = seededRandom(7);
    let kills = 0;
    let done = false;
    while (!done) {
      const killAfterMs = 150 + Math.floor(random() * 1200);
      const { exited } = runChild(args('run'), (line, child) => {
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('ACK ')) acknowledged.add(line.slice(4));
        else if (line === 'DONE') done = true;
      });
      const code = await exited;
      if (code === null) kills++;
    }
    const drain = runChild(args('drain'), () => {});
    expect(await drain.exited).toBe(0);

    expect(kills).toBeGreaterThan(2);
    process.stdout.write(`sigkill test: ${kills} kills, ${acknowledged.size} receipts acknowledged\n`);
    expect(acknowledged.size).toBeGreaterThan(0);
    const db = openTestStore(storeDir);
    const committed = db.connection
      .prepare('SELECT case_number FROM submissions ORDER BY created_at')
      .pluck()
      .all() as string[];
    const unsent = db.outbox.stats(Date.now());
    db.close();
    expect(committed).toHaveLength(target);
    expect(unsent).toMatchObject({ backlog: 0, parked: 0 });
    // Every receipt printed is in the store after the restarts ...
    for (const caseNumber of acknowledged) expect(committed).toContain(caseNumber);
    // ... and reached the central server exactly once.
    const accepted = (await server.storage.acceptedDeliveries()).filter((d) => d.kind === 'submission');
    expect(accepted).toHaveLength(target);
    for (const caseNumber of acknowledged)
      expect(await server.storage.caseProgress(caseNumber)).not.toBeNull();
    const seqs = accepted.map((d) => d.kioskSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }, 170_000);
});
