import {
  Calculator,
  Check,
  ChevronDown,
  ChevronUp,
  CircleDashed,
  Database,
  History,
  IdCard,
  Lock,
  Pencil,
  Plus,
  Trash2,
} from 'lucide-react';
import { type ReactNode, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provenance } from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import {
  type CardIdentity,
  type FieldError,
  type FormDefinition,
  type FormField,
  type FormValue,
  fieldErrorText,
  fieldStates,
  type GroupColumn,
  isComputedField,
  isEmptyValue,
  withComputedValues,
} from '../../../sync/protocol/forms';
import type { GroupRow } from '../../../sync/protocol/profile';
import { TextInput } from '../forms/TextInput';
import type { KeyboardKind } from '../keyboard/keyboard-context';
import { formErrors } from '../session/journey-rules';
import { useApply } from '../session/session-context';
import { displayValue } from '../ui/field-display';
import { Paged, useChoicesPerPage } from '../ui/Paged';
import { applySteps, Screen } from '../ui/Screen';
import { AgentSection } from './ActingForScreen';

const provenanceIcons: Record<Provenance, ReactNode> = {
  card: <IdCard aria-hidden="true" />,
  store: <Database aria-hidden="true" />,
  previous: <History aria-hidden="true" />,
  typed: <Pencil aria-hidden="true" />,
  empty: <CircleDashed aria-hidden="true" />,
};

function keyboardFor(field: FormField | GroupColumn): KeyboardKind {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return field.keyboard === 'digits' ? 'digits' : (field.keyboard ?? 'chinese');
    case 'address':
      return 'chinese';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'phone':
      return 'phone';
    case 'idNumber':
      return 'idNumber';
    case 'email':
    case 'creditCode':
      return 'latin';
    default:
      return 'chinese';
  }
}

function asText(value: FormValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

function FieldInput({
  field,
  value,
  required,
  errorId,
  invalid,
  language,
  onChange,
}: {
  field: FormField | GroupColumn;
  value: FormValue | undefined;
  required: boolean;
  errorId: string;
  invalid: boolean;
  language: Language;
  onChange: (value: FormValue | undefined) => void;
}) {
  const { t } = useTranslation();
  const optionsPerPage = useChoicesPerPage(8, 4);
  const label = field.label[language];
  switch (field.type) {
    case 'choice':
    case 'multiChoice': {
      const chosen =
        field.type === 'multiChoice' && Array.isArray(value)
          ? value.filter((entry): entry is string => typeof entry === 'string')
          : [];
      const isOn = (optionValue: string) =>
        field.type === 'choice' ? value === optionValue : chosen.includes(optionValue);
      const press = (optionValue: string) => {
        if (field.type === 'choice') onChange(optionValue);
        else
          onChange(
            chosen.includes(optionValue)
              ? chosen.filter((entry) => entry !== optionValue)
              : [...chosen, optionValue],
          );
      };
      const render = (option: (typeof field.options)[number]) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={isOn(option.value)}
          className={isOn(option.value) ? 'option is-on' : 'option'}
          onClick={() => press(option.value)}
          data-option={option.value}
        >
          {isOn(option.value) ? <Check aria-hidden="true" /> : null}
          {option.label[language]}
        </button>
      );
      // Long option lists page (8 at a time, 4 in elderly mode) rather than scroll.
      return (
        <fieldset className="option-field" aria-describedby={errorId}>
          <legend className="visually-hidden">{label}</legend>
          {field.options.length > optionsPerPage ? (
            <Paged
              items={field.options}
              pageSize={optionsPerPage}
              className="option-row"
              render={render}
              resetKey={field.id}
            />
          ) : (
            <div className="option-row">{field.options.map(render)}</div>
          )}
        </fieldset>
      );
    }
    case 'checkbox':
      return (
        <button
          type="button"
          aria-pressed={value === true}
          aria-describedby={errorId}
          className={value === true ? 'check-button is-on' : 'check-button'}
          onClick={() => onChange(value !== true)}
          data-field-id={field.id}
        >
          <span className="check-box" aria-hidden="true">
            {value === true ? <Check /> : null}
          </span>
          {label}
        </button>
      );
    case 'file':
      return <p className="field-hint">{t('form.fileInMaterials')}</p>;
    case 'group':
      // Drawn by GroupInput (it needs the rows' own errors); never reached.
      return null;
    default:
      return (
        <TextInput
          id={`field-${field.id}`}
          label={label}
          labelHidden
          value={asText(value)}
          onChange={(text) => onChange(text === '' ? undefined : text)}
          kind={keyboardFor(field)}
          multiline={field.type === 'textarea'}
          invalid={invalid}
          describedBy={errorId}
          required={required}
          hint={field.placeholder?.[language]}
        />
      );
  }
}

/** The rows of a group value (anything else reads as none). */
function groupRowsOf(value: FormValue | undefined): GroupRow[] {
  return Array.isArray(value)
    ? value.filter((row): row is GroupRow => typeof row === 'object' && row !== null)
    : [];
}

/**
 * A repeatable group: one bordered block per row (股东 1, 股东 2 ...) with its columns as ordinary
 * inputs, a large 删除 under each row while more than the minimum remain, and a large 添加 button while
 * fewer than the maximum. Rows below the minimum are shown empty, ready to fill.
 */
function GroupInput({
  field,
  value,
  errors,
  showAllErrors,
  language,
  onChange,
}: {
  field: Extract<FormField, { type: 'group' }>;
  value: FormValue | undefined;
  /** This group's row and cell problems. */
  errors: FieldError[];
  showAllErrors: boolean;
  language: Language;
  onChange: (value: FormValue | undefined) => void;
}) {
  const { t } = useTranslation();
  const given = groupRowsOf(value);
  const rows: GroupRow[] = [
    ...given,
    ...Array.from({ length: Math.max(0, field.repeat.min - given.length) }, () => ({})),
  ];
  // The on-screen keyboard keeps the onChange it opened with: read the rows as they are now, not then.
  const latest = useRef(rows);
  latest.current = rows;
  const commit = (next: GroupRow[]) => onChange(next.length === 0 ? undefined : next);
  const setCell = (index: number, columnId: string, cell: FormValue | undefined) => {
    const next = latest.current.map((row, at) => {
      if (at !== index) return row;
      const { [columnId]: _old, ...rest } = row;
      return cell === undefined || Array.isArray(cell) ? rest : { ...rest, [columnId]: cell };
    });
    commit(next);
  };
  const rowName = (index: number) => `${field.rowLabel[language]} ${index + 1}`;
  return (
    <div className="group-field" data-group={field.id}>
      {rows.map((row, index) => {
        const rowErrors = errors.filter((error) => error.at?.row === index + 1);
        const rowProblem = rowErrors.find((error) => error.at?.column === undefined);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position; rows have no identity of their own
          <fieldset key={index} className="group-row" data-row={index + 1}>
            <legend className="group-row-head">{rowName(index)}</legend>
            {field.fields.map((column) => {
              const cellId = `${field.id}_${index}_${column.id}`;
              const cell = row[column.id];
              const cellError = rowErrors.find((error) => error.at?.column === column.id);
              const showCellError = cellError && (showAllErrors || !isEmptyValue(cell));
              const required = column.validation?.required === true;
              return (
                <div
                  key={column.id}
                  className={showCellError ? 'group-cell has-error' : 'group-cell'}
                  data-column={column.id}
                >
                  <span className="field-label" id={`label-${cellId}`}>
                    {column.label[language]}
                    {required ? <span className="required-mark">{t('form.requiredMark')}</span> : null}
                    {column.type === 'number' && column.unit ? ` (${column.unit[language]})` : null}
                  </span>
                  <FieldInput
                    field={{ ...column, id: cellId } as GroupColumn}
                    value={cell}
                    required={required}
                    errorId={`error-${cellId}`}
                    invalid={Boolean(showCellError)}
                    language={language}
                    onChange={(next) => setCell(index, column.id, next)}
                  />
                  <p
                    id={`error-${cellId}`}
                    className="field-error"
                    role={showCellError ? 'alert' : undefined}
                  >
                    {showCellError && cellError ? fieldErrorText(cellError, language) : ''}
                  </p>
                </div>
              );
            })}
            {rowProblem ? (
              <p className="field-error" role="alert">
                {fieldErrorText(rowProblem, language)}
              </p>
            ) : null}
            {rows.length > field.repeat.min ? (
              <button
                type="button"
                className="row-button remove-row"
                aria-label={t('form.removeRowOf', { row: rowName(index) })}
                onClick={() => commit(latest.current.filter((_, at) => at !== index))}
                data-testid={`remove-row-${field.id}-${index + 1}`}
              >
                <Trash2 aria-hidden="true" />
                {t('form.removeRow')}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {rows.length < field.repeat.max ? (
        <button
          type="button"
          className="row-button add-row"
          onClick={() => commit([...latest.current, {}])}
          data-testid={`add-row-${field.id}`}
        >
          <Plus aria-hidden="true" />
          {field.addLabel?.[language] ?? t('form.addRow')}
        </button>
      ) : (
        <p className="field-hint">{t('form.rowsFull', { count: field.repeat.max })}</p>
      )}
    </div>
  );
}

/**
 * A value the ID card gave: shown, not editable (issue 13). The card is what counts; the host refuses a
 * submission whose card-bound values differ from the card that opened the session. Computed fields and
 * read-only facts the store gave are drawn the same way.
 */
function CardValue({
  field,
  value,
  language,
}: {
  field: FormField;
  value: FormValue | undefined;
  language: Language;
}) {
  const { t } = useTranslation();
  return (
    <p className="card-value" data-testid={`card-value-${field.id}`}>
      <span>
        {value === undefined ? '' : displayValue(field, value, language, t('actions.yes'), t('actions.no'))}
        {value !== undefined && field.type === 'number' && field.unit ? ` ${field.unit[language]}` : ''}
      </span>
    </p>
  );
}

export function FormView({
  form,
  values,
  provenance,
  card,
  showAllErrors,
  onChange,
}: {
  form: FormDefinition;
  values: Record<string, FormValue>;
  provenance: Record<string, Provenance>;
  /** The session's card: card-bound fields show its values read-only; those it lacks are not asked. */
  card: CardIdentity | null;
  showAllErrors: boolean;
  onChange: (fieldId: string, value: FormValue | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // Computed fields (an age, a total) are shown as the shared code works them out; the host does the same.
  const shown = useMemo(
    () => withComputedValues(form, values, { card }) as Record<string, FormValue>,
    [form, values, card],
  );
  const states = useMemo(() => fieldStates(form, shown, card), [form, shown, card]);
  const errors = useMemo(() => formErrors(form, values, card), [form, values, card]);
  const errorsByField = new Map<string, FieldError>();
  const rowErrorsByGroup = new Map<string, FieldError[]>();
  for (const error of errors) {
    if (!error.fieldId) continue;
    // A group's row and cell problems are shown beside their cells; the rest beside the field.
    if (error.at)
      rowErrorsByGroup.set(error.fieldId, [...(rowErrorsByGroup.get(error.fieldId) ?? []), error]);
    else if (!errorsByField.has(error.fieldId)) errorsByField.set(error.fieldId, error);
  }

  return (
    <div className="form-view">
      {form.sections.map((section) => {
        const visibleFields = section.fields.filter((field) => states.get(field.id)?.visible);
        if (visibleFields.length === 0) return null;
        return (
          <section key={section.id} className="form-section" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`} className="sub-heading">
              {section.title[language]}
            </h2>
            {section.description ? <p className="sub-instruction">{section.description[language]}</p> : null}
            {visibleFields.map((field) => {
              const state = states.get(field.id)!;
              const value = shown[field.id];
              const source: Provenance = provenance[field.id] ?? (isEmptyValue(value) ? 'empty' : 'typed');
              const computed = isComputedField(field);
              // A read-only fact keeps the value auto-fill gave; with none, it is the applicant's to give.
              const locked = field.readOnly === true && (source === 'store' || source === 'previous');
              const error = errorsByField.get(field.id);
              // A wrong value shows its message at once; an empty required one after "next".
              const showError = error && (showAllErrors || !isEmptyValue(value) || source === 'typed');
              const errorId = `error-${field.id}`;
              return (
                <div
                  key={field.id}
                  className={showError ? 'form-field has-error' : 'form-field'}
                  data-field={field.id}
                  data-provenance={source}
                >
                  <div className="field-head">
                    <span className="field-label" id={`label-${field.id}`}>
                      {field.label[language]}
                      {state.required ? (
                        <span className="required-mark">{t('form.requiredMark')}</span>
                      ) : null}
                    </span>
                    {computed ? (
                      <span className="provenance provenance-computed" data-testid={`provenance-${field.id}`}>
                        <Calculator aria-hidden="true" />
                        {t('form.computedValue')}
                      </span>
                    ) : (
                      <span
                        className={`provenance provenance-${source}`}
                        data-testid={`provenance-${field.id}`}
                      >
                        {provenanceIcons[source]}
                        {t(`form.source.${source}`)}
                        {locked ? <Lock aria-label={t('form.readOnlyValue')} /> : null}
                      </span>
                    )}
                  </div>
                  {source === 'card' || computed || locked ? (
                    <CardValue field={field} value={value} language={language} />
                  ) : field.type === 'group' ? (
                    <GroupInput
                      field={field}
                      value={value}
                      errors={rowErrorsByGroup.get(field.id) ?? []}
                      showAllErrors={showAllErrors}
                      language={language}
                      onChange={(next) => onChange(field.id, next)}
                    />
                  ) : (
                    <FieldInput
                      field={field}
                      value={value}
                      required={state.required}
                      errorId={errorId}
                      invalid={Boolean(showError)}
                      language={language}
                      onChange={(next) => onChange(field.id, next)}
                    />
                  )}
                  {field.help ? <p className="field-hint">{field.help[language]}</p> : null}
                  <p id={errorId} className="field-error" role={showError ? 'alert' : undefined}>
                    {showError && error ? fieldErrorText(error, language) : ''}
                  </p>
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}

/**
 * Visible scroll buttons for content that must scroll (a long form). They sit outside what they scroll
 * (in the aside), so one tap does not carry them away with the content.
 */
export function ScrollButtons({ target }: { target: () => HTMLElement | null }) {
  const { t } = useTranslation();
  const scroll = (direction: 1 | -1) => {
    const element = target();
    element?.scrollBy({ top: direction * element.clientHeight * 0.7, behavior: 'smooth' });
  };
  return (
    <div className="scroll-buttons">
      <button type="button" className="pager-button" onClick={() => scroll(-1)}>
        <ChevronUp aria-hidden="true" />
        {t('actions.scrollUp')}
      </button>
      <button type="button" className="pager-button" onClick={() => scroll(1)}>
        <ChevronDown aria-hidden="true" />
        {t('actions.scrollDown')}
      </button>
    </div>
  );
}

export function FormScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { state, send } = useApply();
  const ref = useRef<HTMLDivElement>(null);
  const { prepared, values, provenance, showFormErrors, item } = state.context;
  const form = prepared?.form;
  if (!form || !item) return null;
  const errors = formErrors(form, values, prepared.card);
  // An empty field is "not filled in", not "to be changed" (issue 15, defect 4).
  const unfilled = errors.filter(
    (error) => error.fieldId !== null && isEmptyValue(values[error.fieldId]),
  ).length;
  const wrong = errors.length - unfilled;
  const summary =
    errors.length === 0 ? (
      <p className="form-status ok">{t('form.allGood')}</p>
    ) : showFormErrors ? (
      <div className="form-status bad" role="alert" data-testid="form-summary">
        {unfilled > 0 ? <p>{t('form.unfilled', { count: unfilled })}</p> : null}
        {wrong > 0 ? <p>{t('form.fixErrors', { count: wrong })}</p> : null}
      </div>
    ) : null;
  const scrollArea = () => ref.current?.closest<HTMLElement>('.frame-content') ?? null;
  // "Next" with something missing brings the first such field into view and puts the focus on it.
  const next = () => {
    send({ type: 'NEXT' });
    requestAnimationFrame(() => {
      const first = ref.current?.querySelector<HTMLElement>('.form-field.has-error');
      if (!first) return;
      first.scrollIntoView({ block: 'center' });
      first.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true });
    });
  };
  return (
    <Screen
      confirmHome
      screenId="form"
      title={t('form.title')}
      instruction={t('form.instruction')}
      steps={applySteps}
      step="form"
      onBack={() => send({ type: 'BACK' })}
      primary={{ label: t('actions.next'), onPress: next, testId: 'next' }}
      aside={
        <div className="aside-summary">
          <h2 className="sub-heading">{item.name[language]}</h2>
          {form.title[language] !== item.name[language] ? <p>{form.title[language]}</p> : null}
          {summary}
          <ScrollButtons target={scrollArea} />
        </div>
      }
    >
      <AgentSection view={prepared.onBehalf} />
      <div ref={ref}>
        <FormView
          form={form}
          values={values}
          provenance={provenance}
          card={prepared.card}
          showAllErrors={showFormErrors}
          onChange={(fieldId, value) => send({ type: 'SET_VALUE', fieldId, value })}
        />
      </div>
    </Screen>
  );
}
