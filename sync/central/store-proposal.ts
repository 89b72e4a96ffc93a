/**
 * The person's form-free record a consenting applicant's case proposes, built once for both central
 * backends: the profile the kiosk wrote back, and as the record's materials exactly the archived copies
 * that profile names (re-usable documents), never the case's other papers or its signature. A copy
 * whose bytes the central does not hold is dropped: no kiosk could fetch it.
 */
import type { StoreRecord, SubmissionPayload } from '../protocol/central-api';
import type { Profile } from '../protocol/profile';

export function proposedStoreRecord(
  payload: SubmissionPayload & { profile: Profile },
  held: ReadonlySet<string>,
  nowMs: number,
): Omit<StoreRecord, 'version'> {
  const materials = payload.profile.materials.filter((material) => held.has(material.sha256));
  return {
    keyedHash: payload.applicant.keyedHash,
    profile: { ...payload.profile, materials },
    materials: materials.map((material) => ({
      materialId: material.code,
      sha256: material.sha256,
      size: material.sizeBytes,
      mediaType: material.mime,
      pages: material.pages,
    })),
    updatedAtMs: nowMs,
  };
}

/** Every file the proposed profile names, to ask the material store which it holds. */
export function archivedHashes(profile: Profile): string[] {
  return [...new Set(profile.materials.map((material) => material.sha256))];
}
