import type { TFunction } from 'i18next';
import { BookOpen, Building2, Heart, Search, Star } from 'lucide-react';
import { memo, type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import type { ServiceItem } from '../../../sync/protocol/catalogue';
import { searchItems } from '../../../sync/protocol/search';
import { bundleOf } from '../api/bundle-item';
import { useCatalogue } from '../api/catalogue';
import { TextInput } from '../forms/TextInput';
import { useApply, useSession } from '../session/session-context';
import { formatNumberRuns } from '../ui/format';
import { GreenChannelChoice } from '../ui/GreenChannel';
import { Paged, useChoicesPerPage } from '../ui/Paged';
import { applySteps, Busy, Problem, Screen } from '../ui/Screen';
import { BundleChoices, BundleItems } from './BundleChoices';
import { GuideScreen } from './GuideScreen';

type Tab = 'common' | 'department' | 'lifeEvent' | 'search';

export function timeLimitText(item: ServiceItem, t: TFunction): string {
  return item.timeLimitDays === 0 ? t('item.onTheSpot') : t('item.days', { count: item.timeLimitDays });
}

export function windowsText(numbers: readonly number[], language: Language): string {
  return formatNumberRuns(numbers, language);
}

/**
 * One item of a list: memoised, and with one icon rather than one per fact, because an item page of
 * eight is most of what a screen change lays out on a slow kiosk board (issue 15 part 11).
 */
const ItemButton = memo(function ItemButton({
  item,
  departmentName,
  onSelect,
}: {
  item: ServiceItem;
  departmentName: string | null;
  onSelect: (item: ServiceItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <button type="button" className="item-button" onClick={() => onSelect(item)} data-item-id={item.id}>
      <span className="item-name">{item.name[language]}</span>
      <span className="item-meta">
        {departmentName !== null ? (
          <span>
            <Building2 aria-hidden="true" />
            {departmentName}
          </span>
        ) : null}
        <span>{t('choose.materialsCount', { count: item.materials.length })}</span>
        <span>{timeLimitText(item, t)}</span>
        <span>
          {t('item.windows', {
            windows: windowsText(item.windowNumbers, language),
            count: item.windowNumbers.length,
          })}
        </span>
      </span>
    </button>
  );
});

export function ChooseItemScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { send } = useApply();
  const catalogue = useCatalogue();
  const [tab, setTab] = useState<Tab>('common');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const perPage = useChoicesPerPage(8, 4);

  const loaded = catalogue.status === 'ready' ? catalogue.catalogue : null;
  const lists = useMemo(() => {
    if (!loaded) return null;
    const { items, departments, lifeEvents } = loaded;
    const common = items.filter((item) => item.common);
    return { items, departments, lifeEvents, common: common.length > 0 ? common : items };
  }, [loaded]);

  const tabs: { key: Tab; icon: ReactNode; label: string }[] = [
    { key: 'common', icon: <Star aria-hidden="true" />, label: t('choose.common') },
    { key: 'department', icon: <Building2 aria-hidden="true" />, label: t('choose.byDepartment') },
    { key: 'lifeEvent', icon: <Heart aria-hidden="true" />, label: t('choose.byLifeEvent') },
    { key: 'search', icon: <Search aria-hidden="true" />, label: t('choose.search') },
  ];

  const select = useCallback((item: ServiceItem) => send({ type: 'SELECT_ITEM', item }), [send]);
  const departmentNames = useMemo(
    () => new Map((loaded?.departments ?? []).map((entry) => [entry.id, entry.name[language]])),
    [loaded, language],
  );

  let content: ReactNode;
  if (catalogue.status === 'loading') content = <Busy words={t('choose.loading')} />;
  else if (catalogue.status === 'failed' || !lists)
    content = (
      <Problem
        words={t(catalogue.status === 'failed' ? catalogue.problem : 'choose.loadFailed')}
        action={{ label: t('actions.retry'), onPress: catalogue.retry }}
      />
    );
  else {
    const itemList = (items: readonly ServiceItem[], key: string) =>
      items.length === 0 ? (
        <p className="empty-words">{t('choose.noResults')}</p>
      ) : (
        <Paged
          items={items}
          pageSize={perPage}
          resetKey={key}
          className="choice-grid items"
          render={(item) => (
            <ItemButton
              item={item}
              departmentName={departmentNames.get(item.departmentId) ?? null}
              onSelect={select}
            />
          )}
        />
      );
    if (tab === 'common') content = itemList(lists.common, 'common');
    else if (tab === 'department') {
      const department = lists.departments.find((entry) => entry.id === groupId);
      content = department ? (
        <>
          <button type="button" className="crumb" onClick={() => setGroupId(null)}>
            {t('choose.allDepartments')}
          </button>
          <h2 className="sub-heading">{t('choose.itemsOf', { name: department.name[language] })}</h2>
          {itemList(
            lists.items.filter((item) => item.departmentId === department.id),
            department.id,
          )}
        </>
      ) : (
        <Paged
          items={lists.departments}
          pageSize={perPage}
          resetKey="departments"
          className="choice-grid groups"
          render={(entry) => (
            <button
              type="button"
              className="group-button"
              onClick={() => setGroupId(entry.id)}
              data-department-id={entry.id}
            >
              <Building2 aria-hidden="true" />
              <span>{entry.name[language]}</span>
              <span className="group-count">
                {t('choose.itemCount', {
                  count: lists.items.filter((item) => item.departmentId === entry.id).length,
                })}
              </span>
            </button>
          )}
        />
      );
    } else if (tab === 'lifeEvent') {
      const event = lists.lifeEvents.find((entry) => entry.id === groupId);
      // 一件事一次办: the bundles first; inside a life event, those covering any of its items.
      const bundles = event
        ? loaded!.bundles.filter((bundle) => bundle.itemIds.some((id) => event.itemIds.includes(id)))
        : loaded!.bundles;
      const bundleChoices = (
        <BundleChoices
          bundles={bundles}
          catalogue={loaded!}
          pageSize={Math.max(1, perPage / 2)}
          onChoose={select}
        />
      );
      content = event ? (
        <>
          <button type="button" className="crumb" onClick={() => setGroupId(null)}>
            {t('choose.allLifeEvents')}
          </button>
          <h2 className="sub-heading">{event.name[language]}</h2>
          <p className="sub-instruction">{event.description[language]}</p>
          {bundleChoices}
          {itemList(
            event.itemIds
              .map((id) => lists.items.find((item) => item.id === id))
              .filter((item): item is ServiceItem => item !== undefined),
            event.id,
          )}
        </>
      ) : (
        <>
          {bundleChoices}
          <Paged
            items={lists.lifeEvents}
            pageSize={perPage}
            resetKey="lifeEvents"
            className="choice-grid groups"
            render={(entry) => (
              <button
                type="button"
                className="group-button"
                onClick={() => setGroupId(entry.id)}
                data-life-event-id={entry.id}
              >
                <Heart aria-hidden="true" />
                <span>{entry.name[language]}</span>
                <span className="group-count">{t('choose.itemCount', { count: entry.itemIds.length })}</span>
              </button>
            )}
          />
        </>
      );
    } else {
      const hits = query.trim() ? searchItems(lists.items, query, { limit: 40 }).map((hit) => hit.item) : [];
      content = (
        <>
          <TextInput
            id="item-search"
            label={t('choose.searchLabel')}
            hint={t('choose.searchHint')}
            value={query}
            onChange={setQuery}
            kind="latin"
            autoOpen
          />
          {query.trim() ? itemList(hits, `search-${query}`) : null}
        </>
      );
    }
  }

  return (
    <Screen
      screenId="choose-item"
      title={t('choose.title')}
      instruction={t('choose.instruction')}
      steps={applySteps}
      step="item"
      onBack={() => send({ type: 'BACK' })}
    >
      <div className="tabs" role="tablist">
        {tabs.map((entry) => (
          <button
            key={entry.key}
            type="button"
            role="tab"
            aria-selected={tab === entry.key}
            className={tab === entry.key ? 'tab is-current' : 'tab'}
            onClick={() => {
              setTab(entry.key);
              setGroupId(null);
            }}
            data-tab={entry.key}
          >
            {entry.icon}
            {entry.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">{content}</div>
    </Screen>
  );
}

export function ItemDetailsScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { state, send } = useApply();
  const identity = useSession().state.context.identity;
  const [showingGuide, setShowingGuide] = useState(false);
  const catalogue = useCatalogue();
  const item = state.context.item;
  if (!item) return null;
  const priority = state.context.priority;
  if (showingGuide) return <GuideScreen item={item} onBack={() => setShowingGuide(false)} />;
  const department =
    catalogue.status === 'ready'
      ? catalogue.catalogue.departments.find((entry) => entry.id === item.departmentId)
      : null;
  // A 一件事 bundle: its items are listed, and it has no guide of its own (each item has one).
  const bundle = bundleOf(item, catalogue.status === 'ready' ? catalogue.catalogue : null);
  const facts = (
    <dl className="facts">
      {department ? (
        <>
          <dt>{t('item.department')}</dt>
          <dd>{department.name[language]}</dd>
        </>
      ) : null}
      <dt>{t('item.timeLimit')}</dt>
      <dd>{timeLimitText(item, t)}</dd>
      <dt>{t('item.window')}</dt>
      <dd>
        {t('item.windows', {
          windows: windowsText(item.windowNumbers, language),
          count: item.windowNumbers.length,
        })}
      </dd>
    </dl>
  );
  return (
    <Screen
      screenId="item-details"
      title={item.name[language]}
      instruction={t('item.instruction')}
      stepLabel={t('item.title')}
      steps={applySteps}
      step="item"
      onBack={() => send({ type: 'BACK' })}
      primary={{
        label: t('actions.start'),
        onPress: () => send({ type: 'START_ITEM' }),
        testId: 'start-item',
      }}
      secondary={
        bundle
          ? null
          : {
              label: t('guide.open'),
              onPress: () => setShowingGuide(true),
              icon: <BookOpen aria-hidden="true" />,
              testId: 'open-guide',
            }
      }
      aside={
        <>
          {facts}
          <GreenChannelChoice
            elderly={(identity?.age ?? 0) >= 60}
            chosen={priority}
            onToggle={(key, on) => send({ type: 'SET_PRIORITY', key, on })}
          />
        </>
      }
    >
      {bundle && catalogue.status === 'ready' ? (
        <BundleItems bundle={bundle} catalogue={catalogue.catalogue} />
      ) : null}
      <h2 className="sub-heading">{t('item.materials')}</h2>
      {item.materials.length === 0 ? <p>{t('materials.noMaterials')}</p> : null}
      <Paged
        items={item.materials}
        pageSize={bundle ? 4 : 8}
        className="material-list"
        render={(material) => (
          <div className="material-row">
            <span className="material-name">{material.name[language]}</span>
            <span className={material.required ? 'tag required' : 'tag'}>
              {material.required ? t('item.required') : t('item.optional')}
            </span>
            <span className="tag">{t('item.pages', { count: material.pages })}</span>
            {material.reusable ? <span className="tag reusable">{t('item.reusable')}</span> : null}
            {material.note ? <span className="material-note">{material.note[language]}</span> : null}
          </div>
        )}
      />
    </Screen>
  );
}
