/**
 * The window's case workflow (受理 / 补正 / 办结 / 不予受理): the stages a case passes through, the one
 * transition table that says which step may follow which, and the messages of the staff's case routes
 * and of the kiosk's supplement (补正材料) delivery. Pure: zod and the Result type only.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../kernel/result';
import {
  caseNumberSchema,
  entityIdSchema,
  epochMsSchema,
  keyedHashSchema,
  localizedLabelSchema,
  sha256HexSchema,
} from './central-common';

export const caseStageSchema = z
  .enum(['received', 'accepted', 'supplement_requested', 'supplement_submitted', 'finished', 'rejected'])
  .meta({
    id: 'CaseStage',
    description:
      'received: 已收件; accepted: 受理; supplement_requested: 补正 (items named); supplement_submitted: 补正已提交; finished: 办结; rejected: 不予受理.',
  });
export type CaseStage = z.infer<typeof caseStageSchema>;

export const caseActionSchema = z
  .enum(['accept', 'request_supplement', 'submit_supplement', 'finish', 'reject'])
  .meta({ id: 'CaseAction' });
export type CaseAction = z.infer<typeof caseActionSchema>;

/**
 * Every legal step, in one place: a step not listed here is refused. 补正 may be asked again after a
 * supplement (something still missing); 办结 and 不予受理 are final.
 */
export const caseTransitions: Readonly<Record<CaseStage, Partial<Record<CaseAction, CaseStage>>>> = {
  received: { accept: 'accepted', request_supplement: 'supplement_requested', reject: 'rejected' },
  accepted: { request_supplement: 'supplement_requested', finish: 'finished', reject: 'rejected' },
  supplement_requested: { submit_supplement: 'supplement_submitted', reject: 'rejected' },
  supplement_submitted: {
    accept: 'accepted',
    request_supplement: 'supplement_requested',
    finish: 'finished',
    reject: 'rejected',
  },
  finished: {},
  rejected: {},
};

const stageWords: Record<CaseStage, string> = {
  received: '已收件',
  accepted: '受理',
  supplement_requested: '补正',
  supplement_submitted: '补正已提交',
  finished: '办结',
  rejected: '不予受理',
};
const actionWords: Record<CaseAction, string> = {
  accept: '受理',
  request_supplement: '补正',
  submit_supplement: '提交补正材料',
  finish: '办结',
  reject: '不予受理',
};

export function caseStageWords(stage: CaseStage): string {
  return stageWords[stage];
}

/** The stage a step leads to, or `conflict` naming the stage and the step when the table has no such step. */
export function nextCaseStage(stage: CaseStage, action: CaseAction): Result<CaseStage, 'conflict'> {
  const next = caseTransitions[stage][action];
  if (next) return ok(next);
  const allowed = Object.keys(caseTransitions[stage]) as CaseAction[];
  return err(
    'conflict',
    `a case at ${stageWords[stage]} (${stage}) cannot be ${actionWords[action]} (${action}); ` +
      (allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'it is closed'),
  );
}

/** The coarse status the kiosk and the public progress page have always shown. */
export function caseStatusOfStage(stage: CaseStage): 'received' | 'in_progress' | 'done' | 'rejected' {
  switch (stage) {
    case 'received':
      return 'received';
    case 'finished':
      return 'done';
    case 'rejected':
      return 'rejected';
    default:
      return 'in_progress';
  }
}

/** One item the applicant must still bring: a material of the item's list, with what is wrong with it. */
export const missingItemSchema = z
  .strictObject({
    /** The material requirement code of the item (catalogue MaterialRequirement.code). */
    materialId: entityIdSchema,
    note: z.string().max(100).optional(),
  })
  .meta({ id: 'MissingItem' });
export type MissingItem = z.infer<typeof missingItemSchema>;

const staffText = z.string().trim().min(1).max(200);

/** One page brought with a supplement, referenced by digest like a submission's. */
export const supplementMaterialSchema = z
  .strictObject({
    materialId: entityIdSchema,
    page: z.number().int().min(1).max(500),
    sha256: sha256HexSchema,
    mediaType: z.string().min(3).max(100),
    size: z.number().int().nonnegative().optional(),
  })
  .meta({ id: 'SupplementMaterial' });

/** What the window does with a case; submit_supplement is the kiosk's, never the window's. */
export const caseStepRequestSchema = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('accept') }),
    z.strictObject({
      action: z.literal('request_supplement'),
      missingItems: z.array(missingItemSchema).min(1).max(20),
    }),
    z.strictObject({ action: z.literal('finish'), result: staffText }),
    z.strictObject({ action: z.literal('reject'), reason: staffText }),
  ])
  .meta({ id: 'CaseStepRequest' });
export type CaseStepRequest = z.infer<typeof caseStepRequestSchema>;

/** One audited step: who took it, when, and what it said. */
export const caseStepSchema = z
  .strictObject({
    atMs: epochMsSchema,
    action: caseActionSchema,
    from: caseStageSchema,
    to: caseStageSchema,
    /** The staff account, or null for the applicant's supplement (then `kioskId`). */
    username: z.string().max(40).nullable(),
    kioskId: entityIdSchema.nullable(),
    missingItems: z.array(missingItemSchema).optional(),
    result: z.string().max(200).optional(),
    reason: z.string().max(200).optional(),
    /** Supplement: the pages that arrived. */
    materials: z.array(supplementMaterialSchema).optional(),
  })
  .meta({ id: 'CaseStep' });
export type CaseStep = z.infer<typeof caseStepSchema>;

export const caseMaterialSchema = z
  .strictObject({
    materialId: entityIdSchema,
    page: z.number().int().min(1).max(500),
    sha256: sha256HexSchema,
    mediaType: z.string().min(3).max(100),
    /** True for a page that came with a supplement. */
    supplement: z.boolean(),
  })
  .meta({ id: 'CaseMaterial' });

/**
 * 帮办代办 on a case: the agent who applied for the applicant (the principal, whose case it is), named
 * by keyed hash only, and how the principal was identified (the SubmissionPayload's `agent`).
 */
export const caseAgentSchema = z
  .strictObject({
    keyedHash: keyedHashSchema,
    basis: z.enum(['principal_card', 'power_of_attorney', 'guardian']),
  })
  .meta({ id: 'CaseAgent' });
export type CaseAgent = z.infer<typeof caseAgentSchema>;

/** A part case of a 一件事: the bundle case it was split from and its place among the parts. */
export const casePartOfSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    bundleId: entityIdSchema,
    bundleName: localizedLabelSchema,
    /** 1.. in the bundle's item order, of `of` parts. */
    part: z.number().int().min(1).max(8),
    of: z.number().int().min(1).max(8),
  })
  .meta({ id: 'CasePartOf' });
export type CasePartOf = z.infer<typeof casePartOfSchema>;

/** One part of a 一件事 bundle case, at its own department. */
export const bundlePartSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    itemId: entityIdSchema,
    itemName: localizedLabelSchema,
    departmentId: entityIdSchema,
    departmentName: localizedLabelSchema,
    stage: caseStageSchema,
  })
  .meta({ id: 'BundlePart' });
export type BundlePartCase = z.infer<typeof bundlePartSchema>;

/** What the window sees of a case: its form, materials, stage and every step taken. */
export const caseFileSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    itemId: entityIdSchema,
    departmentId: entityIdSchema,
    applicantKeyedHash: keyedHashSchema,
    stage: caseStageSchema,
    receivedAtMs: epochMsSchema,
    /** Form values (personal data: shown to the signed-in window only, never logged). */
    formValues: z.record(z.string().max(100), z.unknown()),
    materials: z.array(caseMaterialSchema),
    missingItems: z.array(missingItemSchema),
    steps: z.array(caseStepSchema),
    /** The item's name and its material list from the catalogue: what a 补正 may name. */
    itemName: localizedLabelSchema,
    requiredMaterials: z.array(z.strictObject({ materialId: entityIdSchema, name: localizedLabelSchema })),
    /** Applied for by an agent (absent: the applicant came in person). */
    agent: caseAgentSchema.optional(),
    /** A part case of a 一件事: its bundle case. */
    partOf: casePartOfSchema.optional(),
    /** A 一件事 bundle case: its parts (it takes no steps itself; each part does at its department). */
    parts: z.array(bundlePartSchema).max(8).optional(),
  })
  .meta({ id: 'CaseFile' });
export type CaseFile = z.infer<typeof caseFileSchema>;

export const caseFileResponseSchema = z
  .strictObject({ case: caseFileSchema })
  .meta({ id: 'CaseFileResponse' });

// ---------------------------------------------------------------- the kiosk's supplement delivery

/**
 * The missing pages, captured at any kiosk: the applicant is named by the keyed hash of the card just
 * read, which must be the case's applicant; only a case at 补正 takes one, and only the named items.
 */
export const supplementPayloadSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    applicant: z.strictObject({ keyedHash: keyedHashSchema }),
    materials: z.array(supplementMaterialSchema).min(1).max(100),
    submittedAtMs: epochMsSchema,
  })
  .meta({ id: 'SupplementPayload' });
export type SupplementPayload = z.infer<typeof supplementPayloadSchema>;

export const supplementResponseSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    stage: z.literal('supplement_submitted'),
    receivedAtMs: epochMsSchema,
  })
  .meta({ id: 'SupplementResponse' });
export type SupplementResponse = z.infer<typeof supplementResponseSchema>;
