import { assign, fromPromise, type SnapshotFrom, setup } from 'xstate';
import type { KioskClient, MethodInput, MethodValue } from '../../../host/api/contract';
import type { MaterialPage, Provenance, ReusableMaterial } from '../../../host/api/journey';
import type { Language } from '../../../host/api/kiosk';
import type { MaterialRequirement, ServiceItem } from '../../../sync/protocol/catalogue';
import type { FormValue } from '../../../sync/protocol/forms';
import { materialRequirementsFor, withAddedMaterials } from '../../../sync/protocol/item-materials';
import { problemOf, type ServiceExit, unwrap } from './host-calls';
import { formIsComplete, materialsComplete, visibleFieldIds } from './journey-rules';
import type { TopState } from './top-state';

export type ApplyClient = Pick<KioskClient, 'prepareApplication' | 'getPrinterStatus' | 'submitApplication'>;

export interface MaterialChoice {
  /** The applicant agreed to re-use the archived copy. */
  useArchived: boolean;
  /** What the screen shows of each page the host holds (its id and thumbnail), in order. */
  pages: MaterialPage[];
}

export interface PrinterState {
  ready: boolean;
  state: string;
}

export type Prepared = MethodValue<'prepareApplication'>;
export type Submission = MethodValue<'submitApplication'>;

export interface ApplyContext {
  sessionId: string;
  item: ServiceItem | null;
  prepared: Prepared | null;
  values: Record<string, FormValue>;
  provenance: Record<string, Provenance>;
  showFormErrors: boolean;
  materials: Record<string, MaterialChoice>;
  showMaterialErrors: boolean;
  keepInStore: boolean;
  signature: string | null;
  priority: { disabled: boolean; veteran: boolean; pregnant: boolean };
  printer: PrinterState | null;
  proceedWithoutReceipt: boolean;
  submission: Submission | null;
  /** What went wrong, as a translation key (never personal data). */
  problem: string | null;
  exit: ServiceExit;
}

export type ApplyEvent =
  | { type: 'BACK' }
  | { type: 'RETRY' }
  | { type: 'NEXT' }
  | { type: 'SELECT_ITEM'; item: ServiceItem }
  | { type: 'START_ITEM' }
  | { type: 'SET_VALUE'; fieldId: string; value: FormValue | undefined }
  | { type: 'USE_ARCHIVED'; code: string; use: boolean }
  | { type: 'USE_ALL_ARCHIVED' }
  | { type: 'PAGE_ADDED'; code: string; page: MaterialPage }
  | { type: 'PAGE_REPLACED'; page: MaterialPage }
  | { type: 'PAGE_REMOVED'; pageId: string }
  | { type: 'SET_KEEP_IN_STORE'; keep: boolean }
  | { type: 'SET_SIGNATURE'; dataUrl: string | null }
  | { type: 'SET_PRIORITY'; key: 'disabled' | 'veteran' | 'pregnant'; on: boolean }
  | { type: 'PROCEED_WITHOUT_RECEIPT'; proceed: boolean }
  /** The receipt is printed in the language on screen when the applicant confirms. */
  | { type: 'CONFIRM'; language: Language };

/**
 * Fields an answer has just revealed (the mailing address after 邮寄) take the values the store holds for
 * them, with that provenance, unless the applicant already gave one (issue 13).
 */
function fillRevealedFields(
  prepared: Prepared,
  before: Record<string, FormValue>,
  values: Record<string, FormValue>,
  provenance: Record<string, Provenance>,
): { values: Record<string, FormValue>; provenance: Record<string, Provenance> } {
  const form = prepared.form;
  if (!form || Object.keys(prepared.whenShown).length === 0) return { values, provenance };
  const wasVisible = visibleFieldIds(form, before, prepared.card);
  const nowVisible = visibleFieldIds(form, values, prepared.card);
  for (const [fieldId, known] of Object.entries(prepared.whenShown)) {
    if (!nowVisible.has(fieldId) || wasVisible.has(fieldId) || values[fieldId] !== undefined) continue;
    values[fieldId] = known.value;
    provenance[fieldId] = known.provenance;
  }
  return { values, provenance };
}

/**
 * The documents this application asks for, given the answers so far: the item's list plus those the
 * form's shown file fields collect (the host applies the same rule).
 */
export function materialRequirements(context: ApplyContext): MaterialRequirement[] {
  const requirements = materialRequirementsFor(
    context.item?.materials ?? [],
    context.prepared?.form ?? null,
    context.values,
    context.prepared?.card,
  );
  // 帮办代办 on a typed ID number: the power of attorney the host requires.
  return withAddedMaterials(requirements, context.prepared?.addedMaterials ?? []);
}

/** The materials payload of a submission, from what the applicant chose on the materials screen. */
export function materialsPayload(context: ApplyContext): MethodInput<'submitApplication'>['materials'] {
  const reusable = reusableByCode(context);
  const payload: MethodInput<'submitApplication'>['materials'] = [];
  for (const requirement of materialRequirements(context)) {
    const choice = context.materials[requirement.code];
    if (!choice) continue;
    const archived = choice.useArchived ? (reusable.get(requirement.code)?.sha256 ?? null) : null;
    const pageIds = choice.pages.map((page) => page.pageId);
    if (archived || pageIds.length > 0)
      payload.push({ code: requirement.code, archivedSha256: archived, pageIds });
  }
  return payload;
}

/**
 * Applying for a service item: choose it, fill its form, add its materials, sign, submit, ticket.
 * Started by the session for one open host session; ends by going back to the menu or finishing.
 */
export function createApplyMachine(client: ApplyClient, doneMs: number) {
  return setup({
    types: {
      context: {} as ApplyContext,
      events: {} as ApplyEvent,
      input: {} as { sessionId: string },
      output: {} as ServiceExit,
    },
    delays: { done: () => doneMs },
    actors: {
      prepare: fromPromise(({ input }: { input: { sessionId: string; itemId: string } }) =>
        unwrap(client.prepareApplication(input)),
      ),
      printerStatus: fromPromise(() => unwrap(client.getPrinterStatus({}))),
      submit: fromPromise(({ input }: { input: MethodInput<'submitApplication'> }) =>
        unwrap(client.submitApplication(input)),
      ),
    },
    guards: {
      hasForm: ({ context }) => context.prepared?.form != null,
      formComplete: ({ context }) =>
        formIsComplete(context.prepared?.form ?? null, context.values, context.prepared?.card),
      materialsComplete: ({ context }) =>
        materialsComplete(materialRequirements(context), context.materials, reusableByCode(context)),
      materialsCompleteWhenAllArchived: ({ context }) =>
        materialsComplete(materialRequirements(context), withAllArchived(context), reusableByCode(context)),
      canConfirm: ({ context }) =>
        context.signature !== null &&
        context.printer !== null &&
        (context.printer.ready || context.proceedWithoutReceipt),
    },
  }).createMachine({
    id: 'apply',
    initial: 'choosingItem',
    context: ({ input }) => ({
      sessionId: input.sessionId,
      item: null,
      prepared: null,
      values: {},
      provenance: {},
      showFormErrors: false,
      materials: {},
      showMaterialErrors: false,
      keepInStore: false,
      signature: null,
      priority: { disabled: false, veteran: false, pregnant: false },
      printer: null,
      proceedWithoutReceipt: false,
      submission: null,
      problem: null,
      exit: { to: 'menu' },
    }),
    output: ({ context }) => context.exit,
    // The green channel is asked on the item's screen, before the form (issue 15, part 5), and may be
    // changed on any step until the application is submitted.
    on: {
      SET_PRIORITY: {
        actions: assign({
          priority: ({ context, event }) => ({ ...context.priority, [event.key]: event.on }),
        }),
      },
    },
    states: {
      choosingItem: {
        on: {
          SELECT_ITEM: { target: 'itemDetails', actions: assign({ item: ({ event }) => event.item }) },
          BACK: 'left',
        },
      },
      itemDetails: {
        on: {
          START_ITEM: 'preparing',
          BACK: { target: 'choosingItem', actions: assign({ item: null }) },
        },
      },
      preparing: {
        invoke: {
          src: 'prepare',
          input: ({ context }) => ({ sessionId: context.sessionId, itemId: context.item?.id ?? '' }),
          onDone: {
            target: 'afterPreparing',
            actions: assign(({ context, event }) => {
              // Back to the item's details and "start" again: what the applicant typed and photographed
              // for this item is kept (issue 15, defect 5); another item starts afresh.
              const sameItem = context.prepared?.itemId === event.output.itemId;
              const values: Record<string, FormValue> = { ...event.output.values };
              const provenance: Record<string, Provenance> = { ...event.output.provenance };
              if (sameItem) {
                for (const [fieldId, source] of Object.entries(context.provenance)) {
                  if (source !== 'typed') continue;
                  const typed = context.values[fieldId];
                  if (typed === undefined) delete values[fieldId];
                  else values[fieldId] = typed;
                  provenance[fieldId] = 'typed';
                }
              }
              return {
                prepared: event.output,
                values,
                provenance,
                showFormErrors: false,
                materials: sameItem ? context.materials : {},
                showMaterialErrors: false,
                problem: null,
              };
            }),
          },
          onError: {
            target: 'preparationFailed',
            actions: assign({ problem: ({ event }) => problemOf(event.error) }),
          },
        },
        on: { BACK: 'itemDetails' },
      },
      afterPreparing: {
        always: [{ guard: 'hasForm', target: 'fillingForm' }, { target: 'materials' }],
      },
      preparationFailed: {
        on: { RETRY: 'preparing', BACK: 'itemDetails' },
      },
      fillingForm: {
        on: {
          SET_VALUE: {
            actions: assign(({ context, event }) => {
              const values = { ...context.values };
              if (event.value === undefined) delete values[event.fieldId];
              else values[event.fieldId] = event.value;
              const provenance = { ...context.provenance, [event.fieldId]: 'typed' as const };
              return context.prepared
                ? fillRevealedFields(context.prepared, context.values, values, provenance)
                : { values, provenance };
            }),
          },
          NEXT: [
            { guard: 'formComplete', target: 'materials' },
            { actions: assign({ showFormErrors: true }) },
          ],
          BACK: 'itemDetails',
        },
      },
      materials: {
        on: {
          USE_ARCHIVED: {
            actions: assign({
              materials: ({ context, event }) => ({
                ...context.materials,
                [event.code]: { pages: context.materials[event.code]?.pages ?? [], useArchived: event.use },
              }),
            }),
          },
          USE_ALL_ARCHIVED: [
            {
              guard: 'materialsCompleteWhenAllArchived',
              target: 'review',
              actions: assign({ materials: ({ context }) => withAllArchived(context) }),
            },
            {
              actions: assign({
                materials: ({ context }) => withAllArchived(context),
                showMaterialErrors: true,
              }),
            },
          ],
          PAGE_ADDED: {
            actions: assign({
              materials: ({ context, event }) => ({
                ...context.materials,
                [event.code]: {
                  useArchived: context.materials[event.code]?.useArchived ?? false,
                  pages: [...(context.materials[event.code]?.pages ?? []), event.page],
                },
              }),
            }),
          },
          PAGE_REPLACED: {
            actions: assign({
              materials: ({ context, event }) =>
                mapPages(context.materials, (page) =>
                  page.pageId === event.page.pageId ? event.page : page,
                ),
            }),
          },
          PAGE_REMOVED: {
            actions: assign({
              materials: ({ context, event }) =>
                mapPages(context.materials, (page) => (page.pageId === event.pageId ? null : page)),
            }),
          },
          NEXT: [
            { guard: 'materialsComplete', target: 'review' },
            { actions: assign({ showMaterialErrors: true }) },
          ],
          BACK: [{ guard: 'hasForm', target: 'fillingForm' }, { target: 'itemDetails' }],
        },
      },
      review: {
        initial: 'checkingPrinter',
        entry: assign({ printer: null, proceedWithoutReceipt: false, problem: null }),
        states: {
          checkingPrinter: {
            invoke: {
              src: 'printerStatus',
              onDone: { target: 'signing', actions: assign({ printer: ({ event }) => event.output }) },
              onError: {
                target: 'signing',
                actions: assign({ printer: { ready: false, state: 'offline' } }),
              },
            },
          },
          signing: {
            on: { CONFIRM: { guard: 'canConfirm', target: '#apply.submitting' } },
          },
        },
        on: {
          SET_KEEP_IN_STORE: { actions: assign({ keepInStore: ({ event }) => event.keep }) },
          SET_SIGNATURE: { actions: assign({ signature: ({ event }) => event.dataUrl }) },
          PROCEED_WITHOUT_RECEIPT: {
            actions: assign({ proceedWithoutReceipt: ({ event }) => event.proceed }),
          },
          BACK: { target: 'materials', actions: assign({ signature: null }) },
        },
      },
      submitting: {
        invoke: {
          src: 'submit',
          input: ({ context, event }) => ({
            sessionId: context.sessionId,
            itemId: context.item?.id ?? '',
            values: context.values,
            materials: materialsPayload(context),
            keepInStore: context.keepInStore,
            signatureDataUrl: context.signature ?? '',
            priority: context.priority,
            proceedWithoutReceipt: context.proceedWithoutReceipt,
            language: (event as Extract<ApplyEvent, { type: 'CONFIRM' }>).language,
          }),
          onDone: {
            target: 'ticket',
            actions: assign({ submission: ({ event }) => event.output, signature: null }),
          },
          onError: {
            target: 'submitFailed',
            actions: assign({ problem: ({ event }) => problemOf(event.error) }),
          },
        },
      },
      submitFailed: {
        on: { RETRY: 'review', BACK: 'review' },
      },
      ticket: {
        after: { done: { target: 'left', actions: assign({ exit: { to: 'end', reason: 'finished' } }) } },
      },
      left: { type: 'final' },
    },
  });
}

export type ApplyMachine = ReturnType<typeof createApplyMachine>;
/** What the service shows: its top-level state names. */
export type ApplyState = TopState<SnapshotFrom<ApplyMachine>['value']>;

function reusableByCode(context: ApplyContext): Map<string, ReusableMaterial> {
  return new Map((context.prepared?.reusableMaterials ?? []).map((material) => [material.code, material]));
}

function withAllArchived(context: ApplyContext): Record<string, MaterialChoice> {
  const next = { ...context.materials };
  for (const material of context.prepared?.reusableMaterials ?? []) {
    next[material.code] = { pages: next[material.code]?.pages ?? [], useArchived: true };
  }
  return next;
}

function mapPages(
  materials: Record<string, MaterialChoice>,
  map: (page: MaterialPage) => MaterialPage | null,
): Record<string, MaterialChoice> {
  const next: Record<string, MaterialChoice> = {};
  for (const [code, choice] of Object.entries(materials)) {
    next[code] = {
      useArchived: choice.useArchived,
      pages: choice.pages.map(map).filter((page): page is MaterialPage => page !== null),
    };
  }
  return next;
}
