import {
  type ElectronicLicence,
  factsFromLicence,
  type LicenceFactPath,
} from '../protocol/electronic-licences';
import {
  type FactOrigin,
  holdsFact,
  isProfileFieldPath,
  type Profile,
  type ProfileFieldPath,
  profileLeafSchema,
  readProfileField,
  withFact,
} from '../protocol/profile';

/**
 * Applies a profile's electronic licences to its facts: every fact a licence proves is set, unless the
 * store holds it from a source dated after the licence was issued (a register updated since wins). The
 * fact is then dated with the licence as its source. Pure; the profile given is not changed.
 */

// Every path a licence proves is a fact path of the profile: a renamed fact breaks the build here.
type Holds<Condition extends true> = Condition;
export type LicenceFactPathsAreProfilePaths = Holds<LicenceFactPath extends ProfileFieldPath ? true : false>;

/** List facts a licence proves one entry of, and the key that says which entry. */
const listEntryKeys: Partial<Record<ProfileFieldPath, (entry: Record<string, unknown>) => unknown>> = {
  children: (child) => child.birthCertificateNumber,
  realEstate: (holding) => holding.certificateNumber,
  businesses: (business) => business.creditCode ?? business.name,
};

function originOf(licence: ElectronicLicence): FactOrigin {
  return {
    source: 'electronicLicence',
    asOf: licence.issuedOn,
    licence: { kind: licence.kind, number: licence.licenceNumber },
  };
}

/** The list with the licence's entry merged in: a known entry updated (what it lacks kept), a new one added. */
function mergedList(
  current: unknown,
  proved: unknown,
  keyOf: (entry: Record<string, unknown>) => unknown,
  updateKnown: boolean,
): unknown {
  const list = Array.isArray(current) ? (current as Record<string, unknown>[]) : [];
  const entries = Array.isArray(proved) ? (proved as Record<string, unknown>[]) : [];
  const merged = [...list];
  for (const entry of entries) {
    const at = merged.findIndex((known) => keyOf(known) === keyOf(entry));
    const present = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null));
    if (at >= 0 && updateKnown) merged[at] = { ...merged[at], ...present };
    else if (at >= 0) continue;
    else merged.push(entry);
  }
  return merged;
}

export function withLicenceFacts(profile: Profile): Profile {
  // Older licences first, so a newer licence of the same fact has the last word.
  const licences = [...(profile.licences ?? [])].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
  let next = profile;
  for (const licence of licences) {
    for (const [path, proved] of Object.entries(factsFromLicence(licence))) {
      if (!isProfileFieldPath(path)) continue;
      const known = next.factSources[path];
      const held = holdsFact(next, path);
      const keyOf = listEntryKeys[path];
      const registerIsNewer = held && known !== undefined && known.asOf > licence.issuedOn;
      const current = readProfileField(next, path);
      // A newer register keeps its values; a list still gains an entry it does not know of.
      const value = keyOf ? mergedList(current, proved, keyOf, !registerIsNewer) : proved;
      if (registerIsNewer && (!keyOf || JSON.stringify(value) === JSON.stringify(current))) continue;
      if (!profileLeafSchema(path).safeParse(value).success) continue;
      next = withFact(next, path, value, originOf(licence));
    }
  }
  return next;
}
