import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { TestCard } from '../../drivers/idcard/simulator/test-cards';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import type { LocalizedText } from '../protocol/localized-text';
import { samplePeople } from '../sample-hall';
import { demoEidPublicKeyPem } from '../sample-hall/demo-eid';
import { DemoSignedQrVerifier } from './identity-qr';
import { keyedHashOfIdNumber } from './seed';
import { type RunningCentralServer, startCentralServer } from './server';

export interface EmbeddedCentralOptions {
  /** The kiosk's data folder: the server keeps its own data under <dataDir>/central. */
  dataDir: string;
  hallName: LocalizedText;
  logger: Logger;
  /** The sample hall's people on the simulated reader: two of them get today's appointments. */
  demoCards: readonly TestCard[];
}

/**
 * The reference central server run in-process for demo mode (`central.url: "embedded"`). Only the
 * launchers (host/cli, electron/main.ts) pass this to the host: kiosk code never imports sync/central.
 */
export async function startEmbeddedCentral(options: EmbeddedCentralOptions): Promise<RunningCentralServer> {
  const dataDir = join(options.dataDir, 'central');
  // Seeding the sample hall takes seconds: only on the first start of this data folder.
  const fresh = !existsSync(join(dataDir, 'hall-lookup-key'));
  const server = await startCentralServer({
    port: 0,
    dataDir,
    ...(fresh ? { seed: 'sample' as const } : {}),
    hall: { hallName: options.hallName },
    // The sample hall's demo electronic ID (a well-known key: demo only).
    identityQrVerifier: new DemoSignedQrVerifier([demoEidPublicKeyPem]),
    // Warnings and worse only, but never louder than the host's own logger (a silent host stays silent).
    logger: options.logger.child(
      { area: 'central' },
      { level: options.logger.levelVal > 40 ? options.logger.level : 'warn' },
    ),
  });
  if (options.demoCards.length > 0) await bookDemoAppointments(server, options.demoCards, options.logger);
  return server;
}

/**
 * Demo mode books today's appointments at the embedded central server for two of the sample hall's
 * people on the simulated reader, so appointment check-in can be shown. The booking key is per day:
 * restarting the demo does not book twice.
 */
export async function bookDemoAppointments(
  central: RunningCentralServer,
  demoCards: readonly TestCard[],
  logger: Logger,
): Promise<number> {
  const today = serviceDateOf(Date.now(), central.hall.timeZone);
  const people = samplePeople();
  let booked = 0;
  for (const [cardId, slotStart] of [
    ['sample-returning', '10:00'],
    ['sample-elderly', '14:30'],
  ] as const) {
    if (!demoCards.some((card) => card.id === cardId)) continue;
    const person = people.find((p) => {
      const id = p.identity.idNumber;
      return demoCards.find((card) => card.id === cardId)?.text.includes(Buffer.from(id, 'utf16le'));
    });
    const itemId = person?.profile ? Object.keys(person.profile.lastSubmissions)[0] : undefined;
    if (!person || !itemId) continue;
    const answer = await central.storage.bookAppointment(
      {
        idempotencyKey: `demo-${today}-${cardId}`,
        keyedHash: keyedHashOfIdNumber(central.hall.lookupKey, person.identity.idNumber),
        itemId,
        serviceDate: today,
        slotStart,
      },
      Date.now(),
    );
    if (answer.ok) booked++;
    else logger.warn({ cardId, reason: answer.error.message }, 'demo appointment not booked');
  }
  return booked;
}
