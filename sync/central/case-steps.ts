/**
 * What a case step changes, decided once for both storage backends: the transition table
 * (protocol/case-workflow.ts) says whether the step may follow the case's stage; this module also
 * checks what the step names (missing items among the item's materials, a supplement's pages among
 * the items asked for) and builds the audited step record. Pure: the backends read and write.
 */
import { err, ok, type Result } from '../../kernel/result';
import {
  type CaseFile,
  type CasePartOf,
  type CaseStage,
  type CaseStep,
  type CaseStepRequest,
  type MissingItem,
  nextCaseStage,
  type SupplementPayload,
} from '../protocol/case-workflow';
import type { ServiceItem } from '../protocol/catalogue';
import type { BundleLink, OpenCaseRow, PartRow } from './bundle-cases';
import type { HallModel } from './sqlite/catalogue';
import type { OpenCase } from './storage';

/** The step's record without who took it (the backend adds the staff account or the kiosk). */
export type PlannedStep = Omit<CaseStep, 'username' | 'kioskId'>;

/** The window's step on a case at `stage` of an item whose material codes are `itemMaterials`. */
export function planStaffStep(
  stage: CaseStage,
  request: CaseStepRequest,
  itemMaterials: ReadonlySet<string>,
  nowMs: number,
): Result<PlannedStep, 'conflict' | 'invalid'> {
  const next = nextCaseStage(stage, request.action);
  if (!next.ok) return next;
  const step: PlannedStep = { atMs: nowMs, action: request.action, from: stage, to: next.value };
  switch (request.action) {
    case 'request_supplement': {
      const unknown = request.missingItems.filter((m) => !itemMaterials.has(m.materialId));
      if (unknown.length > 0) {
        return err('invalid', `not a material of this item: ${unknown.map((m) => m.materialId).join(', ')}`);
      }
      const codes = request.missingItems.map((m) => m.materialId);
      if (new Set(codes).size !== codes.length) return err('invalid', 'a missing item is named twice');
      return ok({ ...step, missingItems: request.missingItems });
    }
    case 'finish':
      return ok({ ...step, result: request.result });
    case 'reject':
      return ok({ ...step, reason: request.reason });
    case 'accept':
      return ok(step);
  }
}

/**
 * The applicant's supplement: only for the case's own applicant, only at 补正, only pages of the
 * items asked for (each asked-for item at least one page).
 */
export function planSupplement(
  stage: CaseStage,
  caseApplicant: string,
  missingItems: readonly MissingItem[],
  payload: SupplementPayload,
  nowMs: number,
): Result<PlannedStep, 'forbidden' | 'conflict' | 'invalid'> {
  if (payload.applicant.keyedHash !== caseApplicant)
    return err('forbidden', 'the supplement must come from the case’s applicant');
  const next = nextCaseStage(stage, 'submit_supplement');
  if (!next.ok) return next;
  const asked = new Set(missingItems.map((m) => m.materialId));
  const stray = payload.materials.filter((m) => !asked.has(m.materialId));
  if (stray.length > 0)
    return err('invalid', `not asked for: ${[...new Set(stray.map((m) => m.materialId))].join(', ')}`);
  const brought = new Set(payload.materials.map((m) => m.materialId));
  const still = [...asked].filter((code) => !brought.has(code));
  if (still.length > 0) return err('invalid', `still missing: ${still.join(', ')}`);
  return ok({
    atMs: nowMs,
    action: 'submit_supplement',
    from: stage,
    to: next.value,
    materials: payload.materials,
  });
}

/** The items named by the latest 补正 step (empty when none was asked or the case moved on). */
export function currentMissingItems(stage: CaseStage, steps: readonly CaseStep[]): MissingItem[] {
  if (stage !== 'supplement_requested') return [];
  return steps.findLast((s) => s.action === 'request_supplement')?.missingItems ?? [];
}

/** The case file as a backend reads it, completed with what the catalogue says of its item. */
export function withItem(
  file: Omit<CaseFile, 'itemName' | 'requiredMaterials'>,
  item: ServiceItem | undefined,
): CaseFile {
  return {
    ...file,
    itemName: item ? { ...item.name } : { 'zh-Hans': file.itemId },
    requiredMaterials: (item?.materials ?? []).map((m) => ({ materialId: m.code, name: { ...m.name } })),
  };
}

const label = (text: Record<string, string> | undefined, fallback: string) =>
  text ? { ...text } : { 'zh-Hans': fallback };

/** A part case's bundle, named from the catalogue. */
export function partOfWithName(link: BundleLink, hall: HallModel): CasePartOf {
  return { ...link, bundleName: label(hall.bundles.get(link.bundleId)?.name, link.bundleId) };
}

/**
 * The case file completed from the catalogue: a single or part case with its item; a part with its
 * bundle; a bundle case with the bundle's name, every material its items ask for (named), and its parts
 * at their departments.
 */
export function withCatalogue(
  file: Omit<CaseFile, 'itemName' | 'requiredMaterials'>,
  hall: HallModel,
  links: { partOf: BundleLink | null; parts: readonly PartRow[] },
): CaseFile {
  const bundle = links.parts.length > 0 ? hall.bundles.get(file.itemId) : undefined;
  if (links.parts.length === 0) {
    const completed = withItem(file, hall.items.get(file.itemId));
    return links.partOf ? { ...completed, partOf: partOfWithName(links.partOf, hall) } : completed;
  }
  const materials = new Map<string, CaseFile['requiredMaterials'][number]>();
  for (const part of links.parts) {
    for (const m of hall.items.get(part.itemId)?.materials ?? [])
      if (!materials.has(m.code)) materials.set(m.code, { materialId: m.code, name: { ...m.name } });
  }
  return {
    ...file,
    itemName: label(bundle?.name, file.itemId),
    requiredMaterials: [...materials.values()],
    parts: links.parts.map((part) => ({
      caseNumber: part.caseNumber,
      itemId: part.itemId,
      itemName: label(hall.items.get(part.itemId)?.name, part.itemId),
      departmentId: part.departmentId,
      departmentName: label(hall.departments.get(part.departmentId)?.name, part.departmentId),
      stage: part.stage,
    })),
  };
}

/** An open case's row completed from the catalogue: department name, window label, time limit. */
export function openCaseOf(row: OpenCaseRow, hall: HallModel): OpenCase {
  const { windowId, partOf, ...rest } = row;
  const window = windowId ? hall.windows.get(windowId) : undefined;
  return {
    ...rest,
    ...(partOf ? { partOf: partOfWithName(partOf, hall) } : {}),
    departmentName: { ...(hall.departments.get(row.departmentId)?.name ?? { 'zh-Hans': row.departmentId }) },
    windowLabel: window ? String(window.number) : null,
    timeLimitDays: hall.items.get(row.itemId)?.timeLimitDays ?? 0,
  };
}
