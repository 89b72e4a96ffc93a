import type { MaterialRequirement } from './catalogue';
import { type CardIdentity, type FormDefinition, type FormValues, fieldStates, formFields } from './forms';

/**
 * The materials an application asks for, given the form's answers: the item's own list, plus each
 * document a shown file field collects that the list lacks (a power of attorney when an employee or
 * agent applies, a disability certificate for that group). One rule for the renderer's materials step
 * and the host's check, so the screen asks for exactly what the host will require.
 */
export function materialRequirementsFor(
  itemMaterials: readonly MaterialRequirement[],
  form: FormDefinition | null,
  values: FormValues,
  card?: CardIdentity | null,
): MaterialRequirement[] {
  if (!form) return [...itemMaterials];
  const listed = new Set(itemMaterials.map((requirement) => requirement.code));
  const states = fieldStates(form, values, card);
  const derived: MaterialRequirement[] = [];
  // A document the list calls optional is required when a shown file field requires it (the proof of
  // return to settle once the applicant says they returned).
  const requiredByForm = new Set<string>();
  for (const field of formFields(form)) {
    if (field.type !== 'file') continue;
    const state = states.get(field.id);
    if (!state?.visible) continue;
    if (state.required) requiredByForm.add(field.materialCode);
    if (listed.has(field.materialCode)) continue;
    listed.add(field.materialCode);
    derived.push({
      code: field.materialCode,
      name: field.label,
      required: state.required,
      pages: Math.max(1, Math.min(field.validation?.maxItems ?? 1, 100)),
      reusable: field.reusable ?? false,
      ...(field.help ? { note: field.help } : {}),
    });
  }
  const fromList = itemMaterials.map((requirement) =>
    !requirement.required && requiredByForm.has(requirement.code)
      ? { ...requirement, required: true }
      : requirement,
  );
  return [...fromList, ...derived];
}

/**
 * The requirements with documents the applicant's situation adds (a power of attorney when an agent
 * applies on a typed ID number): one already listed is made required, any other is appended. The
 * renderer's materials step and the host's check apply the same additions.
 */
export function withAddedMaterials(
  requirements: readonly MaterialRequirement[],
  added: readonly MaterialRequirement[],
): MaterialRequirement[] {
  const addedByCode = new Map(added.map((requirement) => [requirement.code, requirement]));
  const merged = requirements.map((requirement) =>
    addedByCode.has(requirement.code) ? { ...requirement, required: true } : requirement,
  );
  const listed = new Set(requirements.map((requirement) => requirement.code));
  return [...merged, ...added.filter((requirement) => !listed.has(requirement.code))];
}
