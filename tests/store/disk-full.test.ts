import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFullError } from '../../sync/store/errors';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import type { SubmissionCommit } from '../../sync/store/tables/submissions';
import { testDraft } from '../support/submission-draft';
import { findInconsistencies } from './store-consistency';
import { StoreFixture } from './store-fixture';

/**
 * A real full disk: the data folder lives on a 4 MiB tmpfs (the suite runs as root here; mount
 * failing fails the test rather than silently testing less). A filler file takes all but `leave`
 * bytes, so a commit fails writing a material file (ENOSPC) or growing the WAL (SQLITE_FULL).
 */
describe('disk full during a submission', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'kiosk-small-disk-'));
  const filler = join(mountPoint, 'filler');
  let fixture: StoreFixture;
  let db: KioskDatabase;
  let n = 0;

  beforeAll(() => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]);
    fixture = new StoreFixture({ dataDir: join(mountPoint, 'data') });
    db = fixture.open();
  });

  afterAll(() => {
    db?.close();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
    fixture?.remove();
  });

  function submission(materialBytes: number[], payloadBytes = 100): SubmissionCommit {
    const id = `s${++n}`;
    return {
      submission: {
        id,
        idNumber: '350503195807152528',
        draft: testDraft(`CASE-${id.toUpperCase()}`, {
          formValues: { filler: randomBytes(payloadBytes).toString('base64') },
        }),
        retentionUntilMs: 0,
      },
      materials: materialBytes.map((size, i) => ({
        code: `m${i}`,
        page: 1,
        bytes: randomBytes(size),
        mime: 'image/jpeg',
      })),
      outbox: { idempotencyKey: `k-${id}` },
    };
  }

  function fillLeaving(leave: number): void {
    rmSync(filler, { force: true });
    const { bavail, bsize } = statfsSync(mountPoint);
    const size = Math.max(0, bavail * bsize - leave);
    const fd = openSync(filler, 'w');
    try {
      const chunk = Buffer.alloc(64 * 1024);
      for (let written = 0; written < size; ) {
        written += writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
      }
    } finally {
      closeSync(fd);
    }
  }

  async function attempt(input: SubmissionCommit): Promise<'stored' | string> {
    try {
      await db.submissions.commit(input);
      return 'stored';
    } catch (error) {
      expect(error).toBeInstanceOf(DiskFullError);
      expect((error as DiskFullError).code).toBe('disk_full');
      expect(db.submissions.get(input.submission.id)).toBeNull();
      expect(findInconsistencies(db)).toEqual([]);
      return String((error as { cause?: { code?: string } }).cause?.code);
    }
  }

  it('fails with DiskFullError, leaves nothing half-written, and works again once space returns', async () => {
    expect(await attempt(submission([300_000, 300_000]))).toBe('stored');
    const outcomes = new Map<string, number>();
    // From "nothing left" to "just enough", in steps that land on both failure points.
    for (const leave of [0, 8_192, 100_000, 350_000, 620_000, 640_000, 660_000, 700_000]) {
      fillLeaving(leave);
      const outcome = await attempt(submission([300_000, 300_000]));
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // A submission without files whose rows need new WAL pages: the SQLite side of a full disk.
    fillLeaving(0);
    const sqliteOutcome = await attempt(submission([], 200_000));
    outcomes.set(sqliteOutcome, (outcomes.get(sqliteOutcome) ?? 0) + 1);

    console.info('disk-full outcomes', Object.fromEntries(outcomes));
    expect(outcomes.get('ENOSPC')).toBeGreaterThan(0);
    expect(outcomes.get('SQLITE_FULL')).toBeGreaterThan(0);

    rmSync(filler, { force: true });
    expect(await attempt(submission([300_000, 300_000]))).toBe('stored');
    expect(findInconsistencies(db)).toEqual([]);
    db.close();
    db = fixture.open();
    expect(findInconsistencies(db)).toEqual([]);
    expect(db.startupSweep).toEqual({ tempFilesRemoved: 0, orphanFilesRemoved: 0, missingFiles: 0 });
  });
});
