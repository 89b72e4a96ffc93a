/**
 * An applicant at the real renderer (Playwright), from the card laid to the ticket, for a 一件事 bundle or
 * for one item, with every tap, keystroke and signature stroke counted: shared by the bundle e2e test
 * (tests/e2e/journey-bundle.test.ts) and the tap-count bench (tests/bench/bundle-taps.bench.ts). No
 * vitest here: the bench runs outside it.
 *
 * What is counted is what an applicant does, not what the script does to find out what to do: a field
 * the form flags is answered (taps on choices, the keys of the on-screen keyboard, its 完成), and "next"
 * is counted once per step; a press of "next" that only reveals what is missing is not counted, because an
 * applicant sees the empty fields and the 未提供 documents without it. Paging through a list is counted.
 */
import type { Locator, Page } from 'playwright-core';
import { SeededRandom, sampleIdNumber } from '../../sync/sample-hall';
import { Effort, type EffortCount } from './applicant-effort';

export async function hostCall<T = unknown>(page: Page, method: string, body: unknown = {}): Promise<T> {
  const response = await page.evaluate(
    async ([m, b]) => {
      const reply = await fetch(`/api/call/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      return reply.json();
    },
    [method, body] as const,
  );
  const envelope = response as { status: string; result?: unknown; message?: string };
  if (envelope.status !== 'ok') throw new Error(`${method}: ${envelope.status} ${envelope.message ?? ''}`);
  return envelope.result as T;
}

export async function onScreen(page: Page, id: string, timeout = 30_000): Promise<void> {
  await page.locator(`[data-screen-id="${id}"]`).waitFor({ timeout });
}

async function arrives(page: Page, id: string, timeout = 1500): Promise<boolean> {
  return page
    .locator(`[data-screen-id="${id}"]`)
    .waitFor({ timeout })
    .then(() => true)
    .catch(() => false);
}

export interface CatalogueEntries {
  items: { id: string; common: boolean; departmentId: string; lifeEventIds: string[] }[];
  lifeEvents: { id: string; itemIds: string[] }[];
  departments: { id: string }[];
  bundles: { id: string; itemIds: string[]; name: Record<string, string> }[];
}

export async function catalogueOf(page: Page): Promise<CatalogueEntries> {
  const answer = await hostCall<{ ok: boolean; value: CatalogueEntries }>(page, 'getCatalogue');
  if (!answer.ok) throw new Error('no catalogue');
  return answer.value;
}

/** Turns the pages of the list `pager` belongs to until `target` shows (each turn a tap). */
async function pageTo(count: Effort, list: Locator, target: Locator): Promise<void> {
  for (let turn = 0; (await target.count()) === 0; turn++) {
    if (turn > 40) throw new Error('never found on any page');
    await count.tap(list.getByTestId('next-page'));
  }
}

/** Menu -> 我要办事 -> the choose screen. */
async function toChooseItem(page: Page, count: Effort): Promise<void> {
  await count.tap(page.locator('[data-service="apply"]'));
  await onScreen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
}

/** 按场景 -> the bundle's card -> 办理整件事 -> its details -> 开始办理. */
export async function openBundle(page: Page, count: Effort, bundleId: string): Promise<void> {
  await toChooseItem(page, count);
  await count.tap(page.locator('[data-tab="lifeEvent"]'));
  const choices = page.locator('.bundle-choices');
  await choices.waitFor();
  await pageTo(count, choices, choices.locator(`[data-bundle-id="${bundleId}"]`));
  await count.tap(choices.locator(`[data-bundle-id="${bundleId}"] [data-testid="start-bundle"]`));
  await onScreen(page, 'item-details');
  await count.tap(page.getByTestId('start-item'));
}

/**
 * The shortest way an applicant finds an item: the common list if it is there, else its life event,
 * else its department; then 开始办理.
 */
export async function openItem(
  page: Page,
  count: Effort,
  catalogue: CatalogueEntries,
  itemId: string,
): Promise<void> {
  const item = catalogue.items.find((entry) => entry.id === itemId);
  if (!item) throw new Error(`item ${itemId} is not offered`);
  await toChooseItem(page, count);
  const target = page.locator(`[data-item-id="${itemId}"]`);
  const itemList = page.locator('.paged:has([data-item-id])');
  const hasCommon = catalogue.items.some((entry) => entry.common);
  if (item.common || !hasCommon) {
    await pageTo(count, itemList, target);
  } else if (item.lifeEventIds.length > 0) {
    await count.tap(page.locator('[data-tab="lifeEvent"]'));
    const events = page.locator('.paged:has([data-life-event-id])');
    const event = events.locator(`[data-life-event-id="${item.lifeEventIds[0]}"]`);
    await events.waitFor();
    await pageTo(count, events, event);
    await count.tap(event);
    await pageTo(count, itemList, target);
  } else {
    await count.tap(page.locator('[data-tab="department"]'));
    const departments = page.locator('.paged:has([data-department-id])');
    const department = departments.locator(`[data-department-id="${item.departmentId}"]`);
    await departments.waitFor();
    await pageTo(count, departments, department);
    await count.tap(department);
    await pageTo(count, itemList, target);
  }
  await count.tap(target);
  await onScreen(page, 'item-details');
  await count.tap(page.getByTestId('start-item'));
}

/** A valid ID number of someone else (no X: the keypad's X is one more key). */
function anotherIdNumber(): string {
  for (let seed = 1; ; seed++) {
    const idNumber = sampleIdNumber(new SeededRandom(seed), '1950-03-08', 'male');
    if (!idNumber.endsWith('X')) return idNumber;
  }
}

/**
 * What the applicant types, by field and by the keyboard it opens (a later try when a check refused the
 * first one). Application facts of the sample bundles' forms have answers of their own shape.
 */
async function answerText(
  page: Page,
  count: Effort,
  fieldId: string,
  kind: string,
  attempt: number,
): Promise<void> {
  const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const keyboardMode = (mode: string) => count.tap(page.locator(`[data-keyboard-mode="${mode}"]`));
  if (fieldId === 'birthCertificateNumber') {
    // A letter and nine digits (M123456789).
    await count.tap(page.locator('.hg-button[data-skbtn="{shift}"]').first());
    await count.type('M');
    await keyboardMode('digits');
    await count.type('123456789');
  } else if (fieldId === 'businessName') {
    // A trading name ends in 店, 行, 馆 ...
    await count.typeChinese('nananshi', '南安市');
    await count.typeChinese('dian', '店');
  } else if (kind === 'chinese') {
    if (attempt === 0) {
      await count.typeChinese('lin', '林');
      await count.typeChinese('ming', '明');
    } else {
      await count.typeChinese('nananshi', '南安市');
      await count.typeChinese('ximeijiedao', '溪美街道');
    }
  } else if (kind === 'idNumber') await count.type(anotherIdNumber());
  else if (kind === 'phone') await count.type('13800138000');
  else if (kind === 'date') await count.type(attempt === 0 ? today : attempt === 1 ? '20300101' : '20000101');
  else if (kind === 'number') await count.type(attempt === 0 ? '1' : '1500');
  else if (kind === 'digits') await count.type('123456789012');
  else await count.type(attempt === 0 ? 'abc' : 'abcdefgh');
}

/**
 * Answers what the form still asks, field by field, until the materials step: a choice is tapped, a box
 * ticked, a text typed on the keyboard the field opens. Returns the ids of the fields answered.
 */
export async function completeForm(page: Page, count: Effort): Promise<string[]> {
  const answered: string[] = [];
  const attempts = new Map<string, { tries: number; spent: EffortCount }>();
  for (let round = 0; round < 60; round++) {
    // "Next" to learn what is missing: not the applicant's tap (see the file's comment).
    await page.getByTestId('next').click();
    if (await arrives(page, 'materials')) {
      count.taps++;
      return answered;
    }
    const field = page.locator('.form-field.has-error').first();
    const fieldId = (await field.getAttribute('data-field')) ?? '';
    const before = count.snapshot();
    const known = attempts.get(fieldId);
    if (known) {
      // A value the field refused: the applicant would have typed the one it takes, so the refused
      // try is not counted.
      count.taps -= known.spent.taps;
      count.keystrokes -= known.spent.keystrokes;
    } else answered.push(fieldId);
    const tries = known ? known.tries + 1 : 0;
    if (tries > 3) throw new Error(`the form refuses every answer to ${fieldId}`);
    const options = field.locator('[data-option]');
    if ((await options.count()) > 0) {
      await count.tap(options.nth(Math.min(tries, (await options.count()) - 1)));
    } else if ((await field.locator('.check-button').count()) > 0) {
      await count.tap(field.locator('.check-button'));
    } else {
      await count.tap(field.locator('.text-input'));
      const keyboard = page.getByTestId('keyboard');
      await page.getByTestId('keyboard-done').waitFor();
      if (tries > 0) {
        // Clear the refused answer (not counted with it: see above).
        const value = await field.locator('.text-input').inputValue();
        for (let index = 0; index < value.length; index++)
          await page.locator('.hg-button[data-skbtn="{bksp}"]').first().click();
      }
      await answerText(page, count, fieldId, (await keyboard.getAttribute('data-kind')) ?? '', tries);
      await count.tap(page.getByTestId('keyboard-done'));
    }
    const after = count.snapshot();
    attempts.set(fieldId, {
      tries,
      spent: { taps: after.taps - before.taps, keystrokes: after.keystrokes - before.keystrokes, strokes: 0 },
    });
  }
  throw new Error('the form did not complete');
}

/** Photographs every document still missing with the fake camera, then on to the review. */
export async function supplyMaterials(page: Page, count: Effort): Promise<number> {
  let photographed = 0;
  for (let guard = 0; guard < 16; guard++) {
    await page.getByTestId('next').or(page.getByTestId('use-all-archived')).first().click();
    if (await arrives(page, 'review')) {
      count.taps++;
      return photographed;
    }
    const missing = page.locator('.material-card.is-missing').first();
    const cards = page.locator('.paged:has(.material-card)');
    for (let turn = 0; (await missing.count()) === 0 && turn < 8; turn++)
      await count.tap(cards.getByTestId('next-page'));
    await count.tap(missing.locator('[data-testid^="capture-"]'));
    await onScreen(page, 'camera');
    await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await count.tap(page.getByTestId('take-photo'));
    await onScreen(page, 'materials');
    photographed++;
  }
  throw new Error('the materials step did not complete');
}

/** Signs once and confirms; returns the case number and ticket number the ticket screen shows. */
export async function signAndConfirm(
  page: Page,
  count: Effort,
): Promise<{ caseNumber: string; ticketNumber: string }> {
  await page.getByTestId('confirm').waitFor();
  await count.sign();
  await count.tap(page.getByTestId('confirm'));
  await onScreen(page, 'ticket');
  const caseNumber = (await page.getByTestId('case-number').getAttribute('data-case-number')) ?? '';
  const ticketNumber = (await page.getByTestId('ticket-number').textContent()) ?? '';
  return { caseNumber, ticketNumber };
}

/** 完成, the card taken back, the attract screen again. Not counted: after the ticket. */
export async function finishVisit(page: Page): Promise<void> {
  await page.getByTestId('finish').click();
  await onScreen(page, 'take-card');
  await hostCall(page, 'demoRemoveCard');
  await onScreen(page, 'attract');
  // Let the simulated reader's poll see the card gone before the next visit lays it down again.
  await page.waitForTimeout(700);
}

export async function layCard(page: Page, cardId: string): Promise<void> {
  const placed = await hostCall<{ ok: boolean }>(page, 'demoPlaceCard', { cardId });
  if (!placed.ok) throw new Error(`card ${cardId} could not be laid`);
  await onScreen(page, 'menu');
}

export interface VisitOutcome {
  effort: EffortCount;
  caseNumber: string;
  ticketNumber: string;
  photographed: number;
  answered: string[];
}

/** One visit: the card laid, the bundle (or item) applied for, the ticket; the card taken back. */
export async function visit(
  page: Page,
  cardId: string,
  open: (count: Effort) => Promise<void>,
): Promise<VisitOutcome> {
  const count = new Effort(page);
  await layCard(page, cardId);
  await open(count);
  await page
    .locator('[data-screen-id="form"], [data-screen-id="materials"]')
    .first()
    .waitFor({ timeout: 30_000 });
  const answered =
    (await page.locator('[data-screen-id="form"]').count()) > 0 ? await completeForm(page, count) : [];
  const photographed = await supplyMaterials(page, count);
  const { caseNumber, ticketNumber } = await signAndConfirm(page, count);
  return { effort: count.snapshot(), caseNumber, ticketNumber, photographed, answered };
}
