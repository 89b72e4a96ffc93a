/**
 * The "kiosk host" killed by the SIGKILL test: commits submissions one after another (printing
 * ACK <case number> once each commit has returned, as the receipt would be printed) while the
 * OutboxDrainer delivers in the background. Mode "drain" only delivers what is left, then exits.
 * argv: storeDir centralUrl credential kioskCode serviceDate target mode
 */
import { CentralClient } from '../../../sync/client/central-client';
import { TicketBlockLease } from '../../../sync/client/ticket-block-lease';
import {
  commitTestSubmission,
  materialBytes,
  openTestStore,
  silentLogger,
  testDrainer,
} from './kiosk-harness';

const [storeDir, centralUrl, credential, kioskCode, serviceDate, targetText, mode] = process.argv.slice(
  2,
) as [string, string, string, string, string, string, string];
const target = Number(targetText);
const db = openTestStore(storeDir);
const client = new CentralClient({ baseUrl: centralUrl, credential, timeoutMs: 3_000 });
const drainer = testDrainer(db, client, { batchSize: 20, idlePollMs: 20 });

if (mode === 'drain') {
  await drainer.drainUntilIdle();
  db.close();
  process.stdout.write('DRAINED\n');
  process.exit(0);
}

const lease = new TicketBlockLease({
  store: db.ticketBlocks,
  client,
  logger: silentLogger,
  blockSize: 100,
  lowWaterMark: 30,
});
drainer.start();
process.stdout.write('READY\n');
const count = () => db.connection.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
for (let i = count(); i < target; i = count()) {
  await lease.ensure('market-general', serviceDate);
  const caseNumber = `${kioskCode}-K-${String(i).padStart(5, '0')}`;
  await commitTestSubmission(db, {
    caseNumber,
    queueId: 'market-general',
    departmentId: 'market',
    itemId: 'business-licence',
    serviceDate,
    materials: [materialBytes(`kill-${i}`, 400)],
  });
  process.stdout.write(`ACK ${caseNumber}\n`);
  drainer.wake();
}
process.stdout.write('DONE\n');
await drainer.stop();
db.close();
