/**
 * A 一件事 bundle as the apply screens take an item (renderer/src/screens/BundleChoices.tsx offers it):
 * the host knows the bundle's id and composes its form; the screens need its name, its integrated
 * window and its materials, each once.
 */
import type { MethodValue } from '../../../host/api/contract';
import type { BundleView } from '../../../host/api/journey';
import { bundleFormId } from '../../../sync/protocol/bundles';
import type { ServiceItem } from '../../../sync/protocol/catalogue';
import type { LocalizedText } from '../../../sync/protocol/localized-text';

type Catalogue = MethodValue<'getCatalogue'>;

/**
 * The bundle as the apply screens take an item: its integrated window, its materials once each (the
 * note says how many of its items share one), its name. Its id is the bundle's, which the host knows.
 */
export function bundleAsItem(bundle: BundleView): ServiceItem {
  // Short: the details screen lists the items above; the note says only that one copy serves several.
  const neededNote = (neededBy: readonly string[]): LocalizedText | undefined =>
    neededBy.length < 2
      ? undefined
      : {
          'zh-Hans': `${neededBy.length} 个事项共用，只交一次`,
          'zh-Hant': `${neededBy.length} 個事項共用，只交一次`,
          en: `Used by ${neededBy.length} of the items: given once`,
        };
  return {
    id: bundle.id,
    version: bundle.version,
    code: bundle.code,
    departmentId: bundle.departmentId,
    name: bundle.name,
    pinyin: '',
    pinyinInitials: '',
    keywords: bundle.keywords,
    lifeEventIds: [],
    materials: bundle.materials.map(({ neededBy, ...requirement }) => {
      const note = requirement.note ?? neededNote(neededBy);
      return note ? { ...requirement, note } : requirement;
    }),
    timeLimitDays: bundle.timeLimitDays,
    formId: bundleFormId(bundle.id),
    windowNumbers: bundle.windowNumbers,
    common: false,
  };
}

/** Whether the apply screens' item is a bundle (its id is one of the catalogue's bundles'). */
export function bundleOf(
  item: ServiceItem | null,
  catalogue: Pick<Catalogue, 'bundles'> | null,
): BundleView | null {
  if (!item || !catalogue) return null;
  return catalogue.bundles.find((bundle) => bundle.id === item.id) ?? null;
}
