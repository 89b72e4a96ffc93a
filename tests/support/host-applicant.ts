/**
 * An applicant at a demo host, through the host API (no renderer): cards laid on the simulated reader,
 * forms answered as a person would answer what the card and the store left empty, pages photographed,
 * applications submitted. Shared by the write-back tests (tests/host/write-back.test.ts, tests/sync/).
 */
import sharp from 'sharp';
import { expect } from 'vitest';
import type { MethodArgs, MethodName, MethodResult } from '../../host/api/contract';
import type { Host } from '../../host/core/create-host';
import type { FormValue } from '../../sync/protocol/forms';
import { materialRequirementsFor } from '../../sync/protocol/item-materials';
import { type Profile, profileSchema } from '../../sync/protocol/profile';

export type Prepared = Extract<MethodResult<'prepareApplication'>, { ok: true }>['value'];

export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let photoNumber = 0;

/** A different photo each time, so every page has its own content hash. */
async function photo(): Promise<string> {
  photoNumber++;
  const bytes = await sharp({
    create: {
      width: 320,
      height: 440,
      channels: 3,
      background: { r: 240, g: photoNumber % 256, b: 100 + (photoNumber % 100) },
    },
  })
    .jpeg()
    .toBuffer();
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}

const signature =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** What the applicant would answer for fields neither the card nor the store filled. */
export function completeMissing(prepared: Prepared, today: string): Record<string, FormValue> {
  const values: Record<string, FormValue> = { ...prepared.values };
  const fields = prepared.form?.sections.flatMap((section) => section.fields) ?? [];
  for (const id of prepared.missingFields) {
    const field = fields.find((f) => f.id === id);
    if (!field) continue;
    if (field.type === 'checkbox') values[id] = true;
    else if (field.type === 'choice') values[id] = field.options[0]!.value;
    else if (field.type === 'multiChoice') values[id] = [field.options[0]!.value];
    else if (field.type === 'date') values[id] = today;
    else if (field.type === 'number') values[id] = field.validation?.min ?? 1;
    else if (field.type === 'phone') values[id] = '13800138000';
    else if (field.type === 'email') values[id] = 'applicant@example.cn';
    else if (field.type === 'text' || field.type === 'textarea' || field.type === 'address')
      values[id] = '福建省南安市溪美街道';
  }
  return values;
}

export class HostApplicant {
  constructor(readonly host: Host) {}

  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
    return (this.host.api[method] as (a: MethodArgs<M>) => Promise<MethodResult<M>>)(args);
  }

  get runtime() {
    const runtime = this.host.context.runtime();
    if (!runtime) throw new Error('the kiosk is not enrolled');
    return runtime;
  }

  /** Waits for the catalogue and a ticket number for every queue of the day. */
  async ready(): Promise<void> {
    await until('the catalogue to arrive', async () => (await this.call('getCatalogue', {})).ok, 60_000);
    const today = this.host.context.clock.today();
    await until(
      'ticket numbers for every queue',
      () =>
        this.runtime.store.catalogue
          .list('queue')
          .every((queue) => this.runtime.store.ticketBlocks.remaining(queue.id, today) > 0),
      60_000,
    );
  }

  async session(cardId: string): Promise<{ sessionId: string; idNumber: string }> {
    expect((await this.call('demoPlaceCard', { cardId })).ok).toBe(true);
    const started = await until('the card to be read', async () => {
      const result = await this.call('getSessionState', {});
      return result.ok && result.value.state === 'active' ? result.value : null;
    });
    return { sessionId: started.sessionId, idNumber: started.identity.idNumber };
  }

  async removeCard(): Promise<void> {
    await this.call('demoRemoveCard', {});
    await until('the session to end', () => !this.host.sessionActive());
  }

  async prepare(sessionId: string, itemId: string): Promise<Prepared> {
    const prepared = await this.call('prepareApplication', { sessionId, itemId });
    if (!prepared.ok) throw new Error(prepared.error.message);
    return prepared.value;
  }

  /**
   * Answers and submits one item: every required document photographed (up to two pages each), unless
   * `reuse` names archived copies to use instead.
   */
  async apply(
    session: { sessionId: string },
    itemId: string,
    options: {
      typed?: Record<string, FormValue>;
      keepInStore: boolean;
      reuse?: Prepared['reusableMaterials'];
    },
  ) {
    const today = this.host.context.clock.today();
    const prepared = await this.prepare(session.sessionId, itemId);
    const values = { ...completeMissing(prepared, today), ...options.typed };
    const catalogue = await this.call('getCatalogue', {});
    if (!catalogue.ok) throw new Error('no catalogue');
    const item = catalogue.value.items.find((i) => i.id === itemId)!;
    const asked = materialRequirementsFor(item.materials, prepared.form, values, prepared.card);
    const materials: { code: string; archivedSha256: string | null; pageIds: string[] }[] = [];
    for (const requirement of asked.filter((m) => m.required)) {
      const copy = options.reuse?.find((m) => m.code === requirement.code);
      if (copy) {
        materials.push({ code: requirement.code, archivedSha256: copy.sha256, pageIds: [] });
        continue;
      }
      const pageIds: string[] = [];
      for (let page = 0; page < Math.min(requirement.pages, 2); page++) {
        const taken = await this.call('addCameraPage', {
          sessionId: session.sessionId,
          materialCode: requirement.code,
          imageDataUrl: await photo(),
        });
        if (!taken.ok) throw new Error(taken.error.message);
        pageIds.push(taken.value.pageId);
      }
      materials.push({ code: requirement.code, archivedSha256: null, pageIds });
    }
    const submitted = await this.call('submitApplication', {
      sessionId: session.sessionId,
      itemId,
      values,
      materials,
      keepInStore: options.keepInStore,
      signatureDataUrl: signature,
      priority: { disabled: false, veteran: false, pregnant: false },
      proceedWithoutReceipt: true,
      language: 'zh-Hans',
    });
    if (!submitted.ok) throw new Error(`${submitted.error.code}: ${submitted.error.message}`);
    const submissions = this.runtime.store.submissions;
    const stored = submissions.get(submissions.findByCaseNumber(submitted.value.caseNumber)!.id)!;
    return { caseNumber: submitted.value.caseNumber, stored, asked };
  }

  localProfile(idNumber: string): Profile | null {
    const cached = this.runtime.store.people.get(idNumber);
    return cached === null ? null : profileSchema.parse(cached);
  }

  keyedHashOf(idNumber: string): string {
    return this.runtime.store.hashIdNumber(idNumber).toString('hex');
  }

  /** The central system acknowledged the case (the outbox drains in the background). */
  async delivered(caseNumber: string): Promise<void> {
    const submissions = this.runtime.store.submissions;
    await until('the case to reach the central system', () => {
      const stored = submissions.get(submissions.findByCaseNumber(caseNumber)!.id);
      return stored?.acknowledgedAtMs !== null;
    });
  }
}
