/** A kiosk for sync tests: the real encrypted store in a temp folder, enrolled with a central server. */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { CentralClient } from '../../../sync/client/central-client';
import { kioskSyncPorts } from '../../../sync/client/kiosk-store-ports';
import { OutboxDrainer, type OutboxDrainerOptions } from '../../../sync/client/outbox-drainer';
import { FileKeyProvider } from '../../../sync/store/crypto/key-provider';
import { type KioskDatabase, openKioskDatabase } from '../../../sync/store/kiosk-database';
import { keyedHashOf, testDraft } from '../../support/submission-draft';

export const silentLogger = pino({ level: 'silent' });

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function openTestStore(dir: string): KioskDatabase {
  return openKioskDatabase({
    dir,
    keyProvider: new FileKeyProvider({ path: join(dir, 'store.key') }),
    logger: silentLogger,
  });
}

export { keyedHashOf };

export interface TestSubmission {
  caseNumber: string;
  queueId: string;
  departmentId: string;
  itemId: string;
  serviceDate: string;
  materials: Buffer[];
  applicant?: string;
}

/** Commits one submission the way the host does: materials, row, outbox item and ticket in one go. */
export async function commitTestSubmission(db: KioskDatabase, s: TestSubmission) {
  return db.submissions.commit({
    submission: {
      id: randomUUID(),
      idNumber: null,
      draft: testDraft(s.caseNumber, {
        itemId: s.itemId,
        departmentId: s.departmentId,
        queueId: s.queueId,
        applicant: { keyedHash: keyedHashOf(s.applicant ?? s.caseNumber), priorityReasons: [] },
      }),
      retentionUntilMs: Date.now() + 86_400_000,
    },
    materials: s.materials.map((bytes, i) => ({ code: 'ID_COPY', page: i + 1, bytes, mime: 'image/jpeg' })),
    outbox: { idempotencyKey: randomUUID() },
    ticket: { queueId: s.queueId, serviceDate: s.serviceDate },
  });
}

/** intakeSealingKey: the enrolment's key, so submissions go sealed as a real kiosk sends them. */
export function testDrainer(
  db: KioskDatabase,
  client: CentralClient,
  options: Partial<OutboxDrainerOptions> = {},
  intakeSealingKey: string | null = null,
): OutboxDrainer {
  const ports = kioskSyncPorts(db, { intakeSealingKey });
  return new OutboxDrainer({
    outbox: ports.outbox,
    materials: ports.materials,
    acknowledge: ports.acknowledge,
    transaction: ports.transaction,
    client,
    logger: silentLogger,
    backoff: { baseMs: 2, maxMs: 50 },
    ...options,
  });
}

export async function enrolledClient(baseUrl: string, enrolmentCode: string, name = 'test kiosk') {
  const client = new CentralClient({ baseUrl, timeoutMs: 5_000 });
  const enrolment = await client.enrol(enrolmentCode, name, '0.1.0');
  return { client, enrolment };
}

/** Material bytes that differ per submission (content-addressed: equal bytes would be one file). */
export function materialBytes(label: string, size: number): Buffer {
  const seed = createHash('sha256').update(label).digest();
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += 32) seed.copy(out, i, 0, Math.min(32, size - i));
  out.write(label, 0);
  return out;
}
