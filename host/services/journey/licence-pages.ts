import { mayReuseArchivedMaterials, mayUseFormFreeStore } from '../cardless/cardless-policy';
import type { LicenceCopy } from '../licences/licence-copies';
import type { JourneyContext, JourneySession } from './journey-context';

/**
 * The pages of the session applicant's electronic licences, offered like archived copies. None for a
 * session that may not reuse archived copies, or when the page cannot be drawn (logged, nothing offered).
 */
export async function sessionLicenceCopies(
  journey: JourneyContext,
  session: JourneySession,
): Promise<LicenceCopy[]> {
  if (!mayUseFormFreeStore(session.identifiedBy) || !mayReuseArchivedMaterials(session.identifiedBy))
    return [];
  const profile = journey.localProfile(session.runtime, session.identity.idNumber);
  if (!profile?.consent.storeProfile || profile.licences.length === 0) return [];
  try {
    return await journey.licenceCopies.copiesFor(session.id, profile);
  } catch (error) {
    journey.host.logger.warn({ err: error }, 'electronic licence pages could not be drawn');
    return [];
  }
}
