import { randomUUID } from 'node:crypto';
import { err, ok } from '../../../kernel/result';
import type { SupplementPayload } from '../../../sync/protocol/case-workflow';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { JourneyContext } from './journey-context';

/**
 * 补正 answered at this kiosk (any kiosk, not only the one that took the case): the pages the window
 * named, captured now, stored durably with an outbox item that delivers them exactly once, like a
 * submission. The card just read names the applicant (by keyed hash); the central system takes the
 * supplement only from the case's own applicant, only at 补正 and only for the items it asked for.
 */
export async function submitSupplement(
  journey: JourneyContext,
  input: MethodArgs<'submitSupplement'>,
): ReturnType<HostApi['submitSupplement']> {
  const runtime = journey.host.runtime();
  if (!runtime) return err('central_unreachable', 'This kiosk is not enrolled yet.');
  const session = journey.session(input.sessionId);
  if (!session.ok) return session;
  const caseNumber = input.caseNumber.trim().toUpperCase();
  // What is missing is the central system's to say: without it, nothing can be checked here.
  const progress = await runtime.sync.caseProgress(caseNumber);
  if (!progress.ok) {
    return progress.error.code === 'not_found'
      ? err('not_found', 'No application has that number.')
      : err('central_unreachable', 'The central system cannot be reached now.');
  }
  if (progress.value.stage !== 'supplement_requested')
    return err('not_awaiting_supplement', 'This case is not waiting for more documents.');
  const asked = new Set((progress.value.missingItems ?? []).map((m) => m.materialId));
  const pages: { materialId: string; page: number; bytes: Buffer; mime: string }[] = [];
  for (const code of asked) {
    const given = input.materials.find((m) => m.code === code);
    const captured = given ? journey.host.pages.take(input.sessionId, given.pageIds) : null;
    if (!captured || captured.length === 0)
      return err('missing_materials', `Please capture every document asked for (${code}).`);
    captured.forEach((p, index) => {
      pages.push({ materialId: code, page: index + 1, bytes: p.bytes, mime: p.mime });
    });
  }
  const idHash = runtime.store.hashIdNumber(session.value.identity.idNumber);
  await runtime.store.blobs.writeThenCommit(pages, (staged) => {
    const payload: SupplementPayload = {
      caseNumber,
      applicant: { keyedHash: idHash.toString('hex') },
      materials: pages.map((p, i) => ({
        materialId: p.materialId,
        page: p.page,
        sha256: staged[i]!.sha256,
        mediaType: p.mime,
        size: staged[i]!.size,
      })),
      submittedAtMs: journey.now(),
    };
    runtime.store.outbox.enqueueInTransaction({
      kind: 'supplement',
      idempotencyKey: randomUUID(),
      payload,
      materialHashes: [...new Set(staged.map((s) => s.sha256))],
      idHash,
    });
  });
  journey.host.pages.dropSession(input.sessionId);
  runtime.kick();
  return ok({ caseNumber, pages: pages.length });
}
