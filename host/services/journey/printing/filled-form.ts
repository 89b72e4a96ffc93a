import { err, ok } from '../../../../kernel/result';
import type { HostApi, MethodArgs } from '../../../api/contract';
import type { JourneyContext } from '../journey-context';

/** A paper copy of the form the applicant submitted on this kiosk, from the stored record. */
export async function printFilledForm(
  journey: JourneyContext,
  { sessionId, caseNumber, language }: MethodArgs<'printFilledForm'>,
): ReturnType<HostApi['printFilledForm']> {
  const session = journey.session(sessionId);
  if (!session.ok) return session;
  const { runtime, identity } = session.value;
  const stored = runtime.store.submissions
    .listForPerson(identity.idNumber)
    .find((s) => s.caseNumber === caseNumber);
  const submission = stored ? runtime.store.submissions.get(stored.id) : null;
  const view = journey.catalogueOf(runtime);
  const item = submission ? view.item(submission.itemId) : null;
  const form = item?.formId ? view.form(item.formId) : null;
  if (!submission?.record || !item || !form)
    return err('unknown_case', 'That application is not on this kiosk.');
  const values = submission.record.formValues;
  const sections = form.sections.map((section) => ({
    title: section.title[language],
    rows: section.fields
      .filter((field) => values[field.id] !== undefined && field.type !== 'file')
      .map((field) => ({ label: field.label[language], value: String(values[field.id]) })),
  }));
  const printed = await journey.host.printer.printApplicationForm({
    language,
    hallName: journey.host.config.hall.name[language],
    title: form.title[language],
    serviceItemName: item.name[language],
    caseNumber,
    sections,
    submittedAt: new Date(submission.createdAtMs),
    timeZone: runtime.enrolment.hall.timeZone,
  });
  return printed.ok ? ok({}) : err('printer_unavailable', 'The printer cannot print the form now.');
}
