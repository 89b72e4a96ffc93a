import type { Logger } from 'pino';
import type { TestCard } from '../../drivers/idcard/simulator/test-cards';
import { serviceDateOf } from '../../sync/central/hall-rules';
import { keyedHashOfIdNumber } from '../../sync/central/seed';
import type { RunningCentralServer } from '../../sync/central/server';
import { samplePeople } from '../../sync/sample-hall';

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
    if ('error' in answer) logger.warn({ cardId, reason: answer.message }, 'demo appointment not booked');
    else booked++;
  }
  return booked;
}
