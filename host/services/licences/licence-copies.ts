import { createHash } from 'node:crypto';
import {
  type ElectronicLicence,
  licenceKinds,
  licenceMaterialCode,
} from '../../../sync/protocol/electronic-licences';
import type { ArchivedMaterial, Profile } from '../../../sync/protocol/profile';
import { renderLicencePage } from './licence-page';

/** A licence's rendered page as the archived copy the store offers for its material code. */
export interface LicenceCopy {
  readonly licence: ElectronicLicence;
  readonly material: ArchivedMaterial;
  readonly bytes: Buffer;
}

/**
 * The rendered pages of the open session's licences. Rendered by the host when asked (never taken from
 * the screen), held in memory for that session only: a new session's request drops the last one's.
 */
export class LicenceCopies {
  #held: { sessionId: string; key: string; copies: Promise<LicenceCopy[]> } | null = null;

  /** The copies of the profile's licences for this session; the same licences are rendered once. */
  copiesFor(sessionId: string, profile: Profile | null): Promise<LicenceCopy[]> {
    const licences = profile?.licences ?? [];
    const key = JSON.stringify(licences);
    if (this.#held?.sessionId === sessionId && this.#held.key === key) return this.#held.copies;
    const copies = Promise.all(
      licences.map(async (licence): Promise<LicenceCopy> => {
        const bytes = await renderLicencePage(licence);
        return {
          licence,
          bytes,
          material: {
            code: licenceMaterialCode(licence),
            sha256: createHash('sha256').update(bytes).digest('hex'),
            mime: 'application/pdf',
            name: `${licenceKinds[licence.kind].title}（电子证照）`,
            pages: 1,
            sizeBytes: bytes.length,
            // Dated by its issue: a page photographed since then is the newer copy and is offered instead.
            archivedAt: `${licence.issuedOn}T00:00:00+08:00`,
          },
        };
      }),
    );
    this.#held = { sessionId, key, copies };
    // A failed rendering is not kept: the next request tries again.
    copies.catch(() => {
      if (this.#held?.copies === copies) this.#held = null;
    });
    return copies;
  }

  /** Drops the held pages (the session ended). */
  clear(): void {
    this.#held = null;
  }
}
