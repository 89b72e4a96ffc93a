/**
 * The applicant journey's host side, one use case per file behind this thin adapter: catalogue,
 * auto-fill from the form-free store, page capture, the durable submission with its ticket and
 * receipt, appointments, progress and ratings. Every call to the central system goes through the
 * runtime's sync service; no request here waits on the network beyond a short, bounded look-up.
 */
import { ok } from '../../../kernel/result';
import type { HostApi } from '../../api/contract';
import type { HostContext } from '../../core/host-context';
import { listAppointments } from './appointments';
import { viewArchivedMaterial } from './archived-view';
import { capturedPagesApi } from './captured-pages';
import { getCatalogue } from './catalogue';
import { checkInAppointment } from './check-in';
import { JourneyContext } from './journey-context';
import { prepareApplication } from './prepare-application';
import { printFilledForm } from './printing/filled-form';
import { printGuideNotice } from './printing/guide-notice';
import { printerProblem } from './printing/receipt';
import { queryProgress } from './progress';
import { rateCase } from './rating';
import { submitApplication } from './submit-application';
import { submitSupplement } from './supplement';

type JourneyMethods = Pick<
  HostApi,
  | 'getCatalogue'
  | 'prepareApplication'
  | 'addCameraPage'
  | 'scanPage'
  | 'rotatePage'
  | 'deletePage'
  | 'viewArchivedMaterial'
  | 'printGuideNotice'
  | 'getPrinterStatus'
  | 'submitApplication'
  | 'printFilledForm'
  | 'listAppointments'
  | 'checkInAppointment'
  | 'queryProgress'
  | 'rateCase'
  | 'submitSupplement'
>;

export function createJourneyApi(ctx: HostContext): JourneyMethods {
  const journey = new JourneyContext(ctx);
  // The licence pages drawn for a session are its applicant's: dropped with the session.
  ctx.sessions.onEnd(() => journey.licenceCopies.clear());
  return {
    getCatalogue: () => getCatalogue(journey),
    prepareApplication: (input) => prepareApplication(journey, input),
    ...capturedPagesApi(journey),
    viewArchivedMaterial: (input) => viewArchivedMaterial(journey, input),
    printGuideNotice: (input) => printGuideNotice(journey, input),
    async getPrinterStatus() {
      const status = await ctx.printer.status();
      return ok({ ready: printerProblem(status) === null, state: status.state });
    },
    submitApplication: (input) => submitApplication(journey, input),
    printFilledForm: (input) => printFilledForm(journey, input),
    listAppointments: (input) => listAppointments(journey, input),
    checkInAppointment: (input) => checkInAppointment(journey, input),
    queryProgress: (input) => queryProgress(journey, input),
    rateCase: (input) => rateCase(journey, input),
    submitSupplement: (input) => submitSupplement(journey, input),
  };
}
