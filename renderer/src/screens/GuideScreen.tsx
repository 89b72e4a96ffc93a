import { BookOpenText, Printer } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import type { ServiceItem } from '../../../sync/protocol/catalogue';
import { useCatalogue } from '../api/catalogue';
import { useKiosk } from '../api/kiosk-context';
import { useSession } from '../session/session-context';
import { formatNumberRuns } from '../ui/format';
import { applySteps, Busy, Screen } from '../ui/Screen';

/**
 * The item's service guide (办事指南, issue 15 part 6): who may apply, documents, fees, time limit,
 * steps, legal basis and a filled-in sample form, with the 一次性告知单 printed on the receipt printer.
 */
export function GuideScreen({ item, onBack }: { item: ServiceItem; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { client } = useKiosk();
  const { state } = useSession();
  const catalogue = useCatalogue();
  const [printing, setPrinting] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const guide = item.guide;
  const department =
    catalogue.status === 'ready'
      ? catalogue.catalogue.departments.find((entry) => entry.id === item.departmentId)
      : null;
  const print = async () => {
    const sessionId = state.context.sessionId;
    if (!sessionId) return;
    setPrinting('busy');
    try {
      const printed = await client.printGuideNotice({ sessionId, itemId: item.id, language });
      setPrinting(printed.ok ? 'done' : 'failed');
    } catch {
      setPrinting('failed');
    }
  };
  const list = (lines: readonly { [key in Language]: string }[] | undefined, ordered = false) => {
    if (!lines || lines.length === 0) return <p>{t('guide.none')}</p>;
    const items = lines.map((line) => <li key={line['zh-Hans']}>{line[language]}</li>);
    return ordered ? <ol className="guide-list">{items}</ol> : <ul className="guide-list">{items}</ul>;
  };
  return (
    <Screen
      screenId="item-guide"
      title={t('guide.title', { name: item.name[language] })}
      instruction={t('guide.instruction')}
      stepLabel={t('guide.open')}
      steps={applySteps}
      step="item"
      onBack={onBack}
      primary={{
        label: t('guide.print'),
        onPress: () => void print(),
        disabled: printing === 'busy',
        icon: <Printer aria-hidden="true" />,
        testId: 'print-guide',
      }}
    >
      {printing === 'busy' ? <Busy words={t('guide.printing')} /> : null}
      {printing === 'done' ? (
        <p className="form-status ok" role="status" data-testid="guide-printed">
          {t('guide.printed')}
        </p>
      ) : null}
      {printing === 'failed' ? (
        <p className="form-status bad" role="alert" data-testid="guide-print-failed">
          {t('guide.printFailed', { window: item.windowNumbers[0] ?? 1 })}
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is reachable by keyboard (axe scrollable-region-focusable) */}
      <section className="guide" data-testid="guide" aria-label={t('guide.open')} tabIndex={0}>
        <dl className="facts">
          <dt>{t('guide.fee')}</dt>
          <dd data-testid="guide-fee">{guide?.fee[language] ?? t('guide.none')}</dd>
          <dt>{t('guide.timeLimit')}</dt>
          <dd>
            {guide?.timeLimit[language] ??
              (item.timeLimitDays === 0
                ? t('item.onTheSpot')
                : t('item.days', { count: item.timeLimitDays }))}
          </dd>
          <dt>{t('guide.place')}</dt>
          <dd>
            {department ? `${department.location[language]} · ` : ''}
            {t('item.windows', {
              windows: formatNumberRuns(item.windowNumbers, language),
              count: item.windowNumbers.length,
            })}
          </dd>
        </dl>
        <section>
          <h2 className="sub-heading">{t('guide.conditions')}</h2>
          {list(guide?.conditions)}
        </section>
        <section>
          <h2 className="sub-heading">{t('guide.materials')}</h2>
          <ul className="guide-list" data-testid="guide-materials">
            {item.materials.map((material) => (
              <li key={material.code}>
                {material.name[language]}（{material.required ? t('item.required') : t('item.optional')}，
                {t('item.pages', { count: material.pages })}）
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h2 className="sub-heading">{t('guide.process')}</h2>
          {list(guide?.steps, true)}
        </section>
        <section>
          <h2 className="sub-heading">{t('guide.legalBasis')}</h2>
          <div data-testid="guide-legal-basis">{list(guide?.legalBasis)}</div>
        </section>
        <section>
          <h2 className="sub-heading">
            <BookOpenText aria-hidden="true" className="inline-icon" />
            {t('guide.sampleForm')}
          </h2>
          <p className="field-hint">{t('guide.sampleNote')}</p>
          {guide && guide.sampleForm.length > 0 ? (
            <dl className="facts sample-form" data-testid="guide-sample-form">
              {guide.sampleForm.map((row) => (
                <div key={row.label['zh-Hans']} className="fact-pair">
                  <dt>{row.label[language]}</dt>
                  <dd>{row.value[language]}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>{t('guide.none')}</p>
          )}
        </section>
      </section>
    </Screen>
  );
}
