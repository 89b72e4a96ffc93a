/**
 * 一件事 on the central side, decided once for both storage backends: how a bundle submission becomes
 * one case per item (its number, department, own form values and own materials), and how the bundle
 * case's status rolls up from its parts. Pure: the backends read and write.
 *
 * The split uses the central's own catalogue (composeBundle over its items and forms), never anything
 * the kiosk says about which value belongs to which item.
 */
import { err, ok, type Result } from '../../kernel/result';
import { composeBundle, splitBundleValues } from '../protocol/bundles';
import { type CaseStage, caseStageWords } from '../protocol/case-workflow';
import type { Bundle, ServiceItem } from '../protocol/catalogue';
import type { CaseProgress, SubmissionPayload } from '../protocol/central-api';
import { caseNumberSchema } from '../protocol/central-common';
import { DeliveryRefusal } from './delivery-refusal';
import type { HallModel } from './sqlite/catalogue';

type CaseStatus = CaseProgress['status'];

/** What each case row says of its place in a bundle. */
export type CaseKind = 'single' | 'bundle' | 'part';

/** A part case as its bundle case lists it. */
export interface PartRow {
  caseNumber: string;
  index: number;
  itemId: string;
  departmentId: string;
  status: CaseProgress['status'];
  stage: CaseStage;
}

/** A part case's place in its bundle (the bundle case's item id is the bundle's id). */
export interface BundleLink {
  caseNumber: string;
  bundleId: string;
  part: number;
  of: number;
}

/** One part case to file with its bundle case. */
export interface PlannedPart {
  /** 1.. in the bundle's item order. */
  index: number;
  /** The part's own submission: the bundle's, with the item's number, department, values and materials. */
  payload: SubmissionPayload;
}

/** The number of the bundle case's n-th part (n from 1): `<bundle case number>-<n>`. */
export function partCaseNumber(bundleCaseNumber: string, n: number): string {
  return `${bundleCaseNumber}-${n}`;
}

/**
 * The part cases of a bundle submission, or why it cannot be split (fail closed: the submission is
 * refused and nothing is filed). Each part keeps the applicant (the principal), the agent and the
 * ticket of the bundle; it gets its item's form values and only the materials its item needs (a page
 * two items need is referenced by both, stored once by its digest) plus any material no item asks for.
 */
export function planBundleParts(
  payload: SubmissionPayload,
  bundle: Bundle,
  hall: Pick<HallModel, 'items' | 'forms'>,
): Result<PlannedPart[], 'invalid'> {
  const composed = composeBundle(bundle, {
    items: [...hall.items.values()],
    forms: [...hall.forms.values()],
  });
  if (!composed.ok)
    return err('invalid', `bundle ${bundle.id} cannot be split here: ${composed.problems.join('; ')}`);
  const values = splitBundleValues(composed.value, payload.formValues);
  // A material no item asks for concerns the application as a whole (the agent's power of attorney):
  // every part carries it, so each department sees on what authority the agent applied.
  const claimed = new Set(composed.value.parts.flatMap((part) => part.materialCodes));
  const unclaimed = payload.materials.map((m) => m.materialId).filter((code) => !claimed.has(code));
  const parts: PlannedPart[] = [];
  for (const [i, part] of composed.value.parts.entries()) {
    const caseNumber = partCaseNumber(payload.caseNumber, i + 1);
    if (!caseNumberSchema.safeParse(caseNumber).success)
      return err('invalid', `case number ${payload.caseNumber} is too long to number its parts`);
    const needed = new Set([...part.materialCodes, ...unclaimed]);
    const { profile: _profile, ...rest } = payload;
    parts.push({
      index: i + 1,
      payload: {
        ...rest,
        caseNumber,
        itemId: part.itemId,
        departmentId: part.departmentId,
        formValues: values.get(part.itemId) ?? {},
        materials: payload.materials.filter((m) => needed.has(m.materialId)),
        // The profile travels once, with the bundle case (the store proposal is made from it).
        consentToStore: false,
      },
    });
  }
  return ok(parts);
}

/**
 * The intake's check of a submission's item: null for an item of the catalogue (a single case), the
 * part cases for a 一件事 bundle; refused (422, fail closed) for an id naming neither, or a bundle the
 * catalogue cannot split.
 */
export function bundlePartsOf(
  payload: SubmissionPayload,
  hall: Pick<HallModel, 'items' | 'forms' | 'bundles'>,
): PlannedPart[] | null {
  if (hall.items.has(payload.itemId)) return null;
  const bundle = hall.bundles.get(payload.itemId);
  if (!bundle) throw new DeliveryRefusal(422, 'invalid_payload', `unknown item or bundle ${payload.itemId}`);
  const planned = planBundleParts(payload, bundle, hall);
  if (!planned.ok) throw new DeliveryRefusal(422, 'invalid_payload', planned.error.message);
  return planned.value;
}

/** A part's status and stage, as the roll-up reads them. */
export interface PartState {
  status: CaseStatus;
  stage: CaseStage;
}

/**
 * The bundle case's status from its parts: done only when every part is done; rejected when every
 * part is closed and one was refused (不予受理, shown in the parts); in progress once any part has moved
 * past 已收件; received before that.
 */
export function rolledUpStatus(parts: readonly PartState[]): CaseStatus {
  if (parts.length === 0) return 'received';
  if (parts.every((p) => p.status === 'done')) return 'done';
  if (parts.every((p) => p.status === 'done' || p.status === 'rejected')) return 'rejected';
  if (parts.some((p) => p.stage !== 'received' || p.status !== 'received')) return 'in_progress';
  return 'received';
}

/** A bundle case's parts as its progress answer lists them. */
export function progressParts(parts: readonly PartRow[]): NonNullable<CaseProgress['parts']> {
  return parts.map((p) => ({
    caseNumber: p.caseNumber,
    itemId: p.itemId,
    departmentId: p.departmentId,
    status: p.status,
    stage: p.stage,
  }));
}

/** An open case as both backends read it, before the catalogue names it (case-steps.ts openCaseOf). */
export interface OpenCaseRow {
  caseNumber: string;
  itemId: string;
  departmentId: string;
  stage: CaseStage;
  receivedAtMs: number;
  windowId: string | null;
  partOf: BundleLink | null;
}

/** Why a step on a bundle case is refused: each part takes its steps at its own department. */
export function bundleTakesNoSteps(parts: readonly PartRow[]): string {
  return `a 一件事 case takes no steps itself: take them on its parts (${parts.map((p) => p.caseNumber).join(', ')})`;
}

/** The bundle case's progress note for a step on one of its parts: "出生登记：受理". */
export function partStepNote(item: ServiceItem | undefined, itemId: string, to: CaseStage): string {
  return `${item?.name['zh-Hans'] ?? itemId}：${caseStageWords(to)}`;
}
