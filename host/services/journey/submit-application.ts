import { randomInt, randomUUID } from 'node:crypto';
import { issueCaseNumber } from '../../../kernel/case-number';
import { attempt, err, type FailureCode, ok, type Result, step } from '../../../kernel/result';
import { type RouteDecision, routeSubmission } from '../../../sync/client/routing';
import {
  archivedCopyPages,
  autofill,
  readOnlyValues,
  updateProfileAfterSubmission,
} from '../../../sync/forms/autofill';
import type { MaterialRequirement } from '../../../sync/protocol/catalogue';
import {
  type CardIdentity,
  type FormDefinition,
  type FormValue,
  validateFormValues,
} from '../../../sync/protocol/forms';
import { materialRequirementsFor, withAddedMaterials } from '../../../sync/protocol/item-materials';
import type { ArchivedMaterial, Profile } from '../../../sync/protocol/profile';
import type { SubmissionDraft, SubmissionPage } from '../../../sync/protocol/submission-record';
import { type CommittedSubmission, DiskFullError, type SubmissionMaterialInput } from '../../../sync/store';
import type { HostApi, MethodArgs, MethodResult } from '../../api/contract';
import { agentMaterials, mayDeletePrincipalRecord } from '../agent/acting-for-policy';
import { maskName } from '../agent/household-wards';
import { mayReuseArchivedMaterials, mayUseFormFreeStore } from '../cardless/cardless-policy';
import type { LicenceCopy } from '../licences/licence-copies';
import { type ApplicationSubject, applicationSubject, profileForSubject } from './application-subject';
import { dataUrlBytes } from './captured-pages';
import type { JourneyContext, JourneySession } from './journey-context';
import { sessionLicenceCopies } from './licence-pages';
import { cardIdentityOf, sessionCard } from './prepare-application';
import { printReceipt, receiptPrinter } from './printing/receipt';
import { ticketView } from './ticket-view';

type SubmitArgs = MethodArgs<'submitApplication'>;
type SubmitFailure = FailureCode<MethodResult<'submitApplication'>>;

const signatureCode = 'SIGNATURE';

/**
 * A case number a person can type on a digit keypad (kernel/case-number.ts): day, this kiosk's number,
 * random digits re-drawn until this kiosk has not used them (unique per kiosk and day, issued offline).
 */
function newCaseNumber(
  kioskCode: string,
  serviceDate: string,
  taken: (caseNumber: string) => boolean,
): string {
  for (let tries = 0; tries < 50; tries++) {
    const issued = issueCaseNumber(serviceDate, kioskCode, (bound) => randomInt(bound));
    // A code the central never issues (no K-number) keeps the earlier format, which it still files.
    if (!issued.ok) break;
    if (!taken(issued.value)) return issued.value;
  }
  const random = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
  return `${serviceDate.replace(/-/g, '')}-${kioskCode}-${random}`;
}

interface GatheredMaterials {
  /** Pages captured now (and the signature): written as files by the commit. */
  pages: SubmissionMaterialInput[];
  /** Archived copies re-used by reference. */
  reused: SubmissionPage[];
  /** Names of the materials received, for the receipt. */
  received: string[];
  /** Per material code, the files that answer a form's file fields. */
  documentHashes: Map<string, string[]>;
  /** Pages captured now for re-usable documents: what the form-free store keeps with consent. */
  archivable: ArchivableCopy[];
}

/** One re-usable document photographed or scanned now: its pages' bytes and their archive entries. */
interface ArchivableCopy {
  code: string;
  pages: { bytes: Buffer; mime: string }[];
  entries: ArchivedMaterial[];
}

/**
 * The archive entries of a re-usable document captured now: one per page, named by the SHA-256 of the
 * stored bytes (the same file the case carries, so nothing new is uploaded), sharing one archivedAt.
 */
function archivableCopy(
  requirement: MaterialRequirement,
  captured: readonly { bytes: Buffer; sha256: string; mime: 'image/jpeg' | 'image/webp' }[],
  archivedAt: string,
): ArchivableCopy {
  return {
    code: requirement.code,
    pages: captured.map((page) => ({ bytes: page.bytes, mime: page.mime })),
    entries: captured.map((page) => ({
      code: requirement.code,
      sha256: page.sha256,
      mime: page.mime,
      name: requirement.name['zh-Hans'].slice(0, 200),
      pages: captured.length,
      sizeBytes: page.bytes.length,
      archivedAt,
    })),
  };
}

/** Every required material, captured now or re-used from the form-free store. */
function gatherMaterials(
  journey: JourneyContext,
  input: SubmitArgs,
  requirements: readonly MaterialRequirement[],
  profile: Profile | null,
  archivedAt: string,
  licenceCopies: readonly LicenceCopy[],
): Result<GatheredMaterials, 'missing_materials'> {
  const kept = profile?.materials ?? [];
  const archived = new Map(kept.map((m) => [m.sha256, m]));
  // A licence's page is named by the hash of the page this host draws; its bytes never come from the screen.
  const licencePages = new Map(licenceCopies.map((copy) => [copy.material.sha256, copy]));
  const gathered: GatheredMaterials = {
    pages: [],
    reused: [],
    received: [],
    documentHashes: new Map(),
    archivable: [],
  };
  const asked = new Set(requirements.map((requirement) => requirement.code));
  // A document this application does not ask for would be stored nowhere: refuse it rather than drop it.
  if (input.materials.some((given) => !asked.has(given.code)))
    return err('missing_materials', 'A document was given that this application does not ask for.');
  for (const requirement of requirements) {
    const given = input.materials.find((m) => m.code === requirement.code);
    const captured = given ? journey.host.pages.take(input.sessionId, given.pageIds) : [];
    if (captured === null)
      return err('missing_materials', 'A captured page is no longer held; please take it again.');
    const copy = given?.archivedSha256 ? archived.get(given.archivedSha256) : undefined;
    const licencePage = given?.archivedSha256 && !copy ? licencePages.get(given.archivedSha256) : undefined;
    if (given?.archivedSha256 && !copy && licencePage?.material.code !== requirement.code)
      return err('missing_materials', 'That archived copy is not available.');
    if (requirement.required && captured.length === 0 && !copy && !licencePage)
      return err('missing_materials', `Required document missing: ${requirement.name.en}`);
    captured.forEach((page, index) => {
      gathered.pages.push({ code: requirement.code, page: index + 1, bytes: page.bytes, mime: page.mime });
    });
    // An archived copy is re-used whole: every page of it, by reference.
    const copyPages = copy && captured.length === 0 ? archivedCopyPages(kept, copy) : [];
    copyPages.forEach((page, index) => {
      gathered.reused.push({ code: copy!.code, page: index + 1, sha256: page.sha256, mime: page.mime });
    });
    // The central holds no licence page: it goes with the case as a page of its own, like a photograph.
    if (licencePage && captured.length === 0)
      gathered.pages.push({
        code: requirement.code,
        page: 1,
        bytes: licencePage.bytes,
        mime: licencePage.material.mime,
      });
    if (captured.length > 0 || copy || licencePage) gathered.received.push(requirement.name[input.language]);
    // Only a re-usable document is ever kept for next time; one-off papers stay with this case.
    if (requirement.reusable && captured.length > 0)
      gathered.archivable.push(archivableCopy(requirement, captured, archivedAt));
  }
  for (const given of input.materials) {
    const captured = journey.host.pages.take(input.sessionId, given.pageIds) ?? [];
    const copy = given.archivedSha256 ? archived.get(given.archivedSha256) : undefined;
    // A licence's page is the one this host drew, named by its hash (checked above).
    const licencePage = given.archivedSha256 && !copy ? licencePages.get(given.archivedSha256) : undefined;
    gathered.documentHashes.set(given.code, [
      ...(copy ? archivedCopyPages(kept, copy).map((page) => page.sha256) : []),
      ...(licencePage ? [licencePage.material.sha256] : []),
      ...captured.map((page) => page.sha256),
    ]);
  }
  return ok(gathered);
}

/**
 * The same validation the renderer ran: a host that trusts the screen would trust anything. The
 * form's file fields are answered by the materials step, so they take the submitted documents.
 */
function checkedValues(
  form: FormDefinition | null,
  values: SubmitArgs['values'],
  documentHashes: Map<string, string[]>,
  today: string,
  card: CardIdentity | null,
  fixedValues: Record<string, FormValue>,
): Result<Record<string, FormValue>, 'invalid_values'> {
  if (!form) return ok({});
  const withDocuments: Record<string, unknown> = { ...values };
  for (const field of form.sections.flatMap((section) => section.fields)) {
    if (field.type !== 'file') continue;
    const hashes = documentHashes.get(field.materialCode) ?? [];
    if (hashes.length > 0) withDocuments[field.id] = hashes;
    else delete withDocuments[field.id];
  }
  const checked = validateFormValues(form, withDocuments, { today, card, fixedValues });
  if (checked.ok) return ok(checked.values);
  const fields = checked.errors.map((e) => e.fieldId ?? '(form)').join(', ');
  return err('invalid_values', `Some fields need attention: ${fields}`);
}

/** The queue for this applicant, with a number left on this kiosk to give them (never leased here). */
function routeWithNumber(
  journey: JourneyContext,
  session: JourneySession,
  item: Pick<ApplicationSubject, 'departmentId'>,
  input: SubmitArgs,
  today: string,
): Result<RouteDecision, 'unknown_item' | 'no_ticket_numbers'> {
  const { runtime, identity } = session;
  const snapshot = journey.catalogueOf(runtime).snapshot();
  const route = routeSubmission({
    departmentId: item.departmentId,
    applicant: {
      birthDate: identity.birthDate,
      disability: input.priority.disabled,
      veteran: input.priority.veteran,
      pregnant: input.priority.pregnant,
    },
    today,
    queues: snapshot.queues,
    windows: snapshot.windows,
    queueState: runtime.sync.queueState,
  });
  if (!route) return err('unknown_item', 'No queue serves that item here.');
  if (runtime.store.ticketBlocks.remaining(route.queueId, today) === 0)
    return err(
      'no_ticket_numbers',
      'No queue numbers are left on this kiosk until it reaches the central system.',
    );
  return ok(route);
}

/** Stores the submission durably with its ticket: everything the central system needs, in one go. */
async function commitSubmission(
  journey: JourneyContext,
  session: JourneySession,
  draft: SubmissionDraft,
  pages: SubmissionMaterialInput[],
  route: RouteDecision,
  today: string,
): Promise<Result<CommittedSubmission, 'disk_full' | 'storage_failed'>> {
  const { runtime } = session;
  try {
    return ok(
      await runtime.store.submissions.commit({
        submission: {
          id: randomUUID(),
          idNumber: session.identity.idNumber,
          draft,
          retentionUntilMs: journey.now() + runtime.enrolment.hall.retentionDays * 24 * 3600_000,
        },
        materials: pages,
        outbox: { idempotencyKey: randomUUID() },
        ticket: { queueId: route.queueId, serviceDate: today },
      }),
    );
  } catch (error) {
    if (error instanceof DiskFullError) {
      journey.host.logger.error({ err: error }, 'submission refused: disk full');
      return err('disk_full', 'The kiosk has no room left to store the application.');
    }
    journey.host.logger.error({ err: error }, 'submission could not be stored');
    return err('storage_failed', 'The application could not be stored.');
  }
}

/**
 * The pages of re-usable documents captured now stay on this kiosk for the person (their files are the
 * ones the submission just stored), so the next application here offers them without the network. A
 * failure here loses nothing of the submission: the central system keeps the same copies.
 */
async function keepArchivedCopies(
  journey: JourneyContext,
  session: JourneySession,
  copies: readonly ArchivableCopy[],
  ttlMs: number,
): Promise<void> {
  for (const copy of copies) {
    try {
      await session.runtime.store.personMaterials.archive({
        idNumber: session.identity.idNumber,
        materialCode: copy.code,
        pages: copy.pages,
        consent: 'submitApplication.keepInStore',
        ttlMs,
      });
    } catch (error) {
      journey.host.logger.warn({ err: error }, 'an archived copy could not be kept on this kiosk');
    }
  }
}

/**
 * Submit: check materials and values, route, store durably with a ticket from this kiosk's leased
 * numbers, and print the receipt. Nothing here waits on the network: the outbox delivers later.
 */
export async function submitApplication(
  journey: JourneyContext,
  input: SubmitArgs,
): ReturnType<HostApi['submitApplication']> {
  const today = journey.today();
  const opened = journey.session(input.sessionId);
  const licenceCopies = opened.ok ? await sessionLicenceCopies(journey, opened.value) : [];
  const checked = attempt<
    {
      session: JourneySession;
      item: ApplicationSubject;
      form: FormDefinition | null;
      profile: Profile | null;
      gathered: GatheredMaterials;
      values: Record<string, FormValue>;
    },
    SubmitFailure
  >(function* () {
    const session = yield* step(journey.session(input.sessionId));
    // A 一件事 bundle's id gives its composed form and its materials once each (application-subject.ts).
    const item = applicationSubject(journey.catalogueOf(session.runtime), input.itemId);
    if (!item) return err('unknown_item', 'That service item is not offered here.');
    const form = item.form;
    // A card-less session reaches only what cardless-policy.ts allows of the form-free store.
    const profile = mayUseFormFreeStore(session.identifiedBy)
      ? journey.localProfile(session.runtime, session.identity.idNumber)
      : null;
    const archivedSource =
      profile && !mayReuseArchivedMaterials(session.identifiedBy) ? { ...profile, materials: [] } : profile;
    const card = sessionCard(session);
    // The answers decide which documents are asked for (a power of attorney for an agent).
    // 帮办代办 on a typed ID number: the power of attorney is required (acting-for-policy.ts).
    const requirements = withAddedMaterials(
      materialRequirementsFor(item.materials, form, input.values, card),
      agentMaterials(session.agent),
    );
    const gathered = yield* step(
      gatherMaterials(
        journey,
        input,
        requirements,
        archivedSource,
        new Date(journey.now()).toISOString(),
        licenceCopies,
      ),
    );
    // Read-only facts keep what the record gives: the host's own auto-fill, never the screen's word.
    const fixed = form
      ? readOnlyValues(
          form,
          autofill({
            form,
            identity: cardIdentityOf(session.identity),
            card,
            profile: profileForSubject(profile, item),
            itemId: item.id,
            materials: item.materials,
            today,
          }),
        )
      : {};
    const values = yield* step(
      checkedValues(form, input.values, gathered.documentHashes, today, card, fixed),
    );
    return ok({ session, item, form, profile, gathered, values });
  });
  if (!checked.ok) return checked;
  const { session, item, form, profile, gathered, values } = checked.value;
  const { runtime, identity } = session;
  const signature = dataUrlBytes(input.signatureDataUrl);
  const pages = [...gathered.pages, { code: signatureCode, page: 1, ...signature }];

  const printer = await receiptPrinter(journey, input.proceedWithoutReceipt);
  if (!printer.ok) return printer;
  const routed = routeWithNumber(journey, session, item, input, today);
  if (!routed.ok) return routed;
  const route = routed.value;

  // An unchecked (typed) identity neither writes nor deletes anyone's record, here or at the central.
  const mayKeep = mayUseFormFreeStore(session.identifiedBy);
  const nextProfile =
    form && mayKeep
      ? updateProfileAfterSubmission({
          profile,
          form,
          values,
          consent: { storeProfile: input.keepInStore, keepMaterials: input.keepInStore },
          materials: gathered.archivable.flatMap((copy) => copy.entries),
          itemId: item.id,
          now: new Date(journey.now()).toISOString(),
        })
      : null;
  const caseNumber = newCaseNumber(
    runtime.enrolment.kioskCode,
    today,
    (candidate) => runtime.store.submissions.findByCaseNumber(candidate) !== null,
  );
  const draft: SubmissionDraft = {
    caseNumber,
    itemId: item.id,
    departmentId: item.departmentId,
    queueId: route.queueId,
    applicant: {
      keyedHash: runtime.store.hashIdNumber(identity.idNumber).toString('hex'),
      priorityReasons: route.priorityReasons,
      // A renewed card: the central system moves the record kept under the number it replaced.
      ...(identity.previousIdNumber
        ? { previousKeyedHash: runtime.store.hashIdNumber(identity.previousIdNumber).toString('hex') }
        : {}),
    },
    // 帮办代办: the case is the principal's (applicant above); the agent is recorded beside it.
    ...(session.agent
      ? {
          agent: {
            keyedHash: runtime.store.hashIdNumber(session.agent.identity.idNumber).toString('hex'),
            basis: session.agent.basis,
          },
        }
      : {}),
    formValues: values,
    consentToStore: input.keepInStore,
    ...(nextProfile ? { profile: nextProfile } : {}),
    reusedMaterials: gathered.reused,
  };
  const committed = await commitSubmission(journey, session, draft, pages, route, today);
  if (!committed.ok) return committed;
  journey.host.pages.dropSession(input.sessionId);
  // Nothing about the person is kept without consent; with it, what they confirmed is remembered.
  const profileKeepMs = runtime.profileTtlMs;
  if (mayKeep) {
    if (nextProfile) {
      runtime.store.people.put(identity.idNumber, nextProfile, profileKeepMs);
      await keepArchivedCopies(journey, session, gathered.archivable, profileKeepMs);
    } else if (!input.keepInStore && mayDeletePrincipalRecord(session.agent)) {
      runtime.store.people.delete(identity.idNumber);
      runtime.store.personMaterials.deleteForPerson(identity.idNumber);
    }
  }
  runtime.kick();

  const issued = committed.value.ticket;
  const ticket = issued ? ticketView(journey, runtime, issued, route) : null;
  if (!ticket)
    return err(
      'no_ticket_numbers',
      'The application is stored, but no queue number could be issued; please ask at the help desk.',
    );
  const progressUrl = journey.progressUrl(runtime, caseNumber);
  const receipt = await printReceipt(journey, runtime, printer.value, {
    language: input.language,
    ticket,
    itemName: item.name[input.language],
    bundleItemNames: item.bundleItemNames?.map((name) => name[input.language]) ?? [],
    materials: gathered.received,
    caseNumber,
    progressUrl,
    submissionId: committed.value.submissionId,
    idNumber: identity.idNumber,
    ...(session.agent
      ? { onBehalf: { applicantName: maskName(identity.name), agentName: session.agent.identity.name } }
      : {}),
  });
  return ok({ caseNumber, progressUrl, ticket, receipt });
}
