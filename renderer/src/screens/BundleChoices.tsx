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
import type { ServiceItem } from '../../../sync/protocol/catalogue';
import type { LocalizedText } from '../../../sync/protocol/localized-text';
import { bundleAsItem } from '../api/bundle-item';
import { Paged } from '../ui/Paged';

type Catalogue = MethodValue<'getCatalogue'>;

function itemNames(bundle: BundleView, catalogue: Catalogue): LocalizedText[] {
  return bundle.itemIds.map(
    (id) => catalogue.items.find((item) => item.id === id)?.name ?? { 'zh-Hans': id, 'zh-Hant': id, en: id },
  );
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
              onClick={() => onChoose(bundleAsItem(bundle))}
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
