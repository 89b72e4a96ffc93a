import { attempt, err, ok, step } from '../../../kernel/result';
import { autofill } from '../../../sync/forms/autofill';
import type { CardIdentity } from '../../../sync/protocol/forms';
import type { ArchivedMaterial, Profile } from '../../../sync/protocol/profile';
import type { IdentifiedBy } from '../../api/cardless';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { IdentityView } from '../../api/identity';
import type { ReusableMaterial } from '../../api/journey';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import { actingForView } from '../agent/acting-for';
import { type AgentOnSession, agentMaterials } from '../agent/acting-for-policy';
import { thumbnailDataUrl } from '../captured-pages';
import { mayReuseArchivedMaterials, mayUseFormFreeStore } from '../cardless/cardless-policy';
import type { LicenceCopy } from '../licences/licence-copies';
import { licencePreviewJpeg } from '../licences/licence-preview';
import { applicationSubject, profileForSubject } from './application-subject';
import { archivedBytes } from './archived-view';
import type { JourneyContext } from './journey-context';
import { sessionLicenceCopies } from './licence-pages';

function consentOf(profile: Profile | null): { storeProfile: boolean; keepMaterials: boolean } | null {
  return profile
    ? { storeProfile: profile.consent.storeProfile, keepMaterials: profile.consent.keepMaterials }
    : null;
}

/** The card that opened a session, or null when it was opened another way (an SMS code, a QR code). */
export function sessionCard(session: {
  identity: IdentityView;
  identifiedBy: IdentifiedBy;
  agent?: AgentOnSession | null;
}): CardIdentity | null {
  // 帮办代办: card-bound fields bind to the principal, as their card or the store's record gives them.
  if (session.agent) return cardIdentityOf(session.identity);
  return session.identifiedBy === 'card' ? cardIdentityOf(session.identity) : null;
}

export function cardIdentityOf(identity: IdentityView): CardIdentity {
  const {
    expired: _expired,
    age: _age,
    checkDigitValid: _check,
    previousIdNumber: _previous,
    ...card
  } = identity;
  return card;
}

async function reusableView(
  runtime: KioskRuntime,
  material: ArchivedMaterial,
  licencePages: ReadonlyMap<string, LicenceCopy>,
): Promise<ReusableMaterial> {
  // Shown before the applicant agrees to re-use it (issue 15, defect 9): fetched if not held here.
  let thumbnail: string | null = null;
  // A licence's page is a PDF, which the thumbnailer does not draw: its picture is drawn instead.
  const licencePage = licencePages.get(material.sha256);
  const bytes = licencePage
    ? await licencePreviewJpeg(licencePage.licence, 480).catch(() => null)
    : await archivedBytes(runtime, material.sha256);
  if (bytes) {
    try {
      thumbnail = await thumbnailDataUrl(bytes);
    } catch {
      thumbnail = null;
    }
  }
  return {
    code: material.code,
    sha256: material.sha256,
    name: material.name,
    archivedAt: material.archivedAt,
    pages: material.pages,
    thumbnailDataUrl: thumbnail,
  };
}

function newestPerCode(materials: readonly ArchivedMaterial[]): ArchivedMaterial[] {
  const newest = new Map<string, ArchivedMaterial>();
  for (const material of materials) {
    const known = newest.get(material.code);
    if (!known || known.archivedAt < material.archivedAt) newest.set(material.code, material);
  }
  return [...newest.values()];
}

/** The form filled from the card and the form-free store as this kiosk holds it, with re-usable copies. */
export async function prepareApplication(
  journey: JourneyContext,
  { sessionId, itemId }: MethodArgs<'prepareApplication'>,
): ReturnType<HostApi['prepareApplication']> {
  const found = attempt(function* () {
    const session = yield* step(journey.session(sessionId));
    // A 一件事 bundle's id gives its composed form and its materials once each (application-subject.ts).
    const item = applicationSubject(journey.catalogueOf(session.runtime), itemId);
    if (!item) return err('unknown_item', 'That service item is not offered here.');
    return ok({ session, item, form: item.form });
  });
  if (!found.ok) return found;
  const { session, item, form } = found.value;
  // A card-less session reaches only what cardless-policy.ts allows of the form-free store.
  const profile = mayUseFormFreeStore(session.identifiedBy)
    ? journey.localProfile(session.runtime, session.identity.idNumber)
    : null;
  const licenceCopies = await sessionLicenceCopies(journey, session);
  const licencePages = new Map(licenceCopies.map((copy) => [copy.material.sha256, copy]));
  const reusableOf = (materials: ArchivedMaterial[]) =>
    mayReuseArchivedMaterials(session.identifiedBy)
      ? Promise.all(materials.map((m) => reusableView(session.runtime, m, licencePages)))
      : Promise.resolve([]);
  if (!form) {
    const kept = profile?.consent.keepMaterials ? profile.materials : [];
    const reusable = newestPerCode([...kept, ...licenceCopies.map((copy) => copy.material)]).filter((m) =>
      item.materials.some((req) => req.reusable && req.code === m.code),
    );
    return ok({
      itemId,
      form: null,
      values: {},
      provenance: {},
      missingFields: [],
      whenShown: {},
      reusableMaterials: await reusableOf(reusable),
      consent: consentOf(profile),
      card: sessionCard(session),
      ...onBehalfOf(session),
    });
  }
  const filled = autofill({
    form,
    identity: cardIdentityOf(session.identity),
    card: sessionCard(session),
    profile: profileForSubject(profile, item),
    itemId,
    materials: item.materials,
    today: journey.today(),
    licenceCopies: licenceCopies.map((copy) => copy.material),
  });
  return ok({
    itemId,
    form,
    values: filled.values,
    provenance: filled.provenance,
    missingFields: filled.missingFields,
    whenShown: filled.whenShown,
    reusableMaterials: await reusableOf(filled.reusableMaterials),
    consent: consentOf(profile),
    card: sessionCard(session),
    ...onBehalfOf(session),
  });
}

/** 帮办代办: whom the form is for and who applies (drawn masked), and the documents that adds. */
function onBehalfOf(session: { id: string; identity: IdentityView; agent: AgentOnSession | null }) {
  if (!session.agent) return {};
  const { identity, basis, relation } = session.agent;
  return {
    onBehalf: actingForView(identity, { identity: session.identity, basis, relation }),
    addedMaterials: agentMaterials(session.agent),
  };
}
