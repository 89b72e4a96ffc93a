/**
 * The person's form-free record a consenting applicant's case proposes, and how it updates what the
 * central keeps, built once for both central backends: the profile the kiosk wrote back, with as the
 * record's materials exactly the archived copies that profile names (re-usable documents), never the
 * case's other papers or its signature. A copy whose bytes the central does not hold is dropped: no
 * kiosk could fetch it.
 */
import { type PayoutField, payoutFieldSchema } from '../protocol/central-admin';
import type { StoredMaterialRef, StoreRecord, SubmissionPayload } from '../protocol/central-api';
import {
  type ArchivedMaterial,
  type Profile,
  profileFieldPaths,
  readProfileField,
  withProfileField,
} from '../protocol/profile';

export function proposedStoreRecord(
  payload: SubmissionPayload & { profile: Profile },
  held: ReadonlySet<string>,
  nowMs: number,
): Omit<StoreRecord, 'version'> {
  const materials = payload.profile.materials.filter((material) => held.has(material.sha256));
  return {
    keyedHash: payload.applicant.keyedHash,
    profile: { ...payload.profile, materials },
    materials: storedRefsOf({ ...payload.profile, materials }),
    updatedAtMs: nowMs,
  };
}

/** Every file the proposed profile names, to ask the material store which it holds. */
export function archivedHashes(profile: Profile): string[] {
  return [...new Set(profile.materials.map((material) => material.sha256))];
}

/**
 * The profile a kiosk proposes, laid over what the central already knows: a kiosk builds on its own
 * copy, which may be stale or absent (its cache expired while the central was out of reach), so a fact
 * the proposal leaves unknown keeps the central's value (a spouse from a finished 结婚登记, a mailing
 * address from another kiosk), earlier applications of other items stay, and per document the newest
 * archived copy wins, whichever side holds it. Write-back never clears a fact, so unknown is not "removed".
 */
export function mergeProposedProfile(current: Profile | null, proposed: Profile): Profile {
  if (!current) return { ...proposed, materials: proposed.consent.keepMaterials ? proposed.materials : [] };
  let merged = proposed;
  // Each fact keeps the source it came from: the proposal's for what it offered, the central's otherwise.
  const factSources = { ...current.factSources, ...proposed.factSources };
  for (const path of profileFieldPaths) {
    const offered = readProfileField(proposed, path);
    const known = readProfileField(current, path);
    if ((offered === null || offered === undefined) && known !== null && known !== undefined) {
      merged = withProfileField(merged, path, known);
      const origin = current.factSources[path];
      if (origin) factSources[path] = origin;
      else delete factSources[path];
    }
  }
  const lastSubmissions = { ...current.lastSubmissions };
  for (const [itemId, submitted] of Object.entries(proposed.lastSubmissions)) {
    const earlier = lastSubmissions[itemId];
    if (!earlier || earlier.submittedAt <= submitted.submittedAt) lastSubmissions[itemId] = submitted;
  }
  return { ...merged, factSources, lastSubmissions, materials: newestCopies(current, proposed) };
}

/** Per material code, all pages of the newest copy; none when the applicant no longer keeps materials. */
function newestCopies(current: Profile, proposed: Profile): ArchivedMaterial[] {
  if (!proposed.consent.keepMaterials) return [];
  const newestAt = new Map<string, string>();
  for (const material of [...current.materials, ...proposed.materials]) {
    const at = newestAt.get(material.code);
    if (at === undefined || Date.parse(at) < Date.parse(material.archivedAt))
      newestAt.set(material.code, material.archivedAt);
  }
  const chosen = new Map<string, ArchivedMaterial>();
  // The proposal's own pages first: for a copy both sides hold, its page order is the kiosk's.
  for (const material of [...proposed.materials, ...current.materials]) {
    if (Date.parse(material.archivedAt) !== Date.parse(newestAt.get(material.code)!)) continue;
    if (!chosen.has(material.sha256)) chosen.set(material.sha256, material);
  }
  return [...chosen.values()];
}

/** The record's material references: exactly the archived copies its profile names. */
export function storedRefsOf(profile: Profile): StoredMaterialRef[] {
  return profile.materials.map((material) => ({
    materialId: material.code,
    sha256: material.sha256,
    size: material.sizeBytes,
    mediaType: material.mime,
    pages: material.pages,
  }));
}

/**
 * What a consenting case does to the person's record, for both backends: the proposal merged over the
 * current record, then each payout field (phone, bank account) that differs from the reviewed value is
 * kept as it was and returned as `held`, for a supervisor to decide (other kiosks never see it before).
 */
export function planProposal(
  current: StoreRecord | null,
  proposed: Omit<StoreRecord, 'version'>,
): { record: Omit<StoreRecord, 'version'>; held: Partial<Record<PayoutField, string | null>> } {
  const reviewed = current?.profile ?? null;
  let profile = mergeProposedProfile(reviewed, proposed.profile);
  const held: Partial<Record<PayoutField, string | null>> = {};
  for (const field of payoutFieldSchema.options) {
    const offered = payoutValue(profile, field);
    const kept = payoutValue(reviewed, field);
    if (offered === kept) continue;
    held[field] = offered;
    profile = withProfileField(profile, field, kept);
  }
  return { record: { ...proposed, profile, materials: storedRefsOf(profile) }, held };
}

function payoutValue(profile: Profile | null, field: PayoutField): string | null {
  const value = profile ? readProfileField(profile, field) : null;
  return typeof value === 'string' ? value : null;
}
