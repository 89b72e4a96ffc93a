import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInconsistencies } from './store-consistency';
import { StoreFixture } from './store-fixture';

const writer = join(import.meta.dirname, 'fixtures', 'submission-writer.ts');
const rounds = 12;

/** Runs the writer until `killAfterMs` past its "ready", SIGKILLs it, returns what it reported committed. */
function runAndKill(fixture: StoreFixture, killAfterMs: number): Promise<Map<string, string[]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, fixture.dir, fixture.keyPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed = new Map<string, string[]>();
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const match = /^committed (\S+) (\S+)$/.exec(line);
        if (match) committed.set(match[1]!, match[2]!.split(','));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${stderr}`));
      else resolve(committed);
    });
  });
}

describe('durability under SIGKILL', () => {
  const fixture = new StoreFixture();
  afterAll(() => fixture.remove());

  it(`keeps every reported submission intact and nothing half-written across ${rounds} kills`, async () => {
    const everCommitted = new Map<string, string[]>();
    let leftoversCleaned = 0;
    for (let round = 0; round < rounds; round++) {
      const committed = await runAndKill(fixture, 20 + Math.floor(Math.random() * 400));
      for (const [id, hashes] of committed) everCommitted.set(id, hashes);

      const db = fixture.open({ clock: Date.now });
      try {
        leftoversCleaned += db.startupSweep.orphanFilesRemoved + db.startupSweep.tempFilesRemoved;
        expect(db.startupSweep.missingFiles).toBe(0);
        expect(findInconsistencies(db)).toEqual([]);
        for (const [id, hashes] of everCommitted) {
          const stored = db.submissions.get(id);
          expect(stored, `submission ${id}`).not.toBeNull();
          expect(stored!.record).toMatchObject({ formValues: { name: 'Durability Test' } });
          // The ticket travels with its block: the central system checks the number against it.
          expect(stored!.record?.ticket?.blockId).toMatch(/^blk-/);
          expect(stored!.materials.map((m) => m.sha256)).toEqual(expect.arrayContaining(hashes));
          for (const sha256 of hashes) expect(db.blobs.read(sha256).length).toBeGreaterThan(0);
        }
        const outboxCount = db.connection
          .prepare(`SELECT count(*) FROM outbox WHERE kind = 'submission'`)
          .pluck()
          .get();
        const submissionCount = db.connection.prepare('SELECT count(*) FROM submissions').pluck().get();
        expect(outboxCount).toBe(submissionCount);
        const ticketed = db.connection
          .prepare(
            'SELECT count(DISTINCT submission_id) FROM tickets WHERE submission_id IN (SELECT id FROM submissions)',
          )
          .pluck()
          .get();
        expect(ticketed).toBe(submissionCount);
      } finally {
        db.close();
      }
    }
    expect(everCommitted.size).toBeGreaterThan(rounds);
    // Files of commits cut short were swept at the next open (how many depends on where the kills fell).
    console.info(
      `durability: ${everCommitted.size} submissions committed, ${leftoversCleaned} leftover files swept`,
    );
  });
});
