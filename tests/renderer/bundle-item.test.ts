import { describe, expect, it } from 'vitest';
import type { BundleView } from '../../host/api/journey';
import { bundleAsItem, bundleOf } from '../../renderer/src/api/bundle-item';
import { bundleFormId, composeBundle } from '../../sync/protocol/bundles';
import { sampleCatalogue } from '../../sync/sample-hall';

/** The bundle offered on screen goes through the apply screens as an item whose id is the bundle's. */
describe('a 一件事 bundle on the apply screens', () => {
  const catalogue = sampleCatalogue();
  const bundle = catalogue.bundles.find((entry) => entry.id === 'yjs-birth')!;
  const composed = composeBundle(bundle, catalogue);
  if (!composed.ok) throw new Error(composed.problems.join('; '));
  const view: BundleView = {
    ...bundle,
    departmentId: 'zhck',
    materials: composed.value.materials,
    timeLimitDays: 20,
  };

  it('is an item of the integrated window with each material once, saying how many items share one', () => {
    const item = bundleAsItem(view);
    expect(item.id).toBe(bundle.id);
    expect(item.formId).toBe(bundleFormId(bundle.id));
    expect(item.departmentId).toBe('zhck');
    expect(item.windowNumbers).toEqual(bundle.windowNumbers);
    const codes = item.materials.map((material) => material.code);
    expect(new Set(codes).size).toBe(codes.length);
    const shared = composed.value.materials.find((material) => material.neededBy.length > 1)!;
    const note = item.materials.find((material) => material.code === shared.code)?.note;
    expect(note?.['zh-Hans']).toBe(`${shared.neededBy.length} 个事项共用，只交一次`);
    expect(note?.en).toContain(String(shared.neededBy.length));
    // A material only one item needs says nothing more.
    const single = composed.value.materials.find(
      (material) => material.neededBy.length === 1 && !material.note,
    );
    if (single)
      expect(item.materials.find((material) => material.code === single.code)?.note).toBeUndefined();
  });

  it('is told from an item by its id', () => {
    const item = bundleAsItem(view);
    expect(bundleOf(item, { bundles: [view] })).toBe(view);
    expect(bundleOf(catalogue.items[0]!, { bundles: [view] })).toBeNull();
    expect(bundleOf(null, { bundles: [view] })).toBeNull();
  });
});
