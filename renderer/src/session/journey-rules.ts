import type { ReusableMaterial } from '../../../host/api/journey';
import type { MaterialRequirement } from '../../../sync/protocol/catalogue';
import {
  type CardIdentity,
  type FieldError,
  type FormDefinition,
  type FormValue,
  fieldStates,
  formFields,
  validateFormValues,
} from '../../../sync/protocol/forms';

/** Only the form's own fields travel; file fields are collected on the materials screen. */
export function formValuesFor(
  form: FormDefinition,
  values: Record<string, FormValue>,
): Record<string, FormValue> {
  const ids = new Set(formFields(form).map((field) => field.id));
  const kept: Record<string, FormValue> = {};
  for (const [id, value] of Object.entries(values)) if (ids.has(id)) kept[id] = value;
  return kept;
}

function fileFieldIds(form: FormDefinition): Set<string> {
  return new Set(
    formFields(form)
      .filter((field) => field.type === 'file')
      .map((field) => field.id),
  );
}

/**
 * The validation errors to show beside fields, from the shared validateFormValues (the host runs the same
 * code on submit). File fields are left to the materials screen.
 */
export function formErrors(
  form: FormDefinition,
  values: Record<string, FormValue>,
  card?: CardIdentity | null,
): FieldError[] {
  const result = validateFormValues(form, formValuesFor(form, values), { card });
  if (result.ok) return [];
  const files = fileFieldIds(form);
  return result.errors.filter((error) => error.fieldId === null || !files.has(error.fieldId));
}

export function formIsComplete(
  form: FormDefinition | null,
  values: Record<string, FormValue>,
  card?: CardIdentity | null,
): boolean {
  return form === null || formErrors(form, values, card).length === 0;
}

export function visibleFieldIds(
  form: FormDefinition,
  values: Record<string, FormValue>,
  card?: CardIdentity | null,
): Set<string> {
  const states = fieldStates(form, values, card);
  return new Set([...states].filter(([, state]) => state.visible).map(([id]) => id));
}

export interface MaterialChoiceLike {
  useArchived: boolean;
  pages: readonly unknown[];
}

/** Each required material is either an archived copy the applicant agreed to re-use, or pages captured now. */
export function missingMaterials(
  requirements: readonly MaterialRequirement[],
  choices: Readonly<Record<string, MaterialChoiceLike>>,
  reusable: ReadonlyMap<string, ReusableMaterial>,
): MaterialRequirement[] {
  return requirements.filter((requirement) => {
    if (!requirement.required) return false;
    const choice = choices[requirement.code];
    if (!choice) return true;
    if (choice.useArchived && reusable.has(requirement.code)) return false;
    return choice.pages.length === 0;
  });
}

export function materialsComplete(
  requirements: readonly MaterialRequirement[],
  choices: Readonly<Record<string, MaterialChoiceLike>>,
  reusable: ReadonlyMap<string, ReusableMaterial>,
): boolean {
  return missingMaterials(requirements, choices, reusable).length === 0;
}
