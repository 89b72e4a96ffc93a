import { readCaseNumber } from '../../../kernel/case-number';
import { err, ok } from '../../../kernel/result';
import type { MaterialRequirement } from '../../../sync/protocol/catalogue';
import type { CaseProgress } from '../../../sync/protocol/central-api';
import type { HostApi, MethodArgs } from '../../api/contract';
import type { CaseView } from '../../api/journey';
import { mayListPrincipalCases } from '../agent/acting-for-policy';
import { mayUseFormFreeStore } from '../cardless/cardless-policy';
import type { CatalogueView } from '../catalogue-view';
import type { JourneyContext } from './journey-context';

/** At most this many of a person's cases are looked up at once. */
const casesShown = 20;

interface LocalCase {
  caseNumber: string;
  itemId: string;
  createdAtMs: number;
}

/**
 * Progress from the central system when it answers within the sync service's short look-up timeout;
 * otherwise what this kiosk holds (a case it took is at least "received"), and the answer says so.
 */
export async function queryProgress(
  journey: JourneyContext,
  input: MethodArgs<'queryProgress'>,
): ReturnType<HostApi['queryProgress']> {
  const runtime = journey.host.runtime();
  if (!runtime) return err('central_unreachable', 'This kiosk is not enrolled yet.');
  let wanted: { caseNumber: string; local: LocalCase | null }[];
  if ('sessionId' in input) {
    const session = journey.session(input.sessionId);
    if (!session.ok) return session;
    // An unchecked (typed) identity does not list anyone's cases.
    const mine =
      mayUseFormFreeStore(session.value.identifiedBy) && mayListPrincipalCases(session.value.agent)
        ? runtime.store.submissions.listForPerson(session.value.identity.idNumber)
        : [];
    wanted = mine.slice(0, casesShown).map((local) => ({ caseNumber: local.caseNumber, local }));
  } else {
    // A typing slip is caught by the check digit before anything is looked up (kernel/case-number.ts).
    const read = readCaseNumber(input.caseNumber);
    if (read.kind !== 'current' && read.kind !== 'legacy')
      return err('bad_case_number', 'That is not a case number: please check the digits on the receipt.');
    const caseNumber = read.caseNumber;
    wanted = [{ caseNumber, local: runtime.store.submissions.findByCaseNumber(caseNumber) }];
  }
  const view = journey.catalogueOf(runtime);
  const answers = await Promise.all(wanted.map((w) => runtime.sync.caseProgress(w.caseNumber)));
  let unreachable = false;
  let fromKiosk = false;
  const cases: CaseView[] = [];
  wanted.forEach(({ caseNumber, local }, index) => {
    const answer = answers[index]!;
    if (answer.ok) {
      const item = view.item(answer.value.itemId);
      const bundle = item ? null : view.bundle(answer.value.itemId);
      const shown = centralView(
        answer.value,
        item?.name ?? bundle?.name,
        item?.materials ?? [],
        journey.now(),
      );
      cases.push(answer.value.parts ? { ...shown, parts: partViews(view, answer.value.parts) } : shown);
      return;
    }
    if (answer.error.code === 'unreachable') unreachable = true;
    // Not reached, or not delivered yet: a case this kiosk took is known here all the same.
    const item = local ? (view.item(local.itemId) ?? view.bundle(local.itemId)) : null;
    if (!local || !item) return;
    fromKiosk = true;
    const at = new Date(local.createdAtMs).toISOString();
    cases.push({
      caseNumber,
      itemName: item.name,
      status: 'received',
      submittedAt: at,
      history: [{ at, status: 'received' }],
      rateable: false,
    });
  });
  if (cases.length === 0 && !('sessionId' in input)) {
    return unreachable
      ? err('central_unreachable', 'The central system cannot be reached now.')
      : err('not_found', 'No application has that number.');
  }
  return ok({ cases, source: fromKiosk ? 'kiosk' : 'central' });
}

/** A bundle's parts as the screen lists them: each item's name, its department and its own status. */
function partViews(view: CatalogueView, parts: NonNullable<CaseProgress['parts']>): CaseView['parts'] {
  const named = (id: string) => ({ 'zh-Hans': id, 'zh-Hant': id, en: id });
  return parts.map((part) => ({
    caseNumber: part.caseNumber,
    itemName: view.item(part.itemId)?.name ?? named(part.itemId),
    departmentName: view.department(part.departmentId)?.name ?? named(part.departmentId),
    status: part.status,
  }));
}

function centralView(
  progress: CaseProgress,
  itemName: CaseView['itemName'] | undefined,
  itemMaterials: readonly MaterialRequirement[],
  nowMs: number,
): CaseView {
  // 补正: the documents the window named, with their names from the catalogue, to capture here.
  const asked = progress.stage === 'supplement_requested' ? (progress.missingItems ?? []) : [];
  const missingItems = asked.map((m) => {
    const requirement = itemMaterials.find((r) => r.code === m.materialId);
    const name = requirement?.name ?? { 'zh-Hans': m.materialId, 'zh-Hant': m.materialId, en: m.materialId };
    return { code: m.materialId, name, ...(m.note ? { note: m.note } : {}) };
  });
  return {
    caseNumber: progress.caseNumber,
    itemName: itemName ?? { 'zh-Hans': progress.itemId, 'zh-Hant': progress.itemId, en: progress.itemId },
    status: missingItems.length > 0 ? 'needs_more' : progress.status,
    ...(missingItems.length > 0 ? { missingItems } : {}),
    submittedAt: new Date(progress.history[0]?.atMs ?? nowMs).toISOString(),
    history: progress.history.map((h) => ({ at: new Date(h.atMs).toISOString(), status: h.status })),
    rateable: progress.ratable,
  };
}
