import type { BundlePart } from '../../../sync/protocol/bundles';
import type { MaterialRequirement, ServiceItem } from '../../../sync/protocol/catalogue';
import type { FormDefinition, FormValue } from '../../../sync/protocol/forms';
import type { LocalizedText } from '../../../sync/protocol/localized-text';
import type { Profile } from '../../../sync/protocol/profile';
import type { CatalogueView } from '../catalogue-view';

/**
 * What an application is for: one service item, or a 一件事 bundle applied for as one (its composed
 * form, its materials once each, the department of its integrated window). Both go through the same
 * auto-fill, validation, routing and durable commit.
 */
export interface ApplicationSubject extends Pick<ServiceItem, 'id' | 'departmentId' | 'name'> {
  materials: MaterialRequirement[];
  form: FormDefinition | null;
  /** A bundle's items' names in their order (printed on the receipt); null for a single item. */
  bundleItemNames: LocalizedText[] | null;
  /** A bundle's parts: which composed field answers each item's field. null for a single item. */
  bundleParts: BundlePart[] | null;
}

/** The item or bundle an id names, as this kiosk's catalogue has it; null when neither is offered here. */
export function applicationSubject(view: CatalogueView, id: string): ApplicationSubject | null {
  const item = view.item(id);
  if (item) {
    return {
      id: item.id,
      departmentId: item.departmentId,
      name: item.name,
      materials: item.materials,
      form: item.formId ? view.form(item.formId) : null,
      bundleItemNames: null,
      bundleParts: null,
    };
  }
  const bundle = view.bundle(id);
  const composed = bundle ? view.composedBundle(bundle.id) : null;
  const departmentId = bundle ? view.integratedDepartmentId(bundle) : null;
  if (!bundle || !composed || !departmentId) return null;
  return {
    id: bundle.id,
    departmentId,
    name: bundle.name,
    // Each material once; which items need it travels in the composed bundle, not on the submission.
    materials: composed.materials.map(({ neededBy: _neededBy, ...requirement }) => requirement),
    form: composed.form,
    bundleItemNames: composed.parts.map((part) => view.item(part.itemId)?.name ?? named(part.itemId)),
    bundleParts: composed.parts,
  };
}

function named(id: string): LocalizedText {
  return { 'zh-Hans': id, 'zh-Hant': id, en: id };
}

/**
 * A returning applicant's answers for a bundle: what they gave the bundle last time, and else what they
 * gave each of its items on their own (mapped to the composed form's fields), as the auto-fill's
 * "previous" values. The record itself is not changed.
 */
export function profileForSubject(profile: Profile | null, subject: ApplicationSubject): Profile | null {
  if (!profile || !subject.bundleParts || !subject.form) return profile;
  const values: Record<string, FormValue> = {};
  let newest = '';
  for (const part of subject.bundleParts) {
    const earlier = profile.lastSubmissions[part.itemId];
    if (!earlier) continue;
    if (earlier.submittedAt > newest) newest = earlier.submittedAt;
    for (const [itemFieldId, composedId] of Object.entries(part.fieldIds)) {
      const value = earlier.values[itemFieldId];
      if (value !== undefined && values[composedId] === undefined) values[composedId] = value;
    }
  }
  if (Object.keys(values).length === 0) return profile;
  const own = profile.lastSubmissions[subject.id];
  return {
    ...profile,
    lastSubmissions: {
      ...profile.lastSubmissions,
      [subject.id]: {
        submittedAt: own?.submittedAt ?? newest,
        formId: subject.form.id,
        formVersion: subject.form.version,
        values: { ...values, ...(own?.values ?? {}) },
      },
    },
  };
}
