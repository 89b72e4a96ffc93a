/**
 * 一件事一次办 on the screen: the bundles offered beside the life events, each with its items and one
 * button that applies for the whole bundle through the ordinary form -> materials -> review -> ticket
 * screens (the host composes the bundle's one form), and a bundle's parts on the progress screen.
 */
import { Layers } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { MethodValue } from '../../../host/api/contract';
import type { BundleView, CaseView } from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import { bundleFormId } from '../../../sync/protocol/bundles';
import type { ServiceItem } from '../../../sync/protocol/catalogue';
import type { LocalizedText } from '../../../sync/protocol/localized-text';
import { Paged } from '../ui/Paged';

type Catalogue = MethodValue<'getCatalogue'>;

function itemNames(bundle: BundleView, catalogue: Catalogue): LocalizedText[] {
  return bundle.itemIds.map(
    (id) => catalogue.items.find((item) => item.id === id)?.name ?? { 'zh-Hans': id, 'zh-Hant': id, en: id },
  );
}

/**
 * The bundle as the apply screens take an item: its integrated window, its materials once each (the
 * note says which of its items need one), its name. Its id is the bundle's, which the host knows.
 */
export function bundleAsItem(bundle: BundleView, catalogue: Catalogue): ServiceItem {
  const nameOf = (id: string) => catalogue.items.find((item) => item.id === id)?.name;
  const separators: LocalizedText = { 'zh-Hans': '、', 'zh-Hant': '、', en: ', ' };
  const neededNote = (neededBy: readonly string[]): LocalizedText | undefined => {
    const names = neededBy.map(nameOf).filter((name): name is LocalizedText => name !== undefined);
    if (names.length < 2) return undefined;
    const join = (language: Language) => names.map((name) => name[language]).join(separators[language]);
    return {
      'zh-Hans': `${join('zh-Hans')} 都需要，只交一次`,
      'zh-Hant': `${join('zh-Hant')} 都需要，只交一次`,
      en: `Needed by ${join('en')}: given once`,
    };
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
export function bundleOf(item: ServiceItem | null, catalogue: Catalogue | null): BundleView | null {
  if (!item || !catalogue) return null;
  return catalogue.bundles.find((bundle) => bundle.id === item.id) ?? null;
}

/** The bundle's items, in the order they run. */
export function BundleItems({ bundle, catalogue }: { bundle: BundleView; catalogue: Catalogue }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className="bundle-items">
      <h2 className="sub-heading">{t('bundle.itemsLabel', { count: bundle.itemIds.length })}</h2>
      <ol className="bundle-item-list" data-testid="bundle-items">
        {itemNames(bundle, catalogue).map((name, index) => (
          <li key={bundle.itemIds[index]}>{name[language]}</li>
        ))}
      </ol>
    </div>
  );
}

/** The bundles on offer, a card each: name, items, one button for the whole bundle. */
export function BundleChoices({
  bundles,
  catalogue,
  pageSize,
  onChoose,
}: {
  bundles: readonly BundleView[];
  catalogue: Catalogue;
  pageSize: number;
  onChoose: (item: ServiceItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (bundles.length === 0) return null;
  return (
    <section className="bundle-choices" aria-label={t('bundle.title')}>
      <h2 className="sub-heading">
        <Layers aria-hidden="true" />
        {t('bundle.title')}
      </h2>
      <p className="sub-instruction">{t('bundle.intro')}</p>
      <Paged
        items={bundles}
        pageSize={pageSize}
        resetKey="bundles"
        className="choice-grid bundles"
        label={t('bundle.title')}
        render={(bundle) => (
          <article className="bundle-card" data-bundle-id={bundle.id}>
            <h3 className="item-name">{bundle.name[language]}</h3>
            <p className="bundle-card-items">
              {itemNames(bundle, catalogue)
                .map((name) => name[language])
                .join(' → ')}
            </p>
            <button
              type="button"
              className="big-choice strong"
              onClick={() => onChoose(bundleAsItem(bundle, catalogue))}
              data-testid="start-bundle"
            >
              {t('bundle.start')}
            </button>
          </article>
        )}
      />
    </section>
  );
}

/** A bundle case's parts on the progress screen: each item's case at its department, with its status. */
export function BundleParts({ parts }: { parts: NonNullable<CaseView['parts']> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className="bundle-parts">
      <h3 className="sub-heading">{t('bundle.parts')}</h3>
      <ol className="plain-list" data-testid="bundle-parts">
        {parts.map((part) => (
          <li key={part.caseNumber} className="bundle-part" data-case-number={part.caseNumber}>
            <span className="item-name">{part.itemName[language]}</span>
            <span className="bundle-part-department">{part.departmentName[language]}</span>
            <span className="tag" data-testid="bundle-part-status">
              {t(`progress.status.${part.status}`)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
