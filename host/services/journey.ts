import { randomUUID } from 'node:crypto';
import type { PrinterStatus } from '../../drivers/printer';
import { err, ok } from '../../kernel/result';
import { routeSubmission } from '../../sync/client/routing';
import type { KioskSubmissionBody } from '../../sync/client/submission-wire';
import { autofill, updateProfileAfterSubmission } from '../../sync/forms/autofill';
import type { CardIdentity } from '../../sync/protocol/forms';
import { validateFormValues } from '../../sync/protocol/forms';
import type { Language } from '../../sync/protocol/localized-text';
import { type ArchivedMaterial, type Profile, profileSchema } from '../../sync/protocol/profile';
import { DiskFullError, type KioskDatabase } from '../../sync/store';
import type { HostApi } from '../api/contract';
import type { IdentityView } from '../api/identity';
import type { ReceiptOutcome, ReusableMaterial, TicketView, WaitBand } from '../api/journey';
import type { HostContext } from '../core/host-context';
import type { KioskRuntime } from '../core/kiosk-runtime';
import { thumbnailDataUrl } from './captured-pages';
import { CatalogueView } from './catalogue-view';
import { offeredItemIds } from './technician/hall-settings';

type JourneyMethods = Pick<
  HostApi,
  | 'getCatalogue'
  | 'prepareApplication'
  | 'addCameraPage'
  | 'scanPage'
  | 'rotatePage'
  | 'deletePage'
  | 'getPrinterStatus'
  | 'submitApplication'
  | 'printFilledForm'
  | 'listAppointments'
  | 'checkInAppointment'
  | 'queryProgress'
  | 'rateCase'
>;

const receiptKeepMs = 7 * 24 * 3600_000;

function consentOf(profile: Profile | null): { storeProfile: boolean; keepMaterials: boolean } | null {
  return profile
    ? { storeProfile: profile.consent.storeProfile, keepMaterials: profile.consent.keepMaterials }
    : null;
}
const signatureCode = 'SIGNATURE';

function cardIdentityOf(identity: IdentityView): CardIdentity {
  const { expired: _expired, age: _age, checkDigitValid: _check, ...card } = identity;
  return card;
}

function decodeDataUrl(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** The printer's state in the words the API uses for a receipt that could not print. */
function printerProblem(status: PrinterStatus): 'out_of_paper' | 'cover_open' | 'offline' | 'error' | null {
  switch (status.state) {
    case 'ready':
    case 'printing':
      return null;
    case 'out_of_paper':
    case 'cover_open':
    case 'offline':
      return status.state;
    default:
      return 'error';
  }
}

const waitBandMinutes: Record<WaitBand, { minMinutes: number; maxMinutes?: number }> = {
  under_10: { minMinutes: 0, maxMinutes: 10 },
  '10_20': { minMinutes: 10, maxMinutes: 20 },
  '20_40': { minMinutes: 20, maxMinutes: 40 },
  over_40: { minMinutes: 40 },
  unknown: { minMinutes: 0 },
};

/** A case number the central system accepts and a person can type: hall-day-kiosk-sequence. */
function newCaseNumber(kioskCode: string, serviceDate: string): string {
  const random = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
  return `${serviceDate.replace(/-/g, '')}-${kioskCode}-${random}`;
}

/**
 * The applicant journey's host side: catalogue, auto-fill from the form-free store, page capture,
 * the durable submission with its ticket and receipt, appointments, progress and ratings.
 */
export function createJourneyApi(ctx: HostContext): JourneyMethods {
  let catalogue: { store: KioskDatabase; view: CatalogueView } | null = null;
  const catalogueOf = (runtime: KioskRuntime): CatalogueView => {
    if (catalogue?.store !== runtime.store)
      catalogue = { store: runtime.store, view: new CatalogueView(runtime.store) };
    return catalogue.view;
  };
  /** The open session, if it is this one, with the runtime it needs. */
  const sessionFor = (sessionId: string) => {
    const current = ctx.sessions.current();
    const runtime = ctx.runtime();
    if (!current || current.id !== sessionId || !runtime) return null;
    return { identity: current.identity, runtime };
  };
  const serviceDate = (_runtime: KioskRuntime) => ctx.clock.today();

  const readProfile = async (runtime: KioskRuntime, idNumber: string): Promise<Profile | null> => {
    const cached = profileSchema.safeParse(runtime.store.people.get(idNumber));
    if (cached.success) return cached.data;
    // A form-free miss asks the central system when it is reachable, and caches the answer.
    try {
      const record = await runtime.central.storeRecord(runtime.store.hashIdNumber(idNumber).toString('hex'));
      const fetched = profileSchema.safeParse(record?.profile);
      if (!fetched.success) return null;
      runtime.store.people.put(idNumber, fetched.data, runtime.enrolment.hall.retentionDays * 24 * 3600_000);
      return fetched.data;
    } catch {
      return null;
    }
  };

  const reusableView = async (
    runtime: KioskRuntime,
    material: ArchivedMaterial,
  ): Promise<ReusableMaterial> => {
    let thumbnail: string | null = null;
    if (runtime.store.blobs.has(material.sha256)) {
      try {
        thumbnail = await thumbnailDataUrl(runtime.store.blobs.read(material.sha256));
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
  };

  const ticketView = (
    runtime: KioskRuntime,
    ticket: { display: string; queueId: string; issuedAtMs: number },
    route: { peopleAhead: number; waitBand: WaitBand; priority: boolean },
  ): TicketView | null => {
    const view = catalogueOf(runtime);
    const queue = view.queue(ticket.queueId);
    const department = queue ? view.department(queue.departmentId) : null;
    if (!queue || !department) return null;
    const windowNumbers = view
      .snapshot()
      .windows.filter((window) => window.queueIds.includes(queue.id))
      .map((window) => window.number)
      .sort((a, b) => a - b);
    return {
      number: ticket.display,
      queueName: queue.name,
      departmentName: department.name,
      windowNumbers,
      peopleAhead: route.peopleAhead,
      waitBand: route.waitBand,
      priority: route.priority,
      issuedAt: new Date(ticket.issuedAtMs).toISOString(),
    };
  };

  const printReceipt = async (
    runtime: KioskRuntime,
    input: {
      language: Language;
      ticket: TicketView;
      itemName: string;
      materials: string[];
      caseNumber: string;
      progressUrl: string;
      submissionId: string | null;
      idNumber: string;
    },
  ): Promise<ReceiptOutcome> => {
    const data = {
      language: input.language,
      hallName: ctx.config.hall.name[input.language],
      departmentName: input.ticket.departmentName[input.language],
      windowNumber: input.ticket.windowNumbers.join(' / ') || '-',
      serviceItemName: input.itemName,
      ticketNumber: input.ticket.number,
      priority: input.ticket.priority,
      peopleAhead: input.ticket.peopleAhead,
      waitBand: waitBandMinutes[input.ticket.waitBand],
      materialsReceived: input.materials,
      caseNumber: input.caseNumber,
      progressQueryUrl: input.progressUrl,
      issuedAt: new Date(input.ticket.issuedAt),
      timeZone: runtime.enrolment.hall.timeZone,
    };
    const printed = await ctx.printer.printReceipt(data);
    runtime.store.printedReceipts.record({
      id: randomUUID(),
      submissionId: input.submissionId,
      idNumber: input.idNumber,
      receipt: { ...data, issuedAt: data.issuedAt.toISOString() },
      status: printed.ok ? 'printed' : 'failed',
      expiresAtMs: Date.now() + receiptKeepMs,
    });
    if (printed.ok) return { printed: true };
    const problem = printed.error.code;
    return {
      printed: false,
      problem:
        problem === 'out_of_paper' || problem === 'cover_open' || problem === 'offline' ? problem : 'error',
    };
  };

  // The hall's public address when it has one: the central's own may be internal.
  const progressUrlOf = (runtime: KioskRuntime, caseNumber: string) =>
    `${(runtime.enrolment.hall.publicBaseUrl ?? runtime.enrolment.centralUrl).replace(/\/+$/, '')}/v1/progress/${encodeURIComponent(caseNumber)}`;

  return {
    async getCatalogue() {
      const runtime = ctx.runtime();
      if (!runtime) return err('catalogue_unavailable', 'This kiosk is not enrolled yet.');
      const snapshot = catalogueOf(runtime).snapshot();
      if (snapshot.items.length === 0)
        return err('catalogue_unavailable', 'The service catalogue has not arrived yet.');
      // The hall may offer only some items at this kiosk (technician mode's settings).
      const offered = offeredItemIds(ctx.config, runtime.store.settings);
      if (!offered) return ok(snapshot);
      const items = snapshot.items.filter((item) => offered.has(item.id));
      const lifeEvents = snapshot.lifeEvents
        .map((event) => ({ ...event, itemIds: event.itemIds.filter((id) => offered.has(id)) }))
        .filter((event) => event.itemIds.length > 0);
      return ok({ ...snapshot, items, lifeEvents });
    },

    async prepareApplication({ sessionId, itemId }) {
      const session = sessionFor(sessionId);
      if (!session) return err('no_session', 'The session has ended.');
      const view = catalogueOf(session.runtime);
      const item = view.item(itemId);
      if (!item) return err('unknown_item', 'That service item is not offered here.');
      const form = item.formId ? view.form(item.formId) : null;
      const profile = await readProfile(session.runtime, session.identity.idNumber);
      if (!form) {
        const reusable = (profile?.consent.keepMaterials ? profile.materials : []).filter((m) =>
          item.materials.some((req) => req.reusable && req.code === m.code),
        );
        return ok({
          itemId,
          form: null,
          values: {},
          provenance: {},
          missingFields: [],
          reusableMaterials: await Promise.all(reusable.map((m) => reusableView(session.runtime, m))),
          consent: consentOf(profile),
        });
      }
      const filled = autofill({
        form,
        identity: cardIdentityOf(session.identity),
        profile,
        itemId,
        materials: item.materials,
        today: serviceDate(session.runtime),
      });
      return ok({
        itemId,
        form,
        values: filled.values,
        provenance: filled.provenance,
        missingFields: filled.missingFields,
        reusableMaterials: await Promise.all(
          filled.reusableMaterials.map((m) => reusableView(session.runtime, m)),
        ),
        consent: consentOf(profile),
      });
    },

    async addCameraPage({ sessionId, materialCode, imageDataUrl }) {
      if (!sessionFor(sessionId)) return err('no_session', 'The session has ended.');
      return ctx.pages.addCameraPage(sessionId, materialCode, decodeDataUrl(imageDataUrl));
    },

    async scanPage({ sessionId, materialCode }) {
      if (!sessionFor(sessionId)) return err('no_session', 'The session has ended.');
      return ctx.pages.scanPage(sessionId, materialCode);
    },

    async rotatePage({ sessionId, pageId, degrees }) {
      if (!sessionFor(sessionId)) return err('no_session', 'The session has ended.');
      return ctx.pages.rotate(sessionId, pageId, degrees);
    },

    async deletePage({ sessionId, pageId }) {
      if (!sessionFor(sessionId)) return err('no_session', 'The session has ended.');
      return ctx.pages.delete(sessionId, pageId)
        ? ok({})
        : err('unknown_page', 'That page is no longer held.');
    },

    async getPrinterStatus() {
      const status = await ctx.printer.status();
      return ok({ ready: printerProblem(status) === null, state: status.state });
    },

    async submitApplication(input) {
      const session = sessionFor(input.sessionId);
      if (!session) return err('no_session', 'The session has ended.');
      const { runtime, identity } = session;
      const view = catalogueOf(runtime);
      const item = view.item(input.itemId);
      if (!item) return err('unknown_item', 'That service item is not offered here.');
      const form = item.formId ? view.form(item.formId) : null;

      const profile = await readProfile(runtime, identity.idNumber);
      const archived = new Map((profile?.materials ?? []).map((m) => [m.sha256, m]));
      const pages: { code: string; page: number; bytes: Buffer; mime: string }[] = [];
      const reused: { code: string; page: number; sha256: string; mime: string }[] = [];
      const received: string[] = [];
      for (const requirement of item.materials) {
        const given = input.materials.find((m) => m.code === requirement.code);
        const captured = given ? ctx.pages.take(input.sessionId, given.pageIds) : [];
        if (captured === null)
          return err('missing_materials', 'A captured page is no longer held; please take it again.');
        const copy = given?.archivedSha256 ? archived.get(given.archivedSha256) : undefined;
        if (given?.archivedSha256 && !copy)
          return err('missing_materials', 'That archived copy is not available.');
        if (requirement.required && captured.length === 0 && !copy) {
          return err('missing_materials', `Required document missing: ${requirement.name.en}`);
        }
        captured.forEach((page, index) => {
          pages.push({ code: requirement.code, page: index + 1, bytes: page.bytes, mime: page.mime });
        });
        if (copy && captured.length === 0)
          reused.push({ code: copy.code, page: 1, sha256: copy.sha256, mime: copy.mime });
        if (captured.length > 0 || copy) received.push(requirement.name[input.language]);
      }
      // The same validation the renderer ran: a host that trusts the screen would trust anything. The
      // form's file fields are answered by the materials step, so they take the submitted documents.
      let values = {};
      if (form) {
        const documentHashes = new Map<string, string[]>();
        for (const given of input.materials) {
          const captured = ctx.pages.take(input.sessionId, given.pageIds) ?? [];
          documentHashes.set(given.code, [
            ...(given.archivedSha256 ? [given.archivedSha256] : []),
            ...captured.map((page) => page.sha256),
          ]);
        }
        const withDocuments: Record<string, unknown> = { ...input.values };
        for (const field of form.sections.flatMap((section) => section.fields)) {
          if (field.type !== 'file') continue;
          const hashes = documentHashes.get(field.materialCode) ?? [];
          if (hashes.length > 0) withDocuments[field.id] = hashes;
          else delete withDocuments[field.id];
        }
        const checked = validateFormValues(form, withDocuments, { today: serviceDate(runtime) });
        if (!checked.ok) {
          const fields = checked.errors.map((e) => e.fieldId ?? '(form)').join(', ');
          return err('invalid_values', `Some fields need attention: ${fields}`);
        }
        values = checked.values;
      }
      pages.push({
        code: signatureCode,
        page: 1,
        bytes: decodeDataUrl(input.signatureDataUrl),
        mime: input.signatureDataUrl.slice(5, input.signatureDataUrl.indexOf(';')),
      });

      // The applicant is told before anything is confirmed if the receipt cannot be printed.
      const printerStatus = await ctx.printer.status();
      const problem = printerProblem(printerStatus);
      if (problem && !input.proceedWithoutReceipt) {
        return err('printer_unavailable', `The receipt printer cannot print (${problem}).`);
      }

      const today = serviceDate(runtime);
      const snapshot = view.snapshot();
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
      await runtime.tickets.ensure(route.queueId, today).catch(() => 'unreachable');
      if (runtime.store.ticketBlocks.remaining(route.queueId, today) === 0) {
        return err(
          'no_ticket_numbers',
          'No queue numbers are left on this kiosk until it reaches the central system.',
        );
      }

      const keyedHash = runtime.store.hashIdNumber(identity.idNumber).toString('hex');
      const nextProfile = form
        ? updateProfileAfterSubmission({
            profile,
            form,
            values,
            consent: { storeProfile: input.keepInStore, keepMaterials: input.keepInStore },
            materials: [],
            itemId: item.id,
            now: new Date().toISOString(),
          })
        : null;
      const caseNumber = newCaseNumber(runtime.enrolment.kioskCode, today);
      const body: KioskSubmissionBody = {
        departmentId: item.departmentId,
        queueId: route.queueId,
        serviceDate: today,
        applicant: { keyedHash, priorityReasons: route.priorityReasons },
        formValues: values,
        consentToStore: input.keepInStore,
        ...(nextProfile ? { profile: nextProfile } : {}),
        reusedMaterialHashes: reused.map((m) => m.sha256),
        reusedMaterials: reused,
      };
      let committed: Awaited<ReturnType<KioskDatabase['submissions']['commit']>>;
      try {
        committed = await runtime.store.submissions.commit({
          submission: {
            id: randomUUID(),
            caseNumber,
            itemId: item.id,
            idNumber: identity.idNumber,
            payload: body,
            retentionUntilMs: Date.now() + runtime.enrolment.hall.retentionDays * 24 * 3600_000,
          },
          materials: pages,
          outbox: { idempotencyKey: randomUUID() },
          ticket: { queueId: route.queueId, serviceDate: today },
        });
      } catch (error) {
        if (error instanceof DiskFullError) {
          ctx.logger.error({ err: error }, 'submission refused: disk full');
          return err('disk_full', 'The kiosk has no room left to store the application.');
        }
        ctx.logger.error({ err: error }, 'submission could not be stored');
        return err('storage_failed', 'The application could not be stored.');
      }
      ctx.pages.dropSession(input.sessionId);
      // Nothing about the person is kept without consent; with it, what they confirmed is remembered.
      if (nextProfile)
        runtime.store.people.put(
          identity.idNumber,
          nextProfile,
          runtime.enrolment.hall.retentionDays * 24 * 3600_000,
        );
      else if (!input.keepInStore) runtime.store.people.delete(identity.idNumber);
      runtime.kick();

      const ticket = committed.ticket ? ticketView(runtime, committed.ticket, route) : null;
      if (!ticket)
        return err(
          'no_ticket_numbers',
          'The application is stored, but no queue number could be issued; please ask at the help desk.',
        );
      const progressUrl = progressUrlOf(runtime, caseNumber);
      const receipt = problem
        ? ({ printed: false, problem } as const)
        : await printReceipt(runtime, {
            language: input.language,
            ticket,
            itemName: item.name[input.language],
            materials: received,
            caseNumber,
            progressUrl,
            submissionId: committed.submissionId,
            idNumber: identity.idNumber,
          });
      return ok({ caseNumber, progressUrl, ticket, receipt });
    },

    async printFilledForm({ sessionId, caseNumber, language }) {
      const session = sessionFor(sessionId);
      if (!session) return err('no_session', 'The session has ended.');
      const { runtime } = session;
      const stored = runtime.store.submissions
        .listForPerson(session.identity.idNumber)
        .find((s) => s.caseNumber === caseNumber);
      const submission = stored ? runtime.store.submissions.get(stored.id) : null;
      const view = catalogueOf(runtime);
      const item = submission ? view.item(submission.itemId) : null;
      const form = item?.formId ? view.form(item.formId) : null;
      if (!submission || !item || !form) return err('unknown_case', 'That application is not on this kiosk.');
      const body = submission.payload as KioskSubmissionBody;
      const values = body.formValues as Record<string, unknown>;
      const sections = form.sections.map((section) => ({
        title: section.title[language],
        rows: section.fields
          .filter((field) => values[field.id] !== undefined && field.type !== 'file')
          .map((field) => ({ label: field.label[language], value: String(values[field.id]) })),
      }));
      const printed = await ctx.printer.printApplicationForm({
        language,
        hallName: ctx.config.hall.name[language],
        title: form.title[language],
        serviceItemName: item.name[language],
        caseNumber,
        sections,
        submittedAt: new Date(submission.createdAtMs),
        timeZone: runtime.enrolment.hall.timeZone,
      });
      return printed.ok ? ok({}) : err('printer_unavailable', 'The printer cannot print the form now.');
    },

    async listAppointments({ sessionId }) {
      const session = sessionFor(sessionId);
      if (!session) return err('no_session', 'The session has ended.');
      const { runtime } = session;
      const view = catalogueOf(runtime);
      const appointments = runtime.store.appointments
        .listForPerson(session.identity.idNumber, serviceDate(runtime))
        .flatMap((appointment) => {
          const item = view.item(appointment.itemId);
          const department = item ? view.department(item.departmentId) : null;
          if (!item || !department || appointment.status === 'cancelled') return [];
          return [
            {
              appointmentId: appointment.id,
              itemName: item.name,
              departmentName: department.name,
              startsAt: new Date(appointment.startsAtMs).toISOString(),
              checkedIn: appointment.status === 'checked_in',
            },
          ];
        });
      return ok({ appointments });
    },

    async checkInAppointment({ sessionId, appointmentId, proceedWithoutReceipt, language }) {
      const session = sessionFor(sessionId);
      if (!session) return err('no_session', 'The session has ended.');
      const { runtime, identity } = session;
      const today = serviceDate(runtime);
      const appointment = runtime.store.appointments
        .listForPerson(identity.idNumber, today)
        .find((a) => a.id === appointmentId);
      if (!appointment)
        return err('unknown_appointment', 'That appointment is not for today or not for this card.');
      if (appointment.status === 'checked_in')
        return err('already_checked_in', 'This appointment is already checked in.');
      const problem = printerProblem(await ctx.printer.status());
      if (problem && !proceedWithoutReceipt)
        return err('printer_unavailable', `The receipt printer cannot print (${problem}).`);
      await runtime.tickets.ensure(appointment.queueId, today).catch(() => 'unreachable');
      const keyedHash = runtime.store.hashIdNumber(identity.idNumber).toString('hex');
      const issued = runtime.store.transaction(() => {
        const ticket = runtime.store.ticketBlocks.issueNumber(appointment.queueId, today);
        if (!ticket) return null;
        runtime.store.appointments.setStatusInTransaction(appointment.id, 'checked_in');
        runtime.store.outbox.enqueueInTransaction({
          kind: 'checkin',
          idempotencyKey: randomUUID(),
          payload: {
            appointmentId: appointment.id,
            keyedHash,
            ticket: {
              ticketId: ticket.ticketId,
              blockId: ticket.blockId,
              queueId: ticket.queueId,
              serviceDate: ticket.serviceDate,
              number: ticket.number,
              display: ticket.display,
            },
            checkedInAtMs: Date.now(),
          },
          materialHashes: [],
        });
        return ticket;
      });
      if (!issued)
        return err(
          'no_ticket_numbers',
          'No queue numbers are left on this kiosk until it reaches the central system.',
        );
      runtime.kick();
      const live = runtime.sync.queueState?.queues.find((q) => q.queueId === appointment.queueId);
      const ticket = ticketView(runtime, issued, {
        peopleAhead: live?.waiting ?? 0,
        waitBand: 'unknown',
        priority: true,
      });
      if (!ticket) return err('unknown_appointment', 'The appointment’s queue is not in the catalogue.');
      const item = catalogueOf(runtime).item(appointment.itemId);
      const receipt = problem
        ? ({ printed: false, problem } as const)
        : await printReceipt(runtime, {
            language,
            ticket,
            itemName: item?.name[language] ?? '',
            materials: [],
            caseNumber: appointment.id
              .toUpperCase()
              .replace(/[^A-Z0-9-]/g, '')
              .slice(0, 40)
              .padEnd(6, '0'),
            progressUrl: progressUrlOf(runtime, appointment.id),
            submissionId: null,
            idNumber: identity.idNumber,
          });
      return ok({ ticket, receipt });
    },

    async queryProgress(input) {
      const runtime = ctx.runtime();
      if (!runtime) return err('central_unreachable', 'This kiosk is not enrolled yet.');
      let caseNumbers: string[];
      if ('sessionId' in input) {
        const session = sessionFor(input.sessionId);
        if (!session) return err('no_session', 'The session has ended.');
        caseNumbers = runtime.store.submissions
          .listForPerson(session.identity.idNumber)
          .map((s) => s.caseNumber);
      } else {
        caseNumbers = [input.caseNumber.trim().toUpperCase()];
      }
      const view = catalogueOf(runtime);
      const cases = [];
      for (const caseNumber of caseNumbers.slice(0, 20)) {
        try {
          const progress = await runtime.central.caseProgress(caseNumber);
          const item = view.item(progress.itemId);
          cases.push({
            caseNumber: progress.caseNumber,
            itemName: item?.name ?? {
              'zh-Hans': progress.itemId,
              'zh-Hant': progress.itemId,
              en: progress.itemId,
            },
            status: progress.status,
            submittedAt: new Date(progress.history[0]?.atMs ?? Date.now()).toISOString(),
            history: progress.history.map((h) => ({ at: new Date(h.atMs).toISOString(), status: h.status })),
            rateable: progress.ratable,
          });
        } catch {
          // A case still in this kiosk's outbox is known here even while the central system is not.
          const local = runtime.store.submissions
            .listForPerson('sessionId' in input ? (sessionFor(input.sessionId)?.identity.idNumber ?? '') : '')
            .find((s) => s.caseNumber === caseNumber);
          const item = local ? view.item(local.itemId) : null;
          if (local && item) {
            const at = new Date(local.createdAtMs).toISOString();
            cases.push({
              caseNumber,
              itemName: item.name,
              status: 'received' as const,
              submittedAt: at,
              history: [{ at, status: 'received' as const }],
              rateable: false,
            });
          }
        }
      }
      if (cases.length === 0 && !('sessionId' in input)) {
        return runtime.central.link.online
          ? err('not_found', 'No application has that number.')
          : err('central_unreachable', 'The central system cannot be reached now.');
      }
      return ok({ cases });
    },

    async rateCase({ caseNumber, grade, reasons, comment }) {
      const runtime = ctx.runtime();
      if (!runtime) return err('not_found', 'This kiosk is not enrolled yet.');
      const normalised = caseNumber.trim().toUpperCase();
      if (runtime.store.ratings.listForCase(normalised).length > 0)
        return err('already_rated', 'This case has already been rated here.');
      try {
        const progress = await runtime.central.caseProgress(normalised);
        if (!progress.ratable) return err('not_rateable', 'This case cannot be rated yet.');
      } catch {
        // Offline: the rating is kept and sent when the link returns; the central system checks it then.
      }
      runtime.store.transaction(() => {
        runtime.store.ratings.insertInTransaction({
          id: randomUUID(),
          caseNumber: normalised,
          grade,
          reasons,
        });
        runtime.store.outbox.enqueueInTransaction({
          kind: 'rating',
          idempotencyKey: randomUUID(),
          payload: {
            caseNumber: normalised,
            grade,
            reasons: reasons.filter((r) => r.length > 0),
            ...(comment ? { comment } : {}),
            ratedAtMs: Date.now(),
          },
          materialHashes: [],
        });
      });
      runtime.kick();
      return ok({});
    },
  };
}
