import sharp from 'sharp';
import { err, ok } from '../../../kernel/result';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import { mayReuseArchivedMaterials } from '../cardless/cardless-policy';
import { licencePreviewJpeg } from '../licences/licence-preview';
import type { JourneyContext } from './journey-context';
import { sessionLicenceCopies } from './licence-pages';

/** Long side of the enlarged view: readable on a 1080 px wide screen, small enough to send at once. */
const viewLongSide = 1600;

/**
 * A large image of one of the session applicant's own archived copies, so they can look at it before
 * agreeing to re-use it (issue 15, defect 9). Only a copy in the applicant's record is shown: anything
 * else is unknown, whatever hash is asked for.
 */
export async function viewArchivedMaterial(
  journey: JourneyContext,
  { sessionId, sha256 }: MethodArgs<'viewArchivedMaterial'>,
): ReturnType<HostApi['viewArchivedMaterial']> {
  const session = journey.session(sessionId);
  if (!session.ok) return session;
  const { runtime, identity } = session.value;
  // One of the session's electronic licences: its page as the host draws it, never a file on disk.
  const licencePage = (await sessionLicenceCopies(journey, session.value)).find(
    (copy) => copy.material.sha256 === sha256,
  );
  if (licencePage) {
    try {
      const image = await licencePreviewJpeg(licencePage.licence, viewLongSide);
      return ok({ imageDataUrl: `data:image/jpeg;base64,${image.toString('base64')}` });
    } catch (error) {
      journey.host.logger.warn({ err: error }, 'electronic licence page could not be shown');
      return err('unknown_material', 'That archived copy cannot be shown.');
    }
  }
  // A session that may not re-use archived copies (an agent without the principal's card) sees none.
  const profile = mayReuseArchivedMaterials(session.value.identifiedBy)
    ? journey.localProfile(runtime, identity.idNumber)
    : null;
  const own = profile?.materials.some((material) => material.sha256 === sha256) ?? false;
  const bytes = own ? await archivedBytes(runtime, sha256) : null;
  if (!bytes) return err('unknown_material', 'That archived copy is not available on this kiosk.');
  try {
    const image = await sharp(bytes)
      .rotate()
      .resize({ width: viewLongSide, height: viewLongSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return ok({ imageDataUrl: `data:image/jpeg;base64,${image.toString('base64')}` });
  } catch (error) {
    journey.host.logger.warn({ err: error }, 'archived copy could not be shown');
    return err('unknown_material', 'That archived copy cannot be shown.');
  }
}

/**
 * An archived copy's bytes: from this kiosk's blob store when it holds them, else from the central
 * system (held in memory only, for this view). null when neither has it in time.
 */
export async function archivedBytes(runtime: KioskRuntime, sha256: string): Promise<Uint8Array | null> {
  if (runtime.store.blobs.has(sha256)) return runtime.store.blobs.read(sha256);
  const fetched = await runtime.sync.archivedMaterial(sha256);
  return fetched.ok ? fetched.value : null;
}
