import { randomUUID } from 'node:crypto';
import { err, ok } from '../../../kernel/result';
import { caseNumberSchema } from '../../../sync/protocol/central-api';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { JourneyContext } from './journey-context';

/**
 * A rating (好差评) is kept and queued for the central system. Whether the case may be rated is asked
 * briefly; while the link is down the rating is kept anyway (the central system checks it on arrival)
 * and the answer says the kiosk took it.
 */
export async function rateCase(
  journey: JourneyContext,
  { caseNumber, grade, reasons, comment }: MethodArgs<'rateCase'>,
): ReturnType<HostApi['rateCase']> {
  const runtime = journey.host.runtime();
  if (!runtime) return err('not_found', 'This kiosk is not enrolled yet.');
  const normalised = caseNumber.trim().toUpperCase();
  if (!caseNumberSchema.safeParse(normalised).success)
    return err('not_found', 'No application has that number.');
  if (runtime.store.ratings.listForCase(normalised).length > 0)
    return err('already_rated', 'This case has already been rated here.');
  const progress = await runtime.sync.caseProgress(normalised);
  if (progress.ok && !progress.value.ratable) return err('not_rateable', 'This case cannot be rated yet.');
  if (
    !progress.ok &&
    progress.error.code === 'not_found' &&
    !runtime.store.submissions.findByCaseNumber(normalised)
  )
    return err('not_found', 'No application has that number.');
  runtime.store.transaction(() => {
    runtime.store.ratings.insertInTransaction({ id: randomUUID(), caseNumber: normalised, grade, reasons });
    runtime.store.outbox.enqueueInTransaction({
      kind: 'rating',
      idempotencyKey: randomUUID(),
      payload: {
        caseNumber: normalised,
        grade,
        reasons: reasons.filter((r) => r.length > 0),
        ...(comment ? { comment } : {}),
        ratedAtMs: journey.now(),
      },
      materialHashes: [],
    });
  });
  runtime.kick();
  return ok({ source: progress.ok ? 'central' : 'kiosk' });
}
